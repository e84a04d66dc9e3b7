# A school that creates its CA while esafety serve is already running gets
# TLS inspection without a restart: before `esafety ca init` an HTTPS site is
# tunnelled (curl sees the origin's own certificate); within seconds after
# it, and `esafety ca inspect KS2 on`, the same request gets a certificate
# from the school's CA.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
KS2=127.0.0.21
DATA="$WORK/var"
PKI="$WORK/pki"
mkdir -p "$PKI"
bash "$SOURCE_DIR/tests/tls/make_test_certs.sh" "$PKI" "nothing-listed.example" || fail "making test certificates"
"$ESAFETY" init --demo --data "$DATA" >/dev/null 2>&1
GOOD=$(free_port) PROXY=$(free_port) CONSOLE=$(free_port)
cat > "$DATA/esafety.toml" <<TOML
[school]
networks = ["127.0.0.0/25"]
[proxy]
listen = ["127.0.0.1:$PROXY"]
static_hosts = ["nothing-listed.example=127.0.0.1"]
connect_ports = [$GOOD]
internal_allow = ["127.0.0.0/8"]  # the test's origins listen on loopback
[dns]
enabled = false
[console]
listen = "127.0.0.1:$CONSOLE"
[tls]
extra_trust_file = "$PKI/testca.pem"
TOML
python3 "$SOURCE_DIR/tests/tls/https_origin.py" "$WORK/origin.ready" "$GOOD:$PKI/good.pem:$PKI/good.key" &
ORIGIN_PID=$!
"$ESAFETY" serve --data "$DATA" > "$WORK/serve.log" 2>&1 &
SERVE_PID=$!
trap 'stop_demo_server; rm -rf "$WORK"' EXIT
wait_for 10 test -f "$WORK/origin.ready" || fail "HTTPS origin did not start"
wait_for 20 curl -sf "http://127.0.0.1:$CONSOLE/health" || { cat "$WORK/serve.log" >&2; fail "serve did not start"; }
contains "$(cat "$WORK/serve.log")" "no restart needed" "serve says how inspection starts"

issuer() {  # the issuer of the certificate curl sees through the proxy
  curl -s -v --interface $KS2 -x "http://127.0.0.1:$PROXY" --max-time 10 --cacert "$1" -o /dev/null \
    "https://nothing-listed.example:$GOOD/page" 2>&1 | sed -n 's/^\*  issuer: //p' || true
}
contains "$(issuer "$PKI/testca.pem")" "esafety test CA" "tunnelled before the CA exists"

run 0 "$ESAFETY" ca init --data "$DATA"
run 0 "$ESAFETY" ca export --format pem --out "$WORK/school-ca.pem" --data "$DATA"
run 0 "$ESAFETY" ca inspect KS2 on --reason "CA created during the day" --data "$DATA"
wait_for 15 grep -q "TLS inspection is ready" "$WORK/serve.log" || { tail "$WORK/serve.log" >&2; fail "serve did not load the new CA"; }
got=""
for _ in $(seq 1 50); do
  got="$(issuer "$WORK/school-ca.pem")"
  [[ "$got" == *"Demo Primary School web filter"* ]] && break
  sleep 0.2
done
contains "$got" "Demo Primary School web filter" "inspected after ca init, without a restart"
CODE="$(curl -s --interface $KS2 -x "http://127.0.0.1:$PROXY" --max-time 10 --cacert "$WORK/school-ca.pem" \
  -o /dev/null -w '%{http_code}' "https://nothing-listed.example:$GOOD/page" || true)"
[[ "$CODE" == 200 ]] || fail "inspected page status $CODE"
kill -0 "$SERVE_PID" || fail "serve stopped"
PASSED=$((PASSED + 1))
finish
