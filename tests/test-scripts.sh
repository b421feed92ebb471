#!/usr/bin/env bash
# TAP test: replays every transcript script in tests/scripts with virtual-agent-cli run, and
# checks that run, chat and --json fail and succeed where they should.
#   sample-*.chat      against the built-in sample bot
#   every-node-*.chat  against tests/data/bots/every-node.vabot
set -u
cli="$1"
src="${VA_SOURCE_DIR:?VA_SOURCE_DIR must point at the source tree}"
bot="$src/tests/data/bots/every-node.vabot"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0

ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

for script in "$src"/tests/scripts/sample-*.chat; do
  "$cli" run "$script" >"$tmp/out" 2>&1
  status=$?
  [ $status = 0 ] || sed 's/^/# /' "$tmp/out"
  ok $status "sample bot: $(basename "$script")"
done
for script in "$src"/tests/scripts/every-node-*.chat; do
  "$cli" run "$bot" "$script" >"$tmp/out" 2>&1
  status=$?
  [ $status = 0 ] || sed 's/^/# /' "$tmp/out"
  ok $status "every-node bot: $(basename "$script")"
done

# A script that does not match fails with status 1 and a turn-by-turn diff.
sed 's/Order 987 was delivered/Order 987 was lost/' "$src/tests/scripts/sample-order.chat" >"$tmp/wrong.chat"
"$cli" run "$tmp/wrong.chat" >"$tmp/out" 2>&1
[ $? = 1 ]; ok $? "a script that does not match exits with 1"
grep -q "wrong.chat:12: turn 3 (user: it's 987) does not match:" "$tmp/out"; ok $? "…names the file, line and turn"
grep -q "^  - bot: Order 987 was lost." "$tmp/out"; ok $? "…shows the expected line"
grep -q "^  + bot: Order 987 was delivered." "$tmp/out"; ok $? "…and what the bot said"

printf 'user: hi\nthis line is wrong\n' >"$tmp/syntax.chat"
"$cli" run "$tmp/syntax.chat" >"$tmp/out" 2>&1
[ $? = 1 ]; ok $? "a script with a syntax error exits with 1"
grep -q "syntax.chat:2: expected" "$tmp/out"; ok $? "…and names the line"

"$cli" run "$tmp/missing.chat" >"$tmp/out" 2>&1
[ $? = 1 ]; ok $? "a missing script exits with 1"
"$cli" run >"$tmp/out" 2>&1
[ $? = 2 ]; ok $? "run without a script is a usage error"

# chat reads messages from standard input; --json prints one event per line.
printf 'where is my order\n4711\n' | "$cli" chat --json >"$tmp/events" 2>&1
ok $? "chat --json runs"
grep -q '"event":"topic-started".*"topic":"order-status"' "$tmp/events"; ok $? "…reports the topic started"
grep -q '"event":"bot-message".*"text":"Order 4711 is on its way' "$tmp/events"; ok $? "…and the answer with the variable"
lines=$(grep -c '^{' "$tmp/events"); total=$(wc -l <"$tmp/events")
[ "$lines" = "$total" ]; ok $? "…every line is one JSON object"

# A chat saved as a transcript replays.
printf 'hello\nI want to return an item\nyes\nme@example.com\n' | "$cli" chat --save "$tmp/saved.chat" >"$tmp/out" 2>&1
ok $? "chat --save writes a transcript"
grep -q "^user: me@example.com$" "$tmp/saved.chat"; ok $? "…with the user's lines"
"$cli" run "$tmp/saved.chat" >"$tmp/out" 2>&1
ok $? "…that run replays"

# Reaching the handoff from a terminal.
printf 'I want to talk to a person\n' | "$cli" chat "$bot" >"$tmp/out" 2>&1
grep -q "Handed off to a live agent. Engagement hub chat: https://hub.example.com/chat" "$tmp/out"
ok $? "chat reaches the handoff and shows the hub link"

echo "1..$n"
