# Every console page on a school iPad, in headless Chromium
# (tests/browser/console_ipad.test.mjs): landscape and portrait, touch, no
# sideways scrolling, the nav usable by touch, axe-core clean.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
start_demo_server

export ESAFETY_CONSOLE="http://127.0.0.1:$CONSOLE"
export ESAFETY_STAFF_EMAIL="it@demo-school.example" ESAFETY_STAFF_PASSWORD="esafety-demo"
export ESAFETY_SCREENSHOTS="${ESAFETY_SCREENSHOTS:-$WORK}"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec console_ipad.test.mjs) >"$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "the console on an iPad"
}
PASSED=$((PASSED + 2))
finish
