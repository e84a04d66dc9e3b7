# Headless Chromium through esafety with TLS inspection and phrase scanning
# on (tests/browser/scan.test.mjs): an inspected HTTPS page over the limit
# shows the block page, and a search goes to the site with safe=active and is
# logged with its words. The school's CA is trusted in a throwaway profile only.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
DATA="$WORK/var"
PKI="$WORK/pki"
mkdir -p "$PKI" "$WORK/phrases"
bash "$SOURCE_DIR/tests/tls/make_test_certs.sh" "$PKI" \
  "nothing-listed.example www.google.co.uk forcesafesearch.google.com" || fail "test certificates"
printf '#listcategory: "Pornography"\n< badphrase ><60>\n' > "$WORK/phrases/pornography"
cat > "$WORK/origin.py" <<'PY'
import json, ssl, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        if self.path.startswith("/search"):
            body, ctype = json.dumps({"path": self.path}).encode(), "application/json"
        elif self.path == "/bad":
            body, ctype = b"<html><body><p>a page with badphrase on it</p></body></html>", "text/html"
        else:
            body, ctype = b"<html><body><p>A page about rivers.</p></body></html>", "text/html"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
class Server(ThreadingHTTPServer):
    daemon_threads = True
    def handle_error(self, *a): pass
port, cert, key, ready = sys.argv[1:5]
server = Server(("127.0.0.1", int(port)), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(cert, key)
server.socket = ctx.wrap_socket(server.socket, server_side=True)
open(ready, "w").write("ready\n")
server.serve_forever()
PY
"$ESAFETY" init --demo --data "$DATA" >/dev/null 2>&1
"$ESAFETY" ca init --data "$DATA" >/dev/null
"$ESAFETY" ca inspect KS2 on --reason "browser scan test" --data "$DATA" >/dev/null
ORIGIN=$(free_port) PROXY=$(free_port) CONSOLE=$(free_port)
cat > "$DATA/esafety.toml" <<TOML
[school]
networks = ["127.0.0.0/25"]
[proxy]
listen = ["127.0.0.1:$PROXY"]
static_hosts = ["nothing-listed.example=127.0.0.1", "www.google.co.uk=127.0.0.1", "forcesafesearch.google.com=127.0.0.1"]
connect_ports = [$ORIGIN]
http_ports = [80, 8080, $ORIGIN]
internal_allow = ["127.0.0.0/8"]  # the test's origins listen on loopback
[dns]
enabled = false
[console]
listen = "127.0.0.1:$CONSOLE"
public_url = "http://127.0.0.1:$CONSOLE"
[tls]
extra_trust_file = "$PKI/testca.pem"
[inspect]
phrase_lists = "$WORK/phrases"
TOML
python3 "$WORK/origin.py" "$ORIGIN" "$PKI/good.pem" "$PKI/good.key" "$WORK/origin.ready" &
ORIGIN_PID=$!
"$ESAFETY" serve --data "$DATA" > "$WORK/serve.log" 2>&1 &
SERVE_PID=$!
trap 'stop_demo_server; rm -rf "$WORK"' EXIT
wait_for 10 test -f "$WORK/origin.ready" || fail "origin did not start"
wait_for 20 curl -sf "http://127.0.0.1:$CONSOLE/health" || { cat "$WORK/serve.log" >&2; fail "serve did not start"; }
# Every minted leaf shares one key: its SPKI hash is what Chromium is told to trust.
SPKI="$(openssl pkey -in "$DATA/tls/leaf-key.pem" -pubout -outform der 2>/dev/null |
        openssl dgst -sha256 -binary | base64)"
export ESAFETY_PROXY="127.0.0.1:$PROXY" ESAFETY_ORIGIN_PORT="$ORIGIN" ESAFETY_LEAF_SPKI="$SPKI"
export ESAFETY_SCREENSHOTS="$WORK"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec scan.test.mjs) > "$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "browser through the proxy with scanning"
}
PASSED=$((PASSED + 2))
logged() {
  "$ESAFETY" logs --data "$DATA" --format json --limit 50 >"$WORK/logs.json"
  python3 - "$WORK/logs.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert any(r["search_terms"] == "tudor houses" and r["group"] == "KS2" for r in rows)
assert any(r["url"].endswith("/bad") and r["step"] == "content" for r in rows)
PY
}
wait_for 10 logged || { cat "$WORK/logs.json" >&2; fail "the search and the block in the log"; }
PASSED=$((PASSED + 1))
finish
