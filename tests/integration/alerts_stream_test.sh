# The DSL's live alerts (issue 14): GET /api/v1/alerts/stream is a stream of
# server-sent events. A KS2 self-harm search through the proxy is on an open
# stream within 2 s, pushed (no reload, no polling); a triage on the console
# is pushed too; idle streams get heartbeats; sign-in and the permission are
# checked as on the other alerts routes; the caps per client and in total
# hold and a client that goes away frees its place at once; signing out
# ends the stream at its next heartbeat; stopping serve ends every stream.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server 'max_streams = 3
max_streams_per_client = 2
stream_heartbeat_s = 1'
C="http://127.0.0.1:$CONSOLE"
S="$C/api/v1/alerts/stream"
now_ms() { date +%s%3N; }
signin() {  # jar email: signs in, keeps the cookie, prints the CSRF token
  curl -s -c "$1" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"esafety-demo\"}" "$C/api/v1/session" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])'
}
# stream <jar> <name>: opens a stream in the background; its body goes to
# $WORK/<name>.txt, its status to $WORK/<name>.status when it ends.
stream() {
  curl -sN -b "$1" -o "$WORK/$2.txt" -w '%{http_code}' "$S" >"$WORK/$2.status" &
  eval "${2}_PID=$!"
}
opened() { grep -q "^retry: " "$WORK/$1.txt" 2>/dev/null; }
has() { grep -q "$2" "$WORK/$1.txt" 2>/dev/null; }
gone() { ! kill -0 "$1" 2>/dev/null; }

# Sign-in and the permission, as on the other alerts routes.
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$S")" == 401 ]] || fail "no session: 401"
IT_CSRF="$(signin "$WORK/it" it@demo-school.example)"
[[ "$(curl -s -b "$WORK/it" -o /dev/null -w '%{http_code}' "$S")" == 403 ]] || fail "the IT technician may not see alerts: 403"
CSRF="$(signin "$WORK/dsl" dsl@demo-school.example)"
[[ -n "$CSRF" ]] || fail "the demo DSL signs in"
PASSED=$((PASSED + 2))

# The DSL's alerts page is open: a stream with the event-stream head.
stream "$WORK/dsl" one
wait_for 5 opened one || fail "the stream opens with its retry line: $(cat "$WORK/one.txt")"
HEAD="$(curl -s -N -b "$WORK/dsl" -D - -o /dev/null --max-time 1 "$S" | tr -d '\r' || true)"
contains "$HEAD" "Content-Type: text/event-stream" "the stream's Content-Type"
contains "$HEAD" "Cache-Control: no-store" "not cached"
# Idle: a heartbeat comment every stream_heartbeat_s (1 s here).
wait_for 5 has one '^: keep-alive' || fail "no heartbeat on an idle stream"
PASSED=$((PASSED + 1))

# A KS2 pupil's self-harm search through the proxy is on the stream within 2 s.
T0=$(now_ms)
pcurl 127.0.0.21 -o /dev/null "http://www.google.co.uk:$ORIGIN/search?q=how+to+kill+myself"
wait_for 10 has one '"category":"self-harm"' || { cat "$WORK/serve.log" >&2; fail "the alert never reached the stream"; }
ELAPSED=$(( $(now_ms) - T0 ))
echo "request through the proxy to the alert on the stream: ${ELAPSED} ms"
(( ELAPSED <= 2000 )) || fail "the alert took ${ELAPSED} ms to reach the stream (target 2 s)"
has one '^event: alert' || fail "sent as an 'alert' event"
ID="$(sed -n 's/^data: \(.*\)$/\1/p' "$WORK/one.txt" | python3 -c '
import json, sys
for line in sys.stdin:
    a = json.loads(line)
    if a["category"] == "self-harm":
        assert a["level"] == 5 and a["person"]["group"] == "KS2" and a["state"] == "open", a
        print(a["id"]); break')"
[[ -n "$ID" ]] || fail "the pushed alert is the KS2 pupil's level-5 self-harm alert: $(cat "$WORK/one.txt")"
has one "^id: $ID\$" || fail "the event carries the alert's id"
PASSED=$((PASSED + 3))

# A triage on the console is pushed to the open page too.
curl -s -b "$WORK/dsl" -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" \
  -d "{\"id\":$ID,\"action\":\"acknowledge\",\"note\":\"Looking now\"}" "$C/api/v1/alerts/triage" >/dev/null
wait_for 5 has one "\"id\":$ID,.*\"state\":\"acknowledged\"\\|\"state\":\"acknowledged\".*\"id\":$ID," ||
  fail "the acknowledgement was not pushed: $(cat "$WORK/one.txt")"
PASSED=$((PASSED + 1))

# Caps: two streams per client address here; a third from it is refused.
stream "$WORK/dsl" two
wait_for 5 opened two || fail "a second stream opens"
[[ "$(curl -s -b "$WORK/dsl" -o "$WORK/three.json" -w '%{http_code}' --max-time 5 "$S")" == 503 ]] ||
  fail "a third stream from one address is refused: $(cat "$WORK/three.json")"
contains "$(cat "$WORK/three.json")" "Too many live pages" "the refusal says why"
curl -s "$C/metrics" | grep -q 'esafety_console_streams_refused_total{cap="per_client"} 1' ||
  fail "the refusal is counted"
# A client that goes away frees its place at once (not at the next heartbeat).
kill "$two_PID"
wait "$two_PID" 2>/dev/null || true
T1=$(now_ms)
stream "$WORK/dsl" four
wait_for 5 opened four || fail "the place the closed stream held is free again: $(cat "$WORK/four.txt")"
(( $(now_ms) - T1 < 900 )) || fail "the closed stream's place took $(( $(now_ms) - T1 )) ms to free"
PASSED=$((PASSED + 3))

# Signing out ends the session's streams at their next heartbeat.
curl -s -b "$WORK/dsl" -X DELETE -H "X-CSRF-Token: $CSRF" "$C/api/v1/session" >/dev/null
wait_for 5 gone "$one_PID" || fail "the stream outlived its session"
wait_for 5 gone "$four_PID" || fail "the other stream outlived its session"
[[ "$(cat "$WORK/one.status")" == 200 ]] || fail "it had been a 200 stream"
PASSED=$((PASSED + 1))

# Stopping serve ends every stream, and serve exits promptly.
CSRF="$(signin "$WORK/dsl" dsl@demo-school.example)"
stream "$WORK/dsl" five
wait_for 5 opened five || fail "a new stream opens after signing in again"
T2=$(now_ms)
stop_demo_server
(( $(now_ms) - T2 < 5000 )) || fail "serve took $(( $(now_ms) - T2 )) ms to stop with a stream open"
wait_for 5 gone "$five_PID" || fail "the stream outlived serve"
PASSED=$((PASSED + 1))
finish
