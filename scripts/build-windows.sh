#!/usr/bin/env bash
# The Windows build (WINDOWS.md): cross-builds the dependencies once (scripts/build-win64-deps.sh,
# cached), then sanad-reception.exe, sanad-server.exe, sanad-cli.exe and the unit and store tests with
# MinGW-w64 into build/win64. They run under wine with `ctest --test-dir build/win64`;
# the MSI is made by installer/build-msi.sh (the `installer` test tier does both).
set -euo pipefail
cd "$(dirname "$0")/.."
export SANAD_WIN64_DEPS="${SANAD_WIN64_DEPS:-$HOME/.cache/sanad/win64-deps}"
scripts/build-win64-deps.sh
deps=$SANAD_WIN64_DEPS
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S . -B build/win64 -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/mingw-w64-x86_64.cmake" \
  -DCMAKE_PREFIX_PATH="$deps" -DwxWidgets_CONFIG_EXECUTABLE="$deps/bin/wx-config" \
  -DwxWidgets_USE_STATIC=ON -DOPENSSL_ROOT_DIR="$deps" -DOPENSSL_USE_STATIC_LIBS=TRUE \
  -DPoco_DIR="$deps/cmake" -DGTest_DIR="$deps/lib/cmake/GTest" \
  -DSANAD_BUILD_BENCH=OFF "${launcher[@]}" > build/win64-configure.log ||
  { tail -30 build/win64-configure.log >&2; exit 1; }
# gtest_discover_tests runs the test .exe under wine at build time: a booted prefix of our own.
export WINEPREFIX="${SANAD_WINEPREFIX:-$HOME/.cache/sanad/wine-build}" WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml="
mkdir -p "$WINEPREFIX"
wineserver -p 2>/dev/null || true
wine wineboot -i >/dev/null 2>&1 || true
cmake --build build/win64 -j "$(nproc)" --target sanad-reception sanad-server sanad-cli sanad_unit_tests sanad_store_tests \
  sanad_announce_tests
