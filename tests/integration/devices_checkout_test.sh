# Identification end to end: pupils imported from the MIS, an iPad registered
# at 127.0.0.12 and checked out to a Year 3 pupil; browsing through the proxy
# from that address is logged with the pupil's name under the pupil's group
# (KS2, though the iPad's own group is KS1); a sanction restricting the pupil
# takes effect on the next request after the reload (polled, not slept);
# checking the iPad in gives it back its own group.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
IPAD=127.0.0.12
PAGE="http://nothing-listed.example:$ORIGIN/page"
EDU="http://bitesize-demo.example:$ORIGIN/page"
CSV="$SOURCE_DIR/tests/data/people"

# A bad export imports nothing; the fixed one imports every pupil.
run 2 "$ESAFETY" people import "$CSV/pupils_bad.csv" --commit --data "$DATA"
contains "$OUT" "row 4, date of birth: '31/02/2016' is not a real date" "bad row named"
run 0 "$ESAFETY" people list --format json --data "$DATA"
[[ "$(json 'sum(1 for p in d if p["kind"] == "pupil")')" == 0 ]] || fail "the bad file imported something"
run 0 "$ESAFETY" people import "$CSV/pupils_fixed.csv" --commit --data "$DATA"
contains "$OUT" "Imported 6 pupils." "fixed file imported"

# The demo has an iPad at 127.0.0.12 already: take it out, register ours.
run 0 "$ESAFETY" devices remove "Year 1 iPad 02" --data "$DATA"
run 0 "$ESAFETY" devices add "Class iPad 12" --type ipad --room "Year 3" --ip "$IPAD" --group KS1 --by it.technician --data "$DATA"
run 2 "$ESAFETY" devices add "Another" --type toaster --data "$DATA"
contains "$ERR" "device type 'toaster' is not one of" "device types"

# Before the check-out the iPad is KS1's, which blocks sites in no category.
status_from() { pcurl "$1" -o /dev/null -w '%{http_code}' "$2"; }
status_is() { [[ "$(status_from "$1" "$2")" == "$3" ]]; }
wait_for 10 status_is $IPAD "$PAGE" 403 || fail "KS1 iPad should be blocked from $PAGE"
PASSED=$((PASSED + 1))

# Check it out to Amira Khan (Year 3: KS2) until later today.
UNTIL="$(date -d '+45 min' +%H:%M)"
[[ "$UNTIL" > "$(date +%H:%M)" ]] || UNTIL=23:59
run 2 "$ESAFETY" devices checkout "Class iPad 12" --pupil N801200026099 --until "$UNTIL" --data "$DATA"
contains "$ERR" "there is no pupil with UPN N801200026099" "unknown pupil"
run 2 "$ESAFETY" devices checkout "Class iPad 12" --pupil G801200026001 --until 25:00 --data "$DATA"
run 0 "$ESAFETY" devices checkout "Class iPad 12" --pupil G801200026001 --until "$UNTIL" --by teacher --data "$DATA"
run 2 "$ESAFETY" devices checkout "$IPAD" --pupil W801200026002 --until "$UNTIL" --data "$DATA"
contains "$ERR" "is checked out to Amira Khan already" "one pupil at a time"
run 0 "$ESAFETY" devices list --data "$DATA"
contains "$OUT" "Amira Khan until $UNTIL" "list shows who has it"
# --format json is the console's Device (control/entity_json.h): "checkout".
run 0 "$ESAFETY" devices list --format json --data "$DATA"
[[ "$(json '[(x["checkout"]["pupil"], x["checkout"]["upn"], x["checkout"]["by"]) for x in d if x["name"] == "Class iPad 12"]')" \
   == "[('Amira Khan', 'G801200026001', 'teacher')]" ]] || fail "the device's checkout"
[[ "$(json '[x["checkout"] for x in d if x["name"] != "Class iPad 12"] == [None] * (len(d) - 1)')" == True ]] \
  || fail "devices not lent have checkout null"
[[ "$(json '"checked_out_to" in d[0]')" == False ]] || fail "no second spelling"
PASSED=$((PASSED + 3))

# Within the reload interval the iPad browses as Amira, under KS2.
wait_for 10 status_is $IPAD "$PAGE" 200 || fail "checked-out iPad should browse as KS2"
PASSED=$((PASSED + 1))
logged_as_amira() {
  "$ESAFETY" logs --client "$IPAD" --limit 1 --format json --data "$DATA" > "$WORK/logs.json"
  python3 - "$WORK/logs.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
ok = rows and rows[0]["user"] == "Amira Khan" and rows[0]["group"] == "KS2" \
     and rows[0]["decision"] == "allow"
sys.exit(0 if ok else 1)
PY
}
wait_for 10 logged_as_amira || { cat "$WORK/logs.json" >&2; fail "the event should name Amira Khan under KS2"; }
PASSED=$((PASSED + 1))
run 0 "$ESAFETY" logs --client "$IPAD" --limit 1 --format json --data "$DATA"
[[ "$(json 'd[0]["user"]')" == "Amira Khan" ]] || fail "the event names the pupil"
[[ "$(json 'd[0]["device"]')" == "Class iPad 12" ]] || fail "and the device"
[[ "$(json 'd[0]["client_ip"]')" == "$IPAD" ]] || fail "client address logged"
PASSED=$((PASSED + 2))

# A sanction restricting Amira: the next request after the reload is blocked
# (allow-list only), while educational sites stay open.
run 0 "$ESAFETY" people sanction G801200026001 --restrict --reason "Unkind messages in class" --by head --data "$DATA"
START_MS=$(($(date +%s%N) / 1000000))
wait_for 10 status_is $IPAD "$PAGE" 403 || fail "restricted pupil should be blocked"
echo "sanction took effect $(( $(date +%s%N) / 1000000 - START_MS )) ms after it was applied"
[[ "$(status_from $IPAD "$EDU")" == 200 ]] || fail "restricted pupil keeps educational sites"
PASSED=$((PASSED + 2))
BLOCKED="$(pcurl $IPAD "$PAGE")"
contains "$BLOCKED" "restricted to the school" "block page gives the sanction as the reason"

# The other pupils' devices are untouched by Amira's sanction.
[[ "$(status_from 127.0.0.21 "$PAGE")" == 200 ]] || fail "another KS2 iPad is unaffected"
PASSED=$((PASSED + 1))

# Deactivated instead: nothing at all, not even educational sites.
run 0 "$ESAFETY" people lift-sanction 1 --reason "Apologised" --by head --data "$DATA"
wait_for 10 status_is $IPAD "$PAGE" 200 || fail "lifting the sanction restores KS2"
run 0 "$ESAFETY" people sanction G801200026001 --deactivate --reason "Shared a password" --by head --data "$DATA"
wait_for 10 status_is $IPAD "$EDU" 403 || fail "a deactivated pupil is blocked everywhere"
PASSED=$((PASSED + 2))
wait_for 10 bash -c "\"$ESAFETY\" logs --client $IPAD --limit 1 --format json --data \"$DATA\" | grep -q '\"step\": \"account\"'" \
  || fail "a deactivated pupil is blocked at the account step"
PASSED=$((PASSED + 1))

# Checking the iPad in gives it back its own group (KS1 blocks the page; not
# because of the sanction any more).
run 0 "$ESAFETY" devices checkin "$IPAD" --by teacher --data "$DATA"
logged_as_ipad() {
  pcurl "$IPAD" -o /dev/null "$EDU"
  "$ESAFETY" logs --client "$IPAD" --limit 1 --format json --data "$DATA" > "$WORK/logs.json"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r and r[0]["device"]=="Class iPad 12" and r[0]["group"]=="KS1" else 1)' "$WORK/logs.json"
}
wait_for 10 logged_as_ipad || { cat "$WORK/logs.json" >&2; fail "after check-in the iPad is KS1's again"; }
PASSED=$((PASSED + 1))
run 2 "$ESAFETY" devices checkin "$IPAD" --data "$DATA"
contains "$ERR" "is not checked out" "checking in twice"
finish
