// Spins on one CPU for a while and reports the gaps in which it did not run: with nothing else
// on that CPU, a gap is time the machine (the hypervisor) took the CPU away. See vm-stalls.sh.
// With a third argument it is a neighbour instead: with a number it sleeps that many
// microseconds at a time (as the host's I/O loop does when a room is busy) and reports its
// wake-ups per second; with LABEL "stream" it writes over a buffer of that many MiB again and
// again (memory traffic far beyond the caches) and reports its MiB per second.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int tick(double span, long sleep_us) {
  struct timespec pause = {sleep_us / 1000000, (sleep_us % 1000000) * 1000};
  double start = now_ms();
  long wakeups = 0;
  while (now_ms() - start < span) {
    nanosleep(&pause, NULL);
    wakeups++;
  }
  printf("ticker sleep_us=%ld wakeups_per_s=%.0f\n", sleep_us, wakeups * 1e3 / span);
  return 0;
}

static int stream(double span, long mib) {
  size_t size = (size_t) mib << 20;
  char *buf = malloc(size);
  if (!buf) return 1;
  double start = now_ms();
  long passes = 0;
  volatile char sink = 0;  // a read of what was written, so that the writes stay
  while (now_ms() - start < span) {
    memset(buf, (int) passes, size);
    sink += buf[(passes * 4099) % size];
    passes++;
  }
  printf("stream mib=%ld mib_per_s=%.0f\n", mib, passes * mib * 1e3 / span);
  free(buf);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3 && argc != 4) {
    fprintf(stderr, "usage: spin-gaps SECONDS LABEL [SLEEP_US] | spin-gaps SECONDS stream MIB\n");
    return 2;
  }
  double span = atof(argv[1]) * 1e3, start = now_ms(), before = start, lost = 0, longest = 0;
  if (argc == 4) return strcmp(argv[2], "stream") ? tick(span, atol(argv[3])) : stream(span, atol(argv[3]));
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
         argv[2], (before - start) / 1e3, gaps, stalls, lost, 100 * lost / (before - start),
         longest);
  return 0;
}
