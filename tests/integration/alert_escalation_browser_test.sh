# Issue 14's browser flow "the same alert left unacknowledged escalates to
# the head by mail, with the clock driven through the time seam"
# (tests/browser/console_escalation.test.mjs): a KS2 self-harm search
# through the proxy makes the alert, the DSL is mailed, and Chromium walks
# the rest against the real SMTP sink.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
SINK_PYTHON=/usr/bin/python3  # Debian's, where python3-aiosmtpd lives
"$SINK_PYTHON" -c "import aiosmtpd" 2>/dev/null || fail "python3-aiosmtpd is missing: run scripts/bootstrap.sh"

CLOCK="$WORK/clock"
echo 0 >"$CLOCK"
export ESAFETY_ALLOW_TEST_CLOCK=1
DEMO_SERVE_ARGS="--test-clock $CLOCK" start_demo_server
D=(--data "$DATA")
SINK=$(free_port)
BOX="$WORK/mailbox"
"$SINK_PYTHON" "$SOURCE_DIR/tests/mail/smtp_sink.py" "$SINK" "$BOX" "$WORK/sink.ready" >>"$WORK/sink.log" 2>&1 &
SINK_PID=$!
trap 'kill -9 "$SINK_PID" 2>/dev/null || true; stop_demo_server; rm -rf "$WORK"' EXIT
wait_for 10 test -f "$WORK/sink.ready" || { cat "$WORK/sink.log" >&2; fail "the SMTP sink did not start"; }
for kv in smtp_host=127.0.0.1 security=none smtp_port="$SINK" from=esafety@demo-school.example \
  public_url="http://127.0.0.1:$CONSOLE"; do
  run 0 "$ESAFETY" mail set "mail.${kv%%=*}" "${kv#*=}" "${D[@]}" --by it.technician
done
# School hours all week, so the in-hours rota (15 minutes) applies whenever this runs.
run 0 "$ESAFETY" alerts rota "${D[@]}" --set days=Mon-Sun --set hours=00:00-24:00 \
  --reason "Round the clock while the test runs" --by dsl@demo-school.example

pcurl 127.0.0.21 -o /dev/null "http://www.google.co.uk:$ORIGIN/search?q=how+to+kill+myself"
dsl_mailed() { grep -lq '"dsl@demo-school.example"' "$BOX"/*.json 2>/dev/null; }
wait_for 20 dsl_mailed || { cat "$WORK/serve.log" >&2; fail "the DSL got no mail about the alert"; }

export ESAFETY_CONSOLE="http://127.0.0.1:$CONSOLE"
export ESAFETY_STAFF_EMAIL="dsl@demo-school.example" ESAFETY_STAFF_PASSWORD="esafety-demo"
export ESAFETY_CLOCK_FILE="$CLOCK" ESAFETY_MAILBOX="$BOX"
export ESAFETY_SCREENSHOTS="${ESAFETY_SCREENSHOTS:-$WORK}"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec console_escalation.test.mjs) >"$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "the escalation flow in Chromium"
}
PASSED=$((PASSED + 3))
finish
