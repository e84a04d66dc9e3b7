# Headless Chromium with --proxy-server through the real esafety proxy
# (tests/browser/proxy.test.mjs): an allowed page loads, a blocked one shows
# the block page, and its "Tell a teacher" button is stored in the inbox.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
start_demo_server
export ESAFETY_PROXY="127.0.0.1:$PROXY" ESAFETY_ORIGIN_PORT="$ORIGIN"
export ESAFETY_SCREENSHOTS="$WORK"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec proxy.test.mjs) > "$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "browser through the proxy"
}
PASSED=$((PASSED + 2))
INBOX="$(sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM inbox_requests WHERE kind = 'tell-teacher'")"
[[ "$INBOX" == 1 ]] || fail "the button press was stored ($INBOX)"
PASSED=$((PASSED + 1))
finish
