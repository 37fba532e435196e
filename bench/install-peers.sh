#!/usr/bin/env bash
# Installs what the side-by-side benchmark needs from Debian: ngircd (the peer), iperf3 (the
# loopback ceiling), gcc (the TCP_NODELAY shim) and perf. The package's own daemon
# (0.0.0.0:6667) is kept from starting with a policy-rc.d that refuses service starts during
# the install, and stopped if it ran anyway.
set -euo pipefail
need=()
command -v ngircd >/dev/null 2>&1 || [ -x /usr/sbin/ngircd ] || need+=(ngircd)
command -v iperf3 >/dev/null 2>&1 || need+=(iperf3)
command -v gcc >/dev/null 2>&1 || need+=(gcc)
# perf: syscall counts per delivery in the full run (optional; the run goes on without it)
want_perf=0
command -v perf >/dev/null 2>&1 || want_perf=1
if [ ${#need[@]} -eq 0 ] && [ "$want_perf" -eq 0 ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
policy=/usr/sbin/policy-rc.d
had_policy=0
[ -e "$policy" ] && had_policy=1 && $SUDO cp "$policy" "$policy.confab-bench"
printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
$SUDO chmod +x "$policy"
restore() {
  if [ "$had_policy" -eq 1 ]; then $SUDO mv "$policy.confab-bench" "$policy"; else $SUDO rm -f "$policy"; fi
}
trap restore EXIT
$SUDO apt-get update -qq
# iperf3 asks whether to start a daemon: answer no
echo "iperf3 iperf3/start_daemon boolean false" | $SUDO debconf-set-selections || true
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "$want_perf" -eq 1 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq linux-perf >/dev/null 2>&1 \
    || echo "linux-perf not installed: the full run reports no syscall counts" >&2
fi
# a daemon that started anyway must not stay on 0.0.0.0
for svc in ngircd iperf3; do
  ($SUDO service "$svc" stop || true) >/dev/null 2>&1
  ($SUDO systemctl disable --now "$svc" || true) >/dev/null 2>&1
done
if pgrep -x ngircd >/dev/null 2>&1; then
  for pid in $(pgrep -x ngircd); do
    if ! tr '\0' ' ' </proc/"$pid"/cmdline | grep -q confab-bench; then $SUDO kill "$pid" || true; fi
  done
fi
