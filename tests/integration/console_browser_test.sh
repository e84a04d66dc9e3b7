# The web console in headless Chromium (tests/browser/console.test.mjs):
# sign in as the demo DSL, today's figures, the activity search and CSV
# export, the inbox, alerts (triage, and a new one arriving live on the open
# page), and a session that ends mid-task without losing the form.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
start_demo_server

# Browsing from a KS2 iPad: one allowed page, one blocked, and the block
# page's "Tell a teacher" button.
pcurl 127.0.0.21 -o /dev/null "http://nothing-listed.example:$ORIGIN/page"
BLOCK="$(pcurl 127.0.0.21 "http://adult-demo.example:$ORIGIN/")"
REF="$(sed -n 's/.*name="ref" value="\([^"]*\)".*/\1/p' <<<"$BLOCK" | head -1)"
[[ -n "$REF" ]] || fail "the block page carries a reference"
TOKEN="$(sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p' <<<"$BLOCK" | head -1)"
curl -s -o /dev/null --interface 127.0.0.21 -d "ref=$REF" --data-urlencode "token=$TOKEN" "http://127.0.0.1:$CONSOLE/blocked/tell-teacher"
PASSED=$((PASSED + 1))

export ESAFETY_CONSOLE="http://127.0.0.1:$CONSOLE"
export ESAFETY_PROXY="http://127.0.0.1:$PROXY" ESAFETY_ORIGIN_PORT="$ORIGIN"
export ESAFETY_STAFF_EMAIL="dsl@demo-school.example" ESAFETY_STAFF_PASSWORD="esafety-demo"
export ESAFETY_SCREENSHOTS="${ESAFETY_SCREENSHOTS:-$WORK}"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec console.test.mjs) >"$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "the console in Chromium"
}
PASSED=$((PASSED + 5))
finish
