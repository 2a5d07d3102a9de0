package dev.symbolic.debuginfo;

import dev.symbolic.common.Name;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The symbols of an object file sorted by address, for lookups by binary search.
 *
 * <p>Built the way symbolic builds its map: symbols are stably sorted by address, only the first
 * symbol at an address is kept, and a symbol without a size extends to the next symbol. Values
 * live in primitive arrays; {@link Symbol} objects are created only when asked for. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * SymbolMap symbols = ObjectFile.open(data).symbols();
 * symbols.lookup(0x1234).ifPresent(s -> System.out.println(s.name().text()));
 * }</pre>
 */
public final class SymbolMap implements Iterable<Symbol> {
  private static final SymbolMap EMPTY = new SymbolMap(new long[0], new long[0], new Name[0]);

  private final long[] addresses;
  private final long[] sizes;
  private final Name[] names;

  private SymbolMap(long[] addresses, long[] sizes, Name[] names) {
    this.addresses = addresses;
    this.sizes = sizes;
    this.names = names;
  }

  /**
   * An empty map.
   *
   * @return the map
   */
  public static SymbolMap empty() {
    return EMPTY;
  }

  /**
   * Builds a map from symbols in any order.
   *
   * @param symbols the symbols
   * @return the map
   */
  public static SymbolMap of(List<Symbol> symbols) {
    List<Symbol> sorted = new ArrayList<>(symbols);
    sorted.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
    int n = 0;
    long[] addresses = new long[sorted.size()];
    long[] sizes = new long[sorted.size()];
    Name[] names = new Name[sorted.size()];
    for (Symbol s : sorted) {
      if (n > 0 && addresses[n - 1] == s.address()) {
        continue;
      }
      if (n > 0 && sizes[n - 1] == 0) {
        sizes[n - 1] = s.address() - addresses[n - 1];
      }
      addresses[n] = s.address();
      sizes[n] = s.size();
      names[n] = s.name();
      n++;
    }
    return new SymbolMap(
        Arrays.copyOf(addresses, n), Arrays.copyOf(sizes, n), Arrays.copyOf(names, n));
  }

  /**
   * The number of symbols.
   *
   * @return the count
   */
  public int size() {
    return addresses.length;
  }

  /**
   * Whether there are no symbols.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return addresses.length == 0;
  }

  /**
   * The symbol at a position in address order.
   *
   * @param index from 0 to {@link #size()} - 1
   * @return the symbol
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public Symbol get(int index) {
    return new Symbol(names[index], addresses[index], sizes[index]);
  }

  /**
   * The symbol covering an address: the last symbol starting at or before it, if the address is
   * within its size (or its size is unknown).
   *
   * @param address an address relative to the load address
   * @return the symbol, if any
   */
  public Optional<Symbol> lookup(long address) {
    int i = floor(address);
    if (i < 0) {
      return Optional.empty();
    }
    long off = address - addresses[i];
    if (sizes[i] != 0 && Long.compareUnsigned(off, sizes[i]) >= 0) {
      return Optional.empty();
    }
    return Optional.of(get(i));
  }

  /**
   * The symbol starting exactly at an address.
   *
   * @param address an address relative to the load address
   * @return the symbol, if any
   */
  public Optional<Symbol> lookupExact(long address) {
    int i = floor(address);
    return i >= 0 && addresses[i] == address ? Optional.of(get(i)) : Optional.empty();
  }

  /** Index of the first symbol at or above {@code address} (unsigned); {@link #size()} if none. */
  int ceilingIndex(long address) {
    int i = floor(address);
    return i >= 0 && addresses[i] == address ? i : i + 1;
  }

  /** The address of symbol {@code index}, without creating a {@link Symbol}. */
  long address(int index) {
    return addresses[index];
  }

  /** Index of the last symbol whose address is at or below {@code address} (unsigned), or -1. */
  private int floor(long address) {
    long key = address ^ Long.MIN_VALUE;
    int lo = 0;
    int hi = addresses.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if ((addresses[mid] ^ Long.MIN_VALUE) <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  /**
   * The symbols in address order.
   *
   * @return a stream creating each {@link Symbol} on demand
   */
  public Stream<Symbol> stream() {
    return IntStream.range(0, addresses.length).mapToObj(this::get);
  }

  @Override
  public Iterator<Symbol> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < addresses.length;
      }

      @Override
      public Symbol next() {
        if (next >= addresses.length) {
          throw new NoSuchElementException();
        }
        return get(next++);
      }
    };
  }

  @Override
  public String toString() {
    return "SymbolMap[" + addresses.length + " symbols]";
  }
}
