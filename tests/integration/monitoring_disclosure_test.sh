# Disclosures and harmless titles through the real proxy (issue 22): a KS2
# device (the demo school's KS2 blocks searches at level 4) searching Bing for
# "my teacher touched me" reaches the search engine (the child must reach
# Childline), the event is tagged "disclosure", and the DSL gets a level-5
# disclosure alert. "suicide squad film cast" and "romeo and juliet suicide
# scene" are not blocked and not tagged; "how to kill myself" still is blocked.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
O=$ORIGIN
KS2=127.0.0.21
status_of() { pcurl $KS2 -o /dev/null -w '%{http_code}' "http://www.bing.com:$O/search?q=$1"; }

[[ "$(status_of 'my+teacher+touched+me')" == 200 ]] || fail "a disclosure search must not be blocked"
[[ "$(status_of 'my+d4d+hits+me')" == 200 ]] || fail "a disguised disclosure must not be blocked"
[[ "$(status_of 'suicide+squad+film+cast')" == 200 ]] || fail "the film is not blocked for KS2"
[[ "$(status_of 'romeo+and+juliet+suicide+scene')" == 200 ]] || fail "the play is not blocked for KS2"
[[ "$(status_of 'how+to+kill+myself')" == 403 ]] || fail "a level-5 self-harm search is still blocked"
PASSED=$((PASSED + 5))

# The events: the disclosure is tagged, the titles carry no monitoring tag.
tags_right() {
  "$ESAFETY" logs --data "$DATA" --format json --limit 50 >"$WORK/logs.json"
  python3 - "$WORK/logs.json" <<'PY'
import json, sys
rows = {r["search_terms"]: r for r in json.load(open(sys.argv[1])) if r["search_terms"]}
def tags(term): return set(filter(None, rows[term]["tags"].split(";"))) if term in rows else None
ok = (tags("my teacher touched me") == {"disclosure"}
      and "disclosure" in (tags("my d4d hits me") or set())
      and tags("suicide squad film cast") == set()
      and tags("romeo and juliet suicide scene") == set()
      and "self-harm" in (tags("how to kill myself") or set()))
sys.exit(0 if ok else 1)
PY
}
wait_for 10 tags_right || { cat "$WORK/logs.json" >&2; fail "event tags"; }
PASSED=$((PASSED + 1))

# The DSL: one open level-5 disclosure alert for the KS2 pupil, saying why
# with the list's file:line.
disclosure_alert() {
  "$ESAFETY" alerts --data "$DATA" --json --category disclosure >"$WORK/alerts.json" 2>/dev/null
  python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); sys.exit(0 if len(a) == 1 and a[0]["level"] == 5 and a[0]["person"]["group"] == "KS2" else 1)' "$WORK/alerts.json"
}
wait_for 10 disclosure_alert || { cat "$WORK/alerts.json" >&2; fail "no level-5 disclosure alert"; }
PASSED=$((PASSED + 1))
run 0 "$ESAFETY" alerts --data "$DATA" --json --category disclosure
ID="$(json 'd[0]["id"]')"
run 0 "$ESAFETY" alerts show "$ID" --data "$DATA" --json
[[ "$(json 'd["rule"]')" == "disclosure" ]] || fail "the disclosure rule: $OUT"
matches "$(json 'd["why"]')" "monitoring/disclosure.list:[0-9]+" "the why names the list line"
finish
