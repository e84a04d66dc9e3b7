# The issue's end-to-end flow in headless Chromium
# (tests/browser/console_people.test.mjs): sign in as the demo IT technician,
# import pupils, register an iPad at 127.0.0.2, lend it to a pupil, browse
# through the proxy from 127.0.0.2 and find the pupil in the activity log;
# a sanction from the console; a form kept across the session ending. Then
# the audit trail names the technician for each change.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
start_demo_server

export ESAFETY_CONSOLE="http://127.0.0.1:$CONSOLE" ESAFETY_PROXY="http://127.0.0.1:$PROXY" ESAFETY_ORIGIN_PORT="$ORIGIN"
export ESAFETY_STAFF_EMAIL="it@demo-school.example" ESAFETY_STAFF_PASSWORD="esafety-demo"
export ESAFETY_SCREENSHOTS="${ESAFETY_SCREENSHOTS:-$WORK}"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec console_people.test.mjs) >"$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "the people and devices flow in Chromium"
}
grep -o 'sanction applied [0-9]* ms after it was saved' "$WORK/node.txt" || true
PASSED=$((PASSED + 5))

# Every change is in the audit trail with who made it.
audit() { sqlite3 "$DATA/esafety.db" "SELECT actor || ' ' || action || ' ' || reason FROM audit_log WHERE action = '$1'"; }
contains "$(audit people.import)" "it@demo-school.example people.import" "import audited"
contains "$(audit device.add)" "it@demo-school.example device.add" "device audited"
contains "$(audit device.checkout)" "it@demo-school.example device.checkout" "check-out audited"
contains "$(audit sanction.restrict)" "it@demo-school.example sanction.restrict Unkind messages in class" "sanction audited with its reason"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM audit_log WHERE action = 'person.password' AND target = 'visitor' AND actor = 'it@demo-school.example'")" -ge 1 ]] || fail "visitor password audited"
finish
