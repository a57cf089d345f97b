#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs every test tier.
#   scripts/test.sh               # all tiers, the Windows one (MinGW build, MSI, wine) included
#   scripts/test.sh -L unit       # extra arguments go to ctest (here: one tier); the Windows
#                                 # build only happens when they ask for the installer tier
#   SANAD_SKIP_WINDOWS=1 scripts/test.sh   # everything but the Windows build and its tier
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$SECONDS
phase() { echo "test.sh: $1 done at $((SECONDS - t0)) s"; }

windows=OFF
if [[ "${SANAD_SKIP_WINDOWS:-0}" != 1 ]] && { [[ $# -eq 0 ]] || [[ "$*" == *installer* ]]; }; then
  windows=ON
fi
scripts/setup-debian.sh
phase "packages"
cmake --preset dev -DSANAD_WINDOWS_TESTS=$windows >/dev/null
cmake --build --preset dev -j "$(nproc)"
phase "native build"
if [[ $windows == ON ]]; then
  # Dependencies cross-built once into ~/.cache/sanad/win64-deps (about 20 minutes on 2 cores
  # from scratch, a second when cached), then the three .exe files and the unit tests.
  scripts/build-windows.sh
  phase "Windows build"
fi
ctest --preset dev -j "$(nproc)" "$@"
phase "tests"
