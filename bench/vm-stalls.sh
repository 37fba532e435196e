#!/usr/bin/env bash
# Whether the machine itself stalls (docs/BENCHMARKS.md, item 23): ROUNDS times, a spinner on
# every CPU at once, then one on CPU 0 alone; each spinner reports the time it did not run, and
# stalls_60ms counts the gaps that MachineStalls would count. On the benchmark VM the vCPUs were
# taken away for about 100 ms at a time while both were busy, in some minutes and not in others,
# and never while one was; the guest sees no steal time.
#   bench/vm-stalls.sh [SECONDS] [ROUNDS]   (default 15 s, 3 rounds; on an otherwise idle machine)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
ROUNDS=${2:-3}
mkdir -p bench/target
gcc -O2 -o bench/target/spin-gaps bench/spin-gaps.c
CPUS=$(nproc)
echo "steal before: $(awk '/^cpu /{print $9}' /proc/stat) ticks"
for round in $(seq 1 "$ROUNDS"); do
  pids=()
  for cpu in $(seq 0 $((CPUS - 1))); do
    taskset -c "$cpu" bench/target/spin-gaps "$SECS" "$(date +%T) round=$round all-busy cpu=$cpu" &
    pids+=($!)
  done
  wait "${pids[@]}"
  taskset -c 0 bench/target/spin-gaps "$SECS" "$(date +%T) round=$round one-busy cpu=0"
done
echo "steal after: $(awk '/^cpu /{print $9}' /proc/stat) ticks"
