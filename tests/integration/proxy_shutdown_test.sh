# SIGTERM under load loses no accepted request's event: every request the
# origin received, and every one the proxy answered, is in the event log
# after esafety exits, once each. Some responses are still coming from a slow
# origin when the signal comes, for longer than the proxy's 5-second grace:
# those are cancelled, and logged, rather than dropped with the workers.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
SLOW_ORIGIN=$(free_port)
DEMO_HTTP_PORTS="$SLOW_ORIGIN" start_demo_server  # the slow origin's port is a plain-HTTP port
HOST=nothing-listed.example
python3 "$SOURCE_DIR/tests/proxy/shutdown_load.py" "$PROXY" "$SLOW_ORIGIN" 127.0.0.21 "$HOST" \
  8 6 8 "$WORK" > "$WORK/load.log" 2>&1 &
LOAD=$!
wait_for 30 test -f "$WORK/ready" || { cat "$WORK/load.log" >&2; fail "the load did not get going"; }
METRICS=$(curl -s "http://127.0.0.1:$CONSOLE/metrics")
contains "$METRICS" "esafety_proxy_session_errors_total 0" "no session ended by an exception"
contains "$METRICS" 'esafety_decisions_total{step="search-term"' "the proxy's own steps are in the decision counters"
STOP_AT=$SECONDS
kill -TERM "$SERVE_PID"
wait "$SERVE_PID" || fail "esafety serve exited $? after SIGTERM"
SERVE_PID=""
TOOK=$((SECONDS - STOP_AT))
((TOOK <= 15)) || fail "esafety took ${TOOK}s to stop"
PASSED=$((PASSED + 1))
wait "$LOAD" || { cat "$WORK/load.log" >&2; fail "the load driver failed"; }
contains "$(cat "$WORK/serve.log")" "shutting down" "the log says it is shutting down"
not_contains "$(cat "$WORK/serve.log")" "did not end in time" "every connection ended in time"

RECEIVED=$(wc -l < "$WORK/received.txt")
ANSWERED=$(wc -l < "$WORK/answered.txt")
SLOW=$(grep -c /slow/ "$WORK/received.txt" || true)
((SLOW == 6)) || fail "$SLOW slow requests reached the origin, not 6"
((ANSWERED >= 200)) || fail "only $ANSWERED requests were answered"
PASSED=$((PASSED + 1))
sqlite3 "$DATA/events.db" "SELECT url FROM events WHERE url LIKE '$HOST:$SLOW_ORIGIN/%'" \
  | sort > "$WORK/logged.txt"
sort -u "$WORK/received.txt" "$WORK/answered.txt" > "$WORK/accepted.txt"
MISSING=$(comm -23 "$WORK/accepted.txt" "$WORK/logged.txt")
if [[ -n "$MISSING" ]]; then
  echo "--- not in the event log:" >&2
  echo "$MISSING" | head -20 >&2
  fail "$(echo "$MISSING" | wc -l) of $(wc -l < "$WORK/accepted.txt") accepted requests have no event"
fi
PASSED=$((PASSED + 1))
TWICE=$(uniq -d "$WORK/logged.txt")
[[ -z "$TWICE" ]] || fail "requests logged twice: $(echo "$TWICE" | head -3)"
PASSED=$((PASSED + 1))
# The slow ones were cut short by the shutdown, not answered, and say so:
# the site's status, but not the whole body.
[[ -z "$(grep /slow/ "$WORK/answered.txt" || true)" ]] || fail "a slow request was answered in full"
CUT=$(sqlite3 "$DATA/events.db" "SELECT count(*) FROM events WHERE url LIKE '$HOST:$SLOW_ORIGIN/slow/%' AND status = 200")
((CUT == 6)) || fail "$CUT of the 6 slow requests are logged as cut short"
PASSED=$((PASSED + 1))
echo "origin received $RECEIVED, proxy answered $ANSWERED; all $(wc -l < "$WORK/accepted.txt") logged, in ${TOOK}s"
finish
