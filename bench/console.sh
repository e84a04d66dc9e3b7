#!/usr/bin/env bash
# The console's targets (issue 6): activity-search latency on a big log, and
# the size of the console's first load.
#
#   bench/console.sh [events] [pupils] [rounds]     (defaults: 10000000, 1000, 20)
#
# Fills <tmp>/var/events.db with <events> events from <pupils> pupils over 30
# days (bench/event_gen_main.cc), starts `esafety serve` (proxy and DNS off),
# signs in as the demo DSL, then times each kind of activity search a teacher
# makes, <rounds> times each with different values, through the real HTTP
# API with curl. Prints p50/p95/max per kind and the p95 over all of them,
# then the bytes a browser downloads on first load (gzip), as measured by curl.
# Everything stays on 127.0.0.1. There is no anchor: no Debian package has a
# comparable console.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
EVENTS="${1:-10000000}"
PUPILS="${2:-1000}"
ROUNDS="${3:-20}"
source bench/console_lib.sh
console_bench_school consolebench
echo "writing $EVENTS events from $PUPILS pupils..." >&2
t0=$(date +%s.%N)
build/release/bench/esafety_event_gen "$W/var/events.db" "$EVENTS" "$PUPILS" 30
echo "written in $(printf '%.0f' "$(echo "$(date +%s.%N) - $t0" | bc)") s; $(du -m "$W/var/events.db" | cut -f1) MB" >&2

console_serve 55600
day() { date -d "-$1 days" +%Y-%m-%d; }
declare -A KINDS=(
  [newest]='/api/v1/events'
  [pupil]='/api/v1/events?user=Pupil%20{P}'
  [device]='/api/v1/events?user=iPad%20{D}'
  [group_blocked]='/api/v1/events?group=KS2&decision=block'
  [site]='/api/v1/events?host=site{S}.example'
  [category]='/api/v1/events?category=gambling'
  [one_day]='/api/v1/events?from={DAY}&to={DAY}'
  [pupil_one_day]='/api/v1/events?user=Pupil%20{P}&from={DAY}&to={DAY}'
  [next_page]='/api/v1/events?group=KS1&offset=1000'
  [dashboard]='/api/v1/dashboard'
)
ORDER=(newest pupil device group_blocked site category one_day pupil_one_day next_page dashboard)
: >"$W/all.txt"
printf '\n%s events, %s pupils, %s rounds a kind; seconds per request through HTTP\n\n' "$EVENTS" "$PUPILS" "$ROUNDS"
printf '| search | p50 ms | p95 ms | max ms |\n|---|---|---|---|\n'
for kind in "${ORDER[@]}"; do
  : >"$W/t.txt"
  for i in $(seq 1 "$ROUNDS"); do
    path="${KINDS[$kind]}"
    path="${path//\{P\}/$(printf '%04d' $(( (i * 37) % PUPILS + 1 )))}"
    path="${path//\{D\}/$(printf '%03d' $(( (i * 13) % 300 + 1 )))}"
    path="${path//\{S\}/$(( (i * 211) % 5000 ))}"
    path="${path//\{DAY\}/$(day $(( i % 28 + 1 )))}"
    console_timed "$path" >>"$W/t.txt"
  done
  [[ "$kind" != dashboard ]] && cat "$W/t.txt" >>"$W/all.txt"
  console_row "$kind" "$W/t.txt"
done
printf '\nactivity searches: %s (target: 50 ms)\n' "$(console_p95 "$W/all.txt")"

# First load: what a browser with an empty cache downloads, gzip on.
total=0
for f in / /app.js /app.css; do
  n=$(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$C$f")
  total=$((total + n))
  printf '  %-10s %6d bytes gzip\n' "$f" "$n"
done
printf 'first load: %d bytes gzip (%.1f KB; target: 300 KB)\n' "$total" "$(echo "$total / 1024" | bc -l)"
