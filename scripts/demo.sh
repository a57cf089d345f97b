#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and starts the reception console in
# demo mode (`sanad-reception --demo`: a private demo server on a free loopback port, this desk
# registered, "Karte simulieren" on Ctrl+T). Closing the window stops the demo server.
# Without a display (an SSH session, a container) the console runs on a virtual X display and a
# screenshot of it is saved; Ctrl+C stops it. Extra arguments go to sanad-reception (e.g. --lang en).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)" --target sanad-reception sanad-server sanad_translations

console=build/dev/app/sanad-reception
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec "$console" --demo "$@"
fi

shot="$PWD/build/dev/demo-screenshot.png"
echo "No display: the console runs on a virtual X display (Xvfb). A screenshot goes to $shot."
echo "Ctrl+C stops it (and its demo server)."
exec xvfb-run -a -s "-screen 0 1280x800x24 -noreset" bash -c '
  export GDK_BACKEND=x11 NO_AT_BRIDGE=1
  "$0" --demo "${@:2}" &
  pid=$!
  trap "kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true" EXIT INT TERM
  sleep 4
  import -window root -crop 1100x720+0+0 +repage "$1" && echo "screenshot: $1"
  wait $pid' "$console" "$shot" "$@"
