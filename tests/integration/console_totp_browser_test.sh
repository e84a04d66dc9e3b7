# Two-step sign-in in headless Chromium (tests/browser/console_totp.test.mjs):
# with the school's setting on, the DSL sets up an authenticator from the key
# the console shows, a wrong code is refused in plain words, and the code
# (computed in the test, RFC 6238) signs in. The set-up is audited.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
start_demo_server
# A real school: two-step sign-in on (the demo has it off). The console
# reads the setting at each sign-in.
sqlite3 "$DATA/esafety.db" "UPDATE settings SET value = 'on' WHERE key = 'console.totp'"

export ESAFETY_CONSOLE="http://127.0.0.1:$CONSOLE"
export ESAFETY_STAFF_EMAIL="dsl@demo-school.example" ESAFETY_STAFF_PASSWORD="esafety-demo"
export ESAFETY_SCREENSHOTS="${ESAFETY_SCREENSHOTS:-$WORK}"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec console_totp.test.mjs) >"$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "two-step sign-in in Chromium"
}
PASSED=$((PASSED + 3))
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM people WHERE email = 'dsl@demo-school.example' AND totp_secret = '' AND length(totp_sealed) > 0")" == 1 ]] || fail "the DSL's key is stored, sealed"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT actor FROM audit_log WHERE action = 'person.totp_setup'")" == dsl@demo-school.example ]] || fail "the set-up is audited"
PASSED=$((PASSED + 2))
finish
