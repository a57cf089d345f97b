#!/usr/bin/env bash
# Loads a real sanad-server (durable commits: WAL + synchronous=FULL) with wrk on this machine.
#   bench/server_load.sh [DURATION_S] [CONNECTIONS]      (defaults: 10 s, 32 connections)
# Prints, for (i) new keys and (ii) replays over 16 keys: requests/s, p50/p99, duplicates; and the
# machine's raw fsync rate measured in the same run as the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${2:-32}"
threads=2
build=build/dev
cmake --build "$build" --target sanad-server sanad-bench-fsync >/dev/null

data=$(mktemp -d -t sanad-bench.XXXXXX)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
export SANAD_TOKEN=$("$build/app/sanad-server" device add bench --data "$data" | awk '{print $NF}')
"$build/app/sanad-server" --port 0 --data "$data" --log-level warning > "$data/out" &
pid=$!
for _ in $(seq 100); do grep -q listening "$data/out" 2>/dev/null && break; sleep 0.05; done
port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$data/out" | head -1)
url="http://127.0.0.1:$port"

count() { sqlite3 "$data/sanad.db" "$1"; }

fsync=$("$build/bench/sanad-bench-fsync" "$data" | sed -n 's/RESULT fsyncs_per_s=//p')
echo "machine: $(nproc) cores; raw fsync rate in the data folder: ${fsync}/s"

echo "(i) new durable check-ins: every request a new key, $connections connections, ${duration}s"
t0=$(count "SELECT COUNT(*) FROM tickets"); k0=$(count "SELECT COUNT(*) FROM idempotency")
line=$(wrk -t "$threads" -c "$connections" -d "${duration}s" -s bench/wrk/new_keys.lua "$url" | grep RESULT)
sleep 1  # let the last in-flight batch commit before counting
t1=$(count "SELECT COUNT(*) FROM tickets"); k1=$(count "SELECT COUNT(*) FROM idempotency")
rps=$(sed -n 's/.*rps=\([0-9]*\).*/\1/p' <<<"$line")
echo "    $line"
echo "    tickets made=$((t1 - t0)) distinct keys stored=$((k1 - k0)) duplicates=$(( (t1 - t0) - (k1 - k0) ))"
awk -v r="$rps" -v f="$fsync" 'BEGIN { printf "    ratio to raw fsync rate: %.1fx (one fsync per request would cap near 1.0x)\n", r / f }'

echo "(ii) replays over 16 keys, $connections connections, ${duration}s"
for i in $(seq 16); do
  id=$(printf '00000000-0000-4000-8000-%012d' "$i"); card=$(printf '%064x' "$i")
  curl -fs -o /dev/null -H "Authorization: Bearer $SANAD_TOKEN" -H 'Content-Type: application/json' \
    -H "X-Idempotency-Key: replay-key-$i" \
    -d "{\"ticket_id\":\"$id\",\"queue_id\":\"general\",\"card_ref\":\"$card\",\"number\":null}" "$url/api/nfc/check-in"
done
t0=$(count "SELECT COUNT(*) FROM tickets")
line=$(wrk -t "$threads" -c "$connections" -d "${duration}s" -s bench/wrk/replays.lua "$url" | grep RESULT)
t1=$(count "SELECT COUNT(*) FROM tickets")
echo "    $line"
echo "    tickets made during replays=$((t1 - t0)) (duplicates; must be 0)"
