# People from the command line: a MIS export with errors imports nothing and
# names each row and field; the fixed file imports all its pupils; staff,
# visitor and year-group logins get passwords shown once; sanctions need a
# reason; every refusal exits with the documented code.
source "$(dirname "$0")/lib.sh"
DATA="$WORK/var"
CSV="$SOURCE_DIR/tests/data/people"
run 0 "$ESAFETY" init --demo --data "$DATA"

# A file with errors: the preview names them, exit 2, nothing imported.
run 2 "$ESAFETY" people import "$CSV/pupils_bad.csv" --data "$DATA"
contains "$OUT" "row 3, UPN: G801200026001 is already on row 2: a pupil appears twice" "duplicate UPN"
contains "$OUT" "row 4, date of birth: '31/02/2016' is not a real date" "bad date"
contains "$OUT" "row 6, UPN: UPN 'A801200026005' has the check letter A, but its digits give N" "check letter"
contains "$OUT" "row 6, year group: 'Year 9' is not Reception or Year 1 to Year 6" "year group"
contains "$OUT" "row 7, name: warning: was Latin-1 text, converted to UTF-8 as 'José Núñez'" "Latin-1"
contains "$OUT" "Nothing was imported" "says nothing was imported"
run 2 "$ESAFETY" people import "$CSV/pupils_bad.csv" --commit --data "$DATA"
pupils() {  # how many pupils the school has (the demo school starts with staff only)
  "$ESAFETY" people list --format json --data "$DATA" |
    python3 -c 'import json,sys; print(sum(1 for p in json.load(sys.stdin) if p["kind"] == "pupil"))'
}
[[ "$(pupils)" == 0 ]] || fail "a bad file imports nothing, even with --commit"

# Wrong columns are named, with what the header has.
run 2 "$ESAFETY" people import "$CSV/pupils_wrong_columns.csv" --data "$DATA"
contains "$OUT" "the required column 'date of birth' is missing (the header has: Surname, UPN, Birthday, Year, Class)" "missing column"

# A missing file and a file that is not CSV.
run 2 "$ESAFETY" people import "$WORK/nope.csv" --data "$DATA"
contains "$ERR" "cannot read $WORK/nope.csv" "missing file"
printf 'Name,UPN\n"never closed,1\n' > "$WORK/broken.csv"
run 2 "$ESAFETY" people import "$WORK/broken.csv" --data "$DATA"
contains "$ERR" "broken.csv: line 2: a quoted field is never closed" "unclosed quote"

# The fixed file: a preview first (imports nothing), then --commit.
run 0 "$ESAFETY" people import "$CSV/pupils_fixed.csv" --data "$DATA"
contains "$OUT" "Run again with --commit" "preview only"
[[ "$(pupils)" == 0 ]] || fail "the preview imported nothing"
run 0 "$ESAFETY" people import "$CSV/pupils_fixed.csv" --commit --by office --data "$DATA"
contains "$OUT" "Imported 6 pupils." "commit"
run 0 "$ESAFETY" people list --format json --data "$DATA"
[[ "$(pupils)" == 6 ]] || fail "6 pupils listed"
[[ "$(json '[p["name"] for p in d if p["upn"] == "C801200026006"][0]')" == "José Núñez" ]] || fail "UTF-8 name"
PASSED=$((PASSED + 2))
# Importing it again: every pupil is already there.
run 2 "$ESAFETY" people import "$CSV/pupils_fixed.csv" --commit --data "$DATA"
contains "$OUT" "belongs to a pupil already imported" "duplicates against the store"

# Staff: a generated password shown once, or one from stdin.
run 0 "$ESAFETY" people add-staff --name "Sam Lee" --email s.lee@school.example --role dsl --by head --data "$DATA"
contains "$OUT" "Password for s.lee@school.example:" "generated password shown"
run 2 "$ESAFETY" people add-staff --name "Sam Again" --email S.Lee@school.example --role teacher --data "$DATA"
contains "$ERR" "the login 'S.Lee@school.example' is already taken" "logins are unique whatever the case"
run 2 "$ESAFETY" people add-staff --name "X" --email x@school.example --role wizard --data "$DATA"
contains "$ERR" "there is no role 'wizard'" "unknown role"
set +e
printf 'short\n' | "$ESAFETY" people set-password s.lee@school.example --password-stdin --data "$DATA" 2>"$WORK/err"
RC=$?
set -e
[[ "$RC" == 2 ]] || fail "a short password exits 2, not $RC"
contains "$(cat "$WORK/err")" "at least 10 characters" "password rules"
printf 'a much longer password\n' | "$ESAFETY" people set-password s.lee@school.example --password-stdin --data "$DATA" >/dev/null
PASSED=$((PASSED + 1))
if sqlite3 "$DATA/esafety.db" "SELECT detail FROM audit_log" | grep -q 'argon2\|longer password'; then
  fail "a password or its hash reached the audit log"
fi
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT password_hash FROM people WHERE login = 's.lee@school.example'")" == '$argon2id$'* ]] || fail "argon2id hash stored"
PASSED=$((PASSED + 2))

# The visitor login and year-group logins.
run 2 "$ESAFETY" people visitor-password --data "$DATA"
run 0 "$ESAFETY" people visitor-password --rotate --by office --data "$DATA"
FIRST="$(sed -n 's/^Password for visitor: //p' <<<"$OUT")"
run 0 "$ESAFETY" people visitor-password --rotate --by office --data "$DATA"
SECOND="$(sed -n 's/^Password for visitor: //p' <<<"$OUT")"
[[ -n "$FIRST" && -n "$SECOND" && "$FIRST" != "$SECOND" ]] || fail "visitor password rotates"
PASSED=$((PASSED + 1))
run 0 "$ESAFETY" people year-logins --data "$DATA"
contains "$OUT" "Password for reception:" "reception login"
contains "$OUT" "Password for year6:" "year 6 login"
run 0 "$ESAFETY" people year-logins --data "$DATA"
contains "$OUT" "Every year group has its login already." "year logins once"

# Parents and carers; sanctions.
run 0 "$ESAFETY" people add-contact --name "Farah Khan" --relationship mother --pupil G801200026001 --data "$DATA"
run 2 "$ESAFETY" people add-contact --name "Nobody" --pupil N801200026099 --data "$DATA"
run 2 "$ESAFETY" people sanction G801200026001 --restrict --data "$DATA"   # no --reason
run 2 "$ESAFETY" people sanction G801200026001 --reason "why" --data "$DATA"  # neither kind
run 2 "$ESAFETY" people sanction G801200026001 --restrict --until 2001-01-01 --reason "why" --data "$DATA"
contains "$ERR" "in the past" "a sanction ending in the past"
run 0 "$ESAFETY" people sanction G801200026001 --restrict --until 2099-12-31 --reason "Unkind messages in class" --by head --data "$DATA"
contains "$OUT" "It applies from the next request." "sanction applied"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT action || '|' || reason FROM audit_log ORDER BY id DESC LIMIT 1")" == "sanction.restrict|Unkind messages in class" ]] || fail "sanction audited with its reason"
PASSED=$((PASSED + 1))
run 0 "$ESAFETY" people list --data "$DATA"
contains "$OUT" "restricted until 2100-01-01 00:00 (sanction 1)" "list shows the sanction and its number"
# --format json is the console's Person (control/entity_json.h): "sanctions",
# each with its kind, reason and end in Unix ms.
run 0 "$ESAFETY" people list --format json --data "$DATA"
[[ "$(json '[(s["id"], s["kind"], s["reason"], s["by"]) for p in d if p["upn"] == "G801200026001" for s in p["sanctions"]]')" \
   == "[(1, 'restrict', 'Unkind messages in class', 'head')]" ]] || fail "the pupil's sanctions"
[[ "$(json '[p["sanctions"][0]["until_ms"] for p in d if p["upn"] == "G801200026001"][0] > 4000000000000')" == True ]] \
  || fail "until_ms in milliseconds"
[[ "$(json '[p["year_name"] for p in d if p["upn"] == "G801200026001"][0]')" == "Year 3" ]] || fail "year_name"
[[ "$(json '"sanction" in d[0]')" == False ]] || fail "no second spelling"
PASSED=$((PASSED + 4))
run 0 "$ESAFETY" people lift-sanction 1 --reason "Apologised" --data "$DATA"
run 2 "$ESAFETY" people lift-sanction 1 --reason "again" --data "$DATA"
finish
