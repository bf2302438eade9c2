#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
#
# Starts the native app (with the embedded demo) in a real X server (Xvfb) and saves a screenshot
# of its window: bash scripts/app-native-shot.sh [OUT.png] (default tests/output/app-native.png).
# Installs Xvfb and ImageMagick from Debian's archive when missing. Fails when the app does not
# start, exits early, or the screenshot is blank.
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=lib/common.sh
source scripts/lib/common.sh

OUT="${1:-tests/output/app-native.png}"
mkdir -p "$(dirname "$OUT")"
ensure_apt xvfb imagemagick libgl1-mesa-dri x11-utils

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
cargo build -p istio2asm-app --bin istio2asm-app >&2
APP="$CARGO_TARGET_DIR/debug/istio2asm-app"

XDG_RUNTIME_DIR="$(mktemp -d)"
HOME_DIR="$(mktemp -d)"
chmod 700 "$XDG_RUNTIME_DIR"
XVFB=""
APP_PID=""
cleanup() {
    if [[ -n "$APP_PID" ]]; then kill "$APP_PID" 2>/dev/null || true; fi
    if [[ -n "$XVFB" ]]; then kill "$XVFB" 2>/dev/null || true; fi
    rm -rf "$XDG_RUNTIME_DIR" "$HOME_DIR"
}
trap cleanup EXIT

# A free display: try a few numbers, and wait until the server answers before using it.
start_xvfb() {
    DISPLAY_NUMBER=""
    local n
    for n in $(seq 90 99); do
        [[ -e "/tmp/.X11-unix/X$n" || -e "/tmp/.X$n-lock" ]] && continue
        Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
        XVFB=$!
        for _ in $(seq 1 50); do
            if xdpyinfo -display ":$n" >/dev/null 2>&1; then
                DISPLAY_NUMBER=":$n"
                return 0
            fi
            kill -0 "$XVFB" 2>/dev/null || break
            sleep 0.2
        done
        kill "$XVFB" 2>/dev/null || true
        XVFB=""
    done
    die "could not start Xvfb on any display from :90 to :99"
}

# Starts the app on the display and waits for its window: 0 when it shows, 1 when the app could
# not open the display (seen once in a full run right after the browser tests: Xvfb answered
# xdpyinfo, then refused the app), and a failure for any other early exit.
start_app() {
    # A fresh HOME so no persisted settings from earlier runs change what is shown.
    DISPLAY="$DISPLAY_NUMBER" XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" HOME="$HOME_DIR" "$APP" >/dev/null 2>"$OUT.log" &
    APP_PID=$!
    for _ in $(seq 1 30); do
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            APP_PID=""
            grep -q XOpenDisplayFailed "$OUT.log" && return 1
            cat "$OUT.log" >&2
            die "the app exited before its window appeared"
        fi
        if DISPLAY="$DISPLAY_NUMBER" xwininfo -root -tree 2>/dev/null | grep -q '"istio2asm"'; then
            return 0
        fi
        sleep 1
    done
}

started=""
for attempt in 1 2 3; do
    start_xvfb
    if start_app; then
        started=yes
        break
    fi
    log "the app could not open $DISPLAY_NUMBER (attempt $attempt); starting another X server"
    kill "$XVFB" 2>/dev/null || true
    XVFB=""
done
[[ -n "$started" ]] || { cat "$OUT.log" >&2; die "the app could not open an X display in 3 attempts"; }
sleep 3
DISPLAY="$DISPLAY_NUMBER" import -window root "$OUT"
# A blank (one-colour) screenshot means nothing was drawn.
colours="$(convert "$OUT" -format '%k' info:)"
[[ "$colours" -gt 20 ]] || die "the screenshot $OUT has only $colours colours: nothing was drawn"
log "screenshot: $OUT ($colours colours)"
