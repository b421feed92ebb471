#!/usr/bin/env bash
# The two commands of the README:
#   build-aux/dev.sh run [FILE]   build, then launch the app (the sample bot when no FILE)
#   build-aux/dev.sh test         build, then run every test (UI tests under Xvfb)
# Both install the Debian packages they need first when some are missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="${VA_BUILD_DIR:-$root/_build}"

packages=(
  meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libjson-glib-dev libsoup-3.0-dev glib-networking libstemmer-dev
  libxml2-utils gettext desktop-file-utils appstream shared-mime-info gtk-update-icon-cache
  xvfb xauth dbus-daemon dbus-x11 python3 chromium
)

ensure_packages () {
  local missing=()
  for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  echo "Installing missing packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "Run as root, or install sudo, to install: ${missing[*]}" >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

configure_and_build () {
  if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "$root" "$@"
  fi
  meson compile -C "$build"
}

# Prints "N passed, N failed" from meson's JSON log (the line CI reads).
summarize () {
  python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1]) as f:
    for line in f:
        r = json.loads(line)
        if r["result"] in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r["result"] == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
}

case "${1:-}" in
  run)
    shift
    ensure_packages
    configure_and_build
    export GSETTINGS_SCHEMA_DIR="$build/data"
    exec "$build/src/ui/virtual-agent" "$@"
    ;;
  test)
    shift
    ensure_packages
    configure_and_build
    status=0
    meson test -C "$build" --print-errorlogs --num-processes "$(nproc)" "$@" || status=$?
    summarize || status=1
    exit $status
    ;;
  *)
    echo "usage: $0 run [FILE] | test [MESON TEST ARGS]" >&2
    exit 2
    ;;
esac
