#!/usr/bin/env bash
# The soak (docs/RELIABILITY.md): a few hundred members on a real confab-host join, leave,
# reconnect and post at random for a bounded time, then every delivery is checked and the
# host's threads, open files, heap and resident memory must be back at their baseline.
#
# Usage: scripts/soak.sh [DURATION] [CLIENTS]     (defaults: PT10M 200; DURATION is ISO-8601)
# Prints the test's figures at the end; exits non-zero if the soak failed.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-PT10M}"
clients="${2:-200}"
status=0
mvn -B -ntp -pl app -am test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsoak.duration="$duration" -Dsoak.clients="$clients" || status=$?
grep -h 'SoakTest - soak' app/target/surefire-reports/confab.app.reliability.SoakTest-output.txt \
    || echo "soak: no figures (see app/target/surefire-reports)" >&2
exit "$status"
