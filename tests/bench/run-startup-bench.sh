#!/usr/bin/env bash
# Start to first frame (DESIGN.md section 8: under 500 ms): starts the app RUNS times under one
# Xvfb (cairo renderer, as build-aux/run-headless.sh sets it up) and prints
#   file=… runs=N first_frame_median_ms=… first_frame_min_ms=… first_frame_max_ms=…
# measured from just before exec to the end of the window's first paint (the app prints the time
# of that paint when VA_BENCH_FIRST_FRAME is set, then quits). Without FILE: the sample bot.
# Usage: tests/bench/run-startup-bench.sh [builddir] [FILE] [RUNS]     (default _build, 10 runs)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/_build
if [ $# -gt 0 ] && [ -d "$1" ]; then
  build=$(cd "$1" && pwd)
  shift
fi
file=${1:-}
runs=${2:-10}
app=$build/src/ui/virtual-agent
if [ ! -x "$app" ]; then
  echo "run-startup-bench: $app not found; build first (meson setup _build && ninja -C _build)" >&2
  exit 1
fi

if [ -z "${VA_BENCH_INNER:-}" ]; then
  # Once under Xvfb and a session bus; the runs below share them.
  export VA_BENCH_INNER=1 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
  export GSETTINGS_SCHEMA_DIR=$build/data
  exec "$root/build-aux/run-headless.sh" "$0" "$build" "$file" "$runs"
fi

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# A home of its own: no recovery copies to offer, no recent files.
export XDG_DATA_HOME=$home/data XDG_CACHE_HOME=$home/cache XDG_CONFIG_HOME=$home/config
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%6N)
  out=$(VA_BENCH_FIRST_FRAME=1 "$app" ${file:+"$file"} 2>/dev/null)
  painted=$(sed -n 's/^first_frame_realtime_us=//p' <<<"$out")
  if [ -z "$painted" ]; then
    echo "run-startup-bench: the app printed no first frame" >&2
    exit 1
  fi
  times+=($(( (painted - start) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
echo "file=${file:-sample} runs=$n first_frame_median_ms=${sorted[$((n / 2))]}" \
     "first_frame_min_ms=${sorted[0]} first_frame_max_ms=${sorted[$((n - 1))]}"
