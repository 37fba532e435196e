#!/usr/bin/env bash
# Takes the README's screenshots: runs two real Confab windows on a virtual X display (Xvfb),
# hosts a room in one, joins it from the other, chats in several scripts, and saves a PNG of
# each step here, in docs/screenshots/. Installs nothing: it says what is missing.
#
# Usage: docs/screenshots/take.sh            (from anywhere in the repository)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

missing=()
command -v xvfb-run >/dev/null || missing+=(xvfb)
command -v import >/dev/null || missing+=(imagemagick)
command -v mvn >/dev/null || missing+=(maven)
# JavaFX's GTK window toolkit needs GTK 3 on the X display
ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so' || missing+=(libgtk-3-0)
if ((${#missing[@]})); then
    echo "take.sh: missing: ${missing[*]}" >&2
    echo "On Debian/Ubuntu: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
# without these, Chinese, Hebrew, Arabic and emoji show as boxes or not at all in the chat
# screenshots (JavaFX on Linux draws emoji in one colour from an outline font such as Symbola;
# it cannot draw colour bitmap fonts like Noto Color Emoji: see the README's known limits)
if command -v fc-list >/dev/null; then
    fonts="$(fc-list : family)"
    for font in "CJK" "Symbola" "Hebrew" "Arabic"; do
        grep -q "$font" <<<"$fonts" ||
            echo "take.sh: no $font font found; some messages will show boxes" \
                "(Debian: fonts-noto-core fonts-noto-cjk fonts-symbola)" >&2
    done
fi

cd "$root"
# The tour is a TestFX class outside the normal test run (ScreenshotTour); here it runs on
# JavaFX's GTK toolkit instead of the headless one, on a screen wide enough for two windows.
xvfb-run -a -s "-screen 0 2240x760x24" \
    mvn -B -q -pl app -am test \
    -Dtest=ScreenshotTour -Dsurefire.failIfNoSpecifiedTests=false \
    -Dconfab.fx.platform=gtk -Dconfab.screenshots="$here"
ls -1 "$here"/*.png
