# Proxy Basic authentication for a subnet (proxy_auth.networks): 407 with
# Proxy-Authenticate without or with wrong credentials, for plain HTTP and
# CONNECT; staff and year-group logins work; the identity is on every event;
# Proxy-Authorization never reaches the site (the origin's /echo shows the
# headers it got); year-group logins only from registered devices; wrong
# passwords lock out with back-off.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
ECHO="http://nothing-listed.example:$ORIGIN/echo"
LAPTOP=127.0.0.44   # no device has it: a member of staff's own laptop
CAMERA=127.0.0.41   # the demo's registered "Year 3 classroom camera"
STAFF="teacher@demo-school.example:esafety-demo"

run 0 "$ESAFETY" people year-logins --data "$DATA"
echo "tiger-lemon-42" | "$ESAFETY" people set-password year3 --password-stdin --data "$DATA" >/dev/null
run 0 "$ESAFETY" sign-in set proxy_auth.networks "127.0.0.40/29" --by it.technician --data "$DATA"

code() { pcurl "$1" -o /dev/null -w '%{http_code}' "${@:2}"; }
code_is() { [[ "$(code "$1" "${@:3}")" == "$2" ]]; }
last_event() {  # last_event <address> <python condition on r>
  "$ESAFETY" logs --client "$1" --limit 1 --format json --data "$DATA" > "$WORK/logs.json"
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))[0]; sys.exit(0 if $2 else 1)" "$WORK/logs.json"
}

# 1. No credentials: 407 and the challenge, once the setting has loaded.
wait_for 10 code_is $LAPTOP 407 "$ECHO" || fail "no credentials: 407"
HEAD="$(pcurl $LAPTOP -D - -o /dev/null "$ECHO")"
contains "$HEAD" 'Proxy-Authenticate: Basic realm="esafety"' "the challenge"
[[ "$(code $LAPTOP -U "teacher@demo-school.example:not-it" "$ECHO")" == 407 ]] || fail "wrong password: 407"
[[ "$(pcurl $LAPTOP -o /dev/null -w '%{http_connect}' -p "$ECHO")" == 407 ]] || fail "CONNECT without credentials: 407"
PASSED=$((PASSED + 3))

# 2. Staff credentials: through, and the site never sees them.
OUT="$(pcurl $LAPTOP -U "$STAFF" "$ECHO")"
python3 -c 'import json,sys; h={k.lower() for k in json.loads(sys.argv[1])["headers"]}; sys.exit(1 if "proxy-authorization" in h else 0)' "$OUT" \
  || { echo "$OUT"; fail "Proxy-Authorization must not be forwarded"; }
wait_for 10 last_event $LAPTOP 'r["user"] == "Miss Priya Shah" and r["group"] == "Staff" and r["decision"] == "allow"' \
  || { cat "$WORK/logs.json"; fail "the event names the member of staff"; }
PASSED=$((PASSED + 2))
# Through a CONNECT tunnel too (curl -p sends the credentials on the CONNECT only).
OUT="$(pcurl $LAPTOP -U "$STAFF" -p "$ECHO")"
contains "$OUT" '"path": "/echo"' "tunnelled request reached the site"
not_contains "$(tr 'A-Z' 'a-z' <<<"$OUT")" "proxy-authorization" "nothing leaks through the tunnel"
connect_named() {
  "$ESAFETY" logs --client $LAPTOP --limit 5 --format json --data "$DATA" > "$WORK/all.json"
  python3 -c 'import json,sys; rows=json.load(open(sys.argv[1])); sys.exit(0 if any(r["method"] == "CONNECT" and r["user"] == "Miss Priya Shah" for r in rows) else 1)' "$WORK/all.json"
}
wait_for 10 connect_named || { cat "$WORK/all.json"; fail "the CONNECT event names the member of staff"; }
PASSED=$((PASSED + 1))

# 3. Year-group login: from a registered device, under the Key Stage group;
# refused from a device the school does not know.
[[ "$(code $CAMERA -U "year3:tiger-lemon-42" "$ECHO")" == 200 ]] || fail "year-group login on a school device"
wait_for 10 last_event $CAMERA 'r["user"] == "Year 3 login" and r["group"] == "KS2"' || fail "event names Year 3"
[[ "$(code $LAPTOP -U "year3:tiger-lemon-42" "$ECHO")" == 407 ]] || fail "year-group login on an own device"
PASSED=$((PASSED + 3))

# 4. A sanction on the login applies at once through the policy, cache or not.
run 0 "$ESAFETY" people sanction teacher@demo-school.example --deactivate --reason "Left the school" --by head --data "$DATA"
wait_for 10 code_is $LAPTOP 403 -U "$STAFF" "$ECHO" || fail "a deactivated login is blocked"
wait_for 10 last_event $LAPTOP 'r["step"] == "account"' || fail "at the account step"
PASSED=$((PASSED + 2))

# 5. Wrong passwords: after three, back-off, even for the right password.
for i in 1 2 3 4; do
  [[ "$(code 127.0.0.45 -U "year3:wrong-$i" "$ECHO")" == 407 ]] || fail "wrong $i"
done
# (The lockout first: it is answered before any hashing, while the other
# login's check takes an argon2id at low priority, slow on a loaded machine.)
HEAD="$(pcurl 127.0.0.45 -U "year3:wrong-5" -D - -o /dev/null "$ECHO")"
contains "$HEAD" "Retry-After:" "locked out with back-off"
HEAD="$(pcurl 127.0.0.45 -U "head@demo-school.example:esafety-demo" -D - -o /dev/null "$ECHO")"
contains "$HEAD" "HTTP/1.1 200" "another login from the same address is not locked"
finish
