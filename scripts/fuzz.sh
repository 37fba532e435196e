#!/usr/bin/env bash
# Fuzzes what reads from the network for a bounded time each (docs/RELIABILITY.md): the frame
# decoder and codec (crypto WireFuzzTest), then the host's request handling (host-engine
# SessionFuzzTest). Findings are written next to the seed corpus, where they stay as
# regression inputs that every `mvn test` replays.
#
# Usage: scripts/fuzz.sh [DURATION]     (default 10m per target; Jazzer syntax: 30s, 10m, 1h)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10m}"
export JAZZER_FUZZ=1
mvn -B -ntp -pl crypto test -Dtest=WireFuzzTest -Djazzer.max_duration="$duration"
mvn -B -ntp -pl crypto,host-engine test -Dtest=SessionFuzzTest \
    -Djazzer.max_duration="$duration" -Dsurefire.failIfNoSpecifiedTests=false
