# The captive portal in headless Chromium (tests/browser/portal.test.mjs): the
# browser (127.0.0.1, in a sign-in subnet here) is sent to the portal, signs
# in with the Year 3 login, and is taken back to the page; axe-core finds no
# serious problem on the portal's pages.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
start_demo_server
run 0 "$ESAFETY" people year-logins --data "$DATA"
echo "tiger-lemon-42" | "$ESAFETY" people set-password year3 --password-stdin --data "$DATA" >/dev/null
run 0 "$ESAFETY" sign-in set portal.sign_in_networks "127.0.0.1/32" --by it.technician --data "$DATA"
signin_loaded() { [[ "$(curl -s -o /dev/null -w '%{http_code}' -x "http://127.0.0.1:$PROXY" "http://nothing-listed.example:$ORIGIN/page")" == 302 ]]; }
wait_for 10 signin_loaded || fail "the sign-in setting should load"

export ESAFETY_PROXY="127.0.0.1:$PROXY" ESAFETY_CONSOLE="http://127.0.0.1:$CONSOLE"
export ESAFETY_ORIGIN_PORT="$ORIGIN" ESAFETY_YEAR_PASSWORD="tiger-lemon-42"
export ESAFETY_SCREENSHOTS="${ESAFETY_SCREENSHOTS:-$WORK}"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec portal.test.mjs) >"$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "the portal in Chromium"
}
PASSED=$((PASSED + 1))
finish
