package dev.symbolic.sourcemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.sourcemap.JsTokenizer.Kind;
import dev.symbolic.sourcemap.JsTokenizer.Tokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsTokenizerTest {

  static List<String> toks(String src) {
    Tokens t = JsTokenizer.tokenize(src);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.count(); i++) {
      out.add(abbrev(t.kind(i)) + ":" + t.text(i));
    }
    return out;
  }

  static String abbrev(Kind k) {
    switch (k) {
      case IDENTIFIER: return "id";
      case KEYWORD: return "kw";
      case PRIVATE_NAME: return "priv";
      case NUMBER: return "num";
      case STRING: return "str";
      case TEMPLATE: return "tpl";
      case REGEX: return "re";
      case PUNCTUATOR: return "p";
      default: return "bad";
    }
  }

  @Test
  void basicTokens() {
    assertThat(toks("var a = b + 1;"))
        .containsExactly("kw:var", "id:a", "p:=", "id:b", "p:+", "num:1", "p:;");
    assertThat(toks("a>>>=b?.c??d...e=>f"))
        .containsExactly("id:a", "p:>>>=", "id:b", "p:?.", "id:c", "p:??", "id:d", "p:...",
            "id:e", "p:=>", "id:f");
    assertThat(toks("a?.5:1")).containsExactly("id:a", "p:?", "num:.5", "p::", "num:1");
  }

  @Test
  void regexVersusDivision() {
    assertThat(toks("a / b / c")).containsExactly("id:a", "p:/", "id:b", "p:/", "id:c");
    assertThat(toks("x = /ab+c/gi.test(y)"))
        .containsExactly("id:x", "p:=", "re:/ab+c/gi", "p:.", "id:test", "p:(", "id:y", "p:)");
    assertThat(toks("(a)/2")).containsExactly("p:(", "id:a", "p:)", "p:/", "num:2");
    assertThat(toks("a[0]/2")).contains("p:/");
    assertThat(toks("return /x/")).containsExactly("kw:return", "re:/x/");
    assertThat(toks("typeof /x/")).containsExactly("kw:typeof", "re:/x/");
    assertThat(toks("case /x/:")).containsExactly("kw:case", "re:/x/", "p::");
    assertThat(toks("this/2")).containsExactly("kw:this", "p:/", "num:2");
    assertThat(toks("a.return/2")).containsExactly("id:a", "p:.", "kw:return", "p:/", "num:2");
    assertThat(toks("if(a)/b/.test(c)")).contains("re:/b/");
    assertThat(toks("while(a)/b/g.exec(c)")).contains("re:/b/g");
    assertThat(toks("f(a)/b/c")).containsExactly("id:f", "p:(", "id:a", "p:)", "p:/", "id:b",
        "p:/", "id:c");
    assertThat(toks("'s'/2")).containsExactly("str:'s'", "p:/", "num:2");
    assertThat(toks("1/2/3")).containsExactly("num:1", "p:/", "num:2", "p:/", "num:3");
    assertThat(toks("a++/2")).containsExactly("id:a", "p:++", "p:/", "num:2");
    assertThat(toks("x=a?/b/:/c/")).contains("re:/b/", "re:/c/");
    assertThat(toks("[/a/,/b/]")).contains("re:/a/", "re:/b/");
    // a class range may contain '/'
    assertThat(toks("x=/[/]+/.source")).contains("re:/[/]+/");
    assertThat(toks("x=/a\\/b/")).contains("re:/a\\/b/");
    // `of` in a for head precedes a regex; elsewhere it is an identifier
    assertThat(toks("for(const m of /x/g[Symbol.matchAll](s));")).contains("re:/x/g");
    assertThat(toks("of/2")).containsExactly("id:of", "p:/", "num:2");
    // `/=` operator
    assertThat(toks("a/=2")).containsExactly("id:a", "p:/=", "num:2");
    // unterminated regex falls back to division
    assertThat(toks("=/abc\nd")).containsExactly("p:=", "p:/", "id:abc", "id:d");
  }

  @Test
  void bracesBlockVersusObject() {
    // a block's closing brace is followed by a regex ...
    assertThat(toks("if(a){}/x/.test(b)")).contains("re:/x/");
    assertThat(toks("function f(){}\n/x/.test(b)")).contains("re:/x/");
    // ... an object literal's by a division
    assertThat(toks("x={}/2")).containsExactly("id:x", "p:=", "p:{", "p:}", "p:/", "num:2");
    assertThat(toks("x=a?{}/1:2")).contains("p:/");
    assertThat(toks("x=({a:{}}/2)")).contains("p:/");
    // the brace flag
    Tokens t = JsTokenizer.tokenize("a={b:1};if(c){d}");
    assertThat(t.flags(2) & JsTokenizer.FLAG_BRACE_EXPRESSION).isNotZero();
    int blockBrace = -1;
    for (int i = 0; i < t.count(); i++) {
      if (t.is(i, '{') && i > 2) {
        blockBrace = i;
      }
    }
    assertThat(t.flags(blockBrace) & JsTokenizer.FLAG_BRACE_EXPRESSION).isZero();
  }

  @Test
  void templates() {
    assertThat(toks("`a${b}c`")).containsExactly("tpl:`a${", "id:b", "tpl:}c`");
    assertThat(toks("`a${ {x:1}.x }b${c}d`"))
        .containsExactly("tpl:`a${", "p:{", "id:x", "p::", "num:1", "p:}", "p:.", "id:x",
            "tpl:}b${", "id:c", "tpl:}d`");
    // nested templates and regex inside substitutions
    assertThat(toks("`${`${/}/.test(a)}`}`"))
        .containsExactly("tpl:`${", "tpl:`${", "re:/}/", "p:.", "id:test", "p:(", "id:a", "p:)",
            "tpl:}`", "tpl:}`");
    assertThat(toks("`a\\`b\\${c}`")).containsExactly("tpl:`a\\`b\\${c}`");
    assertThat(toks("`x${a}`/2")).containsExactly("tpl:`x${", "id:a", "tpl:}`", "p:/", "num:2");
    assertThat(toks("`multi\nline`+1")).containsExactly("tpl:`multi\nline`", "p:+", "num:1");
    // function with braces in a substitution
    assertThat(toks("`${function(){return 1}()}`")).endsWith("tpl:}`");
  }

  @Test
  void stringsAndComments() {
    assertThat(toks("'a\\'b' \"c\\\"d\"")).containsExactly("str:'a\\'b'", "str:\"c\\\"d\"");
    assertThat(toks("'line\\\ncontinued'+1")).containsExactly("str:'line\\\ncontinued'", "p:+",
        "num:1");
    assertThat(toks("'crlf\\\r\ncont'")).containsExactly("str:'crlf\\\r\ncont'");
    assertThat(toks("a/* x */b")).containsExactly("id:a", "id:b");
    assertThat(toks("a/* '*'/ \" */b")).containsExactly("id:a", "id:b");
    assertThat(toks("a// comment */ x\nb")).containsExactly("id:a", "id:b");
    assertThat(toks("'/* not a comment */'")).containsExactly("str:'/* not a comment */'");
    assertThat(toks("a=1<!--b\nc")).containsExactly("id:a", "p:=", "num:1", "id:c");
    assertThat(toks("a\n-->comment\nb")).containsExactly("id:a", "id:b");
    assertThat(toks("#!/usr/bin/env node\nx")).containsExactly("id:x");
    // unterminated string ends at the line end
    assertThat(toks("'abc\nd")).containsExactly("str:'abc", "id:d");
    assertThat(toks("a/*unterminated")).containsExactly("id:a");
  }

  @Test
  void numbers() {
    assertThat(toks("0x1F 0o17 0b101 1_000_000 1.5e-3 10n .5 1..toString 0XABn"))
        .containsExactly("num:0x1F", "num:0o17", "num:0b101", "num:1_000_000", "num:1.5e-3",
            "num:10n", "num:.5", "num:1.", "p:.", "id:toString", "num:0XABn");
  }

  @Test
  void identifiers() {
    assertThat(toks("café π $x _y ℮z")).containsExactly("id:café", "id:π", "id:$x", "id:_y",
        "id:℮z");
    assertThat(toks("\\u0061b = \\u{62}")).containsExactly("id:\\u0061b", "p:=", "id:\\u{62}");
    Tokens t = JsTokenizer.tokenize("\\u0061b + x\\u{1F600}y");
    assertThat(t.value(0)).isEqualTo("ab");
    assertThat(t.flags(0) & JsTokenizer.FLAG_ESCAPED).isNotZero();
    // astral identifier characters (U+1D49C MATHEMATICAL SCRIPT CAPITAL A)
    assertThat(toks("\uD835\uDC9C=1")).containsExactly("id:\uD835\uDC9C", "p:=", "num:1");
    assertThat(toks("a\u200Cb")).containsExactly("id:a\u200Cb");
    assertThat(toks("class A{#x=1;#m(){this.#x}}"))
        .contains("priv:#x", "priv:#m", "p:.", "priv:#x");
    assertThat(toks("let of async get set static yield await"))
        .allMatch(s -> s.startsWith("id:"));
    assertThat(toks("this super null true false typeof")).allMatch(s -> s.startsWith("kw:"));
  }

  @Test
  void asiAndNewlineFlag() {
    Tokens t = JsTokenizer.tokenize("a\nb\r\nc\u2028d");
    assertThat(t.newlineBefore(0)).isFalse();
    assertThat(t.newlineBefore(1)).isTrue();
    assertThat(t.line(1)).isEqualTo(1);
    assertThat(t.line(2)).isEqualTo(2);
    assertThat(t.line(3)).isEqualTo(3);
    assertThat(t.column(3)).isZero();
    // `a \n /re/` is a division in JavaScript (no ASI), tokenized so
    assertThat(toks("a\n/b/g")).containsExactly("id:a", "p:/", "id:b", "p:/", "id:g");
    // return + newline + brace: a block
    Tokens r = JsTokenizer.tokenize("return\n{a:1}");
    assertThat(r.flags(1) & JsTokenizer.FLAG_BRACE_EXPRESSION).isZero();
  }

  @Test
  void positions() {
    Tokens t = JsTokenizer.tokenize("ab\r\n  cd\rx\u2029 yz");
    assertThat(t.line(0)).isZero();
    assertThat(t.line(1)).isEqualTo(1);
    assertThat(t.column(1)).isEqualTo(2);
    assertThat(t.line(2)).isEqualTo(2);
    assertThat(t.line(3)).isEqualTo(3);
    assertThat(t.column(3)).isEqualTo(1);
  }

  @Test
  void lineIndex() {
    String s = "a\nbc\r\ndef\rg\u2028h\u2029";
    JsLineIndex idx = JsLineIndex.of(s);
    assertThat(idx.lineCount()).isEqualTo(6);
    assertThat(idx.lineStart(1)).isEqualTo(2);
    assertThat(idx.lineStart(2)).isEqualTo(6);
    assertThat(idx.lineEnd(1, s)).isEqualTo(4);
    assertThat(idx.line(5)).isEqualTo(1);
    assertThat(idx.column(5)).isEqualTo(3);
    assertThat(idx.offset(2, 1)).isEqualTo(7);
    assertThat(idx.offset(9, 0)).isEqualTo(-1);
    for (int off = 0; off <= s.length(); off++) {
      assertThat(idx.offset(idx.line(off), idx.column(off))).isEqualTo(off);
    }
    assertThat(JsLineIndex.of("").lineCount()).isEqualTo(1);
  }

  @Test
  void malformedInputTerminates() {
    for (String s : new String[] {"}", ")))", "`${", "`${}", "/", "\\", "\\u", "\\u{", "#",
        "'", "\"\\", "/*", "a/[", "0x", "1e", "@@", "\uD800", "}}}`", "`${`${`${"}) {
      Tokens t = JsTokenizer.tokenize(s);
      for (int i = 0; i < t.count(); i++) {
        assertThat(t.end(i)).isGreaterThan(t.start(i)).isLessThanOrEqualTo(s.length());
      }
    }
  }
}
