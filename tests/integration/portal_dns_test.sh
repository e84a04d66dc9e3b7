# One identity for the proxy and the DNS filter (identity/identity_resolver.h).
# A pupil signs in at the captive portal on a shared iPad (127.0.0.13, the
# demo's KS1 "Year 1 iPad 03", in a sign-in subnet) with the Year 3 login;
# then DNS (dig -b) and the proxy (curl --interface) are asked from the same
# address. Both must use the pupil's group, KS2, which allows
# nothing-listed.example where KS1 and the "Unknown device" group block it,
# and both events must say KS2 and the Year 3 login. Before signing in and
# after signing out, DNS answers the iPad as it answers an unknown device
# (it cannot send anyone to the portal), as the proxy sends it to sign in.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
command -v dig >/dev/null || fail "dig is missing: run scripts/bootstrap.sh"

udp_tcp_port() {
  python3 -c 'import socket
s=socket.socket(); s.bind(("127.0.0.1",0)); u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
p=s.getsockname()[1]
u.bind(("127.0.0.1",p)); print(p)'
}
DNS=$(udp_tcp_port)
UPSTREAM=$(udp_tcp_port)
DEMO_DNS="enabled = true
listen = [\"127.0.0.1:$DNS\"]
upstreams = [\"127.0.0.1:$UPSTREAM\"]" start_demo_server
python3 "$SOURCE_DIR/tests/dns/test_upstream.py" "$UPSTREAM" > "$WORK/upstream.log" 2>&1 &
UPSTREAM_PID=$!
trap 'kill $UPSTREAM_PID 2>/dev/null || true; stop_demo_server; rm -rf "$WORK"' EXIT
wait_for 10 grep -q ready "$WORK/upstream.log" || fail "the test upstream did not start"

C="http://127.0.0.1:$CONSOLE"
IPAD=127.0.0.13
NAME=nothing-listed.example  # uncategorised: KS2 allows it; KS1 and "Unknown device" block it
PAGE="http://$NAME:$ORIGIN/page"

run 0 "$ESAFETY" people year-logins --data "$DATA"
echo "tiger-lemon-42" | "$ESAFETY" people set-password year3 --password-stdin --data "$DATA" >/dev/null
run 0 "$ESAFETY" sign-in set portal.sign_in_networks "127.0.0.13/32" --by it.technician --data "$DATA"

dns_status() { dig +time=3 +tries=1 -b "$IPAD" @127.0.0.1 -p "$DNS" "$NAME" A | sed -n 's/.*status: \([A-Z]*\),.*/\1/p'; }
proxy_code() { pcurl "$IPAD" -o /dev/null -w '%{http_code}' "$PAGE"; }
is() { [[ "$("$1")" == "$2" ]]; }
# last_event <kind> <python condition on r>: the iPad's newest event of that kind.
last_event() {
  "$ESAFETY" logs --client "$IPAD" --limit 50 --format json --data "$DATA" > "$WORK/logs.json"
  python3 - "$WORK/logs.json" "$1" "$2" <<'PY'
import json, sys
events = [e for e in json.load(open(sys.argv[1])) if e["kind"] == sys.argv[2]]
r = events[0] if events else None
sys.exit(0 if r is not None and eval(sys.argv[3]) else 1)
PY
}

# 1. Not signed in: the proxy sends the iPad to the portal; DNS answers it
#    as an unknown device.
wait_for 10 is proxy_code 302 || fail "the iPad must sign in once the setting loads"
[[ "$(dns_status)" == NXDOMAIN ]] || fail "before signing in, DNS blocks what an unknown device may not have"
wait_for 10 last_event dns 'r["group"] == "Unknown device" and r["device"] == "Year 1 iPad 03" and r["user"] == ""' \
  || { cat "$WORK/logs.json"; fail "the DNS event: unknown-device group, the iPad named"; }
PASSED=$((PASSED + 3))

# 2. The pupil signs in at the portal from the iPad's address.
T="$(curl -s --interface $IPAD "$C/portal" | sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p' | head -1)"
[[ -n "$T" ]] || fail "no form token"
RESULT="$(curl -s --interface $IPAD -o "$WORK/portal.html" -w '%{http_code}' --data-urlencode login=year3 \
  --data-urlencode password=tiger-lemon-42 --data-urlencode "token=$T" "$C/portal")"
[[ "$RESULT" == 200 ]] || { cat "$WORK/portal.html"; fail "sign-in: $RESULT"; }
contains "$(cat "$WORK/portal.html")" "Signed in as <strong>Year 3 login</strong>" "signed in"

# 3. DNS and the proxy, from the same address, both use the pupil's KS2.
[[ "$(dns_status)" == NOERROR ]] || fail "DNS must use the pupil's group (KS2 allows $NAME)"
OUT="$(dig +time=3 +tries=1 -b "$IPAD" @127.0.0.1 -p "$DNS" +short "$NAME" A)"
[[ "$OUT" == 192.0.2.1 ]] || fail "the upstream's answer: '$OUT'"
[[ "$(proxy_code)" == 200 ]] || fail "the proxy must use the pupil's group"
PASSED=$((PASSED + 3))
wait_for 10 last_event dns 'r["group"] == "KS2" and r["user"] == "Year 3 login" and r["device"] == "Year 1 iPad 03" and r["decision"] == "allow" and r["url"] == "nothing-listed.example"' \
  || { cat "$WORK/logs.json"; fail "the DNS event: KS2 and the Year 3 login"; }
wait_for 10 last_event http 'r["group"] == "KS2" and r["user"] == "Year 3 login" and r["decision"] == "allow"' \
  || { cat "$WORK/logs.json"; fail "the HTTP event: KS2 and the Year 3 login"; }
PASSED=$((PASSED + 2))
# A name KS2 blocks stays blocked for the pupil in both.
[[ "$(dig +time=3 +tries=1 -b "$IPAD" @127.0.0.1 -p "$DNS" adult-demo.example A | sed -n 's/.*status: \([A-Z]*\),.*/\1/p')" == NXDOMAIN ]] \
  || fail "KS2 blocks adult-demo.example in DNS"
[[ "$(pcurl "$IPAD" -o /dev/null -w '%{http_code}' "http://adult-demo.example:$ORIGIN/")" == 403 ]] \
  || fail "KS2 blocks adult-demo.example in the proxy"
PASSED=$((PASSED + 2))

# 4. Signing out ends it for DNS too.
SIGNED="$(curl -s --interface $IPAD "$C/portal/signout")"
T="$(sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p' <<<"$SIGNED" | head -1)"
[[ "$(curl -s --interface $IPAD -o /dev/null -w '%{http_code}' --data-urlencode "token=$T" "$C/portal/signout")" == 200 ]] \
  || fail "sign-out"
[[ "$(dns_status)" == NXDOMAIN ]] || fail "after signing out, DNS answers as for an unknown device"
[[ "$(proxy_code)" == 302 ]] || fail "after signing out, the proxy sends the iPad to the portal"
wait_for 10 last_event dns 'r["group"] == "Unknown device" and r["user"] == ""' \
  || { cat "$WORK/logs.json"; fail "the DNS event after signing out"; }
PASSED=$((PASSED + 3))
finish
