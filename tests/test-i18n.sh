#!/usr/bin/env bash
# TAP tests of the translations (suite i18n, declared in po/meson.build).
#
#   test-i18n.sh catalog SOURCE_DIR LANG       LANG.po is complete for the strings in the code now
#   test-i18n.sh pot     SOURCE_DIR BUILD_DIR  the template can be extracted, as meson extracts it
#   test-i18n.sh cli     CLI                   the command line speaks French (VA_LOCALEDIR, LANGUAGE=fr)
#   test-i18n.sh app     APP                   the app starts in French under Xvfb and takes a screenshot
#   test-i18n.sh data    DESKTOP METAINFO      the merged desktop file and metainfo carry French
#
# The template is extracted afresh into a temporary directory, never into po/: a string added
# to the code and not translated fails `catalog` without anyone running `ninja virtual-agent-pot`.
set -u

# The French text uses non-breaking spaces (U+00A0) before : ; ? ! and inside « ».
nb=$'\xc2\xa0'

n=0
failed=0
ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    failed=1
  fi
}
diag () { sed 's/^/# /'; }
finish () { echo "1..$n"; exit "$failed"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

package=virtual-agent

# The same arguments as meson's i18n.gettext (preset: 'glib') gives xgettext: keep them in step
# (`pot` compares them with the build's own virtual-agent-pot command).
xgettext_args=(
  --from-code=UTF-8
  --add-comments
  --keyword=_
  --keyword=N_
  --keyword=C_:1c,2
  --keyword=NC_:1c,2
  --keyword=g_dcgettext:2
  --keyword=g_dngettext:2,3
  --keyword=g_dpgettext2:2c,3
  --flag=N_:1:pass-c-format
  --flag=C_:2:pass-c-format
  --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format
  --flag=g_strdup_printf:1:c-format
  --flag=g_string_printf:2:c-format
  --flag=g_string_append_printf:2:c-format
  --flag=g_error_new:3:c-format
  --flag=g_set_error:4:c-format
  --flag=g_markup_printf_escaped:1:c-format
  --flag=g_log:3:c-format
  --flag=g_print:1:c-format
  --flag=g_printerr:1:c-format
  --flag=g_printf:1:c-format
  --flag=g_fprintf:2:c-format
  --flag=g_sprintf:2:c-format
  --flag=g_snprintf:3:c-format
)

# extract SOURCE_DIR OUT.pot
extract () {
  xgettext --package-name="$package" -f "$1/po/POTFILES.in" -D "$1" -k_ -o "$2" "${xgettext_args[@]}"
}

# The msgids of a PO file, one a line, as the PO file quotes them, with the msgctxt (if any)
# before a "|". The header (msgid "") is left out.
msgids () {
  msgcat --no-wrap --no-location "$1" | awk '
    function flush () { if (in_id && (id != "" || ctxt != "")) print (ctxt != "" ? ctxt "|" : "") "\"" id "\""; in_id = 0; ctxt = "" }
    /^msgctxt "/ { ctxt = substr($0, 9); next }
    /^msgid "/   { in_id = 1; id = substr($0, 8, length($0) - 8); next }
    /^"/         { if (in_id) id = id substr($0, 2, length($0) - 2); next }
    /^msgid_plural|^msgstr/ { flush () }'
}

mode=${1:-}
case "$mode" in
catalog)
  src=${2:?SOURCE_DIR}
  lang=${3:?LANG}
  po="$src/po/$lang.po"

  [ -f "$po" ]; ok $? "po/$lang.po exists"
  grep -qxF "$lang" "$src/po/LINGUAS"; ok $? "$lang is in po/LINGUAS"

  msgfmt --check --check-format --check-header -o /dev/null "$po" 2>"$tmp/check"
  ok $? "msgfmt --check accepts po/$lang.po"
  diag <"$tmp/check"

  msgfmt --statistics -o /dev/null "$po" 2>"$tmp/stats"
  diag <"$tmp/stats"
  ! grep -qE 'fuzzy|untranslated' "$tmp/stats"; ok $? "po/$lang.po has no fuzzy or untranslated message"

  if ! extract "$src" "$tmp/$package.pot" 2>"$tmp/xgettext"; then
    ok 1 "the template can be extracted from the sources"
    diag <"$tmp/xgettext"
    finish
  fi
  ok 0 "the template can be extracted from the sources"

  # Every message of the code now, translated (no fuzzy matching: a near miss is a miss).
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/$package.pot"
  msgattrib --untranslated --no-obsolete "$tmp/merged.po" >"$tmp/untranslated.po"
  msgids "$tmp/untranslated.po" >"$tmp/untranslated"
  [ ! -s "$tmp/untranslated" ]
  ok $? "every message in the code is translated in po/$lang.po ($(wc -l <"$tmp/untranslated") missing)"
  diag <"$tmp/untranslated"

  msgattrib --only-fuzzy --no-obsolete "$tmp/merged.po" >"$tmp/fuzzy.po"
  msgids "$tmp/fuzzy.po" >"$tmp/fuzzy"
  [ ! -s "$tmp/fuzzy" ]; ok $? "no translation is fuzzy"
  diag <"$tmp/fuzzy"

  # The flags come from the code (c-format): the translations must still fit them.
  msgfmt --check-format -o /dev/null "$tmp/merged.po" 2>"$tmp/merged-check"
  ok $? "the translations fit the format directives of the code now"
  diag <"$tmp/merged-check"

  # Only reported: strings gone from the code stay in the file until the next update-po.
  msgattrib --only-obsolete "$tmp/merged.po" >"$tmp/obsolete.po"
  msgids "$tmp/obsolete.po" | sed 's/^/obsolete: /' | diag
  finish
  ;;

pot)
  src=${2:?SOURCE_DIR}
  build=${3:?BUILD_DIR}

  extract "$src" "$tmp/$package.pot" 2>"$tmp/xgettext"
  ok $? "xgettext extracts the template from po/POTFILES.in"
  diag <"$tmp/xgettext"
  msgfmt --check-format -o /dev/null "$tmp/$package.pot" 2>"$tmp/check"
  ok $? "the template is a valid catalog"
  diag <"$tmp/check"
  count=$(msgids "$tmp/$package.pot" | wc -l)
  [ "$count" -gt 0 ]; ok $? "the template has $count messages"

  # One message from each kind of source, so a lost ITS rule or keyword shows.
  for want in '"Chatbot Editor"' '"Window width"' '"Author and test customer-support chatbots"' \
              '"shortcut window"|"Topics"' '"System Topics"' '"%u Problem"' '"Usage: virtual-agent-cli COMMAND'; do
    msgids "$tmp/$package.pot" | grep -qF -- "$want"; ok $? "the template has $want"
  done

  # The build's own pot target runs xgettext with meson's preset: the same arguments as here.
  line=$(grep -m1 -- '--internal gettext pot' "$build/build.ninja" 2>/dev/null)
  if [ -z "$line" ]; then
    n=$((n + 1)); echo "ok $n - # SKIP no virtual-agent-pot command in $build/build.ninja"
  else
    extra=$(sed -E 's/.*--extra-args=([^ ]*).*/\1/' <<<"$line" | sed 's/@@/\n/g' | sort)
    ours=$(printf '%s\n' "${xgettext_args[@]}" | sort)
    [ "$extra" = "$ours" ]; ok $? "the xgettext arguments match meson's virtual-agent-pot target"
    diff <(echo "$ours") <(echo "$extra") | diag
  fi
  finish
  ;;

cli)
  cli=${2:?CLI}
  : "${VA_LOCALEDIR:?VA_LOCALEDIR must point at the compiled catalogs}"
  [ -f "$VA_LOCALEDIR/fr/LC_MESSAGES/$package.mo" ]; ok $? "the French catalog is built in $VA_LOCALEDIR"

  fr () { LC_ALL=C.UTF-8 LANGUAGE=fr "$cli" "$@"; }

  fr help >"$tmp/out" 2>&1
  ok $? "help succeeds"
  grep -qx "Utilisation$nb: virtual-agent-cli COMMANDE \\[ARGUMENTS\\]" "$tmp/out"; ok $? "help is in French"
  grep -q '^  validate \[BOT...\] .* charge chaque bot' "$tmp/out"; ok $? "help lists the commands in French"
  grep -q "^Code de sortie$nb: " "$tmp/out"; ok $? "help explains the exit status in French"
  diag <"$tmp/out"

  fr no-such-command >"$tmp/out" 2>&1
  [ $? = 2 ]; ok $? "an unknown command still exits with 2"
  grep -qF "Commande «${nb}no-such-command$nb» inconnue. Essayez «${nb}virtual-agent-cli help$nb»." "$tmp/out"
  ok $? "an unknown command is reported in French, with guillemets"
  diag <"$tmp/out"

  echo '{"format": "something else"}' >"$tmp/other.vabot"
  fr validate "$tmp/other.vabot" >"$tmp/out" 2>&1
  [ $? = 1 ]; ok $? "validating a file that is not a bot exits with 1"
  grep -qF "Ce n’est pas un bot d’Agent virtuel$nb: «${nb}format$nb» doit valoir" "$tmp/out"
  ok $? "the problem is reported in French"
  diag <"$tmp/out"

  fr topics >"$tmp/out" 2>&1
  ok $? "topics succeeds"
  grep -q 'système' "$tmp/out"; ok $? "topics marks system topics in French"

  fr chat --help >"$tmp/out" 2>&1
  grep -qF 'Afficher chaque événement comme un objet JSON par ligne' "$tmp/out"
  ok $? "chat --help describes the options in French"

  # Plural forms: French counts 0 and 1 as singular.
  turn='user: hello\nbot: Hello! How can I help you today?\n'
  printf "$turn" >"$tmp/one.chat"
  fr run "$tmp/one.chat" >"$tmp/out" 2>&1
  grep -qF "RÉUSSITE $tmp/one.chat (1 tour)" "$tmp/out"; ok $? "run says « 1 tour » (singular)"
  diag <"$tmp/out"
  printf "$turn\n$turn" >"$tmp/two.chat"
  fr run "$tmp/two.chat" >"$tmp/out" 2>&1
  grep -qF "RÉUSSITE $tmp/two.chat (2 tours)" "$tmp/out"; ok $? "run says « 2 tours » (plural)"
  diag <"$tmp/out"

  # And without LANGUAGE, English, as the other suites expect.
  LC_ALL=C.UTF-8 LANGUAGE= "$cli" help 2>&1 | grep -q '^Usage: virtual-agent-cli COMMAND'
  ok $? "without LANGUAGE=fr the command line stays in English"
  finish
  ;;

app)
  app=${2:?APP}
  dir=${VA_SCREENSHOT_DIR:-$tmp}
  mkdir -p "$dir"
  shot="$dir/app-fr.png"
  rm -f "$shot"

  LC_ALL=C.UTF-8 LANGUAGE=fr "$app" --help >"$tmp/out" 2>&1
  ok $? "the app's --help succeeds"
  grep -qF 'Afficher la version et quitter' "$tmp/out"; ok $? "the app's options are described in French"
  diag <"$tmp/out"

  LC_ALL=C.UTF-8 LANGUAGE=fr timeout 60 \
    "${VA_SOURCE_DIR:?}/build-aux/run-headless.sh" "$app" --screenshot "$shot" >"$tmp/out" 2>&1
  ok $? "the app starts in French and quits after its screenshot"
  grep -v 'Failed to set fd limit' "$tmp/out" | diag
  [ "$(head -c 8 "$shot" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
  ok $? "the screenshot is a PNG: $shot"
  finish
  ;;

data)
  desktop=${2:?DESKTOP}
  metainfo=${3:?METAINFO}

  grep -qxF 'Name[fr]=Agent virtuel' "$desktop"; ok $? "the desktop file has the French name"
  grep -q '^GenericName\[fr\]=.' "$desktop"; ok $? "the desktop file has a French generic name"
  grep -q '^Comment\[fr\]=.' "$desktop"; ok $? "the desktop file has a French comment"
  grep -q '^Keywords\[fr\]=.*;$' "$desktop"; ok $? "the desktop file has French keywords ending in ;"
  grep -E '^[A-Za-z]+\[fr\]=' "$desktop" | diag

  grep -qF '<name xml:lang="fr">Agent virtuel</name>' "$metainfo"; ok $? "the metainfo has the French name"
  grep -q '<summary xml:lang="fr">.' "$metainfo"; ok $? "the metainfo has a French summary"
  grep -q '<p xml:lang="fr">.' "$metainfo"; ok $? "the metainfo description is in French"
  grep -q '<li xml:lang="fr">.' "$metainfo"; ok $? "the metainfo feature list is in French"
  grep -q '<caption xml:lang="fr">.' "$metainfo"; ok $? "the metainfo screenshot captions are in French"
  finish
  ;;

*)
  echo "Bail out! usage: $0 catalog|pot|cli|app|data ARGS…"
  exit 2
  ;;
esac
