# The live class view is pushed (issue 14, item 4): GET
# /api/v1/classview/stream?room= is a stream of server-sent events. A
# request through the proxy from an iPad in the room is on the teacher's open
# stream within 2 s, as a "visit" with its host and whether it was blocked;
# an iPad in another room is not; a pause made on the command line is
# pushed as "restrictions" (the page reads the room again). Sign-in, the
# permission and the teacher's own room are checked as on GET
# /api/v1/classview.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
DEMO_EXTRA_HOSTS="year-one-visit.example=127.0.0.1 year-five-visit.example=127.0.0.1" \
  start_demo_server 'stream_heartbeat_s = 1'
C="http://127.0.0.1:$CONSOLE"
S="$C/api/v1/classview/stream"
YEAR5_IPAD=127.0.0.21   # "Year 5 iPad 01" (KS2), in the room "Year 5"
YEAR1_IPAD=127.0.0.11   # "Year 1 iPad 01" (KS1), in the room "Year 1"
now_ms() { date +%s%3N; }
signin() {  # jar email: signs in, keeps the cookie
  curl -s -c "$1" -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"esafety-demo\"}" "$C/api/v1/session"
}
code() { curl -s -b "$1" -o "$WORK/code.json" -w '%{http_code}' --max-time 5 "$2"; }
opened() { grep -q "^retry: " "$WORK/$1.txt" 2>/dev/null; }
has() { grep -q "$2" "$WORK/$1.txt" 2>/dev/null; }
visits() { sed -n 's/^data: \({.*"device_id".*\)$/\1/p' "$WORK/$1.txt"; }

# Who may watch which room.
[[ "$(code /dev/null "$S?room=Year%205")" == 401 ]] || fail "no session: 401"
signin "$WORK/teacher" teacher@demo-school.example   # teaches Year 5
signin "$WORK/office" office@demo-school.example
[[ "$(code "$WORK/teacher" "$S?room=Year%201")" == 403 ]] || fail "a Year 5 teacher may not watch Year 1: $(cat "$WORK/code.json")"
contains "$(cat "$WORK/code.json")" "only your own class" "the refusal says why"
[[ "$(code "$WORK/office" "$S?room=Year%205")" == 403 ]] || fail "the office may not watch a class: $(cat "$WORK/code.json")"
PASSED=$((PASSED + 2))

# The Year 5 teacher's class view is open.
curl -sN -b "$WORK/teacher" -o "$WORK/y5.txt" "$S?room=Year%205" & Y5_PID=$!
wait_for 5 opened y5 || fail "the stream opens: $(cat "$WORK/y5.txt")"
HEAD="$(curl -s -N -b "$WORK/teacher" -D - -o /dev/null --max-time 1 "$S" | tr -d '\r' || true)"
contains "$HEAD" "Content-Type: text/event-stream" "the stream's Content-Type (the teacher's own room by default)"
PASSED=$((PASSED + 1))

# A visit from an iPad in Year 1 first, then one from Year 5: only the Year 5
# one is pushed, within 2 s of the request.
# (KS1 browses an allow-list: this one is blocked, a visit all the same.)
pcurl $YEAR1_IPAD -o /dev/null "http://year-one-visit.example:$ORIGIN/page"
T0=$(now_ms)
[[ "$(pcurl $YEAR5_IPAD -o /dev/null -w '%{http_code}' "http://year-five-visit.example:$ORIGIN/page")" == 200 ]] ||
  fail "the Year 5 iPad browses"
wait_for 10 has y5 'year-five-visit.example' || { cat "$WORK/serve.log" >&2; fail "the visit never reached the class view"; }
ELAPSED=$(( $(now_ms) - T0 ))
echo "request through the proxy to the visit on the class view: ${ELAPSED} ms"
(( ELAPSED <= 2000 )) || fail "the visit took ${ELAPSED} ms to reach the class view (target 2 s)"
has y5 '^event: visit' || fail "sent as a 'visit' event"
visits y5 | python3 -c '
import json, sys
seen = [json.loads(l) for l in sys.stdin]
mine = [v for v in seen if v["host"] == "year-five-visit.example"]
assert len(mine) == 1, seen
v = mine[0]
assert v["device"] == "Year 5 iPad 01" and v["decision"] == "allow", v
assert not any(v["host"] == "year-one-visit.example" for v in seen), "another room leaked"
' || fail "the pushed visit is the Year 5 iPad's, and Year 1's is not there: $(cat "$WORK/y5.txt")"
PASSED=$((PASSED + 2))

# A blocked request is pushed as blocked, with its category.
pcurl $YEAR5_IPAD -o /dev/null "http://adult-demo.example:$ORIGIN/"
wait_for 10 has y5 'adult-demo.example' || fail "the blocked request was not pushed"
visits y5 | python3 -c '
import json, sys
v = [json.loads(l) for l in sys.stdin if "adult-demo" in l][0]
assert v["decision"] == "block" and v["category"], v
' || fail "pushed as blocked with its category: $(cat "$WORK/y5.txt")"
PASSED=$((PASSED + 1))

# A pause from the command line reaches the open class view (the console
# finds it by its ~1 s poll, as the proxy does).
T1=$(now_ms)
run 0 "$ESAFETY" devices pause "Year 5 iPad 02" --reason "Off task" --by teacher --data "$DATA"
wait_for 5 has y5 '^event: restrictions' || fail "the pause was not pushed"
echo "command-line pause to the class view: $(( $(now_ms) - T1 )) ms"
PASSED=$((PASSED + 1))

kill "$Y5_PID" 2>/dev/null; wait "$Y5_PID" 2>/dev/null || true
finish
