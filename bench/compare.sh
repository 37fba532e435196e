#!/usr/bin/env bash
# Confab host vs ngIRCd, side by side, same load, same machine (see docs/BENCHMARKS.md).
#
#   bench/compare.sh --quick      N=100 and N=1000, short steps (under 5 minutes)
#   bench/compare.sh              the full run: N=10, 100, 1000, longer steps, stock ngIRCd too
#   bench/compare.sh --idle       10,000 idle connections plus 100 active, memory per connection
#   bench/compare.sh --steps "ARGS" [--confab-only]
#                                 the generator with your own steps (its options, as in the
#                                 modes below), against both servers or the Confab host alone:
#                                 for A/B runs of a host change, e.g.
#     bench/compare.sh --confab-only --steps "--n 100 --rates-100 1000000,2000000 --seconds 8"
#
# Everything listens on 127.0.0.1 only; every process is bounded by `timeout` and the
# generator's own watchdog; the script stops what it started. Servers run on CPU 0 and the
# generator on CPU 1 (taskset) unless BENCH_PIN=no. BENCH_GEN_OPTS adds generator options to
# --quick and the full run, e.g. BENCH_GEN_OPTS="--stall-watch no" (docs/BENCHMARKS.md, item
# 24). BENCH_PERF=yes also records a CPU profile of the Confab host (see below).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=full
CONFAB_ONLY=no
STEPS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --idle) MODE=idle ;;
    --full) MODE=full ;;
    --steps) MODE=steps; STEPS=${2:?--steps needs the generator options}; shift ;;
    --confab-only) CONFAB_ONLY=yes ;;
    *) echo "usage: bench/compare.sh [--quick|--full|--idle|--steps \"ARGS\" [--confab-only]]" >&2
       exit 2 ;;
  esac
  shift
done
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
OUT=${BENCH_OUT:-$ROOT/bench/target/run-$MODE-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${BENCH_PIN:-yes}" = yes ] && [ "$(nproc)" -ge 2 ]; then
  SERVER_CPU=(taskset -c 0); GEN_CPU=(taskset -c 1)
else
  SERVER_CPU=(); GEN_CPU=()
fi

bash bench/install-peers.sh
echo "building (mvn test-compile) ..."
mvn -B -q -pl host-engine,bench -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test >"$OUT/build.log" 2>&1 \
  || { cat "$OUT/build.log"; exit 1; }
HOST_CP=host-engine/target/classes:$(cat host-engine/target/classpath.txt)
BENCH_CP=bench/target/classes:$(cat bench/target/classpath.txt)
gcc -shared -fPIC -O2 -o "$OUT/nodelay.so" bench/nodelay.c -ldl

free_port() {
  local p
  for p in $(shuf -i 20000-30999 -n 200); do
    if ! ss -ltnH "sport = :$p" | grep -q .; then echo "$p"; return; fi
  done
  echo "no free port" >&2; exit 1
}

# child pid of a `timeout` wrapper (the real server, whose /proc figures we read)
child_of() {
  local parent=$1 c=""
  for _ in $(seq 1 50); do
    c=$(pgrep -P "$parent" | head -1 || true)
    [ -n "$c" ] && { echo "$c"; return; }
    sleep 0.1
  done
  echo "$parent"
}

LIMIT=${BENCH_LIMIT:-1500}
PERF_JVM_OPTS=""
[ "${BENCH_PERF:-no}" = yes ] && PERF_JVM_OPTS="-XX:+PreserveFramePointer"

start_confab() {
  local dir="$OUT/confab-data"
  rm -rf "$dir"; mkdir -p "$dir"
  "${SERVER_CPU[@]}" timeout "$LIMIT" "$JAVA" --enable-native-access=ALL-UNNAMED ${HOST_JVM_OPTS:--Xms64m -Xmn32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30} $PERF_JVM_OPTS \
    -cp "$HOST_CP" confab.host.cli.HostCommand --bind 127.0.0.1 --port 0 --data-dir "$dir" \
    --rate 1000000 --burst 1000000 --max-connections 20000 --max-per-address 20000 \
    >"$OUT/confab.out" 2>"$OUT/confab.err" &
  local t=$!; PIDS+=("$t")
  for _ in $(seq 1 300); do
    grep -q '^listening ' "$OUT/confab.out" 2>/dev/null && break
    sleep 0.1
  done
  CONFAB_PORT=$(grep '^listening ' "$OUT/confab.out" | sed 's/.*://')
  CONFAB_PID=$(child_of "$t"); PIDS+=("$CONFAB_PID")
  echo "confab host pid $CONFAB_PID on 127.0.0.1:$CONFAB_PORT"
}

start_ngircd() { # name, shim (yes|no)
  local name=$1 shim=$2 dir="$OUT/$1" port
  port=$(free_port)
  mkdir -p "$dir/conf.d"
  sed -e "s#@PORT@#$port#g; s#@DIR@#$dir#g; s#@IDLE@#$LIMIT#g" bench/ngircd.conf.in >"$dir/ngircd.conf"
  local pre=""
  [ "$shim" = yes ] && pre="$OUT/nodelay.so"
  LD_PRELOAD=$pre "${SERVER_CPU[@]}" timeout "$LIMIT" /usr/sbin/ngircd -n -f "$dir/ngircd.conf" \
    >"$dir/out.log" 2>&1 &
  local t=$!; PIDS+=("$t")
  for _ in $(seq 1 100); do
    ss -ltnH "sport = :$port" | grep -q . && break
    sleep 0.1
  done
  local pid; pid=$(child_of "$t"); PIDS+=("$pid")
  echo "$name pid $pid on 127.0.0.1:$port (TCP_NODELAY shim: $shim)"
  eval "${name//-/_}_PORT=$port; ${name//-/_}_PID=$pid"
}

machine() {
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores," \
    "$(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $("$JAVA" -version 2>&1 | head -1)," \
    "$(/usr/sbin/ngircd --version | head -1 | cut -d- -f1)"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
}

iperf_ceiling() {
  local port; port=$(free_port)
  "${SERVER_CPU[@]}" timeout 20 iperf3 -s -1 -B 127.0.0.1 -p "$port" >"$OUT/iperf-server.log" 2>&1 &
  PIDS+=("$!")
  sleep 0.5
  local gbps
  gbps=$("${GEN_CPU[@]}" timeout 20 iperf3 -c 127.0.0.1 -p "$port" -t "${1:-3}" -f g 2>/dev/null \
    | awk '/receiver/ { for (i = 1; i < NF; i++) if ($(i + 1) == "Gbits/sec") print $i }' \
    | tail -1)
  [ -n "$gbps" ] || gbps="?"
  echo "iperf3 loopback ceiling: ${gbps} Gbit/s (one TCP stream, 3 s)"
}

run_generator() {
  "${GEN_CPU[@]}" timeout "$LIMIT" "$JAVA" -Xmx3g -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED ${GEN_JVM_OPTS:-} \
    -cp "$BENCH_CP" confab.bench.LoadGenerator "$@"
}

machine | tee "$OUT/summary.txt"
iperf_ceiling | tee -a "$OUT/summary.txt"
start_confab
PEERS=(--peer "confab:confab:$CONFAB_PORT:$CONFAB_PID")
if [ "$CONFAB_ONLY" = no ]; then
  start_ngircd ngircd yes
  PEERS+=(--peer "irc:ngircd:$ngircd_PORT:$ngircd_PID")
fi

# BENCH_PERF=yes: a CPU profile of the Confab host for the whole run (perf record, JIT symbols
# from the host's perf map) in $OUT/host.perf; read it with
#   perf report -i $OUT/host.perf --no-children --sort sym [--time <from>,<to>]
if [ "${BENCH_PERF:-no}" = yes ]; then
  perf record -F 999 -g -p "$CONFAB_PID" -o "$OUT/host.perf" >/dev/null 2>&1 &
  PERF_PID=$!
fi

case "$MODE" in
  quick)
    run_generator "${PEERS[@]}" --n 100,1000 --senders 10 --seconds 2 --max-seconds 270 \
      --rates-100 100000,200000,400000,700000,1000000,1400000,2000000,2800000 \
      --rates-1000 100000,200000,400000,700000,1000000,1400000,2000000 \
      --burst-deliveries 3000000 --burst-repeats 3 --stall-rate-100 1000000 --stall-seconds 15 \
      ${BENCH_GEN_OPTS:-} | tee "$OUT/generator.txt"
    ;;
  full)
    start_ngircd ngircd-stock no
    PEERS+=(--peer "irc:ngircd-stock:$ngircd_stock_PORT:$ngircd_stock_PID")
    run_generator "${PEERS[@]}" --n 10,100,1000 --senders 10 --seconds 5 --max-seconds 1400 \
      --rates-10 10000,50000,100000,200000,300000 \
      --rates-100 100000,200000,400000,700000,1000000,1400000,2000000,2800000 \
      --rates-1000 100000,200000,400000,700000,1000000,1400000,2000000 \
      --burst-deliveries 6000000 --burst-repeats 3 --stall-rate-100 1000000 --stall-rate-1000 400000 \
      --stall-seconds 15 --syscalls yes ${BENCH_GEN_OPTS:-} | tee "$OUT/generator.txt"
    ;;
  steps)
    # shellcheck disable=SC2086 # the options are meant to split
    run_generator "${PEERS[@]}" --senders 10 --warmup-seconds 5 --burst-deliveries 1000000 \
      --burst-repeats 1 --max-seconds 1200 $STEPS | tee "$OUT/generator.txt"
    ;;
  idle)
    # one server at a time: 2 x 10,100 sockets would not fit the generator's 20,000 files
    run_generator --peer "confab:confab:$CONFAB_PORT:$CONFAB_PID" --n 100,10100 --senders 100 \
      --seconds 5 --max-seconds 1400 --parallel 8 --rates-10100 100000,300000 --hold-seconds 10 \
      | tee "$OUT/generator.txt"
    # IRC clients beyond the first 100 only register: 10,000 JOINs would announce each join to
    # every member (O(N^2) lines), which takes ngIRCd and the generator most of an hour
    run_generator --peer "irc:ngircd:$ngircd_PORT:$ngircd_PID" --n 100,10100 --senders 100 \
      --seconds 5 --max-seconds 600 --parallel 8 --irc-join-limit 100 --hold-seconds 10 \
      | tee -a "$OUT/generator.txt"
    ;;
esac
if [ -n "${PERF_PID:-}" ]; then
  "$(dirname "$JAVA")/jcmd" "$CONFAB_PID" Compiler.perfmap >/dev/null 2>&1 || true
  kill -INT "$PERF_PID"; wait "$PERF_PID" || true
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
grep -E '^(N=|burst N=|also )' "$OUT/generator.txt" >>"$OUT/summary.txt" || true
echo "results in $OUT"
grep -E '^(N=|burst N=)' "$OUT/generator.txt" || true
