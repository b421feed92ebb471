#!/bin/sh
# Runs bench-files: builds a bot of 1,000 topics x 50 nodes, saves it, then opens and saves it
# again several times and prints one line:
#   topics=1000 nodes_per_topic=50 file_mb=… open_median_ms=… save_median_ms=… peak_rss_mb=…
# Bar (DESIGN.md section 8): open and save under 300 ms each, under 200 MB resident.
# Usage: tests/bench/run-files-bench.sh [builddir] [--topics N] [--nodes N] [--runs N]
#        (from the repository root; default _build)
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/_build
if [ $# -gt 0 ] && [ -d "$1" ]; then
  build=$(cd "$1" && pwd)
  shift
fi
bench=$build/tests/bench/bench-files

if [ ! -x "$bench" ]; then
  echo "run-files-bench: $bench not found; build first (meson setup _build && ninja -C _build)" >&2
  exit 1
fi

exec "$bench" "$@"
