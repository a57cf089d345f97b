#!/usr/bin/env bash
# installer.wine_install: the MSI under wine (WINDOWS.md): msiexec /i /qn installs; the installed
# sanad-cli.exe runs; the installed console starts with --demo under Xvfb and shows its window
# (screenshot kept, must not be blank), with the PC/SC stub of wine instead of failing; a higher
# version upgrades in place and keeps the data in ProgramData; /x removes the program files.
# Usage: wine_install.sh WIN64_BUILD LOCALE_DIR VERSION ARTIFACTS
set -euo pipefail
# The whole test runs in one Xvfb session: wine's desktop process (explorer.exe, started by
# wineboot) binds the display driver for the prefix. Booted without a display, every later window
# gets wine's null driver and wx crashes creating the main window.
if [[ -z "${SANAD_WINE_XVFB:-}" ]]; then
  SANAD_WINE_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" "$0" "$@"
fi
win=$1 locale=$2 version=$3 art=$4
root="$(cd "$(dirname "$0")/../.." && pwd)"
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir -p "$art"
IFS=. read -r major minor patch <<<"$version"
next="$major.$minor.$((patch + 1))"
"$root/installer/build-msi.sh" "$win/app" "$locale" "$version" "$art/v1.msi" >/dev/null
"$root/installer/build-msi.sh" "$win/app" "$locale" "$next" "$art/v2.msi" >/dev/null

work=$(mktemp -d)
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() { wineserver -k 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
wineserver -p 2>/dev/null || true
wine wineboot -i >/dev/null 2>&1 || true
pf="$WINEPREFIX/drive_c/Program Files/Sanad/Reception"
data="$WINEPREFIX/drive_c/ProgramData/Sanad/Reception"
uninstall_key() {
  local product
  product=$(echo "sanad-reception product $1" | sha256sum | cut -c1-32 | tr a-f A-F)
  echo "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{${product:0:8}-${product:8:4}-${product:12:4}-${product:16:4}-${product:20:12}}"
}

# Install.
wine msiexec /i "$art/v1.msi" /qn /l*v "$art/install.log" || fail "msiexec /i failed ($?), see $art/install.log"
for f in sanad-reception.exe sanad-server.exe sanad-cli.exe locale/de/LC_MESSAGES/sanad-reception.mo sounds/chime.wav; do
  [[ -f "$pf/$f" ]] || fail "$f not installed"
done
[[ -d "$data" ]] || fail "no ProgramData folder"
out=$(wine "$pf/sanad-cli.exe" --version 2>&1 | tr -d '\r')
grep -q "$version" <<<"$out" || fail "sanad-cli.exe --version said: $out"
reg_version() { wine reg query "$(uninstall_key "$1")" /v DisplayVersion 2>/dev/null || true; }
grep -q "$version" <<<"$(reg_version "$version")" ||
  fail "not registered as installed"
# wine's PC/SC is a stub: the installed programs say "no card reader" and go on, they do not fail.
rc=0
wine "$pf/sanad-cli.exe" reader list --data 'C:\sanad-reader-check' >"$art/reader-list.txt" 2>&1 || rc=$?
out=$(tr -d '\r' <"$art/reader-list.txt")
[[ $rc -eq 4 ]] && grep -q "card readers unavailable" <<<"$out" ||
  fail "sanad-cli.exe reader list under wine's PC/SC stub: exit $rc, said: $out"

# The installed console, demo mode, under Xvfb (wine's winscard is a stub: no reader, no failure).
shot="$art/console-under-wine.png"
wine "$pf/sanad-reception.exe" --demo --lang de >"$art/console.log" 2>&1 &
pid=$!
# Give it 20 s to start its demo server, connect and draw the queue; it must stay up meanwhile.
for _ in $(seq 20); do
  sleep 1
  kill -0 $pid 2>/dev/null || fail "the console exited early, see $art/console.log"
done
import -window root "$shot"
wine taskkill /im sanad-reception.exe >/dev/null 2>&1 || true
for _ in $(seq 10); do kill -0 $pid 2>/dev/null || break; sleep 1; done
kill $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
colors=$(convert "$shot" -format "%k" info:)
(( colors > 20 )) || fail "the screenshot is blank ($colors colours): $shot"

# Upgrade in place; the desk's data stays.
echo "outbox" > "$data/keep-me.txt"
wine msiexec /i "$art/v2.msi" /qn /l*v "$art/upgrade.log" || fail "upgrade failed ($?), see $art/upgrade.log"
grep -q "$next" <<<"$(reg_version "$next")" || fail "$next not registered"
if wine reg query "$(uninstall_key "$version")" >/dev/null 2>&1; then fail "$version still registered after the upgrade"; fi
[[ -f "$pf/sanad-reception.exe" ]] || fail "the console is gone after the upgrade"
[[ -f "$data/keep-me.txt" ]] || fail "the upgrade lost the data in ProgramData"
# A downgrade is refused.
if wine msiexec /i "$art/v1.msi" /qn >/dev/null 2>&1; then fail "a downgrade was accepted"; fi

# Uninstall: program files gone, data kept.
wine msiexec /x "$art/v2.msi" /qn /l*v "$art/uninstall.log" || fail "msiexec /x failed ($?)"
[[ ! -e "$pf/sanad-reception.exe" ]] || fail "the program files are still there"
[[ -f "$data/keep-me.txt" ]] || fail "uninstalling removed the desk's data"
echo "wine_install: ok (screenshot $shot, $colors colours)"
