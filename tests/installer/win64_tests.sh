#!/usr/bin/env bash
# installer.win64_unit_and_store_tests: the MinGW unit and store test executables under wine.
# Boots the build's prefix first (WINDOWS.md: else every test waits ~2.5 s for wine to start:
# 147 tests took 349 s instead of 8 s when nothing else had booted it), and stops its wineserver
# afterwards. Usage: win64_tests.sh WIN64_BUILD
set -euo pipefail
export WINEPREFIX="${SANAD_WINEPREFIX:-$HOME/.cache/sanad/wine-build}" WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml="
mkdir -p "$WINEPREFIX"
wineserver -p 2>/dev/null || true
wine wineboot -i >/dev/null 2>&1 || true
rc=0
ctest --test-dir "$1" -L '^(unit|store)$' --output-on-failure || rc=$?
wineserver -k 2>/dev/null || true
exit "$rc"
