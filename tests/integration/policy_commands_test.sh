# Changing the policy from the command line: local entries with who and why,
# category and time-rule changes, and every attempt to allow illegal content
# refused with exit code 3 and nothing stored.
source "$(dirname "$0")/lib.sh"
D=(--data "$WORK/var")
run 0 "$ESAFETY" init --demo "${D[@]}"

# A local deny entry with who and why, shown in the explanation.
run 0 "$ESAFETY" policy deny 'HTTP://Quiz-Demo.Example/answers/' --reason "Answers to the class quiz" --by "it.technician" "${D[@]}"
contains "$OUT" "block quiz-demo.example/answers for every group" "deny normalised"
run 0 "$ESAFETY" check http://quiz-demo.example/answers/week1 --group Staff --json "${D[@]}"
[[ "$(json 'd["step"]["name"]')" == local-deny ]] || fail "local deny step"
[[ "$(json 'd["local_entry"]["added_by"]')" == it.technician ]] || fail "who"
[[ "$(json 'd["local_entry"]["reason"]')" == "Answers to the class quiz" ]] || fail "why"
run 0 "$ESAFETY" check http://quiz-demo.example/answersheet --group Staff --json "${D[@]}"
[[ "$(json 'd["step"]["name"]')" != local-deny ]] || fail "path prefix must stop at a segment boundary"

# A reason is required.
run 2 "$ESAFETY" policy allow games-demo.example --reason "" --by x "${D[@]}"
contains "$ERR" "reason is required" "reason required"

# Allowing illegal content is refused however it is tried; exit code 3.
run 3 "$ESAFETY" policy allow iwf-test.esafety-demo.invalid --reason "test" "${D[@]}"
contains "$ERR" "illegal" "allow illegal domain"
run 3 "$ESAFETY" policy allow www.iwf-test.esafety-demo.invalid --group Staff --reason "test" "${D[@]}"
run 3 "$ESAFETY" policy allow test-filtering.esafety-demo.invalid/iwf-test-page --reason "test" "${D[@]}"
run 3 "$ESAFETY" policy category Staff illegal allow --reason "test" "${D[@]}"
contains "$ERR" "nobody, including the system administrator" "group allow illegal"
run 3 "$ESAFETY" policy time-rule Staff illegal allow --from 12:00 --to 13:00 --reason "test" "${D[@]}"
run 3 "$ESAFETY" categories set illegal --unoverridable false --reason "test" "${D[@]}"
contains "$ERR" "can never be made overridable" "clear unoverridable"
run 0 "$ESAFETY" policy show "${D[@]}"
not_contains "$OUT" "allow iwf-test" "no illegal allow stored"
run 0 "$ESAFETY" check http://iwf-test.esafety-demo.invalid/ --group Staff --json "${D[@]}"
[[ "$(json 'd["step"]["name"]')" == illegal ]] || fail "still illegal"

# Category and time-rule changes take effect.
GAME="$(grep -v '^#' "$WORK/var/lists/demo/games/domains" | head -1)"
run 0 "$ESAFETY" policy category Staff games block --reason "Staff asked" "${D[@]}"
run 0 "$ESAFETY" check "http://$GAME/" --group Staff --time "2026-03-04 10:00" --json "${D[@]}"
[[ "$(json 'd["verdict"]')" == block ]] || fail "staff games blocked"
run 0 "$ESAFETY" policy time-rule Staff games allow --days Fri --from 15:30 --to 17:00 --reason "Friday club" "${D[@]}"
contains "$OUT" "Fri 15:30-17:00 allow games" "rule described"
run 0 "$ESAFETY" check "http://$GAME/" --group Staff --time "2026-03-06 16:00" --json "${D[@]}"
[[ "$(json 'd["verdict"]')" == allow ]] || fail "Friday club"
run 2 "$ESAFETY" policy time-rule Staff games allow --days Funday --from 15:30 --to 17:00 --reason x "${D[@]}"
run 2 "$ESAFETY" policy category Staff no-such-thing block --reason x "${D[@]}"
contains "$ERR" "no-such-thing" "unknown category named"

# Removing an entry records who and why, and the site follows the categories again.
ID="$("$ESAFETY" policy show "${D[@]}" | awk '/quiz-demo.example\/answers/ {print $1}')"
run 0 "$ESAFETY" policy remove "$ID" --reason "Quiz is over" "${D[@]}"
run 0 "$ESAFETY" check http://quiz-demo.example/answers/week1 --group Staff --json "${D[@]}"
[[ "$(json 'd["step"]["name"]')" != local-deny ]] || fail "entry removed"

# Page scanning per group: on with a limit and banned searches, shown by
# policy show, audited; bad values are refused and change nothing.
run 0 "$ESAFETY" policy scan Staff on --limit 200 --block-searches 4 --reason "Trial for staff" --by "dsl" "${D[@]}"
contains "$OUT" "page scanning: on, blocking pages that score over 200" "scan on with limit"
contains "$OUT" "blocked at risk level 4 or higher" "banned searches level"
run 2 "$ESAFETY" policy scan Staff on --block-searches 9 --reason x "${D[@]}"
run 2 "$ESAFETY" policy scan Staff sometimes --reason x "${D[@]}"
run 2 "$ESAFETY" policy scan Nobody on --reason x "${D[@]}"
contains "$ERR" "no group called 'Nobody'" "unknown group named"
run 0 "$ESAFETY" policy show "${D[@]}"
contains "$OUT" "page scanning: on, blocking pages that score over 200" "setting kept after refusals"
run 0 "$ESAFETY" policy scan Staff off --reason "Trial over" "${D[@]}"
contains "$OUT" "page scanning: off" "scan off"
AUDIT="$(sqlite3 "$WORK/var/esafety.db" "SELECT actor || ': ' || reason FROM audit_log WHERE reason LIKE 'Trial%'" 2>&1)"
[[ "$AUDIT" == *"dsl: Trial for staff"* && "$AUDIT" == *"Trial over"* ]] || fail "scan changes audited: $AUDIT"
PASSED=$((PASSED + 1))

finish
