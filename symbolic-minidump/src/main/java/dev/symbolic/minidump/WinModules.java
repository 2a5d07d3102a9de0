package dev.symbolic.minidump;

/**
 * What the {@code STACK WIN} unwinder needs to know about code addresses when it searches the
 * stack for return addresses. The stack walker implements it over the minidump's module list and
 * symbols.
 */
public interface WinModules {
  /**
   * Tells whether an address lies inside a loaded module, as Breakpad's {@code
   * CodeModules::GetModuleForAddress} does.
   *
   * @param address an instruction address
   * @return true if a module covers it
   */
  boolean containsAddress(long address);

  /**
   * Tells whether a word found on the stack may be a return address: it lies inside a module and,
   * if that module has symbols, inside a function, as Breakpad's stack scan requires ({@code
   * GetModuleForAddress} and {@code InstructionAddressSeemsValid}). By default, {@link
   * #containsAddress(long)}.
   *
   * @param address a candidate return address
   * @return true if plausible
   */
  default boolean isPlausibleReturnAddress(long address) {
    return containsAddress(address);
  }
}
