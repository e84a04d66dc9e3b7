# The live class view from the console in headless Chromium
# (tests/browser/console_classview.test.mjs): a Year 5 teacher pauses a
# pupil's iPad from the Class view page; the iPad's next request through the
# proxy gets the paused page; ending it lets the iPad browse again. Both
# changes are audited as the teacher's, with their reasons. Visits and a
# pause made on the command line are pushed to the open page. The DSL has
# turned class alerts on, so the iPad's self-harm search shows on the page.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
DEMO_EXTRA_HOSTS="pushed-visit.example=127.0.0.1" start_demo_server
echo "year5-password-1" | "$ESAFETY" people add-staff --name "Mr Year Five" --email y5@demo-school.example \
  --role teacher --class "Year 5" --password-stdin --data "$DATA" >/dev/null || fail "add the Year 5 teacher"
run 0 "$ESAFETY" alerts rota --set teachers_see_own_class=yes --reason "Class teachers see their class's alerts" \
  --by dsl@demo-school.example --data "$DATA"

export ESAFETY_CONSOLE="http://127.0.0.1:$CONSOLE" ESAFETY_PROXY="http://127.0.0.1:$PROXY" ESAFETY_ORIGIN="$ORIGIN"
export ESAFETY_STAFF_EMAIL="y5@demo-school.example" ESAFETY_STAFF_PASSWORD="year5-password-1"
export ESAFETY_BIN="$ESAFETY" ESAFETY_DATA="$DATA"
export ESAFETY_SCREENSHOTS="${ESAFETY_SCREENSHOTS:-$WORK}"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec console_classview.test.mjs) >"$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "the class view in Chromium"
}
PASSED=$((PASSED + 6))
[[ "$(sqlite3 -separator ' ' "$DATA/esafety.db" "SELECT action, actor, reason FROM audit_log WHERE action LIKE 'restriction.%' AND actor LIKE 'y5@%' ORDER BY id")" == \
   "restriction.pause y5@demo-school.example Eyes on the board, please
restriction.end y5@demo-school.example Back to work" ]] || fail "both changes audited as the teacher's"
finish
