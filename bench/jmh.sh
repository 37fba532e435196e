#!/usr/bin/env bash
# JMH microbenchmarks (docs/BENCHMARKS.md, "Microbenchmarks"): seal/open, codec, framing, login
# cost. Short configuration for a shared 2-core machine: 1 fork, few iterations; read the
# error column. Extra arguments go to JMH (e.g. a benchmark name pattern).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
OUT=${BENCH_OUT:-bench/target/jmh-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
mvn -B -q -pl bench -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
CP=bench/target/classes:$(cat bench/target/classpath.txt)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/jmh.txt"
if [ $# -gt 0 ]; then
  timeout 900 "$JAVA" -cp "$CP" org.openjdk.jmh.Main "$@" | tee -a "$OUT/jmh.txt"
else
  # throughput benchmarks: 2 x 1 s warm-up, 5 x 2 s measured
  timeout 600 "$JAVA" -cp "$CP" org.openjdk.jmh.Main -f 1 -wi 2 -w 1s -i 5 -r 2s \
    'SealBenchmark|CodecBenchmark|FrameBenchmark' | tee -a "$OUT/jmh.txt"
  # the login costs about 0.3 s a run: 1 warm-up and 3 measured iterations of 3 s
  timeout 600 "$JAVA" -cp "$CP" org.openjdk.jmh.Main -f 1 -wi 1 -w 3s -i 3 -r 3s \
    LoginCostBenchmark | tee -a "$OUT/jmh.txt"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/jmh.txt"
