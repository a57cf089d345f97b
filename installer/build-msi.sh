#!/usr/bin/env bash
# Builds the console's MSI with wixl (WINDOWS.md): installer/build-msi.sh BIN_DIR LOCALE_DIR VERSION OUT.msi
#   BIN_DIR     holds sanad-reception.exe, sanad-server.exe, sanad-cli.exe (the MinGW build)
#   LOCALE_DIR  holds de/LC_MESSAGES/sanad-reception.mo (the build's share/locale)
# Fails on any wixl warning (wixl exits 0 while dropping what it does not know). Sets File.Version
# of the executables. SANAD_WXS names another source (the tests use it). Reproducible: the same inputs give the same bytes (file times, wixl's clock and
# the PackageCode are pinned: SOURCE_DATE_EPOCH, else the last commit's time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[[ $# -eq 4 ]] || { echo "usage: $0 BIN_DIR LOCALE_DIR VERSION OUT.msi" >&2; exit 2; }
bin=$1 locale=$2 version=$3 out=$4
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "build-msi: version must be X.Y.Z" >&2; exit 2; }
epoch="${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || echo 1700000000)}"
export TZ=UTC
clock="@$(date -u -d "@$epoch" '+%Y-%m-%d %H:%M:%S')"
guid() {  # a GUID from a hash: stable for the same input
  local h
  h=$(sha256sum | cut -c1-32 | tr a-f A-F)
  echo "${h:0:8}-${h:8:4}-${h:12:4}-${h:16:4}-${h:20:12}"
}

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
for exe in sanad-reception sanad-server sanad-cli; do
  cp "$bin/$exe.exe" "$stage/"
done
cp "$here/../assets/sanad.ico" "$stage/"
mkdir -p "$stage/sounds"
cp "$here/../assets/sounds/chime.wav" "$stage/sounds/"
mkdir -p "$stage/locale/de/LC_MESSAGES"
cp "$locale/de/LC_MESSAGES/sanad-reception.mo" "$stage/locale/de/LC_MESSAGES/"
# wx's own German (stock buttons): Debian's wx3.2-i18n catalog of the same wx version.
cp /usr/share/locale/de/LC_MESSAGES/wxstd-3.2.mo "$stage/locale/de/LC_MESSAGES/"
find "$stage" -exec touch -h -d "@$epoch" {} +

# One product code per version (MajorUpgrade replaces the product; the UpgradeCode stays).
product=$(echo "sanad-reception product $version" | guid)
(cd "$stage" &&
 faketime -f "$clock" wixl -a x64 -D "Version=$version" -D "ProductCode=$product" \
   -o "$stage/out.msi" "${SANAD_WXS:-$here/sanad-reception.wxs}") 2> "$stage/wixl.log" || {
  cat "$stage/wixl.log" >&2; echo "build-msi: wixl failed" >&2; exit 1; }
if grep -Eiq 'warning|critical|has no property|unhandled|unknown' "$stage/wixl.log"; then
  cat "$stage/wixl.log" >&2
  echo "build-msi: wixl warned (it drops what it does not know): fix the .wxs" >&2
  exit 1
fi
for file in SanadReceptionExe SanadServerExe SanadCliExe; do
  faketime -f "$clock" msibuild "$stage/out.msi" -q \
    "UPDATE File SET Version='$version.0' WHERE File='$file'"
done
# The PackageCode identifies this package: derived from everything that went into it (wixl's own
# revision code is random).
package=$( (cd "$stage" && find . -type f ! -name out.msi ! -name wixl.log | LC_ALL=C sort |
            xargs sha256sum; sha256sum < "${SANAD_WXS:-$here/sanad-reception.wxs}"; echo "$version") | guid)
faketime -f "$clock" msibuild "$stage/out.msi" -s "Sanad Reception" "Sanad" "x64;1033" "{$package}"
mkdir -p "$(dirname "$out")"
mv "$stage/out.msi" "$out"
echo "build-msi: $out ($(stat -c %s "$out") bytes, product {$product}, package {$package})"
