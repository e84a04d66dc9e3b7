# kill -9 during a burst of self-harm searches, then a restart: every alert
# the stored events call for exists once, with every matching event counted
# once (issue 14, "A crash between an event and its alert loses neither").
# The engine stores each batch's alerts with its cursor in one transaction,
# so a batch is either all there or read again.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
# "hurt myself" is on the self-harm list at level 3: KS2 (block_search_level 4)
# is let through, so every search is answered and tagged.
URL="http://www.google.co.uk:$ORIGIN/search?q=i+want+to+hurt+myself"
python3 "$SOURCE_DIR/tests/proxy/load_driver.py" "$PROXY" "$URL" 4 30 "$WORK/done.txt" &
DRIVER=$!
sleep 3
kill -9 "$SERVE_PID"
wait "$SERVE_PID" 2>/dev/null || true
SERVE_PID=""
wait "$DRIVER" || true
SENT="$(wc -l < "$WORK/done.txt")"
(( SENT > 200 )) || fail "the burst was too light to test anything ($SENT searches)"
PASSED=$((PASSED + 1))
echo "searches answered before the kill: $SENT"
[[ "$(sqlite3 "$DATA/esafety.db" "PRAGMA integrity_check")" == ok ]] || fail "esafety.db after kill -9"
PASSED=$((PASSED + 1))

"$ESAFETY" serve --data "$DATA" > "$WORK/serve2.log" 2>&1 &
SERVE_PID=$!
wait_for 20 curl -sf "http://127.0.0.1:$CONSOLE/health" || { cat "$WORK/serve2.log" >&2; fail "restart"; }
caught_up() {
  local newest cursor
  newest="$(sqlite3 "$DATA/events.db" "SELECT coalesce(max(id), 0) FROM events")"
  cursor="$(sqlite3 "$DATA/esafety.db" "SELECT coalesce(max(events_through), 0) FROM alert_cursors")"
  [[ "$newest" == "$cursor" && "$newest" != 0 ]]
}
wait_for 30 caught_up || fail "the engine did not catch up after the restart"
PASSED=$((PASSED + 1))

MATCHING="$(sqlite3 "$DATA/events.db" "SELECT count(*) FROM events WHERE (';' || tags || ';') LIKE '%;self-harm;%'")"
ALERTS="$(sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM alerts WHERE category = 'self-harm'")"
COUNTED="$(sqlite3 "$DATA/esafety.db" "SELECT coalesce(sum(evidence_count), 0) FROM alerts WHERE category = 'self-harm'")"
OF_IT="FROM alert_evidence e JOIN alerts a ON a.id = e.alert_id WHERE a.category = 'self-harm'"
KEPT="$(sqlite3 "$DATA/esafety.db" "SELECT count(*) $OF_IT")"
DISTINCT="$(sqlite3 "$DATA/esafety.db" "SELECT count(DISTINCT e.source_id) $OF_IT")"
echo "matching events $MATCHING; self-harm alerts $ALERTS counting $COUNTED; evidence kept $KEPT"
# (The event log may lose its last unflushed batch to kill -9: proxy_crash_test
# checks that. What is stored is what the alerts must account for.)
(( MATCHING > 200 )) || fail "only $MATCHING matching events stored for $SENT searches"
[[ "$ALERTS" == 1 ]] || fail "one pupil's burst made $ALERTS self-harm alerts, not one"
[[ "$COUNTED" == "$MATCHING" ]] || fail "the alert counts $COUNTED events, the log holds $MATCHING: lost or counted twice"
[[ "$KEPT" == 50 && "$DISTINCT" == 50 ]] || fail "evidence kept: $KEPT rows, $DISTINCT events (want the cap, 50, each once)"
PASSED=$((PASSED + 4))
# The audit has one "alert.raise" for it.
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM audit_log WHERE action = 'alert.raise' AND detail LIKE '%self-harm%'")" == 1 ]] \
  || fail "the alert was raised more than once in the audit"
PASSED=$((PASSED + 1))
finish
