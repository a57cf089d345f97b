#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs every test tier.
#   scripts/test.sh               # all tiers
#   scripts/test.sh -L unit       # extra arguments go to ctest (here: one tier)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)"
ctest --preset dev -j "$(nproc)" "$@"
