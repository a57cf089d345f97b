#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and starts the demo.
# Until the console (issue 6) exists, the demo is the server: `sanad-server --demo` on
# 127.0.0.1:8080 with a fresh data folder, a registered desk, and a short walk through the API.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)" --target sanad-server sanad-cli

port="${SANAD_DEMO_PORT:-8080}"
data="$(mktemp -d -t sanad-demo.XXXXXX)"
server=build/dev/app/sanad-server
token=$("$server" device add "Empfang 1" --data "$data" | awk '{print $NF}')
"$server" --port "$port" --data "$data" --demo &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
trap 'exit 130' INT TERM  # runs the EXIT trap: the server stops and the temp folder goes
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done

api() { curl -fsS -H "Authorization: Bearer $token" "$@"; echo; }
echo
echo "== demo server on http://127.0.0.1:$port (data in $data)"
echo "== device 'Empfang 1', token: $token"
echo "== queues:"; api "http://127.0.0.1:$port/api/queues"
cli() { build/dev/app/sanad-cli --server "http://127.0.0.1:$port" --token "$token" \
  --data "$data/console" --room "Zimmer 1" "$@" || true; }
echo "== the console core (sanad-cli): a demo card tap, the same card again, then 'call next':"
cli check-in --card-uid 04d9a8b7c6e582
cli check-in --card-uid 04d9a8b7c6e582
cli call-next
cli status
echo "== the waiting queue as the server has it:"; api "http://127.0.0.1:$port/api/queues/general/tickets"
echo
echo "The server keeps running; try the API with the token above. Ctrl+C stops it."
wait "$pid"
