#!/usr/bin/env bash
# Runs one libFuzzer target for a while on a copy of its seed corpus (the tree never grows).
# usage: run-fuzz.sh TARGET CORPUS_DIR DICT|"" SECONDS ARTIFACT_DIR
# A crash, leak or timeout fails the test; the input that did it is kept in ARTIFACT_DIR.
# The mutations follow a fixed seed, so that a run of the suite tries the same inputs each time
# (as far as the time allows): a red CI run can be repeated. VA_FUZZ_SEED=0 picks a random one.
set -euo pipefail

target=$1 corpus=$2 dict=$3 seconds=$4 artifacts=$5
name=$(basename "$target")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus"/. "$work/"
mkdir -p "$artifacts"

args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
      -print_final_stats=1 -artifact_prefix="$artifacts/$name-" -seed="${VA_FUZZ_SEED:-1}")
[ -n "$dict" ] && args+=(-dict="$dict")

echo "$name: ${seconds}s on $(ls "$work" | wc -l) seed inputs"
"$target" "${args[@]}" "$work"
