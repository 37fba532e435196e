#!/usr/bin/env bash
# Reruns every benchmark of docs/BENCHMARKS.md: the JMH microbenchmarks, the full side-by-side
# run against ngIRCd, the 10,000-connection run and the disk's fsync costs. About 35 minutes on
# 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/jmh.sh
bash bench/compare.sh --full
bash bench/compare.sh --idle
bash bench/fsync-cost.sh
