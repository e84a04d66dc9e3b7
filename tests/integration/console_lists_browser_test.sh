# The Lists page end to end in headless Chromium
# (tests/browser/console_lists.test.mjs): the demo IT technician uploads a
# list of ~200,000 sites with one bad line, watches the compile run in the
# background to the end, sees the bad line named by file:line, and the
# running esafety serve blocks the new site through its proxy without a
# restart. Then the upload is where esafety keeps it, `esafety check` agrees,
# and the audit trail names the technician and the reason.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
BROWSER_DIR="$SOURCE_DIR/tests/browser"
[[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] || fail "run scripts/bootstrap.sh (node packages for the browser tests)"
start_demo_server

# Before: KS2 (the demo browser at 127.0.0.1) reaches the site, which is in no list.
status_before() { [[ "$(pcurl 127.0.0.1 -o /dev/null -w '%{http_code}' "http://nothing-listed.example:$ORIGIN/page?before=lists")" == 200 ]]; }
wait_for 10 status_before || {
  pcurl 127.0.0.1 -i "http://nothing-listed.example:$ORIGIN/page?before=lists" | head -5 >&2
  fail "nothing-listed.example is allowed before the list is added"
}
PASSED=$((PASSED + 1))

# The console's body limits answer 413 in plain words, from the header alone:
# 4 MB for most routes, 64 MB (as base64 JSON) for a list upload, for the
# signed-in IT technician; without a session the head alone gets 401.
curl -s -c "$WORK/jar" -o "$WORK/signin.json" -H 'Content-Type: application/json' \
  -d '{"email":"it@demo-school.example","password":"esafety-demo"}' "http://127.0.0.1:$CONSOLE/api/v1/session"
CSRF="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf"])' "$WORK/signin.json")" ||
  fail "the IT technician signs in: $(cat "$WORK/signin.json")"
too_big() {  # too_big <bytes> <path> [curl args]: the status, with the body in $WORK/413.txt
  truncate -s "$1" "$WORK/big"
  curl -s -o "$WORK/413.txt" -w '%{http_code}' -H 'Content-Type: application/json' "${@:3}" \
    --data-binary @"$WORK/big" "http://127.0.0.1:$CONSOLE$2" || true
}
signed_in=(-b "$WORK/jar" -H "X-CSRF-Token: $CSRF")
[[ "$(too_big 5M /api/v1/people/import "${signed_in[@]}")" == 413 ]] || fail "a 5 MB body for the people import is refused"
contains "$(cat "$WORK/413.txt")" "too big for the console" "413 in plain words"
[[ "$(too_big 90M /api/v1/lists "${signed_in[@]}")" == 413 ]] || fail "a 90 MB list upload is refused"
contains "$(cat "$WORK/413.txt")" "the most the console takes is 64 MB" "413 names the limit"
[[ "$(too_big 5M /api/v1/lists)" == 401 ]] || fail "an upload without a session is refused from its head"
rm -f "$WORK/big"

# The list: a comment, the site, a bad line (line 3), then 200,000 more sites.
LIST="$WORK/trust-blocklist.txt"
{
  echo "# Sites the trust asks schools to block"
  echo "nothing-listed.example"
  echo "this is not a site!"
  seq -f "gamble-%06g.lists-test.example" 1 200000
} > "$LIST"

export ESAFETY_CONSOLE="http://127.0.0.1:$CONSOLE" ESAFETY_PROXY="http://127.0.0.1:$PROXY" ESAFETY_ORIGIN_PORT="$ORIGIN"
export ESAFETY_STAFF_EMAIL="it@demo-school.example" ESAFETY_STAFF_PASSWORD="esafety-demo"
export ESAFETY_LIST_FILE="$LIST"
export ESAFETY_SCREENSHOTS="${ESAFETY_SCREENSHOTS:-$WORK}"
(cd "$BROWSER_DIR" && node --test --test-reporter=spec console_lists.test.mjs) >"$WORK/node.txt" 2>&1 || {
  cat "$WORK/node.txt" >&2
  tail -20 "$WORK/serve.log" >&2
  fail "the Lists page flow in Chromium"
}
grep -o 'progress bar seen while running: [a-z]*.*' "$WORK/node.txt" || true
grep -o 'blocked through the proxy [0-9]* ms after the compile ended' "$WORK/node.txt" || true
PASSED=$((PASSED + 5))

# The upload is kept under the data folder, byte for byte.
cmp -s "$LIST" "$DATA/lists/uploaded/trust-blocklist.txt" || fail "the upload is kept as sent"
PASSED=$((PASSED + 1))

# The same decision from the CLI, with the list's file and line.
run 0 "$ESAFETY" check "http://gamble-123456.lists-test.example/" --group KS2 --json --data "$DATA"
[[ "$(json 'd["verdict"]')" == block ]] || fail "esafety check: the new list blocks for KS2"
[[ "$(json 'd["category"]["name"]')" == gambling ]] || fail "esafety check: gambling"
[[ "$(json 'd["match"]["file"]')" == "$DATA/lists/uploaded/trust-blocklist.txt" ]] || fail "esafety check: the file"
run 0 "$ESAFETY" lists show --data "$DATA"
contains "$OUT" "trust-blocklist.txt" "lists show names the uploaded list"
contains "$OUT" "200001" "lists show counts its entries"

# The change is in the audit trail with who and why.
audit() { sqlite3 "$DATA/esafety.db" "SELECT actor || ' ' || action || ' ' || reason FROM audit_log WHERE action = '$1'"; }
contains "$(audit list_source.add)" "it@demo-school.example list_source.add Sites the trust asks us to block" "upload audited with its reason"
[[ -z "$(audit list.add)" ]] || fail "one audit row for the upload, not a second one"
PASSED=$((PASSED + 1))
contains "$(audit list_source.remove)" "it@demo-school.example list_source.remove Uploaded to the wrong school" "removal audited with its reason"
[[ ! -e "$DATA/lists/uploaded/wrong-school-list.txt" ]] || fail "the removed upload's file is gone"
run 0 "$ESAFETY" lists show --data "$DATA"
not_contains "$OUT" "wrong-school-list.txt" "the removed list is not shown"
finish
