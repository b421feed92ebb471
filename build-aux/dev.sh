#!/usr/bin/env bash
# The two commands of the README:
#   build-aux/dev.sh run [FILE]   build, then launch the app (the sample bot when no FILE)
#   build-aux/dev.sh test         build, then run every test (UI tests under Xvfb); then build
#                                 again with clang, AddressSanitizer and UBSan and run every test
#                                 there too, fuzz targets included (VA_SANITIZERS=0 skips that)
# Both install the Debian packages they need first when some are missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="${VA_BUILD_DIR:-$root/_build}"
sanitizer_build="${VA_SANITIZER_BUILD_DIR:-$root/_build-asan}"

packages=(
  meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libjson-glib-dev libsoup-3.0-dev glib-networking libstemmer-dev
  libxml2-utils gettext desktop-file-utils appstream shared-mime-info gtk-update-icon-cache
  xvfb xauth dbus-daemon dbus-x11 python3 chromium
  clang libclang-rt-14-dev llvm-14
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

# The sanitizer build (README, "Sanitizers"): clang, ASan and UBSan, the fuzz targets. Its
# default test setup carries the sanitizer options and build-aux/lsan.supp.
configure_and_build_sanitizers () {
  if [ ! -f "$sanitizer_build/build.ninja" ]; then
    CC=clang CXX=clang++ meson setup "$sanitizer_build" "$root" \
      -Db_sanitize=address,undefined -Db_lundef=false -Dfuzz=true
  fi
  meson compile -C "$sanitizer_build"
}

# Prints "N passed, N failed" from meson's JSON logs, all builds together (the line CI reads).
summarize () {
  python3 - "$@" <<'PY'
import json, os, sys
passed = failed = skipped = 0
parts = []
for log in sys.argv[1:]:
    p = f = s = 0
    with open(log) as lines:
        for line in lines:
            r = json.loads(line)
            if r["result"] in ("OK", "EXPECTEDFAIL"):
                p += 1
            elif r["result"] == "SKIP":
                s += 1
            else:
                f += 1
                print(f"FAILED: {r['name']} ({os.path.dirname(os.path.dirname(log))})")
    parts.append(f"{os.path.basename(os.path.dirname(os.path.dirname(log)))} {p}/{p + f}")
    passed, failed, skipped = passed + p, failed + f, skipped + s
failed += int(os.environ.get("VA_BUILD_FAILED", "0"))
if len(parts) > 1:
    print("tests that passed per build: " + ", ".join(parts))
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
    logs=("$build/meson-logs/testlog.json")
    meson test -C "$build" --print-errorlogs --num-processes "$(nproc)" "$@" || status=$?
    if [ "${VA_SANITIZERS:-1}" != 0 ]; then
      if configure_and_build_sanitizers; then
        rm -f "$sanitizer_build"/meson-logs/testlog*.json
        meson test -C "$sanitizer_build" --print-errorlogs --num-processes "$(nproc)" "$@" ||
          status=$?
        logs+=("$sanitizer_build"/meson-logs/testlog*.json)
      else
        # Counted as one failed test, so that the closing line still comes.
        echo "FAILED: the sanitizer build in $sanitizer_build does not build"
        status=1
        export VA_BUILD_FAILED=1
      fi
    fi
    summarize "${logs[@]}" || status=1
    exit $status
    ;;
  *)
    echo "usage: $0 run [FILE] | test [MESON TEST ARGS]" >&2
    exit 2
    ;;
esac
