# Changing the filter policy from the console in headless Chromium
# (tests/browser/console_policy.test.mjs): the head blocks a site for KS2 and
# the running filter blocks it for a KS2 iPad at once; a category allowed and
# blocked again; illegal content refused with its sentence; a time rule added
# and removed. Then the audit trail names the head, with each reason.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
DEMO_NAMES+=(bet-now-demo.example)  # a demo gambling site, served by the local origin
start_demo_server

export ESAFETY_CONSOLE="http://127.0.0.1:$CONSOLE" ESAFETY_PROXY="http://127.0.0.1:$PROXY" ESAFETY_ORIGIN_PORT="$ORIGIN"
export ESAFETY_STAFF_EMAIL="head@demo-school.example" ESAFETY_STAFF_PASSWORD="esafety-demo"
export ESAFETY_SCREENSHOTS="${ESAFETY_SCREENSHOTS:-$WORK}"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec console_policy.test.mjs) >"$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "changing the filter policy in Chromium"
}
grep -o '[a-z ]* applied [0-9]* ms after it was saved' "$WORK/node.txt" || true
PASSED=$((PASSED + 5))

# Every change is in the audit trail with who made it and why; the refusals left nothing.
audit() { sqlite3 "$DATA/esafety.db" "SELECT actor || ' | ' || action || ' | ' || reason FROM audit_log WHERE $1 ORDER BY id"; }
HEAD="head@demo-school.example"
contains "$(audit "action = 'local_entry.add'")" "$HEAD | local_entry.add | Pupils found a chat room on it" "block audited"
contains "$(audit "action = 'local_entry.remove'")" "$HEAD | local_entry.remove | The chat room has closed" "removal audited"
contains "$(audit "target = 'KS2'")" "$HEAD | group.update | Maths lesson on probability" "category allowed, audited"
contains "$(audit "target = 'KS2'")" "$HEAD | group.update | The lesson is over" "category blocked, audited"
contains "$(audit "target = 'KS2'")" "$HEAD | group.update | Weekend blog club" "time rule added, audited"
contains "$(audit "target = 'KS2'")" "$HEAD | group.update | The club has ended" "time rule removed, audited"
not_contains "$(audit "actor = '$HEAD'")" "Testing the filter" "the refused changes were not stored"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM group_categories WHERE category = 'illegal' AND kind = 'allowed'")" == 0 ]] || fail "illegal content allowed"
PASSED=$((PASSED + 1))
# The running filter reloaded for the changes (it watches the audit trail).
contains "$(cat "$WORK/serve.log")" "policy reloaded (the school's settings changed)" "serve reloaded"
finish
