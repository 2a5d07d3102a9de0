/* A small program whose debug information exercises the debug-file commands:
 *   gcc -O2 -g -o demo demo.c
 * bin/symbolic uses it to record its class-data-sharing archive (see Training). */
#include <stdio.h>
#include <stdlib.h>

struct point { int x, y; };

static inline int square(int v) { return v * v; }

static inline int norm(struct point p) { return square(p.x) + square(p.y); }

__attribute__((noinline)) int farthest(const struct point *ps, int n) {
  int best = 0;
  for (int i = 0; i < n; i++) {
    int d = norm(ps[i]);
    if (d > best) {
      best = d;
    }
  }
  return best;
}

int main(int argc, char **argv) {
  struct point ps[4] = {{argc, 2}, {3, argc}, {5, 6}, {7, argc * 3}};
  int n = argc > 1 ? atoi(argv[1]) : 4;
  printf("%d\n", farthest(ps, n > 4 ? 4 : n));
  return 0;
}
