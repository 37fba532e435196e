#!/usr/bin/env bash
# Markdown table of the step lines of a generator output (docs/BENCHMARKS.md tables).
#   bench/table.sh bench/target/run-quick-*/generator.txt
set -euo pipefail
grep -h '^step ' "$@" | grep -v 'kind=warmup' | awk '
BEGIN {
  print "| server | N | step | offered/s | delivered/s | p50 ms | p99 ms | p99.9 ms | max ms | lost | dup | evicted | server CPU % | server us/dlv | generator CPU % | generator wait % | note |"
  print "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
}
{
  delete v
  for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  target = (v["target_dps"] == 0 ? "flat out" : v["target_dps"])
  note = (v["floor"] != "" ? "floor: generator saturated" : "")
  if (v["writes_per_dlv"] != "") note = note (note == "" ? "" : "; ") "writes/dlv " v["writes_per_dlv"]
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
    v["peer"], v["N"], v["kind"], target, v["dps"], v["p50_ms"], v["p99_ms"], v["p999_ms"], v["max_ms"],
    v["lost"], v["dup"], v["evicted"], v["host_cpu_pct"], v["host_us_per_dlv"], v["gen_cpu_pct"],
    v["gen_wait_pct"], note
}'
