#!/bin/sh
# Runs bench-recognizer on the three intent data sets of ../shared/data (10-shot protocol of
# ../shared/data/README.md) and prints the peer's published figures next to ours.
# Usage: tests/bench/run-recognizer-bench.sh [builddir]   (from the repository root; default _build)
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/_build}
bench=$build/tests/bench/bench-recognizer
data=$root/../shared/data

if [ ! -x "$bench" ]; then
  echo "run-recognizer-bench: $bench not found; build first (meson setup _build && ninja -C _build)" >&2
  exit 1
fi
if [ ! -d "$data" ]; then
  echo "run-recognizer-bench: data sets not found at $data (expected ../shared/data next to the repository); skipping the accuracy benchmark" >&2
  data=""
fi

# Peer: ../shared/bench/peer_tfidf.py (TF-IDF word 1-2 + char_wb 2-5, scikit-learn), published
# figures from ../shared/data/README.md; LR in brackets as measured with peer_tfidf.py --method lr.
peer() {
  case $1 in
    banking77) echo "peer: in_scope_accuracy=74.7 (SVM; LR 75.8) us_per_message~120" ;;
    hwu64) echo "peer: in_scope_accuracy=70.7 (SVM; LR 70.8) us_per_message~120" ;;
    banking77-oos) echo "peer: in_scope_accuracy=68.9 oos_f1=78.0 (LR; SVM 67.1 / 73.6) us_per_message~120" ;;
  esac
}

if [ -n "$data" ]; then
  for set in banking77 hwu64 banking77-oos; do
    for mode in trained untrained; do
      echo "== $set ($mode)"
      flag=""
      [ $mode = untrained ] && flag="--untrained"
      "$bench" $flag --train "$data/$set/train_10.tsv" --valid "$data/$set/valid.tsv" \
        --test "$data/$set/test.tsv"
    done
    peer $set
  done
fi

for n in 150 5000; do
  echo "== scale $n topics x 10 phrases (bars at 150: build < 20 ms (async: index; model trains in a thread) and median < 20 us)"
  "$bench" --scale $n
done
