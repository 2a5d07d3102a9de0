package dev.symbolic.sourcemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.sourcemap.JsScope.NamePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsScopesTest {

  static List<String> names(String src) {
    List<String> out = new ArrayList<>();
    for (JsScope s : JsScopes.find(src)) {
      out.add(s.name().orElse(null));
    }
    return out;
  }

  static List<String> ranges(String src) {
    List<String> out = new ArrayList<>();
    for (JsScope s : JsScopes.find(src)) {
      out.add(s.start() + ".." + s.end() + " " + s.name().orElse(null));
    }
    return out;
  }

  // The js-source-scopes test cases (same sources, same ranges and names).

  @Test
  void namedFunctions() {
    String src = "\n        function fn_decl() {\n            return function fn_expr() {};\n"
        + "        }\n        ";
    assertThat(ranges(src)).containsExactly("9..81 fn_decl", "49..70 fn_expr");
  }

  @Test
  void namedClasses() {
    String src = "\n        class class_decl {\n            constructor() {\n"
        + "                return class class_expr {};\n            }\n        }\n        ";
    assertThat(ranges(src)).containsExactly("9..123 new class_decl", "79..98 new class_expr");
  }

  @Test
  void inferFromDeclaration() {
    String src = "\n        var anon_fn = function () {};\n        let anon_class = class {};\n"
        + "        const arrow = () => {};\n        ";
    assertThat(ranges(src))
        .containsExactly("23..37 anon_fn", "64..72 new anon_class", "96..104 arrow");
  }

  @Test
  void inferFromAssignment() {
    String src = "\n        assigned_fn = function () {};\n"
        + "        deep.assigned.klass = class {};\n        ";
    assertThat(ranges(src))
        .containsExactly("23..37 assigned_fn", "69..77 new deep.assigned.klass");
  }

  @Test
  void objectLiteral() {
    String src = "\n        const obj_literal = {\n"
        + "            named_prop: function named_fun() {},\n"
        + "            anon_prop: function () {},\n"
        + "            arrow_prop: () => {},\n"
        + "            method_prop() {},\n        };\n        ";
    assertThat(names(src)).containsExactly("obj_literal.named_fun", "obj_literal.anon_prop",
        "obj_literal.arrow_prop", "obj_literal.method_prop");
    assertThat(ranges(src).get(3)).startsWith("165..181 ");
  }

  @Test
  void classMethods() {
    String src = "\n        class class_decl {\n            static static_method() {}\n"
        + "            class_method() {}\n            #private_method() {}\n        }\n        ";
    assertThat(ranges(src)).containsExactly("9..138 new class_decl",
        "40..65 class_decl.static_method", "78..95 class_decl.class_method",
        "108..128 class_decl.#private_method");
  }

  @Test
  void gettersAndSetters() {
    assertThat(names("class A {\n get foo() {}\n set foo(x) {}\n}"))
        .containsExactly("new A", "get A.foo", "set A.foo");
    assertThat(names("a = {\n get foo() {},\n set foo(x) {}\n}"))
        .containsExactly("get a.foo", "set a.foo");
    assertThat(names("({get foo(){}})")).containsExactly("get foo");
    // `get`/`set` as ordinary keys and methods
    assertThat(names("o={get:function(){},set(){}}")).containsExactly("o.get", "o.set");
  }

  @Test
  void weirdProperties() {
    assertThat(names("a = {\n [\"foo\" + 123]() {},\n 1.7() {},\n \"bar\"() {},\n 1n() {}\n}"))
        .containsExactly("a.<computed>", "a.<1.7>", "a.<\"bar\">", "a.<1n>");
  }

  @Test
  void namedClassExpression() {
    assertThat(names("a = class B {\n foo() {}\n get bar() {}\n}"))
        .containsExactly("new a.B", "a.B.foo", "get a.B.bar");
  }

  @Test
  void anonymousObjectLiteral() {
    String src = "({\n named_prop: function named_fun() {},\n anon_prop: function () {},\n"
        + " arrow_prop: () => {},\n method_prop() {},\n});";
    assertThat(names(src)).containsExactly("<object>.named_fun", "<object>.anon_prop",
        "<object>.arrow_prop", "<object>.method_prop");
  }

  @Test
  void anonymousFunctions() {
    assertThat(names("(function () {\n return () => {};\n})()")).containsExactly(null, null);
    assertThat(names("!function(e){e(function(){})}(x)")).containsExactly(null, null);
  }

  @Test
  void nestedIifeObjects() {
    String src = "(function () {})({\n children: (function () {})({\n"
        + "  children: (function () {})({\n   onSubmitError () {\n"
        + "    throw new Error('wat')\n   }\n  })\n })\n})";
    assertThat(names(src)).containsExactly(null, "<object>.children",
        "<object>.children.children", "<object>.children.children.onSubmitError");
  }

  @Test
  void computedMemberAssignments() {
    String src = "Klass.prototype[42] = () => {}\nKlass.prototype[\"method\"] = () => {}\n"
        + "Klass.prototype[method] = () => {}\nKlass.prototype[1 + 1] = () => {};";
    assertThat(names(src)).containsExactly("Klass.prototype[42]", "Klass.prototype[\"method\"]",
        "Klass.prototype[method]", "Klass.prototype[<computed>]");
  }

  // Further rules.

  @Test
  void minifiedAssignments() {
    assertThat(names("a.b.c=function(){}")).containsExactly("a.b.c");
    assertThat(names("this.x=()=>1")).containsExactly("this.x");
    assertThat(names("var a=function(){},b=function(){};")).containsExactly("a", "b");
    assertThat(names("a=b=function(){}")).containsExactly("b");
    assertThat(names("a=1,function(){}")).containsExactly((String) null);
    assertThat(names("a.b=(0,function(){})")).containsExactly("a.b");
    assertThat(names("x=foo(function(){})")).containsExactly("x"); // js-source-scopes behaviour
    assertThat(names("foo().x=function(){}")).containsExactly((String) null);
    assertThat(names("[a,b]=[function(){},1]")).containsExactly((String) null);
    assertThat(names("a||=function(){}")).containsExactly("a");
    assertThat(names("e.exports={render:function(){}}")).containsExactly("e.exports.render");
    assertThat(names("a={b:{c:function(){}}}")).containsExactly("a.b.c");
    assertThat(names("var a=x?function(){}:null")).containsExactly("a");
    assertThat(names("a=`${function(){}}`")).containsExactly("a");
    assertThat(names("a.default=function(){}")).containsExactly("a.default");
  }

  @Test
  void functionBoundaries() {
    // a function inside a function body is not named by the outer assignment
    assertThat(names("a=function(){return function(){}}")).containsExactly("a", null);
    // an arrow expression body is a boundary too
    assertThat(names("x=a=>function(){}")).containsExactly("x", null);
    assertThat(names("x=a=>b=>c")).containsExactly("x", null);
    assertThat(names("x=a=>y=function(){}")).containsExactly("x", "y");
    // parameters
    assertThat(names("function f(a=function(){}){}")).containsExactly("f", null);
    // a declaration after ASI is not named by the previous statement
    assertThat(names("a.b=1\nfunction foo(){}")).containsExactly("foo");
    // after the arrow body ended, the next sibling is named again
    assertThat(names("o={a:x=>1,b:function(){}}")).containsExactly("o.a", "o.b");
  }

  @Test
  void asyncAndGenerators() {
    assertThat(ranges("x=async function(){}")).containsExactly("2..20 x");
    assertThat(ranges("x=async()=>1")).containsExactly("2..12 x");
    assertThat(ranges("x=async y=>y")).containsExactly("2..12 x");
    assertThat(names("function*g(){}")).containsExactly("g");
    assertThat(names("o={async*m(){},*n(){},async p(){}}")).containsExactly("o.m", "o.n", "o.p");
    assertThat(names("class A{static async*m(){}}")).containsExactly("new A", "A.m");
    assertThat(names("x=async(a)")).isEmpty();
  }

  @Test
  void classDetails() {
    assertThat(names("class A extends B{constructor(){super();this.x=()=>1}}"))
        .containsExactly("new A", "this.x");
    assertThat(names("class A{static{this.x=function(){}}m(){}}"))
        .containsExactly("new A", "this.x", "A.m");
    assertThat(names("class A{a=1;b=()=>{};static c=function(){};#d=()=>2;e(){}}"))
        .containsExactly("new A", "A.b", "A.c", "A.#d", "A.e");
    assertThat(names("x=class extends(function(){}){m(){}}"))
        .containsExactly("new x", "x", "x.m");
    assertThat(names("export default class{m(){}}")).containsExactly(null, "m");
    assertThat(names("class A{'s'(){} 2(){} [k](){} get [k](){}}"))
        .containsExactly("new A", "A.<\"s\">", "A.<2>", "A.<computed>", "get A.<computed>");
  }

  @Test
  void bodyEndsAndNesting() {
    String src = "function a(){var b=function(){if(x){}return{c:function(){}}}}";
    List<JsScope> scopes = JsScopes.find(src);
    assertThat(scopes).hasSize(3);
    assertThat(scopes.get(0).end()).isEqualTo(src.length());
    assertThat(scopes.get(1).name()).contains("b");
    assertThat(scopes.get(2).name()).contains("<object>.c");
    assertThat(scopes.get(1).end()).isEqualTo(src.length() - 1);
    // arrow expression body ends at the comma / closing paren
    String arrows = "f(a=>a+g(1,2),b=>({x:1}),c=>d?e:f)";
    assertThat(ranges(arrows)).containsExactly("2..13 null", "14..24 null", "25..33 null");
  }

  @Test
  void nameTokens() {
    String src = "x;\nfoo.bar.baz=function(){}";
    JsScope s = JsScopes.find(src).get(0);
    assertThat(s.name()).contains("foo.bar.baz");
    List<NamePart> tokens = s.nameTokens();
    assertThat(tokens).extracting(NamePart::text).containsExactly("foo", "bar", "baz");
    assertThat(tokens).extracting(NamePart::line).containsOnly(1);
    assertThat(tokens).extracting(NamePart::column).containsExactly(0, 4, 8);
    assertThat(s.nameToken()).map(NamePart::column).contains(8);
    assertThat(s.nameToken().get().endColumn()).isEqualTo(11);
    JsScope priv = JsScopes.find("class A{#m(){}}").get(1);
    assertThat(priv.name()).contains("A.#m");
    assertThat(priv.nameToken().get().text()).isEqualTo("m");
    assertThat(priv.nameToken().get().column()).isEqualTo(8);
    JsScope escaped = JsScopes.find("function \\u0061b(){}").get(0);
    assertThat(escaped.name()).contains("ab");
    assertThat(escaped.nameToken().get().length()).isEqualTo(7);
    assertThat(JsScopes.find("(function(){})").get(0).nameToken()).isEmpty();
  }

  @Test
  void innermostLookup() {
    String src = "function a(){\n  var b = () => {\n    c();\n  };\n  d();\n}\ne();";
    List<JsScope> scopes = JsScopes.find(src);
    assertThat(JsScopes.innermost(scopes, 2, 4)).map(s -> s.name().orElse("")).contains("b");
    assertThat(JsScopes.innermost(scopes, 4, 2)).map(s -> s.name().orElse("")).contains("a");
    assertThat(JsScopes.innermost(scopes, 6, 0)).isEmpty();
    assertThat(JsScopes.innermost(scopes, 0, 0)).map(s -> s.name().orElse("")).contains("a");
    // same answers from a plain list (generic path)
    List<JsScope> copy = new ArrayList<>(scopes);
    for (int line = 0; line < 7; line++) {
      for (int col = 0; col < 12; col++) {
        Optional<JsScope> fast = JsScopes.innermost(scopes, line, col);
        assertThat(JsScopes.innermost(copy, line, col)).isEqualTo(fast);
      }
    }
    assertThat(JsScopes.innermost(List.of(), 0, 0)).isEmpty();
  }

  @Test
  void siblingsInnermost() {
    StringBuilder sb = new StringBuilder("!function(){");
    for (int i = 0; i < 100; i++) {
      sb.append("function f").append(i).append("(){var x=()=>1}");
    }
    sb.append("z()}()");
    List<JsScope> scopes = JsScopes.find(sb.toString());
    assertThat(scopes).hasSize(201);
    int zcol = sb.indexOf("z()");
    assertThat(JsScopes.innermost(scopes, 0, zcol)).map(JsScope::start).contains(1);
    int f50 = sb.indexOf("f50");
    assertThat(JsScopes.innermost(scopes, 0, f50)).flatMap(JsScope::name).contains("f50");
  }

  @Test
  void positionsOnLaterLines() {
    String src = "a;\r\nb;\u2028 x=function(){}";
    JsScope s = JsScopes.find(src).get(0);
    assertThat(s.startLine()).isEqualTo(2);
    assertThat(s.startColumn()).isEqualTo(3);
    assertThat(s.endLine()).isEqualTo(2);
    assertThat(s.endColumn()).isEqualTo(src.length() - src.indexOf(' '));
  }
}
