#!/usr/bin/env bash
# TAP test of virtual-agent-cli's validate, format and topics commands.
set -u
cli="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0

ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi
}

"$cli" validate >"$tmp/out" 2>&1
ok $? "validate without a file checks the sample bot"
grep -q "Sample support bot" "$tmp/out"; ok $? "…and names it"

"$cli" format >"$tmp/sample.vabot"
ok $? "format writes the sample bot"
"$cli" validate "$tmp/sample.vabot" >"$tmp/out" 2>&1
ok $? "the written sample bot validates"
grep -q "16 topics" "$tmp/out"; ok $? "…with its 16 topics"

"$cli" format "$tmp/sample.vabot" "$tmp/copy.vabot"
cmp -s "$tmp/sample.vabot" "$tmp/copy.vabot"; ok $? "format is stable (same bytes)"

sed 's/"next": "n5"/"next": "n42"/' "$tmp/sample.vabot" >"$tmp/broken.vabot"
"$cli" validate "$tmp/broken.vabot" >"$tmp/out" 2>&1
[ $? = 1 ]; ok $? "a dangling edge fails validation with status 1"
grep -q 'topics\[0\].nodes\[1\].next: no node "n42" in this topic' "$tmp/out"; ok $? "…and names the place"
grep -q "$tmp/broken.vabot" "$tmp/out"; ok $? "…and the file"

printf '{\n  "format": "virtual-agent-bot",\n  "version": 1\n  "bot": {}\n}\n' >"$tmp/syntax.vabot"
"$cli" validate "$tmp/syntax.vabot" >"$tmp/out" 2>&1
[ $? = 1 ]; ok $? "a syntax error fails"
grep -q "line 3, column 14" "$tmp/out"; ok $? "…with its line and column"

"$cli" validate "$tmp/missing.vabot" >"$tmp/out" 2>&1
[ $? = 1 ]; ok $? "a missing file fails"

"$cli" topics | grep -q "^escalate .*system"; ok $? "topics lists the system topics"
"$cli" frobnicate >/dev/null 2>&1
[ $? = 2 ]; ok $? "an unknown command exits 2"

echo "1..$n"
[ "$fails" = 0 ]
