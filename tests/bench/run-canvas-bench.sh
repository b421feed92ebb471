#!/bin/sh
# Runs bench-canvas under Xvfb with the cairo renderer (build-aux/run-headless.sh) and prints one
# line per size: nodes=N interval_median_ms=… interval_p95_ms=… render_median_ms=…
# Bars (DESIGN.md section 8) at 1,000 nodes: interval median 16.7 ms, p95 < 33 ms, render median < 8 ms.
# Usage: tests/bench/run-canvas-bench.sh [builddir] [--verbose] [sizes…]   (default _build; 100 1000 5000)
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/_build
if [ $# -gt 0 ] && [ -d "$1" ]; then
  build=$(cd "$1" && pwd)
  shift
fi
bench=$build/tests/bench/bench-canvas

if [ ! -x "$bench" ]; then
  echo "run-canvas-bench: $bench not found; build first (meson setup _build && ninja -C _build)" >&2
  exit 1
fi

export GSETTINGS_BACKEND=memory
export NO_AT_BRIDGE=1
exec "$root/build-aux/run-headless.sh" "$bench" "$@"
