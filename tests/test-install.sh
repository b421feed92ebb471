#!/usr/bin/env bash
# TAP test: installs the build into a staging directory and checks that a desktop
# would find everything there (desktop file, metainfo, icons, MIME type, schema),
# then runs the INSTALLED app headlessly on a bot made by the installed CLI.
#
# usage: test-install.sh BUILD_DIR SOURCE_DIR BINDIR DATADIR APP_ID APP_COMMAND CLI_COMMAND
#   BINDIR and DATADIR are the absolute install paths (prefix included).
set -u

build=${1:?build dir}
src=${2:?source dir}
bindir=${3:?bindir}
datadir=${4:?datadir}
app_id=${5:?app id}
app_cmd=${6:?app command}
cli_cmd=${7:?cli command}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stage="$tmp/stage"
bin="$stage$bindir"
share="$stage$datadir"

n=0
failed=0
ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then
    echo "ok $n - $2"
  else
    failed=$((failed + 1))
    echo "not ok $n - $2"
    if [ -n "${3:-}" ] && [ -s "$3" ]; then sed 's/^/# /' "$3"; fi
    return 1
  fi
}
finish () {
  echo "1..$n"
  [ "$failed" = 0 ]
  exit
}

# Nothing here may read or write the user's own settings and data.
export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/home/data"
export XDG_CONFIG_HOME="$tmp/home/config"
export XDG_CACHE_HOME="$tmp/home/cache"
export XDG_STATE_HOME="$tmp/home/state"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
export XDG_DATA_DIRS="$share:/usr/share"
export LC_ALL=C.UTF-8
export LANGUAGE=

# --no-rebuild installs what is there: make sure that is current, or the test
# would pass on an old binary.
mapfile -t installed_targets < <(meson introspect "$build" --targets | python3 -c '
import json, os, sys
build = sys.argv[1]
for target in json.load(sys.stdin):
    if target.get("installed"):
        for f in target["filename"]:
            print(os.path.relpath(f, build))' "$build")
ninja -C "$build" -n "${installed_targets[@]}" >"$tmp/stale.log" 2>&1 &&
  grep -q "no work to do" "$tmp/stale.log"
if ! ok $? "every installed target is built and up to date" "$tmp/stale.log"; then
  echo "# build first: ninja -C $build"
fi

meson install --destdir "$stage" -C "$build" --no-rebuild >"$tmp/install.log" 2>&1
ok $? "meson install into a staging directory" "$tmp/install.log"
[ -d "$stage" ] || finish

for f in \
  "$bin/$app_cmd" \
  "$bin/$cli_cmd" \
  "$share/applications/$app_id.desktop" \
  "$share/metainfo/$app_id.metainfo.xml" \
  "$share/glib-2.0/schemas/$app_id.gschema.xml" \
  "$share/icons/hicolor/scalable/apps/$app_id.svg" \
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "$share/mime/packages/$app_id.xml"; do
  [ -f "$f" ]; ok $? "installed ${f#"$stage"}"
done
[ -x "$bin/$app_cmd" ] && [ -x "$bin/$cli_cmd" ]; ok $? "the binaries are executable"

# The pieces name each other: desktop file -> binary and icon, metainfo -> desktop file.
desktop="$share/applications/$app_id.desktop"
exec_word=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" 2>/dev/null | head -n1)
[ "$exec_word" = "$app_cmd" ] && [ -x "$bin/$exec_word" ]
ok $? "the desktop file runs the installed $app_cmd (Exec=$exec_word)"
icon=$(sed -n 's/^Icon=//p' "$desktop" 2>/dev/null | head -n1)
[ -f "$share/icons/hicolor/scalable/apps/$icon.svg" ]
ok $? "the desktop file's icon $icon is installed"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
  "$share/metainfo/$app_id.metainfo.xml" 2>/dev/null
ok $? "the metainfo launches $app_id.desktop"

# The schema, compiled into the staging directory, is found there.
schemas="$share/glib-2.0/schemas"
glib-compile-schemas --strict "$schemas" >"$tmp/schemas.log" 2>&1
ok $? "glib-compile-schemas on the staged schemas" "$tmp/schemas.log"
gsettings --schemadir "$schemas" list-keys "$app_id" >"$tmp/keys.log" 2>&1 &&
  grep -qx window-width "$tmp/keys.log"
ok $? "gsettings finds $app_id in the staged schemas" "$tmp/keys.log"

# The MIME type: by name, and by content for a file without the extension.
update-mime-database "$share/mime" >"$tmp/mime.log" 2>&1 && [ ! -s "$tmp/mime.log" ]
ok $? "update-mime-database accepts the MIME package without a warning" "$tmp/mime.log"

bot="$tmp/bot.vabot"
"$bin/$cli_cmd" format >"$bot" 2>"$tmp/cli.log" && [ -s "$bot" ]
ok $? "the installed CLI writes a bot" "$tmp/cli.log"

content_type () {
  gio info -a standard::content-type "$1" 2>/dev/null | sed -n 's/^ *standard::content-type: //p'
}
type=$(content_type "$bot")
[ "$type" = application/x-virtual-agent-bot ]
ok $? "a .vabot file is application/x-virtual-agent-bot (got '$type')"
cp "$bot" "$tmp/no-extension"
type=$(content_type "$tmp/no-extension")
[ "$type" = application/x-virtual-agent-bot ]
ok $? "a bot without the extension is recognized by its content (got '$type')"
# What gnome.post_install does on a real install (meson skips it under DESTDIR).
update-desktop-database "$share/applications" >"$tmp/desktop-db.log" 2>&1 && [ ! -s "$tmp/desktop-db.log" ]
ok $? "update-desktop-database accepts the desktop file without a warning" "$tmp/desktop-db.log"
gtk-update-icon-cache -q -t -f "$share/icons/hicolor" >"$tmp/icon-cache.log" 2>&1
ok $? "gtk-update-icon-cache indexes the staged icons" "$tmp/icon-cache.log"
# GIO ignores a desktop file whose Exec is not on PATH, as it would be once installed.
PATH="$bin:$PATH" gio mime application/x-virtual-agent-bot >"$tmp/handlers.log" 2>&1 &&
  grep -q "^Default application for .*: $app_id.desktop\$" "$tmp/handlers.log"
ok $? "the app is the default for application/x-virtual-agent-bot" "$tmp/handlers.log"

# The installed app opens the bot and saves a screenshot under Xvfb.
png="$tmp/install.png"
GSETTINGS_SCHEMA_DIR="$schemas" GSETTINGS_BACKEND=memory G_DEBUG=fatal-criticals \
  timeout 90 "$src/build-aux/run-headless.sh" "$bin/$app_cmd" --screenshot "$png" "$bot" \
  >"$tmp/app.log" 2>&1
status=$?
ok $status "the installed app runs with --screenshot (exit $status)" "$tmp/app.log"
[ -s "$png" ] && [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
ok $? "the screenshot is a PNG" "$tmp/app.log"
if [ -s "$png" ]; then
  mkdir -p "$build/meson-logs/screenshots" && cp "$png" "$build/meson-logs/screenshots/"
fi

finish
