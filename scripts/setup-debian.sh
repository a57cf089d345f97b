#!/usr/bin/env bash
# Installs every Debian 12 package Sanad Reception needs to build, test and run its demo.
# Idempotent and non-interactive; when everything is present it returns in about a second
# without touching the network.
#
#   scripts/setup-debian.sh            # everything (build, tests, demo, Windows cross-build)
#   SANAD_SETUP_SKIP_WINDOWS=1 ...     # leave out MinGW / wine / wixl (a Linux-only dev box)
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git clang-format clang-tidy
  # libraries
  libwxgtk3.2-dev libpoco-dev libssl-dev libsqlite3-dev sqlite3 libpcre3-dev zlib1g-dev
  libexpat1-dev libpcsclite-dev libpq-dev
  # tests and benchmarks
  googletest libgtest-dev libgmock-dev libbenchmark-dev wrk curl openssl python3 time x11-utils
  # the OpenAPI test (tests/openapi): the document read and every answer checked against it
  python3-yaml python3-jsonschema
  # card reader tests: a real pcscd with the vpcd virtual reader
  pcscd vsmartcard-vpcd
  # several server instances (issue 8): a private PostgreSQL and Redis on 127.0.0.1
  postgresql redis-server
  # ui tests and the demo: a headless X server, screenshots, translations
  xvfb xauth xdotool imagemagick gettext wx3.2-i18n
  # calling the patient (issue 15): QR codes, speech, sound; the pages tested in a real browser
  libqrencode-dev zbar-tools libespeak-ng-dev espeak-ng-data libasound2-dev sox
  chromium chromium-driver python3-selenium
)
if [[ "${SANAD_SETUP_SKIP_WINDOWS:-0}" != 1 ]]; then
  packages+=(
    g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix mingw-w64-tools libz-mingw-w64-dev
    wine wine64 msitools wixl dpkg-dev faketime
  )
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup-debian: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=()
[[ $(id -u) -eq 0 ]] || SUDO=(sudo)
export DEBIAN_FRONTEND=noninteractive
echo "setup-debian: installing ${#missing[@]} packages: ${missing[*]}"
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "setup-debian: done"
