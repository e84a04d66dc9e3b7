# The captive portal end to end, with curl as the browser (no cookies: the
# portal binds the client's address). An unknown client (127.0.0.3, no
# device has it) and a shared iPad in a "sign-in required" subnet
# (127.0.0.13, the demo's KS1 "Year 1 iPad 03") are sent to
# {console}/portal; a year-group login binds the iPad (events name the
# year-group login, under KS2), survives a restart and ends at sign-out; the
# visitor login works from the unknown client and expires (12 s here);
# wrong passwords lock out with back-off; a deactivation applies to a bound
# client on its next request after the reload.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
C="http://127.0.0.1:$CONSOLE"
PAGE="http://nothing-listed.example:$ORIGIN/page"
EDU="http://bitesize-demo.example:$ORIGIN/page"
GUEST=127.0.0.3
IPAD=127.0.0.13

# Logins: the year-group logins (year3 given a known password) and a visitor password.
run 0 "$ESAFETY" people year-logins --data "$DATA"
echo "tiger-lemon-42" | "$ESAFETY" people set-password year3 --password-stdin --data "$DATA" >/dev/null
run 0 "$ESAFETY" people visitor-password --rotate --data "$DATA"
VISITOR_PW="$(sed -n 's/^Password for visitor: //p' <<<"$OUT")"
[[ -n "$VISITOR_PW" ]] || fail "visitor password not shown"
run 0 "$ESAFETY" sign-in set portal.sign_in_networks "127.0.0.13/32" --by it.technician --data "$DATA"
run 0 "$ESAFETY" sign-in set identity.visitor_session_seconds 12 --by it.technician --data "$DATA"
run 2 "$ESAFETY" sign-in set portal.sign_in_networks "10.0.0.0/33" --data "$DATA"
contains "$ERR" "portal.sign_in_networks" "a bad network names the setting"
run 2 "$ESAFETY" sign-in set portal.colour blue --data "$DATA"
contains "$ERR" "proxy_auth.networks" "an unknown key lists the real ones"

code() { pcurl "$1" -o /dev/null -w '%{http_code}' "${@:2}"; }
code_is() { [[ "$(code "$1" "$2")" == "$3" ]]; }
# token <address> [query]: the hidden form token on the portal page the address gets.
token() {
  curl -s --interface "$1" "$C/portal${2:-}" | sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p' | head -1
}
# sign_in <address> <login> <password> [return]: prints "<status> <redirect>".
sign_in() {
  local t
  t="$(token "$1")"
  curl -s --interface "$1" -o "$WORK/portal.html" -w '%{http_code} %{redirect_url}' \
    --data-urlencode "login=$2" --data-urlencode "password=$3" --data-urlencode "token=$t" \
    --data-urlencode "return=${4:-}" "$C/portal"
}
last_event() {  # last_event <address> <python condition on r>
  "$ESAFETY" logs --client "$1" --limit 1 --format json --data "$DATA" > "$WORK/logs.json"
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))[0]; sys.exit(0 if $2 else 1)" "$WORK/logs.json"
}

# 1. Not signed in: a page request is sent to the portal with its address.
HEAD="$(pcurl $GUEST -D - -o /dev/null "$PAGE")"
contains "$HEAD" "HTTP/1.1 302" "unknown device redirected"
contains "$HEAD" "Location: $C/portal?return=http%3A%2F%2Fnothing-listed.example%3A$ORIGIN%2Fpage" "to the portal"
[[ "$(pcurl $GUEST -o /dev/null -w '%{http_code}' -d x=1 "$PAGE")" == 511 ]] || fail "a POST gets the 511 page"
BODY="$(pcurl $GUEST -d x=1 "$PAGE")"
contains "$BODY" "Visitor sign-in" "the unknown-device page points visitors to the portal"
[[ "$(pcurl $GUEST -o /dev/null -w '%{http_connect}' "https://nothing-listed.example:$ORIGIN/")" == 403 ]] \
  || fail "a CONNECT can only be refused"
wait_for 10 code_is $IPAD "$PAGE" 302 || fail "the shared iPad must sign in once the setting loads"
PASSED=$((PASSED + 3))
wait_for 10 last_event $GUEST 'r["category"] == "sign-in" and r["decision"] == "block"' || fail "the redirect is logged"
PASSED=$((PASSED + 1))

# 2. The form: plain HTML, no script, a CSRF token; a post without it is refused.
FORM="$(curl -s --interface $IPAD "$C/portal?return=$PAGE")"
contains "$FORM" 'autocomplete="username"' "login field"
contains "$FORM" "Type the user name and password your teacher gave you" "child-friendly words on a KS1 iPad"
not_contains "$FORM" "<script" "no script"
[[ "$(curl -s --interface $IPAD -o /dev/null -w '%{http_code}' -d login=year3 -d password=tiger-lemon-42 "$C/portal")" == 403 ]] \
  || fail "no token: refused"
T="$(token $IPAD)"
[[ "$(curl -s --interface $IPAD -o /dev/null -w '%{http_code}' -H "Origin: http://evil.example" \
      -d login=year3 -d password=tiger-lemon-42 --data-urlencode "token=$T" "$C/portal")" == 403 ]] \
  || fail "another site's form: refused"
[[ "$(curl -s --interface $GUEST -o /dev/null -w '%{http_code}' -d login=year3 -d password=tiger-lemon-42 \
      --data-urlencode "token=$T" "$C/portal")" == 403 ]] || fail "a token for another address: refused"
PASSED=$((PASSED + 3))

# 3. Year 3's login on the shared iPad: back to the page, browsing as KS2.
RESULT="$(sign_in $IPAD Year3 tiger-lemon-42 "$PAGE")"
[[ "$RESULT" == "303 $PAGE" ]] || { cat "$WORK/portal.html"; fail "sign-in should go back to the page: $RESULT"; }
[[ "$(code $IPAD "$PAGE")" == 200 ]] || fail "signed in as Year 3 (KS2 allows the page KS1 blocks)"
wait_for 10 last_event $IPAD 'r["user"] == "Year 3 login" and r["group"] == "KS2" and r["device"] == "Year 1 iPad 03"' \
  || { cat "$WORK/logs.json"; fail "the event names the year-group login"; }
run 0 "$ESAFETY" sign-in who --data "$DATA"
contains "$OUT" "127.0.0.13       Year 3 login (year3) under KS2" "sign-in who"
PASSED=$((PASSED + 3))
# The year-group login is refused on a device the school does not know.
RESULT="$(sign_in $GUEST year3 tiger-lemon-42)"
[[ "$RESULT" == "401 " ]] || fail "year-group login from an unknown device: $RESULT"
contains "$(cat "$WORK/portal.html")" "only work on school devices" "says why"

# 4. A restart keeps the sign-in.
stop_demo_server
python3 "$SOURCE_DIR/tests/proxy/origin.py" "$ORIGIN" "$WORK/origin2.ready" &
ORIGIN_PID=$!
"$ESAFETY" serve --data "$DATA" >> "$WORK/serve.log" 2>&1 &
SERVE_PID=$!
wait_for 10 test -f "$WORK/origin2.ready" || fail "origin restarted"
wait_for 20 curl -sf "$C/health" || { cat "$WORK/serve.log" >&2; fail "serve restarted"; }
[[ "$(code $IPAD "$PAGE")" == 200 ]] || fail "the sign-in survives a restart"
PASSED=$((PASSED + 1))

# 5. Visitor: signs in from the unknown device, browses as Visitor, expires.
RESULT="$(sign_in $GUEST visitor "$VISITOR_PW")"
[[ "$RESULT" == "200 " ]] || fail "visitor sign-in: $RESULT"
contains "$(cat "$WORK/portal.html")" "Signed in as <strong>Visitor</strong>" "signed-in page"
[[ "$(code $GUEST "$PAGE")" == 200 ]] || fail "visitor browses"
wait_for 10 last_event $GUEST 'r["user"] == "Visitor" and r["group"] == "Visitor"' || fail "event names the visitor"
START=$SECONDS
wait_for 30 code_is $GUEST "$PAGE" 302 || fail "the visitor session should end"
echo "visitor session ended after $((SECONDS - START + 0)) s of polling (limit 12 s)"
wait_for 10 bash -c "\"$ESAFETY\" sign-in who --data \"$DATA\" | grep -vq 127.0.0.3" || fail "swept from the store"
PASSED=$((PASSED + 3))

# 6. Wrong passwords: three free tries, then back-off (429 with Retry-After),
# even for the right password, until the wait is over.
for i in 1 2 3 4; do
  [[ "$(sign_in $GUEST visitor wrong-password)" == "401 " ]] || fail "wrong password $i"
done
RESULT="$(sign_in $GUEST visitor "$VISITOR_PW")"
[[ "$RESULT" == "429 " ]] || fail "locked out: $RESULT"
contains "$(cat "$WORK/portal.html")" "Too many wrong tries. Please wait" "says to wait"
[[ "$(sign_in $GUEST visitor wrong-password)" == "429 " ]] || fail "still locked"
sleep 2.2
[[ "$(sign_in $GUEST visitor wrong-password)" == "401 " ]] || fail "after the wait, tries again"
RESULT="$(sign_in $GUEST visitor "$VISITOR_PW")"
[[ "$RESULT" == "429 " ]] || fail "each failure past the free ones doubles the wait: $RESULT"
PASSED=$((PASSED + 4))

# 7. A sanction applies to the bound iPad on its next request after the reload.
[[ "$(code $IPAD "$EDU")" == 200 ]] || fail "educational site before the sanction"
run 0 "$ESAFETY" people sanction year3 --deactivate --reason "Login shared outside class" --by head --data "$DATA"
wait_for 10 code_is $IPAD "$EDU" 403 || fail "a deactivated year-group login is blocked everywhere"
contains "$(pcurl $IPAD "$EDU")" "This account cannot browse" "the block page says why"
wait_for 10 last_event $IPAD 'r["step"] == "account" and r["user"] == "Year 3 login"' || fail "blocked at the account step"
PASSED=$((PASSED + 2))
run 0 "$ESAFETY" people lift-sanction 1 --reason "Sorted out" --by head --data "$DATA"
wait_for 10 code_is $IPAD "$EDU" 200 || fail "lifting it restores browsing"
PASSED=$((PASSED + 1))

# 8. Sign-out (a form post with the token): the next request goes to the portal.
SIGNED="$(curl -s --interface $IPAD "$C/portal/signout")"
contains "$SIGNED" "Sign out" "the signed-in page has the button"
T="$(sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p' <<<"$SIGNED" | head -1)"
[[ "$(curl -s --interface $IPAD -o "$WORK/out.html" -w '%{http_code}' --data-urlencode "token=$T" "$C/portal/signout")" == 200 ]] \
  || fail "sign-out"
contains "$(cat "$WORK/out.html")" "You've signed out" "signed-out page"
[[ "$(code $IPAD "$PAGE")" == 302 ]] || fail "after sign-out the iPad must sign in again"
run 0 "$ESAFETY" logs --format json --limit 1 --data "$DATA"
PASSED=$((PASSED + 2))
sqlite3 "$DATA/esafety.db" "SELECT action FROM audit ORDER BY id" > "$WORK/audit.txt" 2>/dev/null || true
if [[ -s "$WORK/audit.txt" ]]; then
  contains "$(cat "$WORK/audit.txt")" "portal.sign_in" "sign-in audited"
  contains "$(cat "$WORK/audit.txt")" "portal.sign_out" "sign-out audited"
fi
finish
