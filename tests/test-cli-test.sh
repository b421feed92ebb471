#!/usr/bin/env bash
# TAP test of virtual-agent-cli test: figures on small labelled sets worked out by hand.
#
# tests/data/testsets/train.tsv has three topics of four phrases each (weather, music, alarm).
# test.csv asks three of those phrases with their own label (right), one with the wrong label
# (expected weather, the bot says music), one message that shares no letter group with any
# phrase (out of scope, sent to Fallback) and one phrase of alarm labelled out of scope. So:
#   in scope 3 of 4 = 75.0 %; out of scope: 1 true Fallback, 0 in-scope messages sent to
#   Fallback, 2 out-of-scope messages => precision 100.0 %, recall 50.0 %, F1 66.7 %.
set -u
cli="$1"
data="${VA_SOURCE_DIR:-$(dirname "$0")/..}/tests/data/testsets"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0

ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi
}

"$cli" test --train "$data/train.tsv" "$data/test.csv" >"$tmp/out" 2>"$tmp/err"
ok $? "test --train TRAIN SET runs"
grep -q "^In-scope accuracy: *75.0 % (3 of 4)$" "$tmp/out"; ok $? "…3 of 4 in scope right: 75.0 %"
grep -q "6 examples (4 in scope, 2 out of scope)" "$tmp/out"; ok $? "…counts the examples (header row skipped)"
grep -q "^Out-of-scope precision: *100.0 %$" "$tmp/out"; ok $? "…out-of-scope precision 100.0 %"
grep -q "^Out-of-scope recall: *50.0 %$" "$tmp/out"; ok $? "…out-of-scope recall 50.0 %"
grep -q "^Out-of-scope F1: *66.7 %$" "$tmp/out"; ok $? "…out-of-scope F1 66.7 %"
grep -q "^Unrecognized: *0.0 %" "$tmp/out"; ok $? "…no in-scope message went to Fallback"
grep -q "Threshold: 0.1400 (the bot's); margin: 0.0150 (the bot's)" "$tmp/out"; ok $? "…with the bot's threshold and margin"
grep -q "^Time per message: *median [0-9]* µs, 95th percentile [0-9]* µs$" "$tmp/out"; ok $? "…and the time per message"
# the table is sorted by worst recall: weather (1 of 2) first
grep -A1 "^Topic  *Recall  *Precision  *Support$" "$tmp/out" | tail -n 1 >"$tmp/first"
grep -q "^weather  *50.0 %  *100.0 %  *2$" "$tmp/first"; ok $? "…worst recall first in the topic table"
grep -q "^alarm  *100.0 %  *50.0 %  *1$" "$tmp/out"; ok $? "…alarm's precision: 1 of 2 predictions right"
grep -q "^ *1  weather → music$" "$tmp/out"; ok $? "…the confusion weather → music"
grep -q "^ *1  (out of scope) → alarm$" "$tmp/out"; ok $? "…and out of scope → alarm"
[ ! -s "$tmp/err" ]; ok $? "…and no warning"

"$cli" test --top 1 --train "$data/train.tsv" "$data/test.csv" >"$tmp/out" 2>&1
[ "$(grep -c "^ *[0-9][0-9]*  .* → " "$tmp/out")" = 1 ]; ok $? "--top 1 lists one confusion"

"$cli" test --margin 0 --train "$data/train.tsv" "$data/test.csv" >"$tmp/out" 2>&1
grep -q "^Multiple topics matched: *0.0 % of messages$" "$tmp/out"; ok $? "--margin 0 never asks \"Did you mean\""
grep -q "margin: 0.0000 (given)" "$tmp/out"; ok $? "…and says the margin was given"

# threshold 0 and margin 1: every message that any two topics score is "Did you mean" (all
# but the one of no known letter group); offering the right topic first still counts as right.
"$cli" test --threshold 0 --margin 1 --train "$data/train.tsv" "$data/test.csv" >"$tmp/out" 2>&1
grep -q "^Multiple topics matched: *83.3 % of messages$" "$tmp/out"; ok $? "--margin 1: 5 of 6 messages ask \"Did you mean\""
grep -q "^In-scope accuracy: *75.0 % (3 of 4)$" "$tmp/out"; ok $? "…and the right topic offered first is right"

# no score reaches 1: every message goes to Fallback; 2 of the 6 Fallbacks are right
"$cli" test --threshold 1 --train "$data/train.tsv" "$data/test.csv" >"$tmp/out" 2>&1
grep -q "^In-scope accuracy: *0.0 % (0 of 4)$" "$tmp/out"; ok $? "--threshold 1 sends everything to Fallback"
grep -q "^Unrecognized: *100.0 %" "$tmp/out"; ok $? "…all in-scope messages unrecognized"
grep -q "^Out-of-scope precision: *33.3 %$" "$tmp/out"; ok $? "…out-of-scope precision 2 of 6"
grep -q "^Out-of-scope recall: *100.0 %$" "$tmp/out"; ok $? "…out-of-scope recall 2 of 2"

"$cli" test --json --train "$data/train.tsv" "$data/test.csv" >"$tmp/out" 2>&1
ok $? "--json runs"
[ "$(wc -l <"$tmp/out")" = 1 ]; ok $? "…one line"
grep -q '"in_scope_accuracy":75.0,' "$tmp/out"; ok $? "…in_scope_accuracy 75.0"
grep -q '"in_scope_correct":3,' "$tmp/out"; ok $? "…in_scope_correct 3"
grep -q '"oos_recall":50.0,' "$tmp/out"; ok $? "…oos_recall 50.0"
grep -q '"threshold_source":"bot"' "$tmp/out"; ok $? "…threshold from the bot"
grep -q '{"expected":"weather","got":"music","count":1}' "$tmp/out"; ok $? "…the confusions"
grep -q '{"id":"weather","name":"weather","support":2,"predicted":1,"correct":1,"precision":100.0,"recall":50.0}' \
  "$tmp/out"; ok $? "…per-topic figures"

# Without out-of-scope examples in the validation set, the protocol's threshold is 0.
"$cli" test --train "$data/train.tsv" --choose-threshold "$data/valid-in-scope.tsv" "$data/test.csv" >"$tmp/out" 2>&1
ok $? "--choose-threshold runs"
grep -q "^Threshold: 0.0000 (chosen on valid-in-scope.tsv)" "$tmp/out"; ok $? "…threshold 0 without out-of-scope examples"
"$cli" test --json --train "$data/train.tsv" --choose-threshold "$data/valid.tsv" "$data/test.csv" >"$tmp/out" 2>&1
grep -q '"threshold_source":"validation"' "$tmp/out"; ok $? "…chosen on the validation set"
grep -q '"validation_set":"[^"]*valid.tsv"' "$tmp/out"; ok $? "…which it names"

# The built-in sample bot; labels by id, by name in any case; empty, "fallback" and unknown
# labels are out of scope.
"$cli" test "$data/sample-bot.csv" >"$tmp/out" 2>"$tmp/err"
ok $? "test SET uses the sample bot"
grep -q "^Bot: Sample support bot" "$tmp/out"; ok $? "…and names it"
grep -q "7 examples (4 in scope, 3 out of scope)" "$tmp/out"; ok $? "…labels map by id and by name, any case"
grep -q "^In-scope accuracy: *100.0 % (4 of 4)$" "$tmp/out"; ok $? "…its own phrases are recognized"
grep -q 'no topic "bogus" (1 example), counted as out of scope' "$tmp/err"; ok $? "…an unknown label is a warning"

"$cli" format >"$tmp/sample.vabot"
"$cli" test "$tmp/sample.vabot" "$data/sample-bot.csv" >"$tmp/out" 2>/dev/null
grep -q "^In-scope accuracy: *100.0 % (4 of 4)$" "$tmp/out"; ok $? "test BOT SET reads a .vabot"

# TSV with a header and tabs in the text; CSV with quotes, doubled quotes and a line break.
printf 'TEXT\tLABEL\nwill it\train tomorrow\tweather\n\nplay some jazz\tmusic\n' >"$tmp/set.tsv"
"$cli" test --train "$data/train.tsv" "$tmp/set.tsv" >"$tmp/out" 2>&1
grep -q "2 examples (2 in scope, 0 out of scope)" "$tmp/out"; ok $? "TSV: header and blank lines skipped"
printf 'text,label\r\n"play ""some""\r\njazz",music\r\n"set an alarm, now" , alarm\r\n' >"$tmp/set.csv"
"$cli" test --train "$data/train.tsv" "$tmp/set.csv" >"$tmp/out" 2>&1
grep -q "2 examples (2 in scope, 0 out of scope)" "$tmp/out"; ok $? "CSV: quotes, commas and line breaks in a field, CRLF"
grep -q "^In-scope accuracy: *100.0 % (2 of 2)$" "$tmp/out"; ok $? "…read right"

# Errors: a file that cannot be read or parsed is 1, wrong usage 2.
"$cli" test "$tmp/missing.csv" >"$tmp/out" 2>&1
[ $? = 1 ]; ok $? "a missing set exits 1"
grep -q "missing.csv" "$tmp/out"; ok $? "…naming the file"
printf 'text,label\nhello,greeting\na,b,c\n' >"$tmp/bad.csv"
"$cli" test "$tmp/bad.csv" >"$tmp/out" 2>&1
[ $? = 1 ]; ok $? "a row of three fields exits 1"
grep -q "bad.csv: line 3:" "$tmp/out"; ok $? "…naming the file and the line"
printf 'hello,greeting\n"open quote,greeting\n' >"$tmp/bad.csv"
"$cli" test "$tmp/bad.csv" >"$tmp/out" 2>&1
[ $? = 1 ]; ok $? "an unclosed quote exits 1"
grep -q "bad.csv: line 2:" "$tmp/out"; ok $? "…naming the line where the field starts"
printf 'only text\tno\n\tno-text-label\nno tab here\n' >"$tmp/bad.tsv"
"$cli" test "$tmp/bad.tsv" >"$tmp/out" 2>&1
[ $? = 1 ]; ok $? "a TSV line without a tab exits 1"
grep -q "bad.tsv: line 3:" "$tmp/out"; ok $? "…naming the line"
printf 'text,label\n' >"$tmp/empty.csv"
"$cli" test "$tmp/empty.csv" >"$tmp/out" 2>&1
[ $? = 1 ]; ok $? "a set without examples exits 1"
"$cli" test --train "$tmp/missing.tsv" "$data/test.csv" >/dev/null 2>&1
[ $? = 1 ]; ok $? "a missing training file exits 1"
printf 'not json' >"$tmp/broken.vabot"
"$cli" test "$tmp/broken.vabot" "$data/test.csv" >/dev/null 2>&1
[ $? = 1 ]; ok $? "a broken bot exits 1"

"$cli" test >/dev/null 2>&1
[ $? = 2 ]; ok $? "no set exits 2"
"$cli" test a b c >/dev/null 2>&1
[ $? = 2 ]; ok $? "three arguments exit 2"
"$cli" test --train "$data/train.tsv" "$tmp/sample.vabot" "$data/test.csv" >/dev/null 2>&1
[ $? = 2 ]; ok $? "--train with a bot exits 2"
"$cli" test --threshold 1.5 "$data/test.csv" >/dev/null 2>&1
[ $? = 2 ]; ok $? "a threshold above 1 exits 2"
"$cli" test --margin abc "$data/test.csv" >/dev/null 2>&1
[ $? = 2 ]; ok $? "a margin that is no number exits 2"
"$cli" test --threshold 0.5 --choose-threshold "$data/valid.tsv" "$data/test.csv" >/dev/null 2>&1
[ $? = 2 ]; ok $? "--threshold with --choose-threshold exits 2"
"$cli" test --frobnicate "$data/test.csv" >/dev/null 2>&1
[ $? = 2 ]; ok $? "an unknown option exits 2"
"$cli" test --help >"$tmp/out" 2>&1
ok $? "--help exits 0"
grep -q -- "--choose-threshold" "$tmp/out"; ok $? "…and lists the options"

echo "1..$n"
[ "$fails" = 0 ]
