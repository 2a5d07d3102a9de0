package dev.symbolic.debuginfo;

/** Sorting helpers over primitive arrays (no boxing, stable). */
final class DwarfSort {
  private DwarfSort() {}

  /** Returns the permutation sorting {@code keys[0, n)} ascending, stably (bottom-up merge). */
  static int[] sortIndices(long[] keys, int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int start = 0; start < n; start += 2 * width) {
        int mid = Math.min(start + width, n);
        int end = Math.min(start + 2 * width, n);
        int i = start;
        int j = mid;
        int k = start;
        while (i < mid && j < end) {
          b[k++] = keys[a[j]] < keys[a[i]] ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[k++] = a[i++];
        }
        while (j < end) {
          b[k++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
      if (width > n / 2) {
        break;
      }
    }
    return a;
  }
}
