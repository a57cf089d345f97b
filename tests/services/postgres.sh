#!/usr/bin/env bash
# A private PostgreSQL for the tests and benchmarks (issue 8): initdb in a temp folder, listening
# on 127.0.0.1:PORT only, trust authentication for the role `sanad`, no system service touched.
#   postgres.sh start PORT [--durable]   # --durable keeps fsync on (benchmarks); tests run without
#   postgres.sh stop PORT
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user.
set -euo pipefail
cmd=$1 port=$2 mode=${3:-}
dir="/tmp/sanad-postgres-$port"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$bin/pg_ctl" ]] || { echo "postgres.sh: PostgreSQL is not installed (scripts/setup-debian.sh)" >&2; exit 1; }
run=()
if [[ $(id -u) -eq 0 ]]; then run=(runuser -u postgres --); fi

stop() {
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case $cmd in
  start)
    stop  # whatever an earlier, interrupted run left behind
    mkdir -p "$dir/sock"
    [[ ${#run[@]} -eq 0 ]] || chown -R postgres: "$dir"
    "${run[@]}" "$bin/initdb" -D "$dir/data" -A trust -U sanad -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    opts="-h 127.0.0.1 -p $port -k $dir/sock -c max_connections=300"
    if [[ "$mode" != --durable ]]; then
      opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 30 start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres.sh: PostgreSQL on 127.0.0.1:$port (postgresql://sanad@127.0.0.1:$port/postgres), data in $dir"
    ;;
  stop) stop ;;
  *) echo "usage: postgres.sh start|stop PORT [--durable]" >&2; exit 2 ;;
esac
