#!/usr/bin/env bash
# p99 latency of Confab and ngIRCd at one load, in many alternating pairs, with a sign test:
# one `--quick` run compares each rate once, and on a shared VM one step's p99 moves by more
# than the gap between the servers, so "no worse" needs many pairs (docs/BENCHMARKS.md).
#
#   bench/pairs.sh [--n 100] [--rate 1400000] [--rounds 3] [--pairs 6] [--seconds 3] [--warm-rate W]
#                  [--gen-opts "MORE GENERATOR OPTIONS"]   (e.g. "--stall-watch no")
#       runs `bench/compare.sh --steps` ROUNDS times, each with PAIRS steps of each server at
#       RATE deliveries/s (the generator alternates which server goes first), then summarises;
#       with --warm-rate each round starts with a step of each server at W (not counted), which
#       the generator's warm-up also runs: below the knee the warm-up at RATE alone leaves the
#       host's per-post code to the JIT during the first pairs
#   bench/pairs.sh --from FILE...
#       summarises earlier runs' generator.txt files (paced steps; warm-up steps left out)
#
# Last line: pairs N=<n> rate=<r> pairs=<k> confab_lower=<a> ngircd_lower=<b> ties=<t>
#   median_confab_p99_ms=<x> median_ngircd_p99_ms=<y> median_diff_ms=<x-y per pair>
#   diff_ci95_ms=<lo>,<hi> sign_p=<two-sided sign test> failed_confab=<steps> failed_ngircd=<steps>
# diff_ci95_ms is the sign test's distribution-free interval for the median difference (at least
# 95 % coverage, from the order statistics of the differences; "none" under six pairs): "no
# worse" needs its upper end near zero, not only a high sign_p, which few pairs also give.
# A failed step (loss, p99 of 50 ms or more, or under 90 % of the rate delivered) keeps its p99.
# With the generator's stall watch (on unless --gen-opts "--stall-watch no") each pair line ends
# with its count of machine stalls in each step (MachineStalls: the VM's vCPUs taken away for
# about 100 ms), the line before the last, unstalled-pairs, has the same figures over the pairs where neither had one,
# and the line before that, first-tries, how many of each server's first tries had a stall.
# A step counts as stalled only if its longest gap was 95 ms or more: the watch counts from
# 95 ms now, from 60 or 80 ms in files before item 24, where the shorter gaps were the guest's
# own delays of the watcher on the Confab host's core, not the machine's stalls.
set -euo pipefail
cd "$(dirname "$0")/.."
# a machine stall: a gap of this many ms or more (MachineStalls.STALL_NANOS), in older files too
STALL_MS=95
N=100 RATE=1400000 ROUNDS=3 PAIRS=6 SECONDS_PER_STEP=3 WARM_RATE='' GEN_OPTS='' FILES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --n) N=$2; shift ;;
    --rate) RATE=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --pairs) PAIRS=$2; shift ;;
    --seconds) SECONDS_PER_STEP=$2; shift ;;
    --warm-rate) WARM_RATE=$2; shift ;;
    --gen-opts) GEN_OPTS=$2; shift ;;
    --from) shift; FILES=("$@"); break ;;
    *) echo "usage: bench/pairs.sh [--n N] [--rate R] [--rounds K] [--pairs P] [--seconds S] [--warm-rate W] [--gen-opts ARGS] | --from FILE..." >&2
       exit 2 ;;
  esac
  shift
done

if [ ${#FILES[@]} -eq 0 ]; then
  RATES=$(printf "$RATE,%.0s" $(seq 1 "$PAIRS")); RATES=${RATES%,}
  [ -n "$WARM_RATE" ] && RATES=$WARM_RATE,$RATES
  STAMP=$(date +%Y%m%d-%H%M%S)
  for round in $(seq 1 "$ROUNDS"); do
    out=bench/target/run-pairs-$STAMP-$round
    BENCH_OUT=$out bash bench/compare.sh --steps \
      "--n $N --rates-$N $RATES --seconds $SECONDS_PER_STEP $GEN_OPTS" >/dev/null
    grep -h '^machine:' "$out/summary.txt" | head -1
    FILES+=("$out/generator.txt")
  done
fi

# the k-th paced step of Confab at (N, RATE) in a file pairs with the k-th of ngIRCd there
PAIR_LINES=$(for f in "${FILES[@]}"; do
  grep -h '^step ' "$f" | awk -v n="$N" -v rate="$RATE" -v file="$f" -v stall_ms="$STALL_MS" '
    {
      delete v
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      if (v["kind"] != "paced" || v["N"] != n || v["target_dps"] != rate) next
      failed = (v["lost"] + v["dup"] + v["mismatched"] > 0 || v["p99_ms"] >= 50 \
                || v["dps"] < 0.9 * rate) ? 1 : 0
      k = ++count[v["peer"]]
      p99[v["peer"], k] = v["p99_ms"]; bad[v["peer"], k] = failed
      stalls[v["peer"], k] = !("stalls" in v) ? "-" : v["stall_max_ms"] >= stall_ms ? v["stalls"] : 0
      if (!(k in first)) first[k] = v["peer"]
    }
    END {
      for (k = 1; ("confab", k) in p99 && ("ngircd", k) in p99; k++)
        printf "pair file=%s k=%d first=%s confab_p99_ms=%s ngircd_p99_ms=%s failed=%d,%d stalls=%s,%s\n",
          file, k, first[k], p99["confab", k], p99["ngircd", k], bad["confab", k], bad["ngircd", k],
          stalls["confab", k], stalls["ngircd", k]
    }'
done)
echo "$PAIR_LINES"
# summarise LABEL: the statistics below over the pair lines on standard input
summarise() {
awk -v label="$1" -v n="$N" -v rate="$RATE" '
  function median(a, m,   i, j, t) {
    for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
  }
  {
    delete v
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    k++; c[k] = v["confab_p99_ms"] + 0; g[k] = v["ngircd_p99_ms"] + 0; d[k] = c[k] - g[k]
    if (c[k] < g[k]) lower++; else if (c[k] > g[k]) higher++; else ties++
    split(v["failed"], fl, ","); failc += fl[1]; failg += fl[2]
  }
  END {
    if (k == 0) { print "no " label " at N=" n " rate=" rate; exit 1 }
    # two-sided sign test, ties left out: P(X <= min) * 2 with X ~ Binomial(m, 1/2)
    m = lower + higher; lo = (lower < higher ? lower : higher); p = 0; term = 1
    for (i = 0; i <= lo; i++) { p += term; term = term * (m - i) / (i + 1) }
    p = 2 * p / 2 ^ m; if (p > 1 || m == 0) p = 1
    md = median(d, k) # sorts d
    # the interval [d(j), d(k-j+1)] misses the median with probability 2 * P(X <= j-1), X ~ Binomial(k, 1/2)
    j = 0; cdf = 0; term = 1
    for (i = 0; i < k && 2 * (cdf + term) / 2 ^ k <= 0.05; i++) { cdf += term; term = term * (k - i) / (i + 1); j = i + 1 }
    ci = j ? sprintf("%.2f,%.2f", d[j], d[k - j + 1]) : "none"
    printf "%s N=%s rate=%s pairs=%d confab_lower=%d ngircd_lower=%d ties=%d median_confab_p99_ms=%.2f median_ngircd_p99_ms=%.2f median_diff_ms=%.2f diff_ci95_ms=%s sign_p=%.3g failed_confab=%d failed_ngircd=%d\n",
      label, n, rate, k, lower, higher, ties + 0, median(c, k), median(g, k), md, ci, p, failc, failg
  }'
}
# how often each server's first try of a step (not the reruns, which follow a stall and so
# fall in the same minute of stalls) saw the machine stall, over the files with the watch on
FIRST_TRIES=$(for f in "${FILES[@]}"; do grep -h '^step ' "$f"; done | awk -v n="$N" -v rate="$RATE" -v stall_ms="$STALL_MS" '
  {
    delete v
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    first = !(prev == "stalled-paced" && prevpeer == v["peer"]); prev = v["kind"]; prevpeer = v["peer"]
    if (!first || !("stalls" in v) || v["N"] != n || v["target_dps"] != rate) next
    if (v["kind"] != "paced" && v["kind"] != "stalled-paced") next
    tries[v["peer"]]++; if (v["stalls"] > 0 && v["stall_max_ms"] >= stall_ms) stalled[v["peer"]]++
  }
  END {
    if (tries["confab"] + tries["ngircd"] > 0)
      printf "first-tries N=%s rate=%s confab=%d confab_stalled=%d ngircd=%d ngircd_stalled=%d\n",
        n, rate, tries["confab"], stalled["confab"], tries["ngircd"], stalled["ngircd"]
  }')
[ -n "$FIRST_TRIES" ] && echo "$FIRST_TRIES"
# pairs in which neither step saw the machine stall (generator's stalls=0 on both; steps from
# before the stall watch carry none and are left out here): the machine's 100 ms stalls land in
# one server's step or the other's at random and dominate that step's p99 (BENCHMARKS item 23)
if echo "$PAIR_LINES" | grep -q ' stalls=0,0$'; then
  echo "$PAIR_LINES" | grep ' stalls=0,0$' | summarise unstalled-pairs
fi
echo "$PAIR_LINES" | summarise pairs
