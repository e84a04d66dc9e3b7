# The console over HTTP with curl, as a script or another tool would use it:
# the app's files (gzip, ETag, 304, page paths), signing in with a demo staff
# account, the activity search and its errors, the permission and CSRF
# checks, and the login back-off.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
C="http://127.0.0.1:$CONSOLE"
JAR="$WORK/cookies"

# Something in the log: an allowed and a blocked request from a KS2 device.
pcurl 127.0.0.21 -o /dev/null "http://nothing-listed.example:$ORIGIN/page"
BLOCK="$(pcurl 127.0.0.21 "http://adult-demo.example:$ORIGIN/")"
TOKEN="$(sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p' <<<"$BLOCK" | head -1)"

# The single-page app: index.html for page paths, gzip when asked, 304 on a match.
OUT="$(curl -s -i "$C/activity")"
contains "$OUT" "200 OK" "a page path"
contains "$OUT" '<div id="app">' "index.html for a page path"
contains "$OUT" "Content-Security-Policy: default-src 'self'" "CSP"
ETAG="$(curl -s -D - -o /dev/null "$C/app.js" | tr -d '\r' | sed -n 's/^ETag: //Ip')"
[[ -n "$ETAG" ]] || fail "app.js has an ETag"
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $ETAG" "$C/app.js")" == 304 ]] || fail "304 on a matching ETag"
GZ="$(curl -s -H 'Accept-Encoding: gzip' -o "$WORK/app.js.gz" -w '%{size_download}' "$C/app.js")"
PLAIN="$(curl -s -o "$WORK/app.js" -w '%{size_download}' "$C/app.js")"
(( GZ > 0 && GZ * 2 < PLAIN )) || fail "gzip: $GZ bytes against $PLAIN"
gunzip -c "$WORK/app.js.gz" | cmp - "$WORK/app.js" || fail "the gzip copy is the same file"
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$C/missing.js")" == 404 ]] || fail "a missing file is 404"
PASSED=$((PASSED + 6))

# Not signed in: 401 with plain words.
OUT="$(curl -s -w ' %{http_code}' "$C/api/v1/events")"
contains "$OUT" '"error":"Please sign in."' "401 body"
contains "$OUT" " 401" "401"

# Signing in: a wrong password, then the demo DSL.
signin() {  # email password -> prints status, keeps cookies
  curl -s -c "$JAR" -o "$WORK/signin.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" "$C/api/v1/session"
}
[[ "$(signin dsl@demo-school.example wrong-password)" == 401 ]] || fail "wrong password"
[[ "$(signin dsl@demo-school.example esafety-demo)" == 200 ]] || fail "demo DSL signs in: $(cat "$WORK/signin.json")"
CSRF="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf"])' "$WORK/signin.json")"
grep -q "HttpOnly" "$JAR" || grep -q "#HttpOnly_127.0.0.1" "$JAR" || fail "the session cookie is HttpOnly"
PASSED=$((PASSED + 3))

# The activity search finds the blocked request, with its reference and group.
curl -s -b "$JAR" "$C/api/v1/events?group=KS2&decision=block" >"$WORK/events.json"
python3 - "$WORK/events.json" <<'PY' || fail "activity search"
import json, sys
body = json.load(open(sys.argv[1]))
events = body["events"]
assert events, body
assert all(e["decision"] == "block" and e["group"] == "KS2" for e in events), events
e = events[0]
assert e["host"] == "adult-demo.example", e
assert e["category"] == "pornography", e
assert e["reference"].startswith("ES-"), e
assert body["more"] is False
PY
# One encoding per entity: `esafety logs --format json` gives the same object,
# field for field, as the console for the same event.
"$ESAFETY" logs --format json --limit 50 --data "$DATA" >"$WORK/logs.json"
python3 - "$WORK/events.json" "$WORK/logs.json" <<'PY' || fail "the CLI's JSON of an event is the console's"
import json, sys
api = {e["id"]: e for e in json.load(open(sys.argv[1]))["events"]}
cli = {e["id"]: e for e in json.load(open(sys.argv[2]))}
assert api, api
for id, e in api.items():
    assert cli[id] == e, (cli[id], e)
PY
PASSED=$((PASSED + 1))
OUT="$(curl -s -b "$JAR" -w ' %{http_code}' "$C/api/v1/events?decision=maybe")"
contains "$OUT" "decision: use allow, block or rewrite" "a bad filter is named"
contains "$OUT" " 400" "400"
OUT="$(curl -s -b "$JAR" -w ' %{http_code}' "$C/api/v1/events?from=yesterday")"
contains "$OUT" "from:" "a bad time names the field"
curl -s -b "$JAR" "$C/api/v1/events.csv?host=adult-demo.example" >"$WORK/export.csv"
contains "$(head -1 "$WORK/export.csv")" "id,time,client_ip" "CSV header"
contains "$(cat "$WORK/export.csv")" "adult-demo.example" "CSV row"
curl -s -b "$JAR" "$C/api/v1/dashboard" >"$WORK/dash.json"
python3 - "$WORK/dash.json" <<'PY' || fail "dashboard"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["requests"] >= 2 and d["blocked"] >= 1, d
assert {"label": "pornography", "value": d["blocked"]} in d["categories"], d
PY
PASSED=$((PASSED + 3))

# The inbox: a "Tell a teacher" from the block page, marked done by the DSL.
# A change needs the session's CSRF token.
REF="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["events"][0]["reference"])' "$WORK/events.json")"
curl -s -o /dev/null --interface 127.0.0.21 -d "ref=$REF" --data-urlencode "token=$TOKEN" "$C/blocked/tell-teacher"
ID="$(curl -s -b "$JAR" "$C/api/v1/inbox" | python3 -c 'import json,sys; i=json.load(sys.stdin)["items"][0]; assert i["url"].startswith("adult-demo.example"), i; print(i["id"])')" \
  || fail "the inbox lists the request with what was blocked"
status() { curl -s -b "$JAR" -o "$WORK/status.json" -w '%{http_code}' -H 'Content-Type: application/json' "$@" "$C/api/v1/inbox/status"; }
[[ "$(status -d "{\"id\":$ID,\"status\":\"done\"}")" == 403 ]] || fail "a change without the CSRF token is refused"
[[ "$(status -H "X-CSRF-Token: $CSRF" -d "{\"id\":$ID,\"status\":\"finished\"}")" == 400 ]] || fail "a wrong status is 400"
contains "$(cat "$WORK/status.json")" "use new, seen or done" "the message says what is allowed"
[[ "$(status -H "X-CSRF-Token: $CSRF" -d "{\"id\":$ID,\"status\":\"done\"}")" == 200 ]] || fail "marked done"
[[ "$(curl -s -b "$JAR" "$C/api/v1/inbox" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["status"])')" == done ]] || fail "stays done"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT actor FROM audit_log WHERE action = 'inbox.status'")" == dsl@demo-school.example ]] || fail "audited as the DSL"
PASSED=$((PASSED + 5))

# Signing out needs the CSRF token; then the session is gone.
[[ "$(curl -s -b "$JAR" -o /dev/null -w '%{http_code}' -X DELETE "$C/api/v1/session")" == 403 ]] || fail "sign-out without the token"
[[ "$(curl -s -b "$JAR" -o /dev/null -w '%{http_code}' -X DELETE -H "X-CSRF-Token: $CSRF" "$C/api/v1/session")" == 204 ]] || fail "sign-out"
[[ "$(curl -s -b "$JAR" -o /dev/null -w '%{http_code}' "$C/api/v1/events")" == 401 ]] || fail "signed out"
PASSED=$((PASSED + 3))

# A governor reads the dashboard but not the activity log.
[[ "$(signin governor@demo-school.example esafety-demo)" == 200 ]] || fail "governor signs in"
[[ "$(curl -s -b "$JAR" -o /dev/null -w '%{http_code}' "$C/api/v1/events")" == 403 ]] || fail "governor: activity is refused"
PASSED=$((PASSED + 2))

# Guessing: after a few wrong passwords, 429 with how long to wait.
codes=""
for i in 1 2 3 4 5 6; do codes+="$(signin head@demo-school.example "guess-$i") "; done
contains "$codes" "429" "back-off after wrong passwords ($codes)"
OUT="$(curl -s -i -H 'Content-Type: application/json' -d '{"email":"head@demo-school.example","password":"esafety-demo"}' "$C/api/v1/session")"
contains "$OUT" "429" "the right password waits too"
contains "$OUT" "Retry-After:" "Retry-After header"
# Another account from the same machine is not held up.
[[ "$(signin teacher@demo-school.example esafety-demo)" == 200 ]] || fail "another account signs in"
PASSED=$((PASSED + 1))

# The console survives junk.
printf 'POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{"email":' |
  nc -q 2 127.0.0.1 "$CONSOLE" >"$WORK/junk.txt" || true
contains "$(cat "$WORK/junk.txt")" "400" "a broken JSON body gets 400"
curl -sf "$C/health" >/dev/null || fail "still serving"
finish
