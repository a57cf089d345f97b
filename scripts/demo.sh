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
# Not exec'd, and in a session of its own: a SIGTERM/SIGINT (Ctrl+C, `timeout`, both sent to the
# whole process group) reaches this script alone, which asks the console to close; the console
# stops its demo server and removes its folders while the virtual display is still there. (The
# server also ends by itself whenever the console does: --stop-on-stdin-eof.)
pidfile=$(mktemp -t sanad-demo-pid.XXXXXX)
xvfb=""
stop() {  # the console closes the normal way; before it has started, its whole session goes
  local pid
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if [[ -n "$pid" ]]; then
    kill -TERM "$pid" 2>/dev/null || true
  elif [[ -n "$xvfb" ]]; then
    kill -TERM -- -"$xvfb" 2>/dev/null || true
  fi
}
trap stop INT TERM HUP  # HUP: the SSH session that ran it went away
setsid xvfb-run -a -s "-screen 0 1280x800x24 -noreset" bash -c '
  export GDK_BACKEND=x11 NO_AT_BRIDGE=1
  "$0" --demo "${@:3}" &
  pid=$!
  echo "$pid" >"$2"
  trap "kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true" EXIT INT TERM
  sleep 4
  import -window root -crop 1100x720+0+0 +repage "$1" && echo "screenshot: $1"
  wait $pid' "$console" "$shot" "$pidfile" "$@" &
xvfb=$!
while kill -0 "$xvfb" 2>/dev/null; do
  wait "$xvfb" || true  # a signal interrupts the wait: wait again for the console
done
rc=0
wait "$xvfb" 2>/dev/null || rc=$?
rm -f "$pidfile"
exit "$rc"
