# The filter self-test from the console in headless Chromium
# (tests/browser/console_selftest.test.mjs): with the four self-test devices
# registered and pornography turned off for KS1, the DSL presses "Run now" on
# the Self-test page and reads the grid: KS1's pornography fails, the rest
# passes; the alert is on the Alerts page. The run is recorded as the DSL's.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
DNS=$(python3 -c 'import socket  # free for both UDP and TCP (the DNS filter listens on both)
s=socket.socket(); s.bind(("127.0.0.1",0)); p=s.getsockname()[1]
u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.bind(("127.0.0.1",p)); print(p)')
DEAD=$(free_port)
DEMO_DNS="enabled = true
listen = [\"127.0.0.1:$DNS\"]
upstreams = [\"127.0.0.1:$DEAD\"]
upstream_timeout_ms = 300" start_demo_server '[selftest]
daily_at = "off"'
for entry in KS1=127.0.0.19 KS2=127.0.0.29 Staff=127.0.0.39 Visitor=127.0.0.49; do
  run 0 "$ESAFETY" devices add "Self-test ${entry%%=*}" --room Self-test --ip "${entry#*=}" \
    --group "${entry%%=*}" --data "$DATA"
done
run 0 "$ESAFETY" policy category KS1 pornography none --reason "testing the self-test" --data "$DATA"
ks1_gets_through() {
  [[ "$(pcurl 127.0.0.19 -o /dev/null -w '%{http_code}' "http://adult-demo.example:$ORIGIN/page")" == 200 ]]
}
wait_for 15 ks1_gets_through || fail "serve did not load the devices and the policy change"

export ESAFETY_CONSOLE="http://127.0.0.1:$CONSOLE"
export ESAFETY_STAFF_EMAIL="dsl@demo-school.example" ESAFETY_STAFF_PASSWORD="esafety-demo"
export ESAFETY_SCREENSHOTS="${ESAFETY_SCREENSHOTS:-$WORK}"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec console_selftest.test.mjs) >"$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "the self-test from the console in Chromium"
}
PASSED=$((PASSED + 3))
run 0 "$ESAFETY" alerts --data "$DATA" --json --category pornography
[[ "$(json '[(a["level"], a["person"]["group"]) for a in d if a["rule"] == "filter self-test"]')" == "[(4, 'KS1')]" ]] ||
  fail "one level-4 self-test alert for KS1: $OUT"
contains "$(sqlite3 "$DATA/esafety.db" "SELECT trigger || ' ' || actor FROM selftest_runs")" \
  "console dsl@demo-school.example" "the run is recorded as the DSL's"
finish
