# The web console over HTTPS ([console] tls = "school-ca") in headless
# Chromium (tests/browser/console_https.test.mjs): sign in, a Secure session
# cookie, HSTS. Chromium pins the console's certificate by its public key;
# tests/integration/console_tls_test.sh checks the chain against the school's
# CA with curl.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
DEMO_CA=1 DEMO_CONSOLE_URL='https://127.0.0.1:$CONSOLE' start_demo_server 'tls = "school-ca"'

# The SHA-256 of the console certificate's public key, base64 (Chromium's pin).
SPKI="$(openssl s_client -connect "127.0.0.1:$CONSOLE" </dev/null 2>/dev/null | openssl x509 -pubkey -noout |
        openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)"
[[ -n "$SPKI" ]] || fail "the console's certificate over HTTPS"
PASSED=$((PASSED + 1))

export ESAFETY_CONSOLE="https://127.0.0.1:$CONSOLE" ESAFETY_CONSOLE_SPKI="$SPKI"
export ESAFETY_STAFF_EMAIL="teacher@demo-school.example" ESAFETY_STAFF_PASSWORD="esafety-demo"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec console_https.test.mjs) >"$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "the console over HTTPS in Chromium"
}
PASSED=$((PASSED + 1))
finish
