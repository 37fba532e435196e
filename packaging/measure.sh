#!/usr/bin/env bash
# Measures the installed Confab and prints the "Installer" table of docs/BENCHMARKS.md:
#   .deb size, installed size, cold start of `confab` to its first window (median of N runs,
#   with and without the AOT cache), idle memory (RSS) of the app.
#
# Usage:  packaging/measure.sh [--root DIR] [--deb FILE] [--runs N] [--warm]
#   --root   the installed app (default /opt/confab; an app-image such as
#            packaging/target/installer/confab works too)
#   --deb    the package to report (default packaging/target/installer/*.deb)
#   --runs   start-up runs per variant (default 5)
#   --warm   keep the page cache (default: drop it before each run when we may, i.e. as root)
# Needs Xvfb and xwininfo (apt: xvfb x11-utils). Every wait is bounded.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root=/opt/confab
deb=""
runs=5
warm=false
while [ $# -gt 0 ]; do
    case "$1" in
        --root) root="$2"; shift 2 ;;
        --deb) deb="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --warm) warm=true; shift ;;
        *) echo "measure: unknown option $1" >&2; exit 2 ;;
    esac
done
if [ -z "$deb" ]; then
    deb="$(ls "$here"/target/installer/*.deb 2>/dev/null | head -1 || true)"
fi
app="$root/bin/confab"
[ -x "$app" ] || { echo "measure: no $app (install the .deb or pass --root)" >&2; exit 2; }
for tool in Xvfb xwininfo; do
    command -v "$tool" >/dev/null || { echo "measure: needs $tool (apt: xvfb x11-utils)" >&2; exit 2; }
done

WINDOW_CLASS='"confab.app.ConfabApp"'   # WM_CLASS of the main stage (the main class' name)
SMOKE_LINE='smoke test: window shown'
work="$(mktemp -d)"
xvfb_pid=""
app_pid=""
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# --- a private X server on a free display -------------------------------------------------
display=""
for n in $(seq 90 120); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "measure: no free X display" >&2; exit 1; }
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do
    [ -e "/tmp/.X11-unix/X${display#:}" ] && break
    sleep 0.05
done
export DISPLAY="$display"
# the app's settings and data go to a scratch home, not the user's
export HOME="$work/home"
mkdir -p "$HOME"

now_us() { echo "${EPOCHREALTIME/./}"; }

can_drop=false
if [ "$warm" = false ] && [ -w /proc/sys/vm/drop_caches ]; then can_drop=true; fi
drop_caches() {
    if [ "$can_drop" = true ]; then sync; echo 3 >/proc/sys/vm/drop_caches; fi
}

# 0 once the main stage's window is mapped
window_shown() {
    local id
    id="$(xwininfo -root -tree 2>/dev/null | grep -F "($WINDOW_CLASS" | awk '{print $1; exit}')"
    [ -n "$id" ] && xwininfo -id "$id" 2>/dev/null | grep -q 'IsViewable'
}

# ms from launch to the app's "window shown" log line; the app exits by itself
start_smoke() {
    local t0 t1="" line limit="${1:-60}"
    t0="$(now_us)"
    exec 3< <(exec timeout "$limit" "$app" --smoke-test 2>&1)
    local pid=$!
    while IFS= read -r -t "$limit" line <&3; do
        if [[ "$line" == *"$SMOKE_LINE"* ]]; then t1="$(now_us)"; break; fi
    done
    cat <&3 >/dev/null || true
    exec 3<&-
    wait "$pid" 2>/dev/null || true
    [ -n "$t1" ] || return 1
    echo $(((t1 - t0) / 1000))
}

# ms from launch to the mapped window, watched from the X server; then the app is stopped
start_watch() {
    local t0 t1=""
    t0="$(now_us)"
    "$app" >/dev/null 2>&1 &
    app_pid=$!
    for _ in $(seq 1 3000); do
        if window_shown; then t1="$(now_us)"; break; fi
        kill -0 "$app_pid" 2>/dev/null || break
        sleep 0.02
    done
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
    [ -n "$t1" ] || return 1
    echo $(((t1 - t0) / 1000))
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

# --- does the app have --smoke-test? ------------------------------------------------------
method=watch
if start_smoke 20 >/dev/null 2>&1; then method=smoke; fi

series() { # label [VAR=value ...]: start-up runs with those variables in the environment
    local label="$1" v
    shift
    : >"$work/$label"
    for _ in $(seq 1 "$runs"); do
        drop_caches
        v="$(
            if [ $# -gt 0 ]; then export "$@"; fi
            if [ "$method" = smoke ]; then start_smoke; else start_watch; fi
        )" || v=""
        if [ -n "$v" ]; then echo "$v" >>"$work/$label"; fi
    done
    echo "$(median <"$work/$label") ms (runs: $(tr '\n' ' ' <"$work/$label" | sed 's/ $//'))"
}

aot=no
if grep -q 'AOTCache' "$root/lib/app/confab.cfg" 2>/dev/null; then aot=yes; fi
start_default="$(series default)"
start_no_aot="n/a (no AOT cache in this build)"
if [ "$aot" = yes ]; then
    start_no_aot="$(series noaot JAVA_TOOL_OPTIONS=-XX:AOTMode=off)"
fi

# --- idle memory: the app hosting one open room (confab --measure-room), left alone ---------
# --measure-room hosts a room on a free port under a throwaway account; scratch XDG folders
# keep that account and room out of the user's own data.
CONFAB_MEASURE_ROOM_ARGS="${CONFAB_MEASURE_ROOM_ARGS---measure-room}"
scratch="$(mktemp -d)"
rss_kb=""
pss_kb=""
XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
    "$app" ${CONFAB_MEASURE_ROOM_ARGS:-} >/dev/null 2>&1 &
app_pid=$!
for _ in $(seq 1 1500); do
    window_shown && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.02
done
sleep 20 # the room opens a few seconds after the window (Argon2id for login and join)
if kill -0 "$app_pid" 2>/dev/null; then
    rss_kb="$(awk '/^VmRSS:/{print $2}' "/proc/$app_pid/status")"
    pss_kb="$(awk '/^Pss:/{print $2}' "/proc/$app_pid/smaps_rollup" 2>/dev/null || true)"
fi
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""
rm -rf "$scratch"

mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1e6}'; }
deb_size="n/a"
if [ -n "$deb" ] && [ -f "$deb" ]; then deb_size="$(mb "$(stat -c %s "$deb")") ($(basename "$deb"))"; fi
installed="$(mb "$(du -sb "$root" | awk '{print $1}')")"
cache_mode="warm page cache"
[ "$can_drop" = true ] && cache_mode="cold: page cache dropped before each run"
how="time to the app's \"$SMOKE_LINE\" log line (confab --smoke-test)"
[ "$method" = watch ] && how="time until the main window is mapped, seen by xwininfo (app has no --smoke-test yet)"
room_note="main window alone"
[ -n "${CONFAB_MEASURE_ROOM_ARGS:-}" ] && room_note="one room open (confab ${CONFAB_MEASURE_ROOM_ARGS})"

echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/{print $2}') GB RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r), Xvfb $display"
echo
echo "| what | value | how |"
echo "|---|---|---|"
echo "| .deb size (budget 50 MB) | $deb_size | \`stat -c %s\` |"
echo "| installed size | $installed | \`du -sb $root\` |"
aot_label="with the AOT cache"
[ "$aot" = yes ] || aot_label="no AOT cache in this build"
echo "| start to first window, median of $runs, $aot_label | $start_default | $how; $cache_mode |"
echo "| same, AOT cache off (JDK default CDS archive only) | $start_no_aot | JAVA_TOOL_OPTIONS=-XX:AOTMode=off |"
echo "| idle RSS | ${rss_kb:+$((rss_kb / 1024)) MB} (PSS ${pss_kb:+$((pss_kb / 1024)) MB}) | /proc/PID/status VmRSS 20 s after the window appeared; $room_note |"
