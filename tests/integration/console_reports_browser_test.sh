# The Reports page in headless Chromium (tests/browser/console_reports.test.mjs):
# blocks and alerts made through the proxy, then the DSL makes the report on
# the console, downloads the evidence pack and prints the report to PDF; the
# PDF's page count and text (pdfinfo, pdftotext) hold the figures. Making the
# pack is audited as the DSL's.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || fail "run scripts/bootstrap.sh (poppler-utils)"
start_demo_server
O=$ORIGIN
for i in 1 2 3; do pcurl 127.0.0.11 -o /dev/null "http://adult-demo.example:$O/$i" || true; done
pcurl 127.0.0.21 -o /dev/null "http://www.google.co.uk:$O/search?q=how+to+kill+myself"
has_alert() { "$ESAFETY" alerts --data "$DATA" --csv 2>/dev/null | grep -q ',self-harm,'; }
wait_for 15 has_alert || { cat "$WORK/serve.log" >&2; fail "no alert for the search"; }
logged() {
  [[ "$(sqlite3 "$DATA/events.db" "SELECT count(*) FROM events WHERE category = 'pornography' AND verdict = 'block'")" == 3 ]]
}
wait_for 10 logged || fail "the three blocked requests were not logged"

export ESAFETY_CONSOLE="http://127.0.0.1:$CONSOLE"
export ESAFETY_STAFF_EMAIL="dsl@demo-school.example" ESAFETY_STAFF_PASSWORD="esafety-demo"
export ESAFETY_SCREENSHOTS="${ESAFETY_SCREENSHOTS:-$WORK}"
export ESAFETY_TODAY="$(date +%F)"
# What the printed report must say (as pdftotext -layout lays out its
# tables): the school, three pornography blocks for KS1, one level-5
# self-harm alert, and its rule with no false positive.
export ESAFETY_EXPECT='Demo Primary School;;KS1\s+pornography\s+3;;5\s+self-harm\s+1;;self-harm or suicide\s+1\s+0\s+0\.0'
(cd "$BROWSER_DIR" && node --test --test-reporter=spec console_reports.test.mjs) >"$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "the Reports page in Chromium"
}
PASSED=$((PASSED + 3))
contains "$(sqlite3 "$DATA/esafety.db" "SELECT actor FROM audit_log WHERE action = 'report.pack'")" \
  "dsl@demo-school.example" "the pack is audited as the DSL's"
finish
