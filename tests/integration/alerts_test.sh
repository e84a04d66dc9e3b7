# Alerts to the DSL (issue 14): a KS2 device's self-harm search through the
# proxy becomes one level-5 alert with its evidence; twenty searches are one
# alert with twenty pieces of evidence; triage needs a note, which is sealed
# (not in esafety.db's bytes); a rules file with a mistake is refused with its
# line and the rules in force keep working; good rules take over.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
O=$ORIGIN
KS1=127.0.0.11
KS2=127.0.0.21
STAFF=127.0.0.31
search() { pcurl "$1" -o /dev/null "http://www.google.co.uk:$O/search?q=$2"; }
alerts_json() { "$ESAFETY" alerts --data "$DATA" --json "$@" >"$WORK/alerts.json" 2>/dev/null; }
# count_where <python condition on a> <n>: that many alerts satisfy it.
count_is() {
  alerts_json
  python3 - "$WORK/alerts.json" "$1" "$2" <<'PY'
import json, sys
alerts = json.load(open(sys.argv[1]))
n = sum(1 for a in alerts if eval(sys.argv[2], {"a": a}))
sys.exit(0 if n == int(sys.argv[3]) else 1)
PY
}

# One search: one alert, level 5 for a KS2 pupil, within a second or two.
search $KS2 "how+to+kill+myself"
wait_for 10 count_is 'a["category"] == "self-harm" and a["person"]["group"] == "KS2"' 1 || {
  cat "$WORK/alerts.json" >&2; cat "$WORK/serve.log" >&2; fail "no self-harm alert for the KS2 search"; }
PASSED=$((PASSED + 1))
run 0 "$ESAFETY" alerts --data "$DATA" --json --category self-harm
[[ "$(json 'len(d)')" == 1 ]] || fail "one alert: $OUT"
[[ "$(json 'd[0]["level"]')" == 5 ]] || fail "a KS2 self-harm search is level 5: $OUT"
[[ "$(json 'd[0]["state"]')" == open ]] || fail "the alert is open: $OUT"
[[ "$(json 'd[0]["evidence_count"]')" == 1 ]] || fail "one piece of evidence: $OUT"
ID="$(json 'd[0]["id"]')"
run 0 "$ESAFETY" alerts show "$ID" --data "$DATA" --json
[[ "$(json 'd["evidence"][0]["event"]["search_terms"]')" == "how to kill myself" ]] || fail "the evidence is the search: $OUT"
[[ "$(json 'd["rule"]')" == "self-harm or suicide" ]] || fail "why: the rule: $OUT"
contains "$(json 'd["why"]')" "matched the self-harm list" "why: the list"
PASSED=$((PASSED + 4))

# Nineteen more searches by the same pupil: the same alert, twenty pieces of evidence.
for i in $(seq 1 19); do search $KS2 "how+to+kill+myself+$i"; done
wait_for 15 count_is 'a["category"] == "self-harm" and a["evidence_count"] == 20' 1 || {
  cat "$WORK/alerts.json" >&2; fail "twenty searches did not make one alert with twenty pieces of evidence"; }
run 0 "$ESAFETY" alerts --data "$DATA" --json --category self-harm
[[ "$(json 'len(d)')" == 1 ]] || fail "still one alert: $OUT"
run 0 "$ESAFETY" alerts show "$ID" --data "$DATA" --json
[[ "$(json 'len(d["evidence"])')" == 20 ]] || fail "twenty pieces of evidence kept: $OUT"
[[ "$(json 'all(e["event"] is not None for e in d["evidence"])')" == True ]] || fail "each with its event"
PASSED=$((PASSED + 2))
# The table and the CSV show it too.
run 0 "$ESAFETY" alerts --data "$DATA" --level 5
contains "$OUT" "self-harm" "the table lists it"
run 0 "$ESAFETY" alerts --data "$DATA" --csv
contains "$OUT" "id,level,state,category" "CSV header"
contains "$OUT" ",5,open,self-harm," "CSV row"

# Triage: a note is needed; acknowledge first; the note is sealed.
NOTE="Spoke to the pupil and called home, ref Quokka-4471"
run 2 "$ESAFETY" alerts triage "$ID" --data "$DATA" --action monitor --note "" --by dsl@demo-school.example
contains "$ERR" "note" "an empty note is refused"
run 2 "$ESAFETY" alerts triage "$ID" --data "$DATA" --action shrug --note x --by dsl@demo-school.example
contains "$ERR" "action" "an unknown action is refused"
run 2 "$ESAFETY" alerts triage "$ID" --data "$DATA" --action monitor --note "x" --by dsl@demo-school.example
contains "$ERR" "acknowledge alert $ID first" "monitor before acknowledging"
run 0 "$ESAFETY" alerts triage "$ID" --data "$DATA" --action acknowledge --note "Looking now" --by dsl@demo-school.example
contains "$OUT" "acknowledged" "acknowledged"
# "--note -" reads it from standard input (not left in the shell history).
run 0 "$ESAFETY" alerts triage "$ID" --data "$DATA" --action monitor --note - --by dsl@demo-school.example <<<"$NOTE"
contains "$OUT" "now monitor" "monitor"
run 0 "$ESAFETY" alerts show "$ID" --data "$DATA" --json
[[ "$(json 'd["actions"][1]["note"].strip()')" == "$NOTE" ]] || fail "the note opens for the DSL: $OUT"
[[ "$(json 'd["state"]')" == monitor ]] || fail "state monitor: $OUT"
PASSED=$((PASSED + 2))
for f in "$DATA/esafety.db" "$DATA/esafety.db-wal" "$DATA/serve.log" "$WORK/serve.log"; do
  [[ -f "$f" ]] || continue
  if grep -aq "Quokka-4471" "$f"; then fail "the note is in $f in plain text"; fi
done
[[ "$(stat -c %a "$DATA/records.key")" == 600 ]] || fail "records.key is not mode 0600"
PASSED=$((PASSED + 2))
sqlite3 "$DATA/esafety.db" "SELECT action FROM audit_log ORDER BY id DESC LIMIT 2" >"$WORK/audit.txt"
contains "$(cat "$WORK/audit.txt")" "alert.monitor" "the triage is audited"

# A rules file with a mistake is refused with its line; the rules in force keep working.
"$ESAFETY" alerts rules --data "$DATA" >"$WORK/rules.toml" 2>/dev/null
python3 - "$WORK/rules.toml" "$WORK/bad.toml" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
i = next(n for n, l in enumerate(lines) if l.startswith("level = 4"))
lines[i] = "level = 9"
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print(i + 1)
PY
BAD_LINE="$(grep -n '^level = 9' "$WORK/bad.toml" | cut -d: -f1)"
run 2 "$ESAFETY" alerts rules --data "$DATA" --set "$WORK/bad.toml" --reason "try" --by dsl@demo-school.example
contains "$ERR" "bad.toml: rules: line $BAD_LINE: level must be a whole number from 1 to 5" "the refusal names the line"
run 2 "$ESAFETY" alerts rules --data "$DATA" --set "$WORK/rules.toml" --by dsl@demo-school.example
contains "$ERR" "reason" "a rules change needs a reason"
search $KS1 "how+to+kill+myself"
wait_for 10 count_is 'a["category"] == "self-harm" and a["person"]["group"] == "KS1" and a["level"] == 5' 1 || {
  cat "$WORK/alerts.json" >&2; cat "$WORK/serve.log" >&2; fail "the rules in force stopped working after a bad file"; }
PASSED=$((PASSED + 1))

# Good rules take over in the running server: staff self-harm searches become level 1.
sed 's/levels = { ks1 = 5, ks2 = 5, staff = 3, visitor = 3 }/levels = { ks1 = 5, ks2 = 5, staff = 1, visitor = 3 }/' \
  "$WORK/rules.toml" >"$WORK/good.toml"
run 0 "$ESAFETY" alerts rules --data "$DATA" --set "$WORK/good.toml" --reason "Staff research safeguarding topics" --by dsl@demo-school.example
contains "$OUT" "version" "the new version is in force"
sleep 1
search $STAFF "how+to+kill+myself"
wait_for 10 count_is 'a["category"] == "self-harm" and a["person"]["group"] == "Staff" and a["level"] == 1' 1 || {
  cat "$WORK/alerts.json" >&2; cat "$WORK/serve.log" >&2; fail "the new rules did not take over"; }
PASSED=$((PASSED + 1))
sqlite3 "$DATA/esafety.db" "SELECT reason FROM audit_log WHERE action = 'alert_rules.set'" >"$WORK/audit.txt"
contains "$(cat "$WORK/audit.txt")" "Staff research safeguarding topics" "the rules change is audited with its reason"

# The policy was never reloaded for alert rows.
not_contains "$(cat "$WORK/serve.log")" "policy reloaded (the school's settings changed)" "no policy reload for alerts"

# The key file is needed to open notes: without it serve still starts (the
# filter works, issue 15) and names it; `alerts show` refuses, naming it.
stop_demo_server
mv "$DATA/records.key" "$WORK/records.key"
"$ESAFETY" serve --data "$DATA" > "$WORK/serve_nokey.log" 2>&1 &
SERVE_PID=$!
wait_for 20 curl -sf "http://127.0.0.1:$CONSOLE/health" || { cat "$WORK/serve_nokey.log" >&2; fail "serve starts without the key file"; }
contains "$(cat "$WORK/serve_nokey.log")" "records.key is missing" "serve names the missing key file"
stop_demo_server
run 2 "$ESAFETY" alerts show "$ID" --data "$DATA"
contains "$ERR" "records.key is missing" "show names the missing key file"
mv "$WORK/records.key" "$DATA/records.key"
run 0 "$ESAFETY" alerts show "$ID" --data "$DATA"
contains "$OUT" "$NOTE" "with the key file back, the note opens"
finish
