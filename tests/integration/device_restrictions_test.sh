# The live class view's pause and allow-list (issue 14, item 4) end to end:
# a teacher pauses a pupil's iPad from the command line and from the console
# API; the iPad's next request through the proxy (HTTP, and CONNECT) gets the
# paused page while the iPad next to it browses on; releasing it lets it
# browse again. Restricted to an allow-list, the lesson's site passes and
# another gets the "only the lesson's sites" page. A teacher of another class
# is refused (403). Every change is audited with who and why.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
IPAD=127.0.0.21    # "Year 5 iPad 01" (KS2)
OTHER=127.0.0.22   # "Year 5 iPad 02"
PAGE="http://nothing-listed.example:$ORIGIN/page"
EDU="http://bitesize-demo.example:$ORIGIN/page"
C="http://127.0.0.1:$CONSOLE"
JAR="$WORK/cookies"

status_from() { pcurl "$1" -o /dev/null -w '%{http_code}' "$2"; }
status_is() { [[ "$(status_from "$1" "$2")" == "$3" ]]; }
connect_status() { pcurl "$1" -p -o /dev/null -w '%{http_connect}' "$2"; }
[[ "$(status_from $IPAD "$PAGE")" == 200 ]] || fail "the iPad browses before the pause"
PASSED=$((PASSED + 1))

# --- From the command line: serve finds the change by its ~1 s poll.
run 2 "$ESAFETY" devices pause "Year 5 iPad 01" --by teacher --data "$DATA"
contains "$ERR" "reason" "a pause needs a reason"
run 2 "$ESAFETY" devices pause "Year 5 iPad 01" --reason "x" --minutes 0 --data "$DATA"
contains "$ERR" "minutes:" "minutes checked"
run 0 "$ESAFETY" devices pause "Year 5 iPad 01" --reason "Off task" --by teacher --data "$DATA"
contains "$OUT" "Year 5 iPad 01: paused until" "pause confirmed"
START_MS=$(($(date +%s%N) / 1000000))
wait_for 5 status_is $IPAD "$PAGE" 403 || fail "the paused iPad should get 403"
echo "CLI pause reached the proxy $(( $(date +%s%N) / 1000000 - START_MS )) ms after the command"
contains "$(pcurl $IPAD "$PAGE")" "Paused by your teacher" "the paused page"
[[ "$(connect_status $IPAD "$PAGE")" == 403 ]] || fail "CONNECT from the paused iPad is refused"
[[ "$(status_from $OTHER "$PAGE")" == 200 ]] || fail "the iPad next to it browses on"
PASSED=$((PASSED + 3))
run 0 "$ESAFETY" devices restrictions --format json --data "$DATA"
[[ "$(json '[(r["device"], r["kind"], r["by"], r["reason"]) for r in d]')" == "[('Year 5 iPad 01', 'pause', 'teacher', 'Off task')]" ]] \
  || fail "restrictions listed: $OUT"
run 0 "$ESAFETY" devices restrictions --data "$DATA"
contains "$OUT" "Year 5 iPad 01" "table listing"
PASSED=$((PASSED + 1))
run 0 "$ESAFETY" devices release "Year 5 iPad 01" --reason "Back on task" --by teacher --data "$DATA"
wait_for 5 status_is $IPAD "$PAGE" 200 || fail "released, the iPad browses again"
run 2 "$ESAFETY" devices release "Year 5 iPad 01" --reason "again" --data "$DATA"
contains "$ERR" "has no restriction in force" "releasing twice"
PASSED=$((PASSED + 1))

# --- From the console: a Year 5 teacher; the change is published at once,
# so the very next request meets it (no waiting).
echo "year5-password-1" | "$ESAFETY" people add-staff --name "Mr Year Five" --email y5@demo-school.example \
  --role teacher --class "Year 5" --password-stdin --data "$DATA" >/dev/null || fail "add the Year 5 teacher"
signin() {  # email password -> status; keeps the cookie and the session's CSRF token
  curl -s -c "$JAR" -o "$WORK/signin.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" "$C/api/v1/session"
}
api() {  # METHOD path [json] -> body in $WORK/api.json, prints the status
  local csrf
  csrf="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("csrf", ""))' "$WORK/signin.json")"
  curl -s -b "$JAR" -o "$WORK/api.json" -w '%{http_code}' -X "$1" -H "X-CSRF-Token: $csrf" \
    -H 'Content-Type: application/json' ${3:+-d "$3"} "$C$2"
}
# The console's session needs the poll of accounts; sign in when the new login is there.
wait_for 10 bash -c "[[ \$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{\"email\":\"y5@demo-school.example\",\"password\":\"year5-password-1\"}' $C/api/v1/session) == 200 ]]" \
  || fail "the Year 5 teacher signs in"
[[ "$(signin y5@demo-school.example year5-password-1)" == 200 ]] || fail "sign in"
[[ "$(api GET "/api/v1/classview")" == 200 ]] || fail "class view: $(cat "$WORK/api.json")"
OUT="$(cat "$WORK/api.json")"
[[ "$(json 'd["room"], d["rooms"], sorted(x["name"] for x in d["devices"])')" == "('Year 5', ['Year 5'], ['Year 5 iPad 01', 'Year 5 iPad 02', 'Year 5 iPad 03'])" ]] \
  || fail "the teacher sees their own class's devices: $OUT"
PASSED=$((PASSED + 1))
[[ "$(api POST /api/v1/restrictions '{"device":"Year 5 iPad 01","kind":"pause","reason":"Eyes on me"}')" == 200 ]] \
  || fail "console pause: $(cat "$WORK/api.json")"
[[ "$(status_from $IPAD "$PAGE")" == 403 ]] || fail "the next request after the console's pause is paused"
contains "$(pcurl $IPAD "$EDU")" "Paused by your teacher" "paused page from the console's pause"
[[ "$(api GET "/api/v1/classview?room=Year%205")" == 200 ]] || fail "class view"
OUT="$(cat "$WORK/api.json")"
[[ "$(json '[x["restriction"]["kind"] for x in d["devices"] if x["restriction"]]')" == "['pause']" ]] \
  || fail "the class view shows the pause: $OUT"
[[ "$(api POST /api/v1/restrictions/release '{"device":"Year 5 iPad 01","reason":"Listening now"}')" == 200 ]] \
  || fail "console release: $(cat "$WORK/api.json")"
[[ "$(status_from $IPAD "$PAGE")" == 200 ]] || fail "the next request after the release browses"
PASSED=$((PASSED + 3))

# Allow-list for the lesson: the lesson's site passes, another gets the page.
[[ "$(api POST /api/v1/restrictions '{"device":"127.0.0.21","kind":"allow_list","allow":"bitesize-demo.example","minutes":45,"reason":"Maths lesson"}')" == 200 ]] \
  || fail "console allow-list: $(cat "$WORK/api.json")"
[[ "$(status_from $IPAD "$EDU")" == 200 ]] || fail "the lesson's site passes"
[[ "$(status_from $IPAD "$PAGE")" == 403 ]] || fail "another site is refused"
contains "$(pcurl $IPAD "$PAGE")" "Only the lesson&#39;s sites now" "the lesson-only page"
contains "$(pcurl $IPAD "$PAGE")" "bitesize-demo.example" "which lists the lesson's sites"
[[ "$(connect_status $IPAD "$EDU")" == 200 ]] || fail "CONNECT to the lesson's site opens"
[[ "$(connect_status $IPAD "$PAGE")" == 403 ]] || fail "CONNECT elsewhere is refused"
[[ "$(api POST /api/v1/restrictions '{"device":"Year 5 iPad 01","kind":"allow_list","allow":"*.example","reason":"x"}')" == 400 ]] \
  || fail "a bad allow-list is refused"
contains "$(cat "$WORK/api.json")" "allow:" "naming the field"
PASSED=$((PASSED + 4))

# A teacher of another class (Year 1) is refused.
"$ESAFETY" people add-staff --name "Year 1 teacher" --email y1@demo-school.example --role teacher \
  --class "Year 1" --password-stdin --data "$DATA" <<<"year-one-teacher-pass-9" >/dev/null \
  || fail "add the Year 1 teacher"
[[ "$(signin y1@demo-school.example year-one-teacher-pass-9)" == 200 ]] || fail "the Year 1 teacher signs in"
[[ "$(api POST /api/v1/restrictions/release '{"device":"Year 5 iPad 01","reason":"mine now"}')" == 403 ]] \
  || fail "another class's teacher may not release: $(cat "$WORK/api.json")"
[[ "$(api POST /api/v1/restrictions '{"device":"Year 5 iPad 02","kind":"pause","reason":"x"}')" == 403 ]] \
  || fail "another class's teacher may not pause"
[[ "$(api GET "/api/v1/classview?room=Year%205")" == 403 ]] || fail "nor see the class"
[[ "$(status_from $OTHER "$PAGE")" == 200 ]] || fail "the refused pause did nothing"
[[ "$(status_from $IPAD "$PAGE")" == 403 ]] || fail "the refused release did nothing"
# A governor has no such permission at all.
[[ "$(signin governor@demo-school.example esafety-demo)" == 200 ]] || fail "governor signs in"
[[ "$(api GET "/api/v1/classview")" == 403 ]] || fail "a governor has no class view"
PASSED=$((PASSED + 3))

# The DSL may act on any device, and sees the change in the audit log.
[[ "$(signin dsl@demo-school.example esafety-demo)" == 200 ]] || fail "DSL signs in"
[[ "$(api POST /api/v1/restrictions/release '{"device":"Year 5 iPad 01","reason":"Lesson over"}')" == 200 ]] \
  || fail "the DSL releases it"
[[ "$(status_from $IPAD "$PAGE")" == 200 ]] || fail "released by the DSL"
sqlite3 -separator ' ' "$DATA/esafety.db" \
  "SELECT action, actor, reason FROM audit_log WHERE action LIKE 'restriction.%' ORDER BY id" > "$WORK/audit.txt"
for want in "restriction.pause teacher Off task" "restriction.end teacher Back on task" \
            "restriction.pause y5@demo-school.example Eyes on me" \
            "restriction.allow_list y5@demo-school.example Maths lesson" \
            "restriction.end dsl@demo-school.example Lesson over"; do
  contains "$(cat "$WORK/audit.txt")" "$want" "audited: $want"
done
[[ "$(wc -l < "$WORK/audit.txt")" == 6 ]] || { cat "$WORK/audit.txt" >&2; fail "one audit row per change"; }
finish
