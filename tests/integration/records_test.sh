# Safeguarding records (issue 15), with the real binary: a teacher raises a
# concern with a distinctive account and the child's own words; neither is
# in the database file's bytes; the DSL reads it, the teacher who raised it
# is refused; `records verify` passes, then names the first broken entry
# after a row is changed, a row deleted and two rows swapped by hand with
# sqlite3; an allegation against the head is hidden from the head and read
# by the chair of governors; and without the key file esafety still serves (the filter works)
# while the records say they are locked.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
D=(--data "$DATA")
TEACHER=teacher@demo-school.example
DSL=dsl@demo-school.example
SAW="Marmalade-giraffe bruise on the left wrist, seen at lunch"
WORDS="Uncle Zebedee-Quill says it is our secret"

run 0 "$ESAFETY" people import "$SOURCE_DIR/tests/data/people/pupils_fixed.csv" --commit --by office@demo-school.example "${D[@]}"
run 0 "$ESAFETY" records raise --about "Amira Khan" --saw "$SAW" --child-words "$WORDS" --where "the hall" --by $TEACHER "${D[@]}"
contains "$OUT" "Concern 1" "the concern is raised"
contains "$OUT" "has gone to the designated safeguarding lead" "the raiser is told where it went"

# Neither the account nor the child's words are anywhere in the database's bytes.
for f in "$DATA"/esafety.db*; do
  if grep -aq "Marmalade-giraffe" "$f"; then fail "the account is in $f in plain text"; fi
  if grep -aq "Zebedee-Quill" "$f"; then fail "the child's words are in $f in plain text"; fi
done
PASSED=$((PASSED + 1))

# The DSL reads it; the teacher who raised it cannot, and lists nothing.
run 0 "$ESAFETY" records list --by $DSL "${D[@]}"
contains "$OUT" "Amira Khan (about)" "the DSL's list shows the concern"
run 0 "$ESAFETY" records show 1 --by $DSL "${D[@]}"
contains "$OUT" "$SAW" "the DSL reads what was seen"
contains "$OUT" "$WORDS" "the DSL reads the child's words"
run 3 "$ESAFETY" records show 1 --by $TEACHER "${D[@]}"
contains "$ERR" "you raised this concern" "the raiser is refused, with the reason"
not_contains "$OUT" "Zebedee" "nothing of the record is shown to the raiser"
run 0 "$ESAFETY" records list --by $TEACHER "${D[@]}"
contains "$OUT" "No records you may read" "the raiser lists nothing"
run 2 "$ESAFETY" records raise --about "Nobody Here" --saw x --by $TEACHER "${D[@]}"
contains "$ERR" "no pupil has the UPN or name 'Nobody Here'" "an unknown pupil is refused by name"
# Every read is audited, with who.
run 0 "$ESAFETY" records show 1 --by $DSL "${D[@]}"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM audit_log WHERE action = 'record.read' AND actor = '$DSL'")" == 2 ]] ||
  fail "each read is in the audit trail"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM audit_log WHERE action = 'record.read_refused' AND actor = '$TEACHER'")" == 1 ]] ||
  fail "the refused read is in the audit trail"
run 0 "$ESAFETY" records verify "${D[@]}"
contains "$OUT" "The record log is whole: 3 entries, 1 records" "verify passes"

# An allegation against the head: the DSL records it, the routes follow; the
# head is not told it exists; the chair of governors reads it.
run 0 "$ESAFETY" records incident --staff-instigator head@demo-school.example --child-victim "Amira Khan" \
  --activity illegal --narrative "Photographs of a pupil on a personal phone" --by $DSL "${D[@]}"
contains "$OUT" "Routes: police,allegations" "the police and the allegations procedure"
run 2 "$ESAFETY" records show 2 --by head@demo-school.example "${D[@]}"
contains "$ERR" "no record 2" "the head is not told the record exists"
run 0 "$ESAFETY" records list --by head@demo-school.example "${D[@]}"
not_contains "$OUT" "incident" "nor sees it listed"
run 0 "$ESAFETY" records show 2 --by governor@demo-school.example "${D[@]}"
contains "$OUT" "Photographs of a pupil on a personal phone" "the chair of governors reads it"
contains "$OUT" "Mr Tom Hughes (staff-instigator)" "naming the head"
run 2 "$ESAFETY" records incident --activity illegal --narrative x --by $DSL "${D[@]}"
contains "$ERR" "step 1: name at least one person" "an incident with nobody in it is refused"
run 3 "$ESAFETY" records incident --child-victim "Amira Khan" --activity illegal --narrative x --by $TEACHER "${D[@]}"

# Edited by hand: each change is caught, naming the first broken entry.
stop_demo_server
sqlite3 "$DATA/esafety.db" ".backup '$WORK/good.db'"
tamper() {  # tamper <sql> <expected message>
  rm -f "$DATA"/esafety.db-wal "$DATA"/esafety.db-shm
  cp "$WORK/good.db" "$DATA/esafety.db"
  sqlite3 "$DATA/esafety.db" "$1"
  run 1 "$ESAFETY" records verify "${D[@]}"
  contains "$ERR" "$2" "verify after: $1"
}
tamper "UPDATE safeguarding_records SET occurred_at = occurred_at + 3600" \
  "broken at entry 1: record R-"
tamper "DELETE FROM safeguarding_record_fields WHERE name = 'child_words'" \
  "broken at entry 1: record R-"
tamper "UPDATE record_log SET actor = 'someone.else' WHERE seq = 2" \
  "broken at entry 2: entry 2 was changed"
tamper "DELETE FROM record_log WHERE seq = 2" \
  "broken at entry 3: entry 3 comes where entry 2 should"
tamper "UPDATE record_log SET seq = CASE seq WHEN 2 THEN 3 ELSE 2 END WHERE seq IN (2, 3)" \
  "broken at entry 2: entry 2 does not follow the entry before it"
rm -f "$DATA"/esafety.db-wal "$DATA"/esafety.db-shm
cp "$WORK/good.db" "$DATA/esafety.db"
run 0 "$ESAFETY" records verify "${D[@]}"

# Without the key file: esafety serves and filters; the records are locked.
mv "$DATA/records.key" "$WORK/records.key"
python3 "$SOURCE_DIR/tests/proxy/origin.py" "$ORIGIN" "$WORK/origin2.ready" &
ORIGIN_PID=$!
"$ESAFETY" serve "${D[@]}" > "$WORK/serve2.log" 2>&1 &
SERVE_PID=$!
wait_for 10 test -f "$WORK/origin2.ready" || fail "origin restarted"
wait_for 20 curl -sf "http://127.0.0.1:$CONSOLE/health" || { cat "$WORK/serve2.log" >&2; fail "serve starts without the key file"; }
contains "$(cat "$WORK/serve2.log")" "the safeguarding records are locked" "serve says the records are locked"
contains "$(cat "$WORK/serve2.log")" "records.key is missing" "naming the missing key file"
[[ "$(pcurl 127.0.0.21 -o /dev/null -w '%{http_code}' "http://allowed-demo.example:$ORIGIN/page")" == 200 ]] || fail "the filter allows without the key file"
[[ "$(pcurl 127.0.0.21 -o /dev/null -w '%{http_code}' "http://adult-demo.example:$ORIGIN/page")" == 403 ]] || fail "the filter blocks without the key file"
PASSED=$((PASSED + 2))
run 2 "$ESAFETY" records list --by $DSL "${D[@]}"
contains "$ERR" "the records are locked" "list says the records are locked"
run 2 "$ESAFETY" records show 1 --by $DSL "${D[@]}"
contains "$ERR" "the records are locked" "show says the records are locked"
not_contains "$OUT" "Zebedee" "nothing is decrypted"
[[ ! -e "$DATA/records.key" ]] || fail "no new key file is made in its place"
stop_demo_server
mv "$WORK/records.key" "$DATA/records.key"
run 0 "$ESAFETY" records verify "${D[@]}"
contains "$OUT" "whole" "with the key file back, the log verifies"
finish
