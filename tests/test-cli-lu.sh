#!/usr/bin/env bash
# TAP test of virtual-agent-cli import-lu and export-lu.
set -u
cli="$1"
data="${VA_SOURCE_DIR:-$(dirname "$0")/..}/tests/data/lu"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0

ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi
}

# travel.lu: 2 intents, a Greeting intent (goes to the system topic), a None intent, a QnA pair,
# a reference, a list, a regex, a prebuilt and an ml entity.
"$cli" import-lu "$data/travel.lu" >"$tmp/travel.vabot" 2>"$tmp/err"
ok $? "import-lu writes the bot to standard output"
"$cli" validate "$tmp/travel.vabot" >"$tmp/out" 2>&1
ok $? "…a bot that validates"
grep -q "15 topics" "$tmp/out"; ok $? "…with the 13 system topics and the 2 intents"
"$cli" topics "$tmp/travel.vabot" >"$tmp/topics"
grep -q "^bookflight  *topic  *BookFlight$" "$tmp/topics"; ok $? "…one topic per intent"
grep -q "^checkweather  *topic  *CheckWeather$" "$tmp/topics"; ok $? "…each"
! grep -q "store-hours" "$tmp/topics"; ok $? "…and none of the sample topics"
grep -q '"name": "Travel assistant"' "$tmp/travel.vabot"; ok $? "…named after @app.name"
grep -q '"fly me from Paris to London next week"' "$tmp/travel.vabot"; ok $? "…entity labels become plain text"
grep -q '"pattern": "\[A-Z\]{2}\[0-9\]{4}"' "$tmp/travel.vabot"; ok $? "…the regex entity"
grep -q '"value": "Seattle"' "$tmp/travel.vabot"; ok $? "…the list entity"
grep -q '"howdy"' "$tmp/travel.vabot"; ok $? "…the Greeting intent adds to the system topic"
! grep -q 'cookies' "$tmp/travel.vabot"; ok $? "…the None intent is left out"
grep -q "travel.lu: warning: line 18: .*None" "$tmp/err"; ok $? "warning: the None intent, with its line"
grep -q "travel.lu: warning: line 22: .*Where is your head office?" "$tmp/err"; ok $? "warning: the QnA pair"
grep -q "travel.lu: warning: line 28: .*common.lu" "$tmp/err"; ok $? "warning: the reference"
grep -q "travel.lu: warning: line 38: .*travelDate" "$tmp/err"; ok $? "warning: the ml entity"
! grep -q "datetimeV2" "$tmp/err"; ok $? "no warning for a prebuilt entity"
[ "$(grep -c 'warning: line' "$tmp/err")" = 5 ]; ok $? "five warnings in all"
grep -n "warning: line" "$tmp/err" | sed 's/.*line \([0-9]*\):.*/\1/' >"$tmp/lines"
sort -n -c "$tmp/lines" 2>/dev/null; ok $? "…in file order"

"$cli" import-lu --name "My travel bot" "$data/travel.lu" "$tmp/named.vabot" 2>/dev/null
ok $? "import-lu FILE OUT writes a file"
grep -q '"name": "My travel bot"' "$tmp/named.vabot"; ok $? "…--name names the bot"
grep -q '"id": "my-travel-bot"' "$tmp/named.vabot"; ok $? "…and gives it an id"

"$cli" export-lu "$tmp/travel.vabot" >"$tmp/travel.lu"
ok $? "export-lu writes to standard output"
grep -q "^# BookFlight$" "$tmp/travel.lu"; ok $? "…an intent per custom topic"
grep -q "^- fly me from Paris to London next week$" "$tmp/travel.lu"; ok $? "…its phrases"
grep -q "^@ list toCity =$" "$tmp/travel.lu"; ok $? "…the list entity"
grep -q "^    - Seattle :$" "$tmp/travel.lu"; ok $? "…its values"
grep -q "^        - Tacoma$" "$tmp/travel.lu"; ok $? "…and synonyms"
grep -q "^@ regex bookingCode = /\[A-Z\]{2}\[0-9\]{4}/$" "$tmp/travel.lu"; ok $? "…the regex entity"
grep -A2 "^# Greeting$" "$tmp/travel.lu" >"$tmp/greeting"
printf '# Greeting\n- howdy\n\n' | cmp -s - "$tmp/greeting"; ok $? "…of a system topic only the phrases added"
! grep -q "^# Goodbye" "$tmp/travel.lu"; ok $? "…and no untouched system topic"

"$cli" export-lu "$tmp/travel.vabot" "$tmp/out.lu"
cmp -s "$tmp/travel.lu" "$tmp/out.lu"; ok $? "export-lu BOT OUT writes the same to a file"
"$cli" import-lu "$tmp/out.lu" "$tmp/again.vabot" 2>"$tmp/err"
ok $? "the exported file imports again"
[ "$(grep -vc 'intent "Greeting" are added to the system topic' "$tmp/err")" = 0 ]
ok $? "…without a warning but the note on Greeting"
cmp -s "$tmp/travel.vabot" "$tmp/again.vabot"; ok $? "…into the same bot"

"$cli" export-lu >"$tmp/sample.lu"
grep -q "^# Store hours$" "$tmp/sample.lu"; ok $? "export-lu without a bot exports the sample bot"
grep -q "^- what are your opening hours$" "$tmp/sample.lu"; ok $? "…with its phrases"
"$cli" import-lu "$tmp/sample.lu" "$tmp/sample.vabot" 2>/dev/null
"$cli" export-lu "$tmp/sample.vabot" >"$tmp/sample-again.lu"
cmp -s "$tmp/sample.lu" "$tmp/sample-again.lu"; ok $? "…and it round-trips"

printf '\xef\xbb\xbf# Hours\r\n- when do you open\r\n' >"$tmp/crlf.lu"
"$cli" import-lu "$tmp/crlf.lu" >"$tmp/crlf.vabot" 2>/dev/null
grep -q '"when do you open"' "$tmp/crlf.vabot"; ok $? "a byte order mark and CRLF line ends are read"

"$cli" import-lu "$data/broken.lu" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ]; ok $? "a syntax error exits 1"
grep -q "broken.lu: line 4: " "$tmp/err"; ok $? "…naming the file and the line"
[ ! -s "$tmp/out" ]; ok $? "…and writes no bot"

printf '> only a comment\n' >"$tmp/empty.lu"
"$cli" import-lu "$tmp/empty.lu" >/dev/null 2>"$tmp/err"
[ $? = 1 ]; ok $? "a file without intents exits 1"
grep -q "empty.lu: " "$tmp/err"; ok $? "…naming the file"

"$cli" import-lu "$tmp/missing.lu" >/dev/null 2>"$tmp/err"
[ $? = 1 ]; ok $? "a missing file exits 1"
grep -q "missing.lu" "$tmp/err"; ok $? "…naming the file"
"$cli" export-lu "$tmp/missing.vabot" >/dev/null 2>&1
[ $? = 1 ]; ok $? "export-lu of a missing bot exits 1"

"$cli" import-lu >/dev/null 2>&1
[ $? = 2 ]; ok $? "import-lu without a file exits 2"
"$cli" import-lu a b c >/dev/null 2>&1
[ $? = 2 ]; ok $? "import-lu with three files exits 2"
"$cli" export-lu a b c >/dev/null 2>&1
[ $? = 2 ]; ok $? "export-lu with three files exits 2"
"$cli" import-lu --frobnicate x.lu >/dev/null 2>&1
[ $? = 2 ]; ok $? "an unknown option exits 2"
"$cli" import-lu --help >"$tmp/out" 2>&1
ok $? "import-lu --help exits 0"
grep -q -- "--name" "$tmp/out"; ok $? "…and lists --name"

echo "1..$n"
[ "$fails" = 0 ]
