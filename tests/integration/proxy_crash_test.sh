# kill -9 under load: at most the last unflushed batch (well under a second of
# events) is lost, the event database opens clean, and esafety starts again
# on the same data.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
URL="http://nothing-listed.example:$ORIGIN/page"
python3 "$SOURCE_DIR/tests/proxy/load_driver.py" "$PROXY" "$URL" 4 30 "$WORK/done.txt" &
DRIVER=$!
sleep 4
KILLED_AT="$(date +%s.%N)"
kill -9 "$SERVE_PID"
wait "$SERVE_PID" 2>/dev/null || true
SERVE_PID=""
wait "$DRIVER" || true
SENT="$(wc -l < "$WORK/done.txt")"
(( SENT > 1000 )) || fail "the load was too light to test anything ($SENT requests)"
PASSED=$((PASSED + 1))
# Every request answered more than a second before the kill must be stored.
BEFORE="$(awk -v t="$KILLED_AT" '$1 < t - 1.0' "$WORK/done.txt" | wc -l)"
CHECK="$(sqlite3 "$DATA/events.db" "PRAGMA integrity_check")"
[[ "$CHECK" == ok ]] || fail "events.db after kill -9: $CHECK"
PASSED=$((PASSED + 1))
STORED="$(sqlite3 "$DATA/events.db" "SELECT count(*) FROM events WHERE url = 'nothing-listed.example:$ORIGIN/page'")"
(( STORED >= BEFORE )) || fail "$STORED events stored, but $BEFORE requests were answered over a second before the kill"
(( STORED <= SENT )) || fail "$STORED events stored for $SENT requests"
PASSED=$((PASSED + 1))
echo "answered $SENT, of which $BEFORE more than 1 s before the kill; stored $STORED"
# It starts again on the same data and carries on logging.
"$ESAFETY" serve --data "$DATA" > "$WORK/serve2.log" 2>&1 &
SERVE_PID=$!
wait_for 20 curl -sf "http://127.0.0.1:$CONSOLE/health" || { cat "$WORK/serve2.log" >&2; fail "restart"; }
[[ "$(pcurl 127.0.0.21 -o /dev/null -w '%{http_code}' "$URL")" == 200 ]] || fail "serving after restart"
PASSED=$((PASSED + 1))
finish
