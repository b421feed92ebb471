#!/usr/bin/env bash
# Runs a command with a private X server and session bus, for UI tests.
# Xvfb picks its own free display (-displayfd), so parallel tests never race
# for one the way `xvfb-run -a` can.
set -euo pipefail

if [ -n "${VA_TEST_DISPLAY:-}" ]; then
  export DISPLAY="$VA_TEST_DISPLAY"
  exec "$@"
fi

fifo_dir=$(mktemp -d)
trap 'kill "$xvfb_pid" 2>/dev/null || true; rm -rf "$fifo_dir"' EXIT
mkfifo "$fifo_dir/display"
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset 3>"$fifo_dir/display" 2>"$fifo_dir/xvfb.log" &
xvfb_pid=$!
read -r -t 20 display_number <"$fifo_dir/display" || { echo "Bail out! Xvfb did not start"; cat "$fifo_dir/xvfb.log"; exit 1; }

export DISPLAY=":$display_number"
export GDK_BACKEND=x11
export GSK_RENDERER=cairo
export GTK_A11Y=none
export GTK_USE_PORTAL=0
dbus-run-session -- "$@"
