# esafety backup while serving under load, then restore into a fresh data
# folder and serve from it: the policy, people, audit trail and events are
# those of the backup; a restore is refused while a server runs; the
# databases and the backup are readable by their owner alone (0600), from
# init, through serve, to the backup and the restored copy.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"

mode() { stat -c %a "$1"; }
start_demo_server
for f in esafety.db esafety.db-wal esafety.db-shm events.db events.db-wal events.db-shm; do
  wait_for 10 test -f "$DATA/$f" || fail "$f exists while serving"
  [[ "$(mode "$DATA/$f")" == 600 ]] || fail "$f is $(mode "$DATA/$f") while serving, not 600"
done

# Changes and traffic: a list, a blocked and an allowed visit per device.
printf 'backup-demo.example\n' > "$DATA/lists/own.txt"
run 0 "$ESAFETY" lists import "$DATA/lists/own.txt" --format plain --category gambling --reason "our own list" --data "$DATA"
for i in $(seq 1 20); do
  pcurl 127.0.0.21 -o /dev/null "http://adult-demo.example:$ORIGIN/page?n=$i" || true
  pcurl 127.0.0.31 -o /dev/null "http://allowed-demo.example:$ORIGIN/page?n=$i" || true
done
events_at_least() { (($(sqlite3 "$DATA/events.db" 'SELECT count(*) FROM events') >= $1)); }
wait_for 15 events_at_least 20 || fail "events written ($(sqlite3 "$DATA/events.db" 'SELECT count(*) FROM events'))"
EVENTS_BEFORE=$(sqlite3 "$DATA/events.db" 'SELECT count(*) FROM events')

# Load while the backup runs: four clients browsing without pause.
load() { while :; do pcurl 127.0.0.21 -o /dev/null "http://casino-demo.example:$ORIGIN/load" || true; done; }
LOAD_PIDS=()
for _ in 1 2 3 4; do load & LOAD_PIDS+=($!); done
sleep 1
run 0 "$ESAFETY" backup "$WORK/backup" --data "$DATA"
contains "$OUT" "Backed up $DATA into $WORK/backup" "the backup says what it made"
contains "$OUT" "events.db" "both databases"
contains "$ERR" "backing up events.db: 100%" "progress"
# The key file that sealed notes need is left out, and the backup says so.
contains "$OUT" "The key file $DATA/records.key is needed too, and is not in this backup" "the key file is named"
[[ ! -e "$WORK/backup/records.key" ]] || fail "the key file is not in the backup"
sleep 1
for p in "${LOAD_PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
kill -0 "$SERVE_PID" || fail "the server kept serving through the backup"
[[ "$(mode "$WORK/backup")" == 700 ]] || fail "the backup folder is private"
for f in esafety.db events.db MANIFEST; do
  [[ "$(mode "$WORK/backup/$f")" == 600 ]] || fail "backup/$f is private"
done
EVENTS_BACKUP=$(sqlite3 "$WORK/backup/events.db" 'SELECT count(*) FROM events')
((EVENTS_BACKUP >= EVENTS_BEFORE)) || fail "the backup holds every event written before it began ($EVENTS_BACKUP < $EVENTS_BEFORE)"
[[ "$(sqlite3 "$WORK/backup/events.db" 'PRAGMA integrity_check')" == ok ]] || fail "the events copy is whole"

# Not over a running server's data.
run 2 "$ESAFETY" restore "$WORK/backup" --replace --data "$DATA"
contains "$ERR" "esafety serve is running on $DATA" "restore refused while serving"
stop_demo_server

# A damaged backup changes nothing.
cp -r "$WORK/backup" "$WORK/damaged"
python3 -c "
import sys; f=open(sys.argv[1],'r+b'); f.seek(3*4096); f.write(b'Z'*4096)" "$WORK/damaged/esafety.db"
set +e; "$ESAFETY" restore "$WORK/damaged" --data "$WORK/never" >"$WORK/out" 2>"$WORK/err"; rc=$?; set -e
((rc != 0)) || fail "a damaged backup is refused"
contains "$(cat "$WORK/err")" "is damaged" "says which file is damaged"
[[ ! -e "$WORK/never/esafety.db" ]] || fail "nothing restored from a damaged backup"

# Restore into a fresh folder and compare with the backup.
FRESH="$WORK/fresh"
run 0 "$ESAFETY" restore "$WORK/backup" --data "$FRESH"
contains "$OUT" "Restored $FRESH from $WORK/backup" "the restore says what it did"
contains "$OUT" "lists kept in the old data folder now point at this one" "lists moved"
contains "$OUT" "Put back the key file $FRESH/records.key" "the restore asks for the key file"
q() { sqlite3 "$1" "$2"; }
for table in audit_log people filter_groups categories; do
  [[ "$(q "$FRESH/esafety.db" "SELECT * FROM $table ORDER BY 1")" == "$(q "$WORK/backup/esafety.db" "SELECT * FROM $table ORDER BY 1")" ]] \
    || fail "restored $table equals the backup's"
done
[[ "$(q "$FRESH/esafety.db" "SELECT count(*) FROM list_sources")" == "$(q "$WORK/backup/esafety.db" "SELECT count(*) FROM list_sources")" ]] \
  || fail "every list restored"
[[ "$(q "$FRESH/esafety.db" "SELECT count(*) FROM audit_log WHERE reason = 'our own list'")" == 1 ]] \
  || fail "the change made while serving is in the restored audit trail"
[[ "$(q "$FRESH/events.db" 'SELECT count(*) FROM events')" == "$EVENTS_BACKUP" ]] || fail "every backed-up event restored"
[[ "$(mode "$FRESH/esafety.db")" == 600 && "$(mode "$FRESH/events.db")" == 600 ]] || fail "restored databases are private"
run 0 "$ESAFETY" lists show --data "$FRESH"
contains "$OUT" "$FRESH/lists/own.txt" "the list points into the new folder"
run 2 "$ESAFETY" restore "$WORK/backup" --data "$FRESH"
contains "$ERR" "holds esafety data already" "no silent overwrite"
run 0 "$ESAFETY" check http://backup-demo.example/ --group KS2 --json --data "$FRESH"
[[ "$(json 'd["category"]["name"]')" == gambling ]] || fail "the list added while serving decides in the restore"

# Serve from the restored folder: without the key file it serves with the
# records locked, naming the file (issue 15); with the copy kept apart from
# the backups, the same policy decides.
"$ESAFETY" serve --data "$FRESH" > "$WORK/serve_nokey.log" 2>&1 &
SERVE_PID=$!
wait_for 20 curl -sf "http://127.0.0.1:$CONSOLE/health" || { cat "$WORK/serve_nokey.log" >&2; fail "serves from the restore without the key file"; }
contains "$(cat "$WORK/serve_nokey.log")" "the key file $FRESH/records.key is missing" "serve names the missing key file"
stop_demo_server
install -m 600 "$DATA/records.key" "$FRESH/records.key"
DATA="$FRESH"
"$ESAFETY" serve --data "$FRESH" > "$WORK/serve2.log" 2>&1 &
SERVE_PID=$!
python3 "$SOURCE_DIR/tests/proxy/origin.py" "$ORIGIN" "$WORK/origin2.ready" &
ORIGIN_PID=$!
wait_for 20 curl -sf "http://127.0.0.1:$CONSOLE/health" || { cat "$WORK/serve2.log" >&2; fail "serves from the restore"; }
wait_for 10 test -f "$WORK/origin2.ready" || fail "origin restarted"
[[ "$(pcurl 127.0.0.21 -o /dev/null -w '%{http_code}' "http://adult-demo.example:$ORIGIN/page")" == 403 ]] || fail "KS2 still blocked"
[[ "$(pcurl 127.0.0.31 -o /dev/null -w '%{http_code}' "http://allowed-demo.example:$ORIGIN/page")" == 200 ]] || fail "Staff allowed"
stop_demo_server
finish
