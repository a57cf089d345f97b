#!/usr/bin/env bash
# Cross-builds the console's Windows dependencies (OpenSSL, libpng, Poco, wxWidgets, GoogleTest,
# libqrencode) as static
# MinGW-w64 libraries from Debian's own source packages (WINDOWS.md), into a prefix outside the
# repo: $SANAD_WIN64_DEPS (default ~/.cache/sanad/win64-deps). Each library is keyed by its source
# version and the revision of its recipe below (`rev_*`): only what changed is rebuilt, and a run
# with nothing to do takes about a second. From scratch on 2 cores: about 20 minutes
# (measured: OpenSSL 111 s, libpng 20 s, Poco 475 s, wxWidgets 587 s, GoogleTest 13 s).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
prefix="${SANAD_WIN64_DEPS:-$HOME/.cache/sanad/win64-deps}"
export SANAD_WIN64_DEPS="$prefix"  # the toolchain file searches there
work="${SANAD_WIN64_WORK:-$HOME/.cache/sanad/win64-src}"
jobs="$(nproc)"
host=x86_64-w64-mingw32
# Order matters: a library rebuilds what comes after it, so new ones go last.
packages=(openssl libpng1.6 poco wxwidgets3.2 googletest qrencode)
# Recipe revisions: bump one to rebuild that library (and what is built after it).
declare -A rev=([openssl]=1 [libpng1.6]=1 [poco]=2 [wxwidgets3.2]=1 [googletest]=1 [qrencode]=1)
log() { echo "win64-deps: $*" >&2; }

# --- Debian's source packages, with the ordinary apt client and a private configuration ---
mkdir -p "$work/apt/sources.d" "$work/apt/lists/partial"
sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
  > "$work/apt/sources.d/debian-src.sources"
apt_opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$work/apt/sources.d"
          -o "Dir::State::Lists=$work/apt/lists" -o "Debug::NoLocking=1")
# The newest version of each package whose files the archive still serves (security uploads
# replace versions; a mirror may list one it no longer has).
pick() {
  local p=$1 v
  for v in $(apt-cache "${apt_opts[@]}" showsrc "$p" 2>/dev/null | awk '/^Version:/ {print $2}' |
             sort -u | sort -r -V); do
    local dsc
    dsc=$(apt-get "${apt_opts[@]}" -qq source --print-uris "$p=$v" 2>/dev/null |
          awk -F"'" '/\.dsc/ {print $2; exit}')
    if [[ -n "$dsc" ]] && curl -fsI "$dsc" >/dev/null 2>&1; then
      echo "$p=$v"
      return 0
    fi
  done
  return 1
}
if [[ ! -d "$work/apt/lists" ]] || ! ls "$work/apt/lists"/*Sources* >/dev/null 2>&1; then
  log "fetching the source package lists"
  apt-get "${apt_opts[@]}" -qq update 2>&1 | grep -v unsandboxed >&2 || true
fi
versions=""
for p in "${packages[@]}"; do
  v=$(pick "$p") || { log "no downloadable source of $p"; exit 1; }
  versions+="$v"$'\n'
done
versions="${versions%$'\n'}"
stamp() { echo "$1=${versions_of[$1]} rev ${rev[$1]} $(sha256sum "$here/cmake/mingw-w64-x86_64.cmake" | cut -c1-12)"; }
declare -A versions_of
while IFS== read -r p v; do versions_of[$p]=$v; done <<<"$versions"
todo=()
for p in "${packages[@]}"; do
  if [[ "${#todo[@]}" -gt 0 || ! -f "$prefix/.stamp-$p" || "$(cat "$prefix/.stamp-$p")" != "$(stamp "$p")" ]]; then
    todo+=("$p")  # and everything after it: later libraries link the earlier ones
  fi
done
if [[ ${#todo[@]} -eq 0 ]]; then
  log "up to date in $prefix"
  exit 0
fi
log "building into $prefix: ${todo[*]}"
start=$SECONDS
mkdir -p "$prefix"
rm -rf "$work/src"
mkdir -p "$work/src"
cd "$work/src"
# shellcheck disable=SC2046
apt-get "${apt_opts[@]}" -qq source --download-only $(for p in "${todo[@]}"; do echo "$p=${versions_of[$p]}"; done) 2>&1 |
  grep -v unsandboxed >&2 || true
for dsc in *.dsc; do
  dpkg-source -x --skip-debianization "$dsc" >/dev/null 2>&1 || dpkg-source -x "$dsc" >/dev/null 2>&1 || true
done
# A mirror may lack a package's debian.tar (seen for qrencode): the recipes skip the
# debianization anyway, so the upstream tarball apt fetched (and checked) is enough.
for p in "${todo[@]}"; do
  if [[ -z "$(find "$work/src" -maxdepth 1 -type d -name "$p-*")" ]]; then
    for orig in "$p"_*.orig.tar.*; do
      [[ -f "$orig" ]] && tar -xf "$orig"
    done
  fi
  [[ -n "$(find "$work/src" -maxdepth 1 -type d -name "$p-*")" ]] || { log "no source of $p"; exit 1; }
done
srcdir() { find "$work/src" -maxdepth 1 -type d -name "$1-*" | head -1; }
export CC=$host-gcc-posix CXX=$host-g++-posix AR=$host-ar RANLIB=$host-ranlib
wants() { [[ " ${todo[*]} " == *" $1 "* ]]; }
done_with() { stamp "$1" > "$prefix/.stamp-$1"; log "$1 $((SECONDS - t)) s"; }

# --- OpenSSL ---
if wants openssl; then
t=$SECONDS; log "openssl"
(cd "$(srcdir openssl)" &&
 ./Configure mingw64 --cross-compile-prefix= --prefix="$prefix" --libdir=lib no-shared no-tests \
   no-module no-legacy -static >/dev/null &&
 make -s -j"$jobs" build_libs >/dev/null && make -s install_dev >/dev/null)
done_with openssl
fi

# --- libpng (wx's SVG needs it; zlib comes from libz-mingw-w64-dev) ---
if wants libpng1.6; then
t=$SECONDS; log "libpng"
(cd "$(srcdir libpng1.6)" &&
 ./configure --host=$host --prefix="$prefix" --disable-shared --enable-static \
   CPPFLAGS="-I/usr/$host/include" LDFLAGS="-L/usr/$host/lib" >/dev/null &&
 make -s -j"$jobs" >/dev/null && make -s install >/dev/null)
done_with libpng1.6
fi

# --- Poco (static; two source fixes of WINDOWS.md) ---
if wants poco; then
t=$SECONDS; log "poco"
poco="$(srcdir poco)"
grep -rl --include='*.h' --include='*.cpp' -e '<Winsock2.h>' -e '<Iphlpapi.h>' -e '<WinSock2.h>' "$poco" |
  xargs -r sed -i -e 's/<Winsock2.h>/<winsock2.h>/; s/<WinSock2.h>/<winsock2.h>/; s/<Iphlpapi.h>/<iphlpapi.h>/'
impl="$poco/Net/include/Poco/Net/ICMPv4PacketImpl.h"
grep -q 'undef TIMESTAMP_REQUEST' "$impl" ||
  sed -i '0,/^namespace Poco {/s//#ifdef TIMESTAMP_REQUEST\n#undef TIMESTAMP_REQUEST\n#endif\nnamespace Poco {/' "$impl"
disable=()
for m in ENCODINGS ENCODINGS_COMPILER XML JSON MONGODB DATA_SQLITE REDIS PDF UTIL NET NETSSL CRYPTO \
         JWT DATA DATA_MYSQL DATA_POSTGRESQL DATA_ODBC SEVENZIP ZIP APACHECONNECTOR CPPPARSER \
         ENCODINGS POCODOC PAGECOMPILER PAGECOMPILER_FILE2PAGE ACTIVERECORD ACTIVERECORD_COMPILER PROMETHEUS; do
  disable+=("-DENABLE_$m=OFF")
done
cmake -S "$poco" -B "$work/poco-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="$here/cmake/mingw-w64-x86_64.cmake" -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DBUILD_SHARED_LIBS=OFF -DCMAKE_MC_COMPILER="$(command -v $host-windmc)" \
  -DOPENSSL_ROOT_DIR="$prefix" -DOPENSSL_USE_STATIC_LIBS=TRUE \
  "${disable[@]}" -DENABLE_FOUNDATION=ON -DENABLE_XML=ON -DENABLE_JSON=ON -DENABLE_NET=ON \
  -DENABLE_NETSSL=ON -DENABLE_CRYPTO=ON -DENABLE_UTIL=ON -DENABLE_DATA=ON -DENABLE_DATA_SQLITE=ON \
  -DENABLE_TESTS=OFF -DPOCO_UNBUNDLED=OFF >/dev/null
cmake --build "$work/poco-build" -j "$jobs" > "$work/poco-build.log" 2>&1 ||
  { grep -E 'error|FAILED' "$work/poco-build.log" | head -20 >&2; log "poco failed"; exit 1; }
cmake --install "$work/poco-build" >/dev/null
done_with poco
fi

# --- wxWidgets (MSW, static) ---
if wants wxwidgets3.2; then
t=$SECONDS; log "wxwidgets"
mkdir -p "$work/wx-build"
(cd "$work/wx-build" &&
 "$(srcdir wxwidgets3.2)/configure" --host=$host --prefix="$prefix" --with-msw --disable-shared \
   --with-zlib=sys --with-libpng=sys --with-regex=builtin --without-libjpeg --without-libtiff \
   --without-expat --disable-html --disable-xrc --disable-aui --disable-propgrid --disable-ribbon \
   --disable-stc --disable-richtext --disable-mediactrl --disable-webview --disable-sockets \
   --disable-webrequest \
   CPPFLAGS="-I$prefix/include -I/usr/$host/include" LDFLAGS="-L$prefix/lib -L/usr/$host/lib" >/dev/null &&
 make -s -j"$jobs" >/dev/null && make -s install >/dev/null)
done_with wxwidgets3.2
fi

# --- GoogleTest (the unit tests run under wine) ---
if wants googletest; then
t=$SECONDS; log "googletest"
cmake -S "$(srcdir googletest)" -B "$work/gtest-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="$here/cmake/mingw-w64-x86_64.cmake" -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DBUILD_SHARED_LIBS=OFF -Dgtest_disable_pthreads=OFF >/dev/null
cmake --build "$work/gtest-build" -j "$jobs" >/dev/null
cmake --install "$work/gtest-build" >/dev/null
done_with googletest
fi

# --- libqrencode (the check-in panel's QR code; the library only, not the qrencode tool) ---
if wants qrencode; then
t=$SECONDS; log "qrencode"
cmake -S "$(srcdir qrencode)" -B "$work/qrencode-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="$here/cmake/mingw-w64-x86_64.cmake" -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DBUILD_SHARED_LIBS=OFF -DWITH_TOOLS=OFF -DWITH_TESTS=OFF -DWITHOUT_PNG=ON >/dev/null
cmake --build "$work/qrencode-build" -j "$jobs" >/dev/null
cmake --install "$work/qrencode-build" >/dev/null
done_with qrencode
fi

rm -rf "$work/src" "$work/poco-build" "$work/wx-build" "$work/gtest-build" "$work/qrencode-build"
log "done in $((SECONDS - start)) s; prefix $(du -sh "$prefix" | cut -f1)"
