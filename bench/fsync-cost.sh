#!/usr/bin/env bash
# What one fsync costs on this disk after n pages written at random places or appended
# (docs/BENCHMARKS.md, item 17). Usage: bench/fsync-cost.sh [directory]   (default: bench/target)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
DIR=${1:-bench/target}
mvn -B -q -pl bench -am compile >/dev/null
mkdir -p "$DIR"
"$JAVA" -cp bench/target/classes confab.bench.FsyncCost "$DIR"
