// Spins on one CPU for a while and reports the gaps in which it did not run: with nothing else
// on that CPU, a gap is time the machine (the hypervisor) took the CPU away. See vm-stalls.sh.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: spin-gaps SECONDS LABEL\n");
    return 2;
  }
  double span = atof(argv[1]) * 1e3, start = now_ms(), before = start, lost = 0, longest = 0;
  int gaps = 0, stalls = 0;
  while (before - start < span) {
    double t = now_ms(), gap = t - before;
    if (gap > 1) {
      gaps++;
      lost += gap;
      if (gap > longest) longest = gap;
      if (gap >= 60) stalls++;  // far above any other gap of a lone spinner
    }
    before = t;
  }
  printf("%s seconds=%.0f gaps_over_1ms=%d stalls_60ms=%d lost_ms=%.0f lost_pct=%.1f longest_ms=%.1f\n",
         argv[1 + 1], (before - start) / 1e3, gaps, stalls, lost, 100 * lost / (before - start),
         longest);
  return 0;
}
