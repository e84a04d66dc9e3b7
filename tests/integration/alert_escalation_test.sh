# Reaching a person (issue 14) against a real SMTP server (Debian's
# python3-aiosmtpd, tests/mail/smtp_sink.py) on loopback: a KS2 self-harm
# search through the proxy makes an alert and the DSL gets one mail, which
# says only the level and links to the console; with the notifier's clock
# moved 16 minutes (`esafety serve --test-clock`, for tests only) the head
# gets the escalation mail, exactly once, also after a restart of serve (the
# demo school has no deputy DSL: that rung is recorded as having nobody); an
# acknowledged alert does not escalate. The rota is set through
# `esafety alerts rota`, its bad values refused naming the field.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"

SINK_PYTHON=/usr/bin/python3  # Debian's, where python3-aiosmtpd lives
"$SINK_PYTHON" -c "import aiosmtpd" 2>/dev/null ||
  fail "python3-aiosmtpd is missing: run scripts/bootstrap.sh"

CLOCK="$WORK/clock"
echo 0 >"$CLOCK"
# The seam is refused unless the environment allows it.
mkdir -p "$WORK/refused"
"$ESAFETY" init --demo --data "$WORK/refused" >/dev/null
run 2 env -u ESAFETY_ALLOW_TEST_CLOCK "$ESAFETY" serve --data "$WORK/refused" --test-clock "$CLOCK"
contains "$ERR" "--test-clock is for tests only" "serve --test-clock without ESAFETY_ALLOW_TEST_CLOCK"

export ESAFETY_ALLOW_TEST_CLOCK=1
DEMO_SERVE_ARGS="--test-clock $CLOCK" start_demo_server
D=(--data "$DATA")
KS1=127.0.0.11
KS2=127.0.0.21
SINK=$(free_port)
BOX="$WORK/mailbox"
SINK_PID=""
"$SINK_PYTHON" "$SOURCE_DIR/tests/mail/smtp_sink.py" "$SINK" "$BOX" "$WORK/sink.ready" >>"$WORK/sink.log" 2>&1 &
SINK_PID=$!
trap 'kill -9 "$SINK_PID" 2>/dev/null || true; stop_demo_server; rm -rf "$WORK"' EXIT
wait_for 10 test -f "$WORK/sink.ready" || { cat "$WORK/sink.log" >&2; fail "the SMTP sink did not start"; }
contains "$(cat "$WORK/serve.log")" "TEST CLOCK" "serve says the test clock is on"

# mails_to <address> [text]: how many mails the sink took for the address (holding the text).
mails_to() {
  local n=0 f
  for f in "$BOX"/*.json; do
    [[ -e "$f" ]] || continue
    if grep -q "\"$1\"" "$f" && grep -q -- "${2:-}" "$f"; then n=$((n + 1)); fi
  done
  echo "$n"
}
has_mails() {  # has_mails <address> <count>
  [[ "$(mails_to "$1")" == "$2" ]]
}

for kv in smtp_host=127.0.0.1 security=none smtp_port="$SINK" from=esafety@demo-school.example \
  public_url="http://127.0.0.1:$CONSOLE"; do
  run 0 "$ESAFETY" mail set "mail.${kv%%=*}" "${kv#*=}" "${D[@]}" --by it.technician
done

# The rota: the policy's order by default; the demo school has no deputy DSL.
run 0 "$ESAFETY" alerts rota "${D[@]}"
contains "$OUT" "in_hours = role:dsl, role:deputy_dsl, role:head, role:governor" "the default rota"
contains "$OUT" "ack_minutes_in_hours = 15" "the default time to acknowledge"
contains "$ERR" "in_hours rung 2 (role:deputy_dsl): nobody there has an email address" "the rota's warning"
run 2 "$ESAFETY" alerts rota "${D[@]}" --set hours=8-16 --reason "try" --by dsl@demo-school.example
contains "$ERR" "hours: '8-16' is not HH:MM-HH:MM" "a bad value names its field"
run 2 "$ESAFETY" alerts rota "${D[@]}" --set in_hours=role:cook --reason "try" --by dsl@demo-school.example
contains "$ERR" "in_hours: 'cook' is not a staff role" "a bad rung names its field"
run 2 "$ESAFETY" alerts rota "${D[@]}" --set days=Mon-Sun --by dsl@demo-school.example
contains "$ERR" "reason" "a rota change needs a reason"
# School hours all week, so that this test reads the in-hours rota whenever it runs.
run 0 "$ESAFETY" alerts rota "${D[@]}" --set days=Mon-Sun --set hours=00:00-24:00 \
  --reason "Round the clock while the test runs" --by dsl@demo-school.example
contains "$OUT" "version 1" "the rota is set"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT reason FROM audit_log WHERE action = 'alert_rota.set'")" == \
   "Round the clock while the test runs" ]] || fail "the rota change is audited with its reason"

alert_id() {  # alert_id <group>: the newest self-harm alert of that group
  "$ESAFETY" alerts --data "$DATA" --json --category self-harm --group "$1" 2>/dev/null |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["id"] if d else "")'
}

# 1. A KS2 pupil searches for self-harm through the proxy: the DSL gets one mail.
pcurl $KS2 -o /dev/null "http://www.google.co.uk:$ORIGIN/search?q=how+to+kill+myself"
wait_for 20 has_mails dsl@demo-school.example 1 || {
  cat "$WORK/serve.log" >&2; "$ESAFETY" mail outbox "${D[@]}" >&2; fail "the DSL got no mail about the alert"; }
ID="$(alert_id KS2)"
[[ -n "$ID" ]] || fail "no KS2 alert"
run 0 "$ESAFETY" alerts show "$ID" "${D[@]}" --json
WHO="$(json 'd["person"]["user"] or d["person"]["device"]')"
[[ -n "$WHO" ]] || fail "the alert names nobody: $OUT"
MAIL="$(cat "$BOX"/*.json)"
contains "$MAIL" "an alert of level 5" "the mail says the level"
contains "$MAIL" "/alerts/$ID" "the mail links to the alert"
not_contains "$MAIL" "kill" "the mail holds no search"
not_contains "$MAIL" "$WHO" "the mail holds no pupil or device"
[[ "$(mails_to head@demo-school.example)" == 0 ]] || fail "the head was mailed before the alert was overdue"
sleep 6  # more than a pass of the notifier: the DSL is not mailed again
[[ "$(mails_to dsl@demo-school.example)" == 1 ]] || fail "the DSL was mailed twice"
PASSED=$((PASSED + 3))

# 2. Nobody acknowledges; the clock moves 16 minutes: the head gets the
# escalation mail (the deputy DSL rung has nobody, and is recorded so).
echo 960 >"$CLOCK"
wait_for 20 has_mails head@demo-school.example 1 || {
  cat "$WORK/serve.log" >&2; fail "the head got no escalation mail"; }
contains "$(grep -l head@demo-school.example "$BOX"/*.json | xargs cat)" "/alerts/$ID" "the head's mail is about the alert"
run 0 "$ESAFETY" alerts show "$ID" "${D[@]}" --json
[[ "$(json '[(s["rung"], s["target"], s["outcome"]) for s in d["escalations"]]')" == \
   "[(0, 'role:dsl', 'mailed'), (1, 'role:deputy_dsl', 'no_address'), (2, 'role:head', 'mailed')]" ]] ||
  fail "the alert's steps: $OUT"
run 0 "$ESAFETY" alerts show "$ID" "${D[@]}"
contains "$OUT" "rung 3 (role:head, in_hours): mailed head@demo-school.example" "alerts show lists the steps"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM audit_log WHERE action = 'alert.escalate' AND target = 'alert $ID'")" == 3 ]] ||
  fail "each step is audited"
PASSED=$((PASSED + 2))

# 3. serve restarts (the same clock): nobody is mailed again.
kill -TERM "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true
"$ESAFETY" serve --data "$DATA" --test-clock "$CLOCK" >>"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
wait_for 20 curl -sf "http://127.0.0.1:$CONSOLE/health" || { cat "$WORK/serve.log" >&2; fail "serve did not restart"; }
sleep 8  # more than a pass of the notifier
[[ "$(mails_to dsl@demo-school.example)" == 1 && "$(mails_to head@demo-school.example)" == 1 ]] ||
  fail "a restart mailed someone again"
[[ "$(mails_to governor@demo-school.example)" == 0 ]] || fail "the governor was mailed too early"
PASSED=$((PASSED + 2))

# 4. An acknowledged alert does not escalate: a KS1 pupil's alert goes to the
# DSL, who acknowledges it; when it would be overdue, only the first alert
# (never acknowledged) climbs on, to the governors.
pcurl $KS1 -o /dev/null "http://www.google.co.uk:$ORIGIN/search?q=how+to+kill+myself"
wait_for 20 has_mails dsl@demo-school.example 2 || fail "the DSL got no mail about the KS1 alert"
ID2="$(alert_id KS1)"
[[ -n "$ID2" && "$ID2" != "$ID" ]] || fail "no second alert"
run 0 "$ESAFETY" alerts triage "$ID2" "${D[@]}" --action acknowledge --note "Seen, talking to the class teacher" \
  --by dsl@demo-school.example
echo 1920 >"$CLOCK"
wait_for 20 has_mails governor@demo-school.example 1 || fail "the unacknowledged alert did not climb to the governors"
contains "$(grep -l governor@demo-school.example "$BOX"/*.json | xargs cat)" "/alerts/$ID" "the governors' mail is the first alert's"
sleep 6
[[ "$(mails_to head@demo-school.example "/alerts/$ID2")" == 0 ]] || fail "the acknowledged alert escalated"
run 0 "$ESAFETY" alerts show "$ID2" "${D[@]}" --json
[[ "$(json 'len(d["escalations"])')" == 1 ]] || fail "the acknowledged alert has one step: $OUT"
PASSED=$((PASSED + 2))
finish
