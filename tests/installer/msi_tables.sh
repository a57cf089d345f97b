#!/usr/bin/env bash
# installer.msi_tables: the MSI built from the MinGW executables has the rows it must have
# (msiinfo), builds reproducibly, and a source wixl would silently mangle is refused.
# Usage: msi_tables.sh WIN64_BUILD LOCALE_DIR VERSION ARTIFACTS
set -euo pipefail
win=$1 locale=$2 version=$3 art=$4
root="$(cd "$(dirname "$0")/../.." && pwd)"
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir -p "$art"
build() { "$root/installer/build-msi.sh" "$win/app" "$locale" "$1" "$2"; }

build "$version" "$art/sanad-reception-$version.msi"
msi="$art/sanad-reception-$version.msi"
build "$version" "$art/again.msi"
cmp -s "$msi" "$art/again.msi" || fail "two builds of the same inputs differ"
rm -f "$art/again.msi"

files=$(msiinfo export "$msi" File | tr -d "\r")
for f in sanad-reception.exe sanad-server.exe sanad-cli.exe sanad-reception.mo wxstd-3.2.mo chime.wav; do
  grep -q "$f" <<<"$files" || fail "no $f in the File table"
done
for id in SanadReceptionExe SanadServerExe SanadCliExe; do
  grep -P "^$id\t" <<<"$files" | grep -qP "\t$version\.0\t" || fail "File.Version of $id is not $version.0"
done
# Every component 64-bit (msidbComponentAttributes64bit = 256).
msiinfo export "$msi" Component | tr -d "\r" | tail -n +4 | while IFS=$'\t' read -r id _ _ attr _; do
  (( (attr & 256) != 0 )) || fail "component $id is not 64-bit (attributes $attr)"
done
# Each table is read whole first: `grep -q` in a pipe stops reading at the first match, msiinfo
# then dies of SIGPIPE, and pipefail turned a found row into a failure (seen: "no ARP icon").
shortcuts=$(msiinfo export "$msi" Shortcut | tr -d "\r")
grep -q $'\tSanad Reception\t.*\[INSTALLDIR\]sanad-reception.exe' <<<"$shortcuts" ||
  fail "no Start-menu shortcut to the console"
upgrade=$(msiinfo export "$msi" Upgrade | tr -d "\r")
grep -q WIX_UPGRADE_DETECTED <<<"$upgrade" || fail "no MajorUpgrade row"
grep -q WIX_DOWNGRADE_DETECTED <<<"$upgrade" || fail "no downgrade guard"
properties=$(msiinfo export "$msi" Property | tr -d "\r")
grep -qP "^ARPPRODUCTICON\tsanad.ico" <<<"$properties" || fail "no ARP icon"
grep -qP "^ProductVersion\t$version$" <<<"$properties" || fail "ProductVersion is not $version"
dirs=$(msiinfo export "$msi" Directory)
for d in ProgramFiles64Folder CommonAppDataFolder ProgramMenuFolder; do
  grep -q "$d" <<<"$dirs" || fail "no $d"
done
suminfo=$(msiinfo suminfo "$msi")
grep -q "Template: x64;1033" <<<"$suminfo" || fail "not an x64 package"

# wixl drops what it does not know with only a warning: the build must refuse that.
sed 's|<MajorUpgrade |<MajorUpgrade Bogus="1" |' "$root/installer/sanad-reception.wxs" > "$art/bad.wxs"
if SANAD_WXS="$art/bad.wxs" build "$version" "$art/bad.msi" 2>"$art/bad.log"; then
  fail "a .wxs with an unknown attribute was accepted"
fi
grep -q "wixl warned" "$art/bad.log" || fail "no clear message for a wixl warning: $(cat "$art/bad.log")"
rm -f "$art/bad.wxs" "$art/bad.msi"
echo "msi_tables: ok ($msi, $(stat -c %s "$msi") bytes)"
