package dev.symbolic.debuginfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.symbolic.common.Name;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link SymbolMap} lookups agree with a naive scan over symbolic's map rules. */
class SymbolMapPropertiesTest {
  @Provide
  Arbitrary<List<Symbol>> symbols() {
    Arbitrary<Symbol> one = Combinators.combine(
            Arbitraries.longs().between(0, 400),
            Arbitraries.longs().between(0, 20),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4))
        .as((a, s, n) -> new Symbol(Name.of(n), a, s));
    return one.list().ofMaxSize(30);
  }

  @Property(tries = 300)
  void lookupMatchesNaiveModel(@ForAll("symbols") List<Symbol> input,
      @ForAll("addresses") long address) {
    SymbolMap map = SymbolMap.of(input);
    // The model: first symbol per address in input order, sizes filled to the next address.
    List<Symbol> model = new ArrayList<>();
    input.stream()
        .sorted((x, y) -> Long.compare(x.address(), y.address()))
        .forEach(s -> {
          if (model.isEmpty() || model.get(model.size() - 1).address() != s.address()) {
            model.add(s);
          }
        });
    for (int i = 0; i + 1 < model.size(); i++) {
      Symbol s = model.get(i);
      if (s.size() == 0) {
        model.set(i, new Symbol(s.name(), s.address(), model.get(i + 1).address() - s.address()));
      }
    }
    Optional<Symbol> expected = Optional.empty();
    for (Symbol s : model) {
      if (s.address() <= address) {
        expected = s.contains(address) ? Optional.of(s) : Optional.empty();
      }
    }
    assertThat(map.size()).isEqualTo(model.size());
    assertThat(map.lookup(address)).isEqualTo(expected);
    assertThat(map.lookupExact(address))
        .isEqualTo(model.stream().filter(s -> s.address() == address).findFirst());
    assertThat(map.stream().toList()).isEqualTo(model);
  }

  @Provide
  Arbitrary<Long> addresses() {
    return Arbitraries.longs().between(0, 430);
  }
}
