package dev.symbolic.minidump;

import dev.symbolic.common.CpuFamily;
import dev.symbolic.debuginfo.BreakpadCfi;
import dev.symbolic.debuginfo.BreakpadCfiDelta;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The {@code STACK CFI} rules in effect at one address, and how they recover the caller's
 * registers, as Breakpad's {@code CFIFrameInfo} does.
 *
 * <p>A rule set is a sequence of {@code name: expression} pairs, for example {@code .cfa: $esp 4
 * + .ra: .cfa -4 + ^ $ebp: .cfa -8 + ^}: a token ending with {@code :} names a register or pseudo
 * register, and the tokens up to the next name form its {@link PostfixEvaluator postfix}
 * expression. A later rule for the same register replaces an earlier one. Register names are
 * compared without a leading {@code $}, as in {@link CfiRegisters}.
 */
public final class CfiRules {
  /**
   * The most registers other than {@code .cfa} and {@code .ra} a rule set may have rules for;
   * real CPUs have fewer than a hundred, and the cap keeps hostile rule sets linear.
   */
  public static final int MAX_REGISTER_RULES = 256;

  private final String cfaRule;
  private final String raRule;
  // Register rules in first-definition order; parallel arrays, replaced in place on redefinition.
  private final String[] names;
  private final String[] expressions;

  private CfiRules(String cfaRule, String raRule, String[] names, String[] expressions) {
    this.cfaRule = cfaRule;
    this.raRule = raRule;
    this.names = names;
    this.expressions = expressions;
  }

  /**
   * Parses a rule set.
   *
   * @param rules the rules, e.g. {@code .cfa: $rsp 16 + .ra: .cfa -8 + ^}
   * @return the rules, or empty if the text is malformed: empty, an expression without a name
   *     before it, a name without an expression, the empty name, or rules for more than {@value
   *     #MAX_REGISTER_RULES} registers
   */
  public static Optional<CfiRules> parse(String rules) {
    Builder b = new Builder();
    return b.add(rules) ? Optional.of(b.build()) : Optional.empty();
  }

  /**
   * Returns the rules of a {@code STACK CFI INIT} record in effect at {@code address}: its init
   * rules changed by each delta at or below the address. Each piece is parsed on its own, as
   * Breakpad does, so one malformed piece rejects the whole.
   *
   * @param cfi the record covering {@code address}
   * @param address a module-relative address
   * @return the rules, or empty if a piece is malformed
   */
  public static Optional<CfiRules> forAddress(BreakpadCfi cfi, long address) {
    Builder b = new Builder();
    if (!b.add(cfi.initRules())) {
      return Optional.empty();
    }
    for (BreakpadCfiDelta d : cfi.deltas()) {
      if (Long.compareUnsigned(d.address(), address) <= 0 && !b.add(d.rules())) {
        return Optional.empty();
      }
    }
    return Optional.of(b.build());
  }

  /**
   * Returns the expression computing the canonical frame address.
   *
   * @return the {@code .cfa} rule, or empty if there is none
   */
  public Optional<String> cfaRule() {
    return Optional.ofNullable(cfaRule);
  }

  /**
   * Returns the expression computing the return address.
   *
   * @return the {@code .ra} rule, or empty if there is none
   */
  public Optional<String> raRule() {
    return Optional.ofNullable(raRule);
  }

  /**
   * Returns the rules for other registers, by name without a leading {@code $}.
   *
   * @return an unmodifiable map in first-definition order
   */
  public Map<String, String> registerRules() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], expressions[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * Recovers the caller's registers from the callee's, as Breakpad's {@code
   * CFIFrameInfo::FindCallerRegs} does: the {@code .cfa} rule is evaluated over the callee's
   * registers; then the {@code .ra} rule and every register rule over the callee's registers plus
   * {@code .cfa}. A register rule that cannot be evaluated leaves its register out.
   *
   * <p>The result holds {@code .cfa}, {@code .ra}, every recovered register, and the CPU's
   * instruction and stack pointers: those from their own rules if they have one, otherwise
   * {@code .ra} and {@code .cfa}. Registers without a rule are not in the result; whether they
   * keep the callee's value (callee-saved registers) is the walker's decision.
   *
   * <p>Rules see exactly the registers of {@code callee} (with {@code .cfa} replaced). ARM64
   * symbol files describe epilogues with {@code .ra: .ra} (the return address is still in the
   * link register): Breakpad's walker has no callee {@code .ra} and fails there; a walker that
   * wants those frames unwound passes the callee's link register as {@code .ra}. So before a
   * result serves as the next callee, remove its {@code .ra} ({@link CfiRegisters#without}), or
   * the next frame's {@code .ra: .ra} would read this frame's return address.
   *
   * @param callee the registers of the callee frame
   * @param memory the memory {@code ^} reads
   * @param cpu the CPU: the width of values and the names of the instruction and stack pointers
   * @return the caller's registers, or empty if there is no {@code .cfa} or {@code .ra} rule, one
   *     of them cannot be evaluated, or {@code cpu} has no known pointer size
   */
  public Optional<CfiRegisters> findCallerRegisters(
      CfiRegisters callee, CfiMemory memory, CpuFamily cpu) {
    Objects.requireNonNull(callee, "callee");
    Objects.requireNonNull(memory, "memory");
    OptionalInt pointerSize = cpu.pointerSize();
    if (cfaRule == null || raRule == null || pointerSize.isEmpty()) {
      return Optional.empty();
    }
    int wordSize = pointerSize.getAsInt();
    OptionalLong cfa = PostfixEvaluator.evaluate(cfaRule, callee, memory, wordSize);
    if (cfa.isEmpty()) {
      return Optional.empty();
    }
    CfiRegisters working = callee.with(".cfa", cfa.getAsLong());
    OptionalLong ra = PostfixEvaluator.evaluate(raRule, working, memory, wordSize);
    if (ra.isEmpty()) {
      return Optional.empty();
    }
    CfiRegisters caller = CfiRegisters.empty();
    for (int i = 0; i < names.length; i++) {
      OptionalLong v = PostfixEvaluator.evaluate(expressions[i], working, memory, wordSize);
      if (v.isPresent()) {
        caller = caller.with(names[i], v.getAsLong());
      }
    }
    caller = caller.with(".ra", ra.getAsLong()).with(".cfa", cfa.getAsLong());
    Optional<String> ip = cpu.instructionPointerRegister();
    if (ip.isPresent() && !caller.contains(ip.get())) {
      caller = caller.with(ip.get(), ra.getAsLong());
    }
    Optional<String> sp = cpu.stackPointerRegister();
    if (sp.isPresent() && !caller.contains(sp.get())) {
      caller = caller.with(sp.get(), cfa.getAsLong());
    }
    return Optional.of(caller);
  }

  /** Lists the rules in {@code name: expression} form, {@code .cfa} and {@code .ra} first. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (cfaRule != null) {
      sb.append(".cfa: ").append(cfaRule);
    }
    if (raRule != null) {
      sb.append(sb.length() > 0 ? " " : "").append(".ra: ").append(raRule);
    }
    for (int i = 0; i < names.length; i++) {
      sb.append(sb.length() > 0 ? " " : "").append(names[i]).append(": ").append(expressions[i]);
    }
    return sb.toString();
  }

  /** Accumulates rule pieces, later rules replacing earlier ones, as CFIRuleParser does. */
  private static final class Builder {
    private String cfa;
    private String ra;
    private final Map<String, String> registers = new LinkedHashMap<>();

    /** Adds one piece; false if it is malformed. */
    boolean add(String rules) {
      String name = null;
      StringBuilder expression = new StringBuilder();
      int n = rules.length();
      int i = 0;
      while (true) {
        while (i < n && isBreak(rules.charAt(i))) {
          i++;
        }
        if (i == n) {
          return report(name, expression);
        }
        int start = i;
        while (i < n && !isBreak(rules.charAt(i))) {
          i++;
        }
        if (rules.charAt(i - 1) == ':') {
          if (i - start < 2) {
            return false;
          }
          if ((name != null || expression.length() > 0) && !report(name, expression)) {
            return false;
          }
          name = rules.substring(start, i - 1);
          expression.setLength(0);
        } else {
          if (expression.length() > 0) {
            expression.append(' ');
          }
          expression.append(rules, start, i);
        }
      }
    }

    /** The token separators of Breakpad's rule parser. */
    private static boolean isBreak(char c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private boolean report(String name, StringBuilder expression) {
      if (name == null || expression.length() == 0 || name.equals("$")) {
        return false;
      }
      String e = expression.toString();
      switch (name) {
        case ".cfa" -> cfa = e;
        case ".ra" -> ra = e;
        default -> {
          String c = CfiRegisters.canonical(name);
          if (!registers.containsKey(c) && registers.size() == MAX_REGISTER_RULES) {
            return false;
          }
          registers.put(c, e);
        }
      }
      return true;
    }

    CfiRules build() {
      return new CfiRules(
          cfa,
          ra,
          registers.keySet().toArray(new String[0]),
          registers.values().toArray(new String[0]));
    }
  }
}
