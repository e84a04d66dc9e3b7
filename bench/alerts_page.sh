#!/usr/bin/env bash
# The alerts page at a term's scale (issue 14): 100,000 alerts over 10 M
# events, target p95 <= 50 ms for what the DSL's Alerts page asks.
#
#   bench/alerts_page.sh [alerts] [events] [rounds]   (defaults: 100000, 10000000, 20)
#
# Fills <tmp>/var/events.db with <events> events (bench/event_gen_main.cc)
# and esafety.db with <alerts> alerts and their evidence
# (bench/alerts_seed.py), starts `esafety serve` (proxy and DNS off), signs
# in as the demo DSL and times, <rounds> times each with different values,
# every request the Alerts page makes: the list as it opens (open alerts),
# each of its filters, and an alert's detail (the alert, its evidence events
# read from events.db by id, the sealed notes, who was told). Prints p50/p95/max per
# kind and the p95 over all. Everything stays on 127.0.0.1. There is no
# anchor: no Debian package has an alerts console.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ALERTS="${1:-100000}"
EVENTS="${2:-10000000}"
ROUNDS="${3:-20}"
source bench/console_lib.sh
console_bench_school alertsbench
echo "writing $EVENTS events..." >&2
t0=$(date +%s.%N)
build/release/bench/esafety_event_gen "$W/var/events.db" "$EVENTS" 1000 90
echo "seeding $ALERTS alerts..." >&2
/usr/bin/python3 bench/alerts_seed.py "$W/var/esafety.db" "$ALERTS" "$EVENTS"
echo "written in $(printf '%.0f' "$(echo "$(date +%s.%N) - $t0" | bc)") s;" \
  "events.db $(du -m "$W/var/events.db" | cut -f1) MB, esafety.db $(du -m "$W/var/esafety.db" | cut -f1) MB" >&2

console_serve 55610
# The escalator's first passes over the seeded open alerts (it queues the
# rota's mail for each) are start-up work, not the page's: let them finish.
sleep 15

CATS=(self-harm grooming extremism sexual-content bullying violence drugs hate circumvention)
declare -A KINDS=(
  [opening]='/api/v1/alerts?open=1'
  [all_states]='/api/v1/alerts'
  [a_pupil]='/api/v1/alerts?person=Pupil%20{P}'
  [a_device]='/api/v1/alerts?person=iPad%20{D}'
  [a_class]='/api/v1/alerts?group=KS2&open=1'
  [a_category]='/api/v1/alerts?category={C}'
  [monitor]='/api/v1/alerts?state=monitor'
  [level_4_up]='/api/v1/alerts?level=4'
  [last_day]='/api/v1/alerts?since_hours=24'
  [pupil_category]='/api/v1/alerts?person=Pupil%20{P}&category={C}'
  [detail]='/api/v1/alerts/detail?id={A}'
)
ORDER=(opening all_states a_pupil a_device a_class a_category monitor level_4_up last_day pupil_category detail)
: >"$W/all.txt"
printf '\n%s alerts, %s events, %s rounds a kind; seconds per request through HTTP\n\n' "$ALERTS" "$EVENTS" "$ROUNDS"
printf '| request | p50 ms | p95 ms | max ms | rows |\n|---|---|---|---|---|\n'
for kind in "${ORDER[@]}"; do
  : >"$W/t.txt"
  rows=0
  for i in $(seq 1 "$ROUNDS"); do
    path="${KINDS[$kind]}"
    path="${path//\{P\}/$(printf '%04d' $(( (i * 37) % 1000 + 1 )))}"
    path="${path//\{D\}/$(printf '%03d' $(( (i * 13) % 300 + 1 )))}"
    path="${path//\{C\}/${CATS[$(( i % ${#CATS[@]} ))]}}"
    path="${path//\{A\}/$(( 1000000 + (i * 4099) % ALERTS ))}"
    console_timed "$path" >>"$W/t.txt"
    rows=$(/usr/bin/python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); print(len(b.get("items", b.get("evidence", []))))' "$W/body")
  done
  cat "$W/t.txt" >>"$W/all.txt"
  console_row "$kind" "$W/t.txt" "$rows"
done
printf '\nalerts page: %s (target: 50 ms)\n' "$(console_p95 "$W/all.txt")"
