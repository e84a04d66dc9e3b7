# esafety logs: the filtering log as a teacher reads it (table) and as it is
# exported (CSV, JSON); filters; exit codes. The log is seeded with the
# sqlite3 shell straight from the schema in src/event_log/migrations (every
# migration, in order), as the writer would leave it.
source "$(dirname "$0")/lib.sh"
export TZ=UTC
D=(--data "$WORK/var")
mkdir -p "$WORK/var"

# No log yet: not an error.
run 0 "$ESAFETY" logs "${D[@]}"
contains "$OUT" "No events match." "no events.db yet"
run 0 "$ESAFETY" logs --format json "${D[@]}"
[[ "$OUT" == "[]" ]] || fail "empty JSON should be [], got: $OUT"

DB="$WORK/var/events.db"
{
  echo "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);"
  version=0
  for migration in "$SOURCE_DIR"/src/event_log/migrations/sqlite/*.sql; do
    version=$((version + 1))
    cat "$migration"
    echo "INSERT INTO schema_migrations VALUES ($version, 0);"
  done
} | sqlite3 "$DB"

# An empty log.
run 0 "$ESAFETY" logs "${D[@]}"
contains "$OUT" "No events match." "empty events.db"

# event <minutes after 2026-03-03 09:00 UTC> <ip> <user> <device> <group> <verdict> <step> <category> <url> [search terms] [reference]
event() {
  local host rest
  rest="${9#*://}"; host="${rest%%[/:?]*}"
  local rev="" i
  for ((i = ${#host} - 1; i >= 0; i--)); do rev+="${host:i:1}"; done
  local t=$((1772528400000 + $1 * 60000))
  sqlite3 "$DB" "INSERT INTO events (school_id, time_ms, kind, client_ip, user_name, device_name,
    group_name, method, url, host, host_rev, category, search_terms, verdict, step, status, reference)
    VALUES (1, $t, 'http', '$2', '$3', '$4', '$5', 'GET', '$9', '$host', '$rev', '$8', '${10:-}',
    '$6', '$7', 200, ${11:-0});"
}
event 0  10.0.0.11 amy.s  "iPad 11" KS1   allow rewrite  search      "https://www.google.co.uk/search?q=frogs" frogs
event 5  10.0.0.11 amy.s  "iPad 11" KS1   block category games       "http://games.example.com/play"
event 10 10.0.0.12 ben.t  "iPad 12" KS2   allow default  education   "http://www.bbc.co.uk/bitesize"
event 65 10.0.0.12 ben.t  "iPad 12" KS2   block category pornography "http://adult-demo.example/x"
event 70 10.0.0.40 ""     "Staff PC" Staff allow default ""          "http://notexample.com/,with,commas"
event 80 2001:db8::7 cara.w "" KS2 block local-deny quiz "http://quiz-demo.example/answers?q=1" "" 7340033

# The table: newest first, every column a teacher needs.
run 0 "$ESAFETY" logs "${D[@]}"
contains "$OUT" "TIME" "table header"
contains "$OUT" "DECISION" "table header"
FIRST="$(sed -n 2p <<<"$OUT")"
contains "$FIRST" "2026-03-03 10:20:00" "newest first"
contains "$FIRST" "2001:db8::7" "IPv6 client"
contains "$FIRST" "cara.w" "user"
contains "$FIRST" "blocked" "decision word"
contains "$OUT" "amy.s (iPad 11)" "user and device"
contains "$OUT" "Staff PC" "device only"
[[ "$(wc -l <<<"$OUT")" == 7 ]] || fail "six events and a header expected"

# Filters.
run 0 "$ESAFETY" logs --decision block --format json "${D[@]}"
[[ "$(json 'len(d)')" == 3 ]] || fail "three blocks"
[[ "$(json '[e["category"] for e in d]')" == "['quiz', 'pornography', 'games']" ]] || fail "blocks newest first"
# The console's event JSON (src/event_log/event_json.h): a block page's
# reference as the pupil reads it ("ES-..."), "" for an event without one.
run 0 "$ESAFETY" logs --decision block --format json "${D[@]}"
[[ "$(json 'd[0]["reference"]')" == ES-????-???? ]] || fail "reference as on the block page: $(json 'd[0]["reference"]')"
[[ "$(json 'd[1]["reference"]')" == "" ]] || fail "no reference: empty"
[[ "$(json 'sorted(k for k in d[0] if k in ("time_ms", "decision", "step", "host", "search_terms", "status"))')" \
   == "['decision', 'host', 'search_terms', 'status', 'step', 'time_ms']" ]] || fail "the console's fields"
run 0 "$ESAFETY" logs --client 10.0.0.11 --format json "${D[@]}"
[[ "$(json 'len(d)')" == 2 ]] || fail "client filter"
run 0 "$ESAFETY" logs --group KS2 --decision allow --format json "${D[@]}"
[[ "$(json '[e["url"] for e in d]')" == "['http://www.bbc.co.uk/bitesize']" ]] || fail "group and decision"
run 0 "$ESAFETY" logs --host example.com --format json "${D[@]}"
[[ "$(json '[e["host"] for e in d]')" == "['games.example.com']" ]] || fail "host includes subdomains, not notexample.com"
run 0 "$ESAFETY" logs --category games --format json "${D[@]}"
[[ "$(json 'len(d)')" == 1 ]] || fail "category filter"
run 0 "$ESAFETY" logs --user "iPad 12" --format json "${D[@]}"
[[ "$(json 'len(d)')" == 2 ]] || fail "device name filter"
run 0 "$ESAFETY" logs --from "2026-03-03 10:00" --to "2026-03-03 10:15" --format json "${D[@]}"
[[ "$(json '[e["time"] for e in d]')" == "['2026-03-03 10:10:00', '2026-03-03 10:05:00']" ]] || fail "time range"
run 0 "$ESAFETY" logs --from 2026-03-03 --to 2026-03-03 --format json "${D[@]}"
[[ "$(json 'len(d)')" == 6 ]] || fail "whole day by date"
run 0 "$ESAFETY" logs --from 2026-03-04 "${D[@]}"
contains "$OUT" "No events match." "nothing the next day"

# Limit, with a note that there is more.
run 0 "$ESAFETY" logs --limit 2 "${D[@]}"
[[ "$(wc -l <<<"$OUT")" == 4 ]] || fail "two events, header and note"
contains "$OUT" "Showing the newest 2 of 6 matching events" "limit note"

# CSV: RFC 4180, header row, CRLF, quoted commas.
run 0 "$ESAFETY" logs --format csv "${D[@]}"
HEADER="$(head -1 <<<"$OUT")"
[[ "$HEADER" == $'id,time,client_ip,device,user,group,decision,step,category,kind,method,url,search_terms,status,bytes_in,bytes_out,duration_us,scores,tags\r' ]] \
  || fail "CSV header: $HEADER"
contains "$OUT" '"http://notexample.com/,with,commas"' "CSV quoting"
python3 - "$WORK/out" <<'PY' || fail "CSV does not parse as 7 rows of 19 fields"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
assert len(rows) == 7 and all(len(r) == 19 for r in rows), rows
assert rows[1][2] == "2001:db8::7" and rows[1][6] == "block" and rows[1][7] == "local-deny"
PY
PASSED=$((PASSED + 1))

# Bad input: exit 2 and a reason.
run 2 "$ESAFETY" logs --decision blocked "${D[@]}"
contains "$ERR" "allow, block, rewrite" "decision choices"
run 2 "$ESAFETY" logs --client 10.0.0.300 "${D[@]}"
contains "$ERR" "not an IP address" "client message"
run 2 "$ESAFETY" logs --from "last tuesday" "${D[@]}"
contains "$ERR" "YYYY-MM-DD" "time form"
run 2 "$ESAFETY" logs --from "2026-03-03 12:00" --to "2026-03-03 09:00" "${D[@]}"
contains "$ERR" "is not before" "from after to"
run 2 "$ESAFETY" logs --limit 0 "${D[@]}"
contains "$ERR" "--limit" "limit message"
run 2 "$ESAFETY" logs --host "bad host!" "${D[@]}"
contains "$ERR" "not a host name" "host message"
run 2 "$ESAFETY" logs --format xml "${D[@]}"

# A file that is not a database: a clear failure, not a crash.
echo "not a database, just text that is long enough to be read" > "$WORK/var/events.db"
rm -f "$WORK/var/events.db-wal" "$WORK/var/events.db-shm"
run 1 "$ESAFETY" logs "${D[@]}"
contains "$ERR" "events.db" "names the file"

finish
