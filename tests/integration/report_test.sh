# The termly report and the DfE evidence pack (issue 14, items 5 and 7):
# real blocked requests and self-harm searches through the proxy make events
# and alerts; the DSL triages them (one false positive); a local entry is
# added with its reason. `esafety report` then writes the HTML, the CSVs and
# the zip, whose listing and figures are checked against the stores
# themselves. Bad dates are refused naming the flag; the pack is audited.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
O=$ORIGIN
KS1=127.0.0.11
KS2=127.0.0.21
D=(--data "$DATA")
search() { pcurl "$1" -o /dev/null "http://www.google.co.uk:$O/search?q=$2"; }
alert_count() {
  [[ "$("$ESAFETY" alerts "${D[@]}" --csv 2>/dev/null | grep -c ',self-harm,')" == "$1" ]]
}

# Blocked requests: KS1 may not visit the adult site (pornography) or a
# site in no category.
for i in 1 2 3; do pcurl $KS1 -o /dev/null "http://adult-demo.example:$O/$i" || true; done
pcurl $KS1 -o /dev/null "http://casino-demo.example:$O/" || true
# Two pupils' self-harm searches: two level-5 alerts.
search $KS2 "how+to+kill+myself"
search $KS1 "how+to+kill+myself"
wait_for 15 alert_count 2 || { cat "$WORK/serve.log" >&2; fail "no alerts for the searches"; }
mapfile -t IDS < <("$ESAFETY" alerts "${D[@]}" --csv | grep ',self-harm,' | cut -d, -f1)
DSL=(--by dsl@demo-school.example)
run 0 "$ESAFETY" alerts triage "${IDS[0]}" "${D[@]}" --action acknowledge --note "Looking" "${DSL[@]}"
run 0 "$ESAFETY" alerts triage "${IDS[0]}" "${D[@]}" --action false-positive --note "A song title" "${DSL[@]}"
sleep 1
run 0 "$ESAFETY" alerts triage "${IDS[1]}" "${D[@]}" --action acknowledge --note "Looking" "${DSL[@]}"
run 0 "$ESAFETY" policy deny quiz-answers-demo.example --reason "Answers to the class quiz" \
  --by it.technician "${D[@]}"
# The events the proxy logged are in events.db before the report reads it.
wait_for 10 bash -c "[[ \$(sqlite3 '$DATA/events.db' \"SELECT count(*) FROM events WHERE host = 'casino-demo.example'\") -ge 1 ]]" ||
  fail "the blocked requests were not logged"

TODAY="$(date +%F)"
# Bad dates are refused naming the flag, and nothing is written.
run 2 "$ESAFETY" report "${D[@]}" --from 2026-13-01 --to "$TODAY" --out "$WORK/bad"
contains "$ERR" "--from" "a bad --from is named"
run 2 "$ESAFETY" report "${D[@]}" --from "$TODAY" --to yesterday --out "$WORK/bad"
contains "$ERR" "--to" "a bad --to is named"
run 2 "$ESAFETY" report "${D[@]}" --from 2026-02-01 --to 2026-01-31 --out "$WORK/bad"
contains "$ERR" "before --from" "a range that ends before it starts"
[[ ! -e "$WORK/bad" ]] || fail "a refused report wrote $WORK/bad"

run 0 "$ESAFETY" report "${D[@]}" --from "$TODAY" --to "$TODAY" --out "$WORK/pack" --by head@demo-school.example
ZIP="$WORK/pack/evidence-pack-$TODAY-to-$TODAY.zip"
contains "$OUT" "$ZIP" "the zip's path is printed"
contains "$ERR" "report: alerts" "progress on stderr"
LISTING="$(unzip -l "$ZIP")"
for f in report.html blocks-by-category.csv blocks-by-group-and-category.csv \
         alerts-by-level-and-category.csv time-to-acknowledge.csv escalations.csv \
         false-positives-by-rule.csv local-list-changes.csv selftest.csv \
         filter-configuration.csv monitoring-rules.toml audit.csv; do
  contains "$LISTING" " $f" "the zip holds $f"
done
unzip -q "$ZIP" -d "$WORK/unzipped"
cmp "$WORK/unzipped/report.html" "$WORK/pack/report.html" || fail "the zip's report is the written one"
csv() { cat "$WORK/unzipped/$1"; }

# Figures, each against the stores read independently.
expected_blocks="$(sqlite3 "$DATA/events.db" "SELECT category || ',' || count(*) FROM events
  WHERE verdict = 'block' AND category = 'pornography' GROUP BY category")"
[[ "$expected_blocks" == "pornography,3" ]] || { sqlite3 "$DATA/events.db" "SELECT group_name, host, verdict, category, client_ip FROM events" >&2; fail "three adult-site requests blocked: $expected_blocks"; }
contains "$(csv blocks-by-category.csv)" "$expected_blocks"$'\r' "blocked pornography requests"
contains "$(csv blocks-by-group-and-category.csv)" "KS1,pornography,3"$'\r' "by group"
contains "$(csv alerts-by-level-and-category.csv)" "5,self-harm,2"$'\r' "two level-5 self-harm alerts"
contains "$(csv false-positives-by-rule.csv)" "self-harm or suicide,2,1,50.0"$'\r' "FP rate per rule"
# Time to acknowledge: median (the lower middle) and worst, from the store's own rows.
read -r ALL ACKED MEDIAN WORST < <(python3 - "$DATA/esafety.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("SELECT count(*) FROM alerts").fetchone()[0]
w = sorted(r[0] for r in db.execute(
    "SELECT (SELECT min(at) FROM alert_actions WHERE alert_id = a.id) - a.created_at FROM alerts a"
    " WHERE EXISTS (SELECT 1 FROM alert_actions WHERE alert_id = a.id)"))
print(n, len(w), w[(len(w) - 1) // 2], w[-1])
PY
)
[[ "$ACKED" == 2 ]] || fail "two alerts were acknowledged: $ACKED"
contains "$(csv time-to-acknowledge.csv)" "all,$ALL,2,$MEDIAN," "median time to acknowledge"
matches "$(csv time-to-acknowledge.csv)" "all,$ALL,2,$MEDIAN,[^,]*,$WORST,[^,]*,$((ALL - 2))" "worst, and those waiting"
contains "$(csv local-list-changes.csv)" "it.technician,added" "the local change"
contains "$(csv local-list-changes.csv)" "Answers to the class quiz" "with its reason"
contains "$(csv filter-configuration.csv)" "local entry quiz-answers-demo.example,block,it.technician" "the decision"
contains "$(csv filter-configuration.csv)" "KS1,category gambling,block" "a group's decision"
contains "$(csv monitoring-rules.toml)" "self-harm" "the monitoring rules"
contains "$(csv audit.csv)" "alert.false_positive" "the audit of changes"
contains "$(csv report.html)" "<svg" "the page draws its charts"
# Making the pack is audited, with who made it; it is no policy change.
AUDIT="$(sqlite3 "$DATA/esafety.db" "SELECT actor || ' ' || action || ' ' || target FROM audit_log ORDER BY id DESC LIMIT 1")"
[[ "$AUDIT" == "head@demo-school.example report.pack $TODAY to $TODAY" ]] || fail "the pack is audited: $AUDIT"
PASSED=$((PASSED + 1))
finish
