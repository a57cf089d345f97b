#!/usr/bin/env bash
# Durable check-ins/s and p99 (issue 8): SQLite (one instance), PostgreSQL with one instance and
# with two instances on one database, all in the same run on this machine; then the live feed
# across two instances through Redis (sanad-bench-live-fanout).
#   bench/multi_instance_load.sh [DURATION_S] [CONNECTIONS]      (defaults: 10 s, 32 connections)
# PostgreSQL runs durable (fsync on, synchronous_commit on) on a private cluster (port 25433);
# SQLite with WAL + synchronous=FULL. wrk (2 threads, new key per request) on the same 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${2:-32}"
build=build/dev
pgport=25433  # below the ephemeral range (32768+): no outgoing connection holds it
pg="postgresql://sanad@127.0.0.1:$pgport"
cmake --build "$build" --target sanad-server sanad-bench-live-fanout >/dev/null

work=$(mktemp -d -t sanad-multi-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  tests/services/postgres.sh stop "$pgport" || true
  rm -rf "$work"
}
trap cleanup EXIT
tests/services/postgres.sh start "$pgport" --durable >/dev/null
rport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --bind 127.0.0.1 --port "$rport" --save "" --appendonly no --loglevel warning \
  >"$work/redis.log" 2>&1 &
pids+=($!)

# start NAME ARGS...: a server in the background; sets $port and $server (its pid)
start() {
  local name=$1; shift
  "$build/app/sanad-server" --port 0 --log-level warning "$@" >"$work/$name.out" 2>"$work/$name.err" &
  server=$!
  pids+=("$server")
  for _ in $(seq 200); do grep -q listening "$work/$name.out" 2>/dev/null && break; sleep 0.05; done
  port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$work/$name.out" | head -1)
}
# load OFFSET PORT CONNECTIONS: one wrk run of new durable check-ins; its RESULT line
load() {
  SANAD_BENCH_OFFSET=$1 wrk -t 2 -c "$3" -d "${duration}s" -s bench/wrk/new_keys.lua \
    "http://127.0.0.1:$2" | grep RESULT
}
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2"; }
psql_db() { psql "$pg/$1" -qAtc "$2"; }

echo "machine: $(nproc) cores; wrk 2 threads, $connections connections, ${duration}s per run, every request a new key"

# SQLite, one instance.
mkdir -p "$work/sqlite"
export SANAD_TOKEN=$("$build/app/sanad-server" device add bench --data "$work/sqlite" | awk '{print $NF}')
start sqlite --data "$work/sqlite"
line=$(load 0 "$port" "$connections")
sqlite_rps=$(field rps "$line")
echo "SQLite, 1 instance:        rps=$sqlite_rps p50_ms=$(field p50_ms "$line") p99_ms=$(field p99_ms "$line") errors=$(field errors "$line")"
kill "$server"; wait "$server" 2>/dev/null || true

# PostgreSQL, one instance.
psql "$pg/postgres" -qc "CREATE DATABASE bench1" >/dev/null
export SANAD_TOKEN=$("$build/app/sanad-server" device add bench --db "$pg/bench1" | awk '{print $NF}')
start pg1 --db "$pg/bench1" --redis "127.0.0.1:$rport"
line=$(load 0 "$port" "$connections")
pg1_rps=$(field rps "$line")
echo "PostgreSQL, 1 instance:    rps=$pg1_rps p50_ms=$(field p50_ms "$line") p99_ms=$(field p99_ms "$line") errors=$(field errors "$line")"
sleep 1
t=$(psql_db bench1 "SELECT COUNT(*) FROM tickets WHERE device_id = 'bench'")
k=$(psql_db bench1 "SELECT COUNT(*) FROM idempotency")
echo "    tickets=$t keys stored=$k duplicates=$((t - k))"
kill "$server"; wait "$server" 2>/dev/null || true

# PostgreSQL, two instances on one database; half the connections on each.
psql "$pg/postgres" -qc "CREATE DATABASE bench2" >/dev/null
export SANAD_TOKEN=$("$build/app/sanad-server" device add bench --db "$pg/bench2" | awk '{print $NF}')
start pg2a --db "$pg/bench2" --redis "127.0.0.1:$rport"
portA=$port
start pg2b --db "$pg/bench2" --redis "127.0.0.1:$rport"
portB=$port
load 0 "$portA" $((connections / 2)) >"$work/a.result" &
wa=$!
load 1000 "$portB" $((connections / 2)) >"$work/b.result" &
wb=$!
wait $wa $wb
la=$(cat "$work/a.result"); lb=$(cat "$work/b.result")
pg2_rps=$(awk -v a="$(field rps "$la")" -v b="$(field rps "$lb")" 'BEGIN { printf "%.0f", a + b }')
echo "PostgreSQL, 2 instances:   rps=$pg2_rps (A $(field rps "$la") + B $(field rps "$lb")) p99_ms A=$(field p99_ms "$la") B=$(field p99_ms "$lb") p50_ms A=$(field p50_ms "$la") B=$(field p50_ms "$lb") errors=$(( $(field errors "$la") + $(field errors "$lb") ))"
sleep 1
t=$(psql_db bench2 "SELECT COUNT(*) FROM tickets WHERE device_id = 'bench'")
k=$(psql_db bench2 "SELECT COUNT(*) FROM idempotency")
gap=$(psql_db bench2 "SELECT COUNT(*) - (MAX(seq) - MIN(seq) + 1) FROM changes")
echo "    tickets=$t keys stored=$k duplicates=$((t - k)) change-feed gaps=$gap"
awk -v s="$sqlite_rps" -v p1="$pg1_rps" -v p2="$pg2_rps" 'BEGIN {
  printf "ratios: PostgreSQL 1 instance / SQLite = %.2fx; PostgreSQL 2 instances / 1 instance = %.2fx\n", p1 / s, p2 / p1 }'

# The live feed across the two instances (through Redis), baseline: the same instance.
"$build/bench/sanad-bench-live-fanout" "$portA" "$portB" "$SANAD_TOKEN" 200
