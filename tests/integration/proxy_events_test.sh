# Every request becomes one stored event: 100,000 requests through the proxy
# (ApacheBench, keep-alive, 8 connections), a clean shutdown, and exactly
# 100,000 events in the log, which `esafety logs` can find.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
URL="http://nothing-listed.example:$ORIGIN/page"
ab -q -n 100000 -c 8 -k -X "127.0.0.1:$PROXY" "$URL" > "$WORK/ab.txt" 2>&1 || {
  cat "$WORK/ab.txt" >&2
  fail "ab failed"
}
COMPLETE="$(awk '/^Complete requests:/ {print $3}' "$WORK/ab.txt")"
FAILED="$(awk '/^Failed requests:/ {print $3}' "$WORK/ab.txt")"
[[ "$COMPLETE" == 100000 && "$FAILED" == 0 ]] || { cat "$WORK/ab.txt" >&2; fail "ab: $COMPLETE complete, $FAILED failed"; }
PASSED=$((PASSED + 1))
stop_demo_server  # SIGTERM: the queue is drained before exit
STORED="$(sqlite3 "$DATA/events.db" "SELECT count(*) FROM events WHERE url = 'nothing-listed.example:$ORIGIN/page'")"
[[ "$STORED" == 100000 ]] || fail "stored $STORED events for 100000 requests"
PASSED=$((PASSED + 1))
DROPPED="$(grep -c 'dropped' "$WORK/serve.log" || true)"
run 0 "$ESAFETY" logs --host nothing-listed.example --limit 3 --format csv --data "$DATA"
contains "$OUT" "nothing-listed.example:$ORIGIN/page" "logs finds the requests"
contains "$OUT" "KS2" "logs names the group"
contains "$OUT" "Demo browser (this computer)" "logs names the device"
finish
