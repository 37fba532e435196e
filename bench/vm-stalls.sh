#!/usr/bin/env bash
# Whether the machine itself stalls (docs/BENCHMARKS.md, item 23): a spinner on every CPU at
# once, then on one CPU alone, then on every CPU while the disk is written (dd, O_DIRECT, fsync)
# and twice more after it; each spinner reports the time it did not run. On the benchmark VM the
# vCPUs are taken away for about 100 ms at a time while all are busy during and shortly after
# disk writes, not otherwise; the guest sees no steal time.
#   bench/vm-stalls.sh [SECONDS]   (default 15 per part; run it on an otherwise idle machine)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
mkdir -p bench/target
gcc -O2 -o bench/target/spin-gaps bench/spin-gaps.c
CPUS=$(nproc)
all_busy() {
  local pids=()
  for cpu in $(seq 0 $((CPUS - 1))); do
    taskset -c "$cpu" bench/target/spin-gaps "$SECS" "$1 cpu=$cpu" &
    pids+=($!)
  done
  wait "${pids[@]}"
}
echo "steal before: $(awk '/^cpu /{print $9}' /proc/stat) ticks"
all_busy all-busy
for cpu in $(seq 0 $((CPUS - 1))); do
  taskset -c "$cpu" bench/target/spin-gaps "$SECS" "one-busy cpu=$cpu"
done
SCRATCH=bench/target/vm-stalls.tmp
(for _ in $(seq 1 40); do
   dd if=/dev/zero of="$SCRATCH" bs=1M count=30 oflag=direct conv=fsync 2>/dev/null
 done
 rm -f "$SCRATCH"; echo "disk writes done: 1200 MiB") &
WRITER=$!
all_busy all-busy-disk-writes
wait "$WRITER"
all_busy all-busy-after-writes-1
all_busy all-busy-after-writes-2
echo "steal after: $(awk '/^cpu /{print $9}' /proc/stat) ticks"
