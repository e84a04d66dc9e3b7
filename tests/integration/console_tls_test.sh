# The console over HTTPS on its own listener ([console] tls, issue 19 item 7),
# on the real binary with curl and openssl as the clients:
#   - "school-ca": the console's certificate is minted from the school's CA
#     (the one /ca hands out) for its names; curl --cacert with that CA signs
#     in; the session cookie is Secure; HSTS; TLS 1.1 is refused;
#   - plain HTTP to the HTTPS port gets a fixed 400 and nothing of the console;
#   - clients that connect and never start a handshake do not hold up another
#     client, and are closed (their slots freed) after 10 s;
#   - the block page's buttons and the captive portal work over HTTPS (their
#     URLs come from public_url);
#   - "files": a certificate made with openssl here; a missing file or a key
#     that is not the certificate's stops `esafety serve` with a message that
#     names the setting and the file, and nothing listens in plain HTTP.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
NAME=esafety.school.test
DEMO_CA=1 DEMO_CONSOLE_URL="https://$NAME:\$CONSOLE" start_demo_server 'tls = "school-ca"
max_connections_per_client = 4'
C="https://$NAME:$CONSOLE"
CA="$WORK/school-ca.pem"
KS2=127.0.0.21 GUEST=127.0.0.3
# tcurl <curl args...>: curl to the console by its name, trusting the school's CA only.
tcurl() { curl -s --max-time 20 --resolve "$NAME:$CONSOLE:127.0.0.1" --cacert "$CA" "$@"; }
field() { sed -n "s/.*name=\"$1\" value=\"\\([^\"]*\\)\".*/\\1/p" <<<"$2" | head -1; }
contains "$(cat "$WORK/serve.log")" "console listening on 127.0.0.1:$CONSOLE (HTTPS)" "the log says HTTPS"

# --- The certificate, from the school's CA -----------------------------------
# The CA a device downloads from /ca (fetched here without checking, as a new
# device would, then compared with `esafety ca export`).
curl -sk --max-time 20 -o "$CA" "https://127.0.0.1:$CONSOLE/ca.pem"
run 0 "$ESAFETY" ca export --format pem --out "$WORK/exported.pem" --data "$DATA"
cmp -s "$CA" "$WORK/exported.pem" || fail "/ca.pem over HTTPS is the school's CA"
[[ "$(tcurl "$C/health")" == ok ]] || fail "the console's certificate verifies against the school's CA by name"
[[ "$(curl -s --max-time 20 --cacert "$CA" "https://127.0.0.1:$CONSOLE/health")" == ok ]] ||
  fail "and by its listen address"
PASSED=$((PASSED + 2))
# Not under another name, nor without the school's CA.
set +e
curl -s --max-time 20 --resolve "other.school.test:$CONSOLE:127.0.0.1" --cacert "$CA" \
  "https://other.school.test:$CONSOLE/health" >/dev/null
OTHER=$?
curl -s --max-time 20 --resolve "$NAME:$CONSOLE:127.0.0.1" "$C/health" >/dev/null
SYSTEM=$?
set -e
[[ "$OTHER" == 60 ]] || fail "a name the certificate is not for fails verification (curl exit $OTHER)"
[[ "$SYSTEM" == 60 ]] || fail "only the school's CA vouches for it (curl exit $SYSTEM)"
PASSED=$((PASSED + 2))
CERT="$(openssl s_client -connect "127.0.0.1:$CONSOLE" -servername "$NAME" </dev/null 2>/dev/null |
        openssl x509 -noout -text)"
contains "$CERT" "DNS:$NAME" "the certificate names the console's host"
contains "$CERT" "IP Address:127.0.0.1" "and its listen address"
matches "$CERT" "Issuer: [^:]*web filter" "issued by the school's CA"
DAYS="$(openssl s_client -connect "127.0.0.1:$CONSOLE" </dev/null 2>/dev/null | openssl x509 -noout -enddate |
        sed 's/notAfter=//')"
LEFT=$(( ($(date -d "$DAYS" +%s) - $(date +%s)) / 86400 ))
[[ "$LEFT" -ge 29 && "$LEFT" -le 30 ]] || fail "a minted certificate lives 30 days (got $LEFT)"
PASSED=$((PASSED + 1))

# TLS 1.2 and 1.3 only (the client allows TLS 1.1 here, at security level 0;
# Debian's openssl.cnf refuses it too, other systems' may not).
set +e
openssl s_client -connect "127.0.0.1:$CONSOLE" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' </dev/null >"$WORK/tls11" 2>&1
TLS11=$?
# TLS 1.2 with a CBC suite (OpenSSL's default list has it): refused.
openssl s_client -connect "127.0.0.1:$CONSOLE" -tls1_2 -cipher ECDHE-ECDSA-AES128-SHA </dev/null >"$WORK/cbc" 2>&1
CBC=$?
set -e
[[ "$TLS11" != 0 ]] || fail "TLS 1.1 is refused: $(cat "$WORK/tls11")"
[[ "$CBC" != 0 ]] || fail "TLS 1.2 with a CBC cipher is refused: $(cat "$WORK/cbc")"
contains "$(openssl s_client -connect "127.0.0.1:$CONSOLE" -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256 </dev/null 2>&1)" \
  "Cipher is ECDHE-ECDSA-AES128-GCM-SHA256" "TLS 1.2 with AES-GCM is served"
contains "$(openssl s_client -connect "127.0.0.1:$CONSOLE" -tls1_2 </dev/null 2>&1)" "Protocol  : TLSv1.2" \
  "TLS 1.2 is served"
contains "$(openssl s_client -connect "127.0.0.1:$CONSOLE" -tls1_2 -alpn h2,http/1.1 </dev/null 2>&1)" \
  "ALPN protocol: http/1.1" "ALPN picks HTTP/1.1"
PASSED=$((PASSED + 1))

# --- Signing in over HTTPS ---------------------------------------------------
JAR="$WORK/cookies"
STATUS="$(tcurl -c "$JAR" -D "$WORK/signin.head" -o "$WORK/signin.json" -w '%{http_code}' \
  -H 'Content-Type: application/json' -d '{"email":"teacher@demo-school.example","password":"esafety-demo"}' \
  "$C/api/v1/session")"
[[ "$STATUS" == 200 ]] || fail "a teacher signs in over HTTPS: $STATUS $(cat "$WORK/signin.json")"
HEAD="$(cat "$WORK/signin.head")"
matches "$HEAD" $'[Ss]et-[Cc]ookie: [^\r]*; Secure' "the session cookie is Secure"
matches "$HEAD" $'[Ss]trict-[Tt]ransport-[Ss]ecurity: max-age=15552000' "HSTS over HTTPS"
[[ "$(tcurl -b "$JAR" -o /dev/null -w '%{http_code}' "$C/api/v1/events")" == 200 ]] ||
  fail "the session works over HTTPS"
PASSED=$((PASSED + 1))
# The web console's page, and a refusal from the head, carry HSTS too.
matches "$(tcurl -D - -o /dev/null "$C/")" $'[Ss]trict-[Tt]ransport-[Ss]ecurity' "HSTS on the app"
matches "$(tcurl -D - -o /dev/null -H 'Content-Type: application/json' -d '{}' "$C/api/v1/lists")" \
  $'HTTP/1.1 401[^\n]*\n(.*\n)*[Ss]trict-[Tt]ransport-[Ss]ecurity' "HSTS on a refusal from the head"

# --- Plain HTTP to the HTTPS port --------------------------------------------
PLAIN="$(curl -s --max-time 20 -D - "http://127.0.0.1:$CONSOLE/api/v1/session" || true)"
contains "$PLAIN" "HTTP/1.1 400" "plain HTTP is answered 400"
contains "$PLAIN" "HTTPS only: https://$NAME:$CONSOLE" "with the console's https:// address"
not_contains "$PLAIN" "Set-Cookie" "and nothing of the console"
not_contains "$(curl -s --max-time 20 "http://127.0.0.1:$CONSOLE/health" || true)" "ok" "no /health in plain HTTP"
# A plain sign-in post is not read.
PLAIN="$(curl -s --max-time 20 -H 'Content-Type: application/json' \
  -d '{"email":"teacher@demo-school.example","password":"esafety-demo"}' \
  "http://127.0.0.1:$CONSOLE/api/v1/session" || true)"
not_contains "$PLAIN" "csrf" "a plain-HTTP sign-in gets no session"

# --- The block page's buttons, over HTTPS ------------------------------------
PAGE="$(pcurl $KS2 "http://adult-demo.example:$ORIGIN/")"
contains "$PAGE" "action=\"https://$NAME:$CONSOLE/blocked/tell-teacher\"" "the block page posts to the console over HTTPS"
REF="$(field ref "$PAGE")" TOKEN="$(field token "$PAGE")"
[[ "$(tcurl --interface $KS2 -o "$WORK/body" -w '%{http_code}' -H "Origin: null" -d "ref=$REF" \
  --data-urlencode "token=$TOKEN" "$C/blocked/tell-teacher")" == 200 ]] ||
  fail "tell-teacher over HTTPS: $(cat "$WORK/body")"
contains "$(cat "$WORK/body")" "teacher" "the thank-you page"

# --- The captive portal, over HTTPS ------------------------------------------
run 0 "$ESAFETY" people visitor-password --rotate --data "$DATA"
VISITOR_PW="$(sed -n 's/^Password for visitor: //p' <<<"$OUT")"
GO="$(pcurl $GUEST -D - -o /dev/null "http://nothing-listed.example:$ORIGIN/page")"
contains "$GO" "Location: $C/portal?return=" "an unknown device is sent to the portal over HTTPS"
PORTAL="$(tcurl --interface $GUEST "$C/portal")"
T="$(field token "$PORTAL")"
[[ -n "$T" ]] || fail "the portal page over HTTPS has its form: $PORTAL"
SIGNED="$(tcurl --interface $GUEST -o "$WORK/portal.html" -w '%{http_code}' --data-urlencode "login=visitor" \
  --data-urlencode "password=$VISITOR_PW" --data-urlencode "token=$T" "$C/portal")"
[[ "$SIGNED" == 200 ]] || fail "a visitor signs in at the portal over HTTPS: $SIGNED $(cat "$WORK/portal.html")"
contains "$(cat "$WORK/portal.html")" "Signed in as <strong>Visitor</strong>" "the portal's signed-in page"
wait_for 10 bash -c "[[ \$(curl -s --interface $GUEST -x http://127.0.0.1:$PROXY -o /dev/null -w '%{http_code}' \
  http://nothing-listed.example:$ORIGIN/page) == 200 ]]" || fail "the visitor then browses"
PASSED=$((PASSED + 2))

# --- Clients that never start the handshake ----------------------------------
# Four connections from 127.0.0.1 that send nothing fill its per-client cap
# (4); another client is served at once; the four are closed after 10 s
# and 127.0.0.1 is served again.
python3 - "$CONSOLE" "$WORK/stalled" <<'PY' &
import socket, sys, time
port, out = int(sys.argv[1]), sys.argv[2]
socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(4)]
start = time.time()
open(out + ".ready", "w").close()
closed = []
for s in socks:
    s.settimeout(30)
    try:
        data = s.recv(1)
    except socket.timeout:
        data = b"timeout"
    closed.append("%.1f:%r" % (time.time() - start, data))
open(out, "w").write(" ".join(closed) + "\n")
PY
STALLER=$!
wait_for 10 test -f "$WORK/stalled.ready" || fail "the stalled clients connected"
sleep 0.5
START=$(date +%s%N)
[[ "$(tcurl --interface $KS2 "$C/health")" == ok ]] || fail "another client is served beside four stalled ones"
MS=$(( ($(date +%s%N) - START) / 1000000 ))
echo "HTTPS /health beside 4 stalled handshakes: ${MS} ms"
(( MS < 3000 )) || fail "another client waited ${MS} ms"
[[ "$(tcurl -o /dev/null -w '%{http_code}' "$C/health" || true)" != 200 ]] ||
  fail "a fifth connection from the stalled address is over its cap"
wait "$STALLER"
echo "stalled connections closed after (s:bytes): $(cat "$WORK/stalled")"
matches "$(cat "$WORK/stalled")" "^(1[0-4]\.[0-9]:b'' ){3}1[0-4]\.[0-9]:b''$" "each stalled client is closed after 10 s"
[[ "$(tcurl "$C/health")" == ok ]] || fail "their slots are free again"
PASSED=$((PASSED + 2))
METRICS="$(curl -s --max-time 20 --cacert "$CA" "https://127.0.0.1:$CONSOLE/metrics")"
contains "$METRICS" 'esafety_console_tls_handshakes_failed_total{reason="timeout"} 4' "stalled handshakes are counted"
contains "$METRICS" 'esafety_console_tls_handshakes_failed_total{reason="plain_http"} 3' "plain HTTP is counted"
matches "$METRICS" 'esafety_console_tls_certificate_expiry_seconds [0-9.e+]+' "the certificate's end is a metric"
stop_demo_server

# --- "files": a certificate from elsewhere -----------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 -subj "/CN=$NAME" \
  -addext "subjectAltName=DNS:$NAME,IP:127.0.0.1" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 -subj "/CN=other" \
  -keyout "$WORK/other-key.pem" -out "$WORK/other.pem" 2>/dev/null
chmod 600 "$WORK/key.pem"
# with_tls <tls lines>: the demo config with these [console] tls settings.
with_tls() {
  sed -i '/^tls/d' "$DATA/esafety.toml"
  printf '%s\n' "$@" >> "$DATA/esafety.toml"
}
nothing_listens() {
  ! curl -s --max-time 5 "http://127.0.0.1:$CONSOLE/health" >/dev/null 2>&1 &&
  ! curl -sk --max-time 5 "https://127.0.0.1:$CONSOLE/health" >/dev/null 2>&1
}
# school-ca without the school's CA: refused, saying how to make it.
mv "$DATA/tls" "$DATA/tls.away"
with_tls 'tls = "school-ca"'
run 2 timeout 20 "$ESAFETY" serve --data "$DATA"
contains "$ERR" "[console] tls = \"school-ca\" needs the school's CA" "school-ca without a CA stops serve"
contains "$ERR" "esafety ca init" "and says how to make one"
nothing_listens || fail "nothing listens without the CA"
mv "$DATA/tls.away" "$DATA/tls"
with_tls 'tls = "files"' "tls_cert = \"$WORK/missing.pem\"" "tls_key = \"$WORK/key.pem\""
run 2 timeout 20 "$ESAFETY" serve --data "$DATA"
contains "$ERR" "[console] tls_cert: cannot read $WORK/missing.pem: No such file or directory" \
  "a missing certificate stops serve, naming the setting and the file"
nothing_listens || fail "nothing listens after a refused start"
with_tls 'tls = "files"' "tls_cert = \"$WORK/cert.pem\"" "tls_key = \"$WORK/other-key.pem\""
run 2 timeout 20 "$ESAFETY" serve --data "$DATA"
contains "$ERR" "[console] tls_key: $WORK/other-key.pem is not the private key of the certificate in [console] tls_cert ($WORK/cert.pem)" \
  "a key that is not the certificate's stops serve"
with_tls 'tls = "files"' "tls_cert = \"$WORK/cert.pem\""
run 2 timeout 20 "$ESAFETY" serve --data "$DATA"
contains "$ERR" "\"files\" needs tls_key" "files without a key is a configuration error"
with_tls 'tls = "files"' "tls_cert = \"$WORK/cert.pem\"" "tls_key = \"$WORK/key.pem\""
"$ESAFETY" serve --data "$DATA" > "$WORK/serve.log" 2>&1 &
SERVE_PID=$!
CA="$WORK/cert.pem"
wait_for 20 tcurl "$C/health" || { cat "$WORK/serve.log" >&2; fail "serve starts with tls_cert and tls_key"; }
contains "$(cat "$WORK/serve.log")" "console: HTTPS with $WORK/cert.pem" "the log names the certificate"
STATUS="$(tcurl -c "$JAR" -D "$WORK/signin.head" -o "$WORK/signin.json" -w '%{http_code}' \
  -H 'Content-Type: application/json' -d '{"email":"teacher@demo-school.example","password":"esafety-demo"}' \
  "$C/api/v1/session")"
[[ "$STATUS" == 200 ]] || fail "signing in with the file certificate: $STATUS $(cat "$WORK/signin.json")"
matches "$(cat "$WORK/signin.head")" $'[Ss]et-[Cc]ookie: [^\r]*; Secure' "the session cookie is Secure"
contains "$(curl -s --max-time 20 "http://127.0.0.1:$CONSOLE/health" || true)" "HTTPS only" \
  "plain HTTP is refused here too"
stop_demo_server
finish
