# Searches through the proxy: the words are logged on the event, and safe
# search is enforced on the request itself (STANDARDS.md): Google's
# safe=active and Bing's adlt=strict replace whatever the page asked for, and
# YouTube gets the YouTube-Restrict header, for groups with safe search on;
# staff, who have it off, are left alone.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
O=$ORIGIN
KS2=127.0.0.21
STAFF=127.0.0.31
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

# Google: the term is logged; safe=off becomes safe=active.
ECHO="$(pcurl $KS2 "http://www.google.co.uk:$O/search?q=how+to+draw+a+fox&safe=off")"
PATH_SEEN="$(field 'd["path"]' <<<"$ECHO")"
contains "$PATH_SEEN" "safe=active" "Google gets safe=active"
not_contains "$PATH_SEEN" "safe=off" "the page's safe=off is gone"
contains "$PATH_SEEN" "q=how+to+draw+a+fox" "the search itself is untouched"
# Bing: adlt=strict.
ECHO="$(pcurl $KS2 "http://www.bing.com:$O/search?q=volcanoes&adlt=off")"
contains "$(field 'd["path"]' <<<"$ECHO")" "adlt=strict" "Bing gets adlt=strict"
# YouTube: the header, on every request.
ECHO="$(pcurl $KS2 "http://www.youtube.com:$O/results?search_query=tudor+houses")"
[[ "$(field 'd["headers"].get("YouTube-Restrict", "")' <<<"$ECHO")" == Strict ]] || fail "YouTube-Restrict: Strict: $ECHO"
PASSED=$((PASSED + 2))

# Staff have safe search off: the request goes as sent.
ECHO="$(pcurl $STAFF "http://www.google.co.uk:$O/search?q=ofsted+framework&safe=off")"
contains "$(field 'd["path"]' <<<"$ECHO")" "safe=off" "staff request unchanged"
not_contains "$(field 'd["path"]' <<<"$ECHO")" "safe=active" "no safe=active for staff"

# The log has the words of each search, for the group that made it.
terms_logged() {
  "$ESAFETY" logs --data "$DATA" --format json --limit 50 >"$WORK/logs.json"
  python3 - "$WORK/logs.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
terms = {(r["group"], r["search_terms"]) for r in rows if r["search_terms"]}
want = {("KS2", "how to draw a fox"), ("KS2", "volcanoes"), ("KS2", "tudor houses"),
        ("Staff", "ofsted framework")}
sys.exit(0 if want <= terms else 1)
PY
}
wait_for 10 terms_logged || { cat "$WORK/logs.json" >&2; fail "search terms on the events"; }
PASSED=$((PASSED + 1))
# And `esafety logs` shows them to a teacher at the terminal.
run 0 "$ESAFETY" logs --data "$DATA" --format csv --limit 50
contains "$OUT" "how to draw a fox" "CSV has the search words"
finish
