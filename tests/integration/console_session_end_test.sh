# Deactivating an account, changing its role or its password signs it out of
# the console (issue 19, item 5), whichever door made the change: from the
# console at once, from `esafety people` (another process) within the
# server's reload tick (~2 s). Staff sanctions follow a hierarchy, the same
# from the CLI and the console: nobody deactivates themselves, and only the
# chair of governors puts a sanction on the head or changes the head's role.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
C="http://127.0.0.1:$CONSOLE"

signin() {  # name email -> status; cookie jar and body kept under the name
  curl -s -c "$WORK/$1.jar" -o "$WORK/$1.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"esafety-demo\"}" "$C/api/v1/session"
}
whoami() { curl -s -b "$WORK/$1.jar" -o "$WORK/$1.me" -w '%{http_code}' "$C/api/v1/session"; }
signed_out() { [[ "$(whoami "$1")" == 401 ]]; }
csrf() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf"])' "$WORK/$1.json"; }
post() {  # name path json -> status; body in $WORK/post.json
  curl -s -b "$WORK/$1.jar" -o "$WORK/post.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -H "X-CSRF-Token: $(csrf "$1")" -d "$3" "$C$2"
}
ppl() { run "$1" "$ESAFETY" people "${@:2}" --data "$DATA"; }

# --- From the command line: deactivation, a new password, a new role. -------
for who in teacher office dsl; do
  [[ "$(signin "$who" "$who@demo-school.example")" == 200 ]] || fail "$who signs in"
  [[ "$(whoami "$who")" == 200 ]] || fail "$who is signed in"
done
PASSED=$((PASSED + 1))
ppl 0 sanction teacher@demo-school.example --deactivate --reason "Left the school" --by it@demo-school.example
wait_for 8 signed_out teacher || fail "the deactivated teacher's console session ended"
printf 'a brand new password\n' | "$ESAFETY" people set-password office@demo-school.example \
  --password-stdin --by it@demo-school.example --data "$DATA" >/dev/null
wait_for 8 signed_out office || fail "a new password ended the office's console session"
ppl 0 set-role dsl@demo-school.example teacher --by head@demo-school.example
contains "$OUT" "dsl@demo-school.example is now teacher" "the role changed"
wait_for 8 signed_out dsl || fail "a new role ended the DSL's console session"
[[ "$(signin dsl dsl@demo-school.example)" == 200 ]] || fail "signs in again"
contains "$(cat "$WORK/dsl.json")" '"role":"teacher"' "with the new role"
[[ "$(signin teacher teacher@demo-school.example)" == 401 ]] || fail "deactivated: no new session"
PASSED=$((PASSED + 5))

# --- The hierarchy from the command line. ----------------------------------
ppl 3 sanction head@demo-school.example --deactivate --reason "Testing" --by it@demo-school.example
contains "$ERR" "only the chair of governors can put a sanction on the head's account" "names why"
ppl 3 set-role head@demo-school.example teacher --by it@demo-school.example
contains "$ERR" "only the chair of governors can change the head's role" "no demoting the head"
ppl 3 sanction it@demo-school.example --deactivate --reason "Testing" --by it@demo-school.example
contains "$ERR" "you cannot deactivate your own account" "nobody deactivates themselves"

# --- From the console: at once, and the same hierarchy. --------------------
[[ "$(signin it it@demo-school.example)" == 200 ]] || fail "the IT admin signs in"
[[ "$(signin head head@demo-school.example)" == 200 ]] || fail "the head signs in"
[[ "$(signin office office@demo-school.example)" == 401 ]] || fail "the old password no longer works"
[[ "$(post it /api/v1/sanctions '{"who":"head@demo-school.example","kind":"deactivate","reason":"Testing"}')" == 403 ]] ||
  fail "the IT admin cannot deactivate the head: $(cat "$WORK/post.json")"
contains "$(cat "$WORK/post.json")" "only the chair of governors" "says why"
[[ "$(post it /api/v1/sanctions '{"who":"it@demo-school.example","kind":"deactivate","reason":"Testing"}')" == 403 ]] ||
  fail "nor themselves: $(cat "$WORK/post.json")"
contains "$(cat "$WORK/post.json")" "you cannot deactivate your own account" "says why"
[[ "$(whoami head)" == 200 ]] || fail "the head is still signed in"
[[ "$(post head /api/v1/sanctions '{"who":"it@demo-school.example","kind":"deactivate","reason":"Leaving today"}')" == 200 ]] ||
  fail "the head deactivates the IT admin: $(cat "$WORK/post.json")"
[[ "$(whoami it)" == 401 ]] || fail "the IT admin's session ended at once"
PASSED=$((PASSED + 5))

# The chair of governors can; then the head is signed out too.
ppl 0 sanction head@demo-school.example --deactivate --reason "Suspended pending review" --by governor@demo-school.example
wait_for 8 signed_out head || fail "the head's console session ended"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM sanctions WHERE reason = 'Testing'")" == 0 ]] ||
  fail "no refused sanction was stored"
PASSED=$((PASSED + 2))
finish
