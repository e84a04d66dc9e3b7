# The filter self-test (issue 14, item 6): `esafety selftest` sends each
# group's test names through the running proxy and DNS filter from that
# group's self-test device and passes; with pornography turned off for KS1
# (through the policy CLI) it fails, exits non-zero, names what got through,
# and raises one level-4 alert for KS1's pornography, which a second failing
# run does not repeat; the self-test's blocked requests raise no pupil alerts. Blocking it again makes the check pass. Nothing leaves
# 127.0.0.0/8: every test name resolves to the local origin for the proxy,
# and the DNS filter's upstream is a dead loopback port (SERVFAIL: allowed).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
udp_port() {  # free for both UDP and TCP (the DNS filter listens on both)
  python3 -c 'import socket
s=socket.socket(); s.bind(("127.0.0.1",0)); p=s.getsockname()[1]
u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.bind(("127.0.0.1",p)); print(p)'
}
# code_is <source> <url> <status>: the proxy answers that, as the device at <source>.
code_is() { [[ "$(pcurl "$1" -o /dev/null -w '%{http_code}' "$2")" == "$3" ]]; }
DNS=$(udp_port)
DEAD=$(udp_port)
TEST_HOSTS="iwf-test.esafety-demo.invalid ctiru-test.esafety-demo.invalid extremism-demo.example
  casino-royale-demo.example self-harm-demo.example drugs-demo.example hate-speech-demo.example
  discrimination-demo.example violence-demo.example malware-demo.example piracy-demo.example
  free-vpn-demo.example"
DEMO_EXTRA_HOSTS="$(for h in $TEST_HOSTS; do printf '%s=127.0.0.1 ' "$h"; done)"
DEMO_DNS="enabled = true
listen = [\"127.0.0.1:$DNS\"]
upstreams = [\"127.0.0.1:$DEAD\"]
upstream_timeout_ms = 300" start_demo_server '[selftest]
daily_at = "off"'

# Nothing to check yet: no self-test devices. That is a failure, not a pass.
run 1 "$ESAFETY" selftest --data "$DATA"
contains "$ERR" "Self-test" "says how to add a self-test device"

for entry in KS1=127.0.0.19 KS2=127.0.0.29 Staff=127.0.0.39 Visitor=127.0.0.49; do
  run 0 "$ESAFETY" devices add "Self-test ${entry%%=*}" --type other --room Self-test \
    --ip "${entry#*=}" --group "${entry%%=*}" --data "$DATA" --by it.technician
done
# serve has the devices once Staff's self-test address reaches an allowed site.
wait_for 15 code_is 127.0.0.39 "http://allowed-demo.example:$ORIGIN/page" 200 ||
  fail "serve did not load the self-test devices"

run 0 "$ESAFETY" selftest --data "$DATA" --json
[[ "$(json 'd["passed"]')" == True ]] || fail "the self-test passes: $OUT"
[[ "$(json 'd["checks"]')" == 72 ]] || fail "(13 + 13 + 5 + 5) checks, each through the proxy and DNS: $OUT"
[[ "$(json 'sorted({r["group"] for r in d["results"]})')" == "['KS1', 'KS2', 'Staff', 'Visitor']" ]] ||
  fail "every group with a self-test device is tested: $OUT"
[[ "$(json 'd["untested_groups"]')" == "['Restricted', 'Unknown device']" ]] || fail "untested groups named: $OUT"
[[ "$(json '[r["detail"] for r in d["results"] if r["group"] == "KS1" and r["category"] == "pornography"] == ["403 block page", "NXDOMAIN (the filter\x27s block answer)"]')" == True ]] ||
  fail "blocked by the proxy and the DNS filter: $OUT"
PASSED=$((PASSED + 4))
run 0 "$ESAFETY" selftest --data "$DATA"
contains "$OUT" "72 checks, 0 failed" "the table's summary"

# Pornography off for KS1: the proxy lets the test page through, DNS passes the name on.
run 0 "$ESAFETY" policy category KS1 pornography none --reason "testing the self-test" --data "$DATA"
wait_for 15 code_is 127.0.0.19 "http://adult-demo.example:$ORIGIN/page" 200 ||
  fail "serve did not load the policy change"
run 1 "$ESAFETY" selftest --data "$DATA" --json
[[ "$(json 'd["passed"]')" == False ]] || fail "the self-test fails: $OUT"
[[ "$(json 'd["failures"]')" == 2 ]] || fail "two failures (proxy and DNS): $OUT"
[[ "$(json '{(r["group"], r["category"], r["path"], r["outcome"]) for r in d["results"] if not r["passed"]} == {("KS1", "pornography", "proxy", "allowed"), ("KS1", "pornography", "dns", "allowed")}')" == True ]] ||
  fail "KS1's pornography got through both: $OUT"
[[ "$(json 'len(d["alerts"])')" == 1 ]] || fail "one alert raised: $OUT"
PASSED=$((PASSED + 4))
run 1 "$ESAFETY" selftest --data "$DATA"
contains "$OUT" "FAIL" "the table marks the failure"
contains "$OUT" "72 checks, 2 failed" "the table's summary"
not_contains "$OUT" "new alert" "a second failing run raises no second alert"

run 0 "$ESAFETY" alerts --data "$DATA" --json --category pornography
[[ "$(json 'len(d)')" == 1 ]] || fail "one alert for KS1's pornography: $OUT"
[[ "$(json 'd[0]["level"]')" == 4 ]] || fail "level 4: $OUT"
[[ "$(json 'd[0]["person"]["group"]')" == KS1 ]] || fail "about KS1: $OUT"
contains "$(json 'd[0]["why"]')" "the filter is not blocking pornography for KS1" "why"
PASSED=$((PASSED + 3))

# The self-test's own blocked test pages are not a pupil's attempts: the
# alert rules ignore the self-test devices' events. (The waits above, from
# an address not yet registered, may have made a repeated-blocks alert.)
run 0 "$ESAFETY" alerts --data "$DATA" --json
[[ "$(json '[a["rule"] for a in d if a["person"]["device"].startswith("Self-test") or a["person"]["group"] in ("KS1", "KS2", "Staff", "Visitor")]')" == "['filter self-test']" ]] ||
  fail "no alert about the self-test devices' requests: $OUT"
PASSED=$((PASSED + 1))

# Blocked again: the check passes again.
run 0 "$ESAFETY" policy category KS1 pornography block --reason "self-test done" --data "$DATA"
wait_for 15 code_is 127.0.0.19 "http://adult-demo.example:$ORIGIN/page" 403 ||
  fail "serve did not load the policy change back"
run 0 "$ESAFETY" selftest --data "$DATA"
contains "$OUT" "72 checks, 0 failed" "passes again"

# The console: the DSL sees the runs and runs one now, in the background.
C="http://127.0.0.1:$CONSOLE"
JAR="$WORK/cookies"
[[ "$(curl -s -c "$JAR" -o "$WORK/signin.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"email":"dsl@demo-school.example","password":"esafety-demo"}' "$C/api/v1/session")" == 200 ]] ||
  fail "the demo DSL signs in: $(cat "$WORK/signin.json")"
CSRF="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf"])' "$WORK/signin.json")"
OUT="$(curl -s -b "$JAR" "$C/api/v1/selftest")"
[[ "$(json '[r["trigger"] for r in d["runs"]]')" == "['cli', 'cli', 'cli', 'cli', 'cli']" ]] || fail "the CLI's runs, newest first: $OUT"
[[ "$(json 'd["runs"][2]["failures"]')" == 2 ]] || fail "with their results: $OUT"
[[ "$(json 'd["can_run"] and not d["progress"]["running"]')" == True ]] || fail "nothing running: $OUT"
[[ "$(curl -s -b "$JAR" -o /dev/null -w '%{http_code}' -X POST "$C/api/v1/selftest/run")" == 403 ]] ||
  fail "Run now needs the CSRF token"
OUT="$(curl -s -b "$JAR" -w ' %{http_code}' -X POST -H "X-CSRF-Token: $CSRF" "$C/api/v1/selftest/run")"
contains "$OUT" " 202" "Run now starts a run"
run_done() {
  OUT="$(curl -s -b "$JAR" "$C/api/v1/selftest")"
  [[ "$(json 'not d["progress"]["running"] and d["progress"]["last_run_id"] == d["runs"][0]["id"]')" == True ]]
}
wait_for 60 run_done || fail "the console's run did not finish: $OUT"
[[ "$(json '(d["runs"][0]["trigger"], d["runs"][0]["actor"], d["runs"][0]["passed"], d["progress"]["done"])')" == \
   "('console', 'dsl@demo-school.example', True, 72)" ]] || fail "the console's run passed: $OUT"
PASSED=$((PASSED + 6))

# The daily run: serve started with daily_at = "00:00" has today's run due at
# once (the daily time is past and no daily run has been made today), and
# makes it as "selftest"; it passes. Another start the same day does not.
restart_serve() {
  kill -TERM "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true
  "$ESAFETY" serve --data "$DATA" > "$WORK/serve.log" 2>&1 &
  SERVE_PID=$!
  wait_for 20 curl -sf "$C/health" || { cat "$WORK/serve.log" >&2; fail "esafety serve did not start again"; }
}
sed -i 's/^daily_at = "off"$/daily_at = "00:00"/' "$DATA/esafety.toml"
restart_serve
daily_runs() { sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM selftest_runs WHERE trigger = 'daily'"; }
daily_done() { [[ "$(daily_runs)" == 1 ]]; }
wait_for 60 daily_done || { cat "$WORK/serve.log" >&2; fail "no daily run"; }
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT actor || ' ' || checks || ' ' || failures FROM selftest_runs WHERE trigger = 'daily'")" == "selftest 72 0" ]] ||
  fail "the daily run passed"
wait_for 10 grep -q "filter self-test (daily): all 72 checks passed" "$WORK/serve.log" || fail "the daily run is logged"
restart_serve
sleep 2
[[ "$(daily_runs)" == 1 ]] || fail "one daily run a day"
PASSED=$((PASSED + 4))
finish
