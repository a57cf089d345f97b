#!/usr/bin/env bash
# Start to first paint of sanad-reception (target < 1 s) and its RSS then, N runs, on a private
# Xvfb. Two cases: an unreachable server (the console shows its cached queue at once; no network
# wait) and --demo (which also starts and seeds its demo server). Baseline in the same run: a bare
# `xdpyinfo` round trip to the same X server (the cost of reaching the display at all).
# Usage: bench/ui_startup.sh [RUNS]   (after building sanad-reception)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
exec xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" bash -s "$runs" <<'INNER'
set -euo pipefail
runs=$1
export GDK_BACKEND=x11 NO_AT_BRIDGE=1
app=build/dev/app/sanad-reception
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
stats() { sort -n | awk '{a[NR]=$1} END {printf "median %.0f ms, min %.0f ms, max %.0f ms\n", a[int((NR+1)/2)], a[1], a[NR]}'; }
run() {
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%M" -o "$data/rss" "$app" --no-reader --exit-after-paint "$@" 2>/dev/null |
      awk '/first-paint-ms/ {print $2}'
    cat "$data/rss" >> "$data/rss.all"
  done
}
base=$(for _ in $(seq "$runs"); do s=$(date +%s%N); xdpyinfo >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); done | stats)
echo "baseline (xdpyinfo round trip): $base"
: > "$data/rss.all"
echo "first paint, server unreachable: $(run --server http://127.0.0.1:9 --token bench --data "$data/desk" --config "$data/none.ini" | stats)"
echo "  peak RSS: $(sort -n "$data/rss.all" | tail -1 | awk '{printf "%.1f MB", $1/1024}')"
: > "$data/rss.all"
echo "first paint, --demo (incl. its server): $(run --demo --config "$data/none.ini" | stats)"
echo "  peak RSS of the console: $(sort -n "$data/rss.all" | tail -1 | awk '{printf "%.1f MB", $1/1024}')"
INNER
