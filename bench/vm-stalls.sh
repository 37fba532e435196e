#!/usr/bin/env bash
# Whether the machine itself stalls (docs/BENCHMARKS.md, items 23 and 24): ROUNDS times, each
# variant in turn for SECONDS; a spinner on each CPU reports the time it did not run, and
# stalls_60ms counts the gaps that MachineStalls would count. On the benchmark VM the vCPUs were
# taken away for about 100 ms at a time while both were busy, in some minutes and not in others,
# and never while one was; the guest sees no steal time.
#   bench/vm-stalls.sh [SECONDS] [ROUNDS] [VARIANT...]   (default 15 s, 3 rounds, all-busy one-busy;
#                                                         on an otherwise idle machine)
# Variants (every one but one-busy spins on all CPUs):
#   all-busy   nothing else
#   one-busy   a spinner on CPU 0 alone
#   ticker     and beside the spinner on CPU 0 a process that sleeps 300 us at a time, about
#              2,500 wake-ups and timer interrupts a second, as Confab's host has under load
#   disk       and beside it `dd` writing 20 MiB with fdatasync to bench/target, over and over
#   shm        the same writes to /dev/shm (the CPU work of `disk` without its I/O)
#   stream     and beside it a process writing over 256 MiB again and again (memory traffic)
#   jvm        and beside it a JVM allocating 200-byte messages and keeping the last 100,000
#              (bench/AllocLoad.java, with the Confab host's heap flags in compare.sh)
# Last line per variant: variant=<v> rounds=<k> stalls_60ms=<sum over rounds and CPUs>
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
ROUNDS=${2:-3}
VARIANTS=("${@:3}")
[ ${#VARIANTS[@]} -eq 0 ] && VARIANTS=(all-busy one-busy)
mkdir -p bench/target
gcc -O2 -o bench/target/spin-gaps bench/spin-gaps.c
CPUS=$(nproc)
LOG=bench/target/vm-stalls.txt
: > "$LOG"
# writes 20 MiB to DIR over and over on CPU 0 until SECS have passed
writer() {
  local end=$((SECONDS + SECS))
  while [ $SECONDS -lt $end ]; do
    taskset -c 0 dd if=/dev/zero of="$1/vm-stalls-dd" bs=64k count=320 conv=fdatasync status=none
  done
  rm -f "$1/vm-stalls-dd"
}
echo "steal before: $(awk '/^cpu /{print $9}' /proc/stat) ticks"
for round in $(seq 1 "$ROUNDS"); do
  for variant in "${VARIANTS[@]}"; do
    label="$(date +%T) round=$round variant=$variant"
    pids=()
    if [ "$variant" = one-busy ]; then
      taskset -c 0 bench/target/spin-gaps "$SECS" "$label cpu=0" | tee -a "$LOG"
      continue
    fi
    for cpu in $(seq 0 $((CPUS - 1))); do
      taskset -c "$cpu" bench/target/spin-gaps "$SECS" "$label cpu=$cpu" | tee -a "$LOG" &
      pids+=($!)
    done
    case "$variant" in
      all-busy) ;;
      ticker) taskset -c 0 bench/target/spin-gaps "$SECS" ticker 300 & pids+=($!) ;;
      disk) writer bench/target & pids+=($!) ;;
      shm) writer /dev/shm & pids+=($!) ;;
      stream) taskset -c 0 bench/target/spin-gaps "$SECS" stream 256 & pids+=($!) ;;
      jvm) taskset -c 0 java -Xms64m -Xmn32m bench/AllocLoad.java "$SECS" & pids+=($!) ;;
      *) echo "unknown variant $variant" >&2; exit 2 ;;
    esac
    wait "${pids[@]}"
  done
done
echo "steal after: $(awk '/^cpu /{print $9}' /proc/stat) ticks"
for variant in "${VARIANTS[@]}"; do
  grep " variant=$variant " "$LOG" | awk -v v="$variant" -v r="$ROUNDS" '
    { for (i = 1; i <= NF; i++) if ($i ~ /^stalls_60ms=/) { split($i, kv, "="); s += kv[2] } }
    END { printf "variant=%s rounds=%d stalls_60ms=%d\n", v, r, s }'
done
