# A school's own monitoring lists (issue 22): [inspect] monitoring_lists
# names a folder of <category>.list files read beside the built-in lists.
# A Willenhall school's context line "!noose lane 0" lets its pupils search
# for their own street (the built-in "noose" is level 4: KS2 blocks it), a
# local slang phrase it adds blocks and tags, and a bad line is logged with
# its file:line while the rest loads.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
LISTS="$WORK/school-lists"
mkdir -p "$LISTS"
printf '# Our streets\n!noose lane\t0\n' >"$LISTS/self-harm.list"
printf 'plug near me\t4\nnot a level\n' >"$LISTS/drugs.list"
start_demo_server "[inspect]
monitoring_lists = \"$LISTS\""
KS2=127.0.0.21
status_of() { pcurl $KS2 -o /dev/null -w '%{http_code}' "http://www.bing.com:$ORIGIN/search?q=$1"; }

[[ "$(status_of 'noose+lane+willenhall')" == 200 ]] || fail "the school's street is not blocked"
[[ "$(status_of 'how+to+tie+a+noose')" == 403 ]] || fail "the built-in list still blocks"
[[ "$(status_of 'plug+near+me')" == 403 ]] || fail "the school's own phrase blocks at level 4"
PASSED=$((PASSED + 3))
contains "$(cat "$WORK/serve.log")" "$LISTS/drugs.list:2:" "the bad line is logged with file:line"

tags_right() {
  "$ESAFETY" logs --data "$DATA" --format json --limit 20 >"$WORK/logs.json"
  python3 - "$WORK/logs.json" <<'PY'
import json, sys
rows = {r["search_terms"]: r["tags"] for r in json.load(open(sys.argv[1])) if r["search_terms"]}
sys.exit(0 if rows.get("noose lane willenhall") == "" and rows.get("plug near me") == "drugs" else 1)
PY
}
wait_for 10 tags_right || { cat "$WORK/logs.json" >&2; fail "event tags"; }
PASSED=$((PASSED + 1))

# `esafety monitoring evaluate --school-lists` reads the lists as serve does.
run 0 "$ESAFETY" monitoring evaluate "$SOURCE_DIR/data/monitoring/corpus/searches.tsv" --split tune \
  --school-lists "$LISTS"
contains "$OUT" "Lists: built in and $LISTS" "evaluate names both"
contains "$ERR" "drugs.list:2:" "evaluate warns of the bad line"
finish
