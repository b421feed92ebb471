#!/usr/bin/env bash
# TAP test: every source file that marks strings for translation is listed in po/POTFILES.in,
# and every file listed there exists.
set -u
src="${VA_SOURCE_DIR:?VA_SOURCE_DIR must point at the source tree}"
cd "$src" || exit 1
n=0
ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
for file in $(grep -lE '(^|[^A-Za-z0-9_])(N?_|C_|NC_)\(' src/*/*.c | sort) $(ls src/ui/*.ui 2>/dev/null); do
  grep -qxF "$file" po/POTFILES.in; ok $? "$file is in po/POTFILES.in"
done
while read -r file; do
  case "$file" in ''|'#'*) continue ;; esac
  [ -f "$file" ]; ok $? "listed $file exists"
done <po/POTFILES.in
echo "1..$n"
