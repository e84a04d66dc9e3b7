# esafety lists import: every bad line reported as file:line with a reason,
# the rest imported, progress shown, and the new entries decided on at once.
source "$(dirname "$0")/lib.sh"
D=(--data "$WORK/var")
run 0 "$ESAFETY" init --demo "${D[@]}"

L="$WORK/lists"
mkdir -p "$L/ut1/dating" "$L/ut1/gambling"
# Lists are read only from the list folders: <data>/lists, and this one.
sed -i "s|^# folders = .*|folders = [\"$L\"]|" "$WORK/var/esafety.toml"
grep -q "^folders = \[\"$L\"\]" "$WORK/var/esafety.toml" || fail "the test's list folder is set"
printf 'meet-demo.example\r\nlove-demo.example\r\n' > "$L/ut1/dating/domains"
printf '# gambling\nbet-demo.example\nbad host name here\n\xff\xfe\x00\x01junk\n' > "$L/ut1/gambling/domains"
printf 'bet-demo.example/live\n' > "$L/ut1/gambling/urls"
python3 -c "print('x' * 5000 + '.example')" >> "$L/ut1/gambling/domains"
echo "spin-demo.example" >> "$L/ut1/gambling/domains"

run 2 "$ESAFETY" lists import "$L/ut1" --format squidguard "${D[@]}"
contains "$ERR" "--reason is required" "adding a list needs a reason, as on the console"
run 2 "$ESAFETY" lists import "$L/ut1" --format squidguard --reason "  " "${D[@]}"
contains "$ERR" "reason: a reason is required" "a blank reason is refused"
run 0 "$ESAFETY" lists show "${D[@]}"
not_contains "$OUT" "$L/ut1" "nothing added without a reason"
run 0 "$ESAFETY" lists import "$L/ut1" --format squidguard --reason "UT1 lists for the trust" --by it.technician "${D[@]}"
contains "$ERR" "$L/ut1/gambling/domains:3: error" "bad host line reported"
contains "$ERR" "$L/ut1/gambling/domains:4: error" "binary junk reported"
contains "$ERR" "$L/ut1/gambling/domains:5: error" "long line reported"
contains "$ERR" "reading lists:" "progress shown"
contains "$OUT" "New category 'dating'" "new category announced"
[[ "$(sqlite3 "$WORK/var/esafety.db" "SELECT actor || '|' || reason FROM audit_log WHERE action = 'list_source.add' AND target = '$L/ut1'")" == "it.technician|UT1 lists for the trust" ]] \
  || fail "the list is audited once, with who and why"
contains "$OUT" "lines were rejected" "summary"
run 0 "$ESAFETY" check http://www.spin-demo.example/ --group KS1 --json "${D[@]}"
[[ "$(json 'd["category"]["name"]')" == gambling ]] || fail "line after bad lines imported"
run 0 "$ESAFETY" check http://love-demo.example/ --group Staff --json "${D[@]}"
contains "$(json 'd["categories"]')" "dating" "CRLF list imported"

# An e2guardian list with an include chain that has a missing file and a loop.
mkdir -p "$L/e2"
printf '#listcategory: "Banned Sites"\n.Include<%s>\n.Include<%s>\nbanned-demo.example\n' "$L/e2/missing" "$L/e2/b" > "$L/e2/a"
printf '.Include<%s>\nalso-banned-demo.example\n' "$L/e2/a" > "$L/e2/b"
run 0 "$ESAFETY" lists import "$L/e2/a" --format e2guardian --reason "e2guardian lists" "${D[@]}"
contains "$ERR" "$L/e2/a:2: error" "missing include reported at its line"
contains "$ERR" "$L/e2/b:1: error" "loop reported at its line"
run 0 "$ESAFETY" check http://also-banned-demo.example/ --group Staff --json "${D[@]}"
contains "$(json 'd["categories"]')" "banned-sites" "entries after the loop imported"

# Adblock with an exception, and an empty file.
printf '! title\n||ads-demo.example^\n@@||ok.ads-demo.example^\n' > "$L/ads.txt"
: > "$L/empty.txt"
run 0 "$ESAFETY" lists import "$L/ads.txt" --format adblock --category malware-hacking --reason "ad servers" "${D[@]}"
run 2 "$ESAFETY" lists import "$L/empty.txt" --format plain --reason "games" "${D[@]}"
contains "$ERR" "category: choose the category for the sites in a plain list" "a plain list needs its category, as on the console"
run 0 "$ESAFETY" lists import "$L/empty.txt" --format plain --category games --reason "games" "${D[@]}"
contains "$ERR" "empty" "empty file warned"
run 0 "$ESAFETY" check http://x.ads-demo.example/ --group KS1 --json "${D[@]}"
[[ "$(json 'd["category"]["name"]')" == malware-hacking ]] || fail "adblock entry"
run 0 "$ESAFETY" check http://ok.ads-demo.example/ --group Staff --json "${D[@]}"
not_contains "$(json 'd["categories"]')" "malware-hacking" "adblock exception"

# An exception may never take a name out of the illegal category.
printf '@@||iwf-test.esafety-demo.invalid^\n' > "$L/sneaky.txt"
run 0 "$ESAFETY" lists import "$L/sneaky.txt" --format adblock --category illegal --reason "test" "${D[@]}"
contains "$ERR" "unoverridable" "exception in illegal refused"
run 0 "$ESAFETY" check http://iwf-test.esafety-demo.invalid/ --group Staff --json "${D[@]}"
[[ "$(json 'd["step"]["name"]')" == illegal ]] || fail "illegal still blocked"

# Removing a list takes its entries out at once; the list of an
# unoverridable category stays, and an unknown id is a clear error.
list_id() { "$ESAFETY" lists show "${D[@]}" | awk -v p="$1" '$NF == p {print $1}'; }
ads_id=$(list_id "$L/ads.txt")
[[ -n "$ads_id" ]] || fail "the adblock list has an id"
run 0 "$ESAFETY" lists remove "$ads_id" --reason "imported by mistake" --by it.technician "${D[@]}"
contains "$OUT" "Removed list $ads_id: $L/ads.txt" "list removed"
contains "$OUT" "Compiled" "recompiled after removing"
run 0 "$ESAFETY" check http://x.ads-demo.example/ --group Staff --json "${D[@]}"
not_contains "$(json 'd["categories"]')" "malware-hacking" "removed list's entries gone"
run 0 "$ESAFETY" lists show "${D[@]}"
not_contains "$OUT" "$L/ads.txt" "removed list not shown"
sneaky_id=$(list_id "$L/sneaky.txt")
run 2 "$ESAFETY" lists remove "$sneaky_id" --reason "tidying up" "${D[@]}"
contains "$ERR" "cannot be removed" "illegal-category list refused"
run 0 "$ESAFETY" lists show "${D[@]}"
contains "$OUT" "$L/sneaky.txt" "illegal-category list kept"
run 2 "$ESAFETY" lists remove 9999 --reason "no such list" "${D[@]}"
contains "$ERR" "there is no list source 9999" "unknown id"
run 0 "$ESAFETY" check http://iwf-test.esafety-demo.invalid/ --group Staff --json "${D[@]}"
[[ "$(json 'd["step"]["name"]')" == illegal ]] || fail "illegal still blocked after the removals"

# A path outside the list folders is refused before anything is read or
# stored: a file, a link that leads out, a device, a FIFO; an .Include and a
# squidGuard folder entry that lead out are errors at their line; a line that
# cannot be read (a .env file named by mistake) is shown cut, never whole.
mkdir -p "$WORK/private"
printf 'DB_PASSWORD:hunter2-secret-long-value\nsecret-demo.example\n' > "$WORK/private/app.env"
ln -s "$WORK/private/app.env" "$L/innocent.txt"
mkfifo "$L/pipe"
for outside in "$WORK/private/app.env" "$L/innocent.txt" /etc/passwd /dev/zero "$L/../private/app.env"; do
  run 3 "$ESAFETY" lists import "$outside" --format plain --category games --reason "by mistake" "${D[@]}"
  contains "$ERR" "is outside the list folders" "$outside refused"
  not_contains "$ERR" "hunter2" "nothing of $outside is read"
done
run 2 "$ESAFETY" lists import "$L/pipe" --format plain --category games --reason "a FIFO" "${D[@]}"
contains "$ERR" "not a regular file" "a FIFO is refused unread"
run 0 "$ESAFETY" lists show "${D[@]}"
not_contains "$OUT" "private" "nothing outside recorded"
not_contains "$OUT" "$L/pipe" "the FIFO not recorded"
printf '#listcategory: "Banned Sites"\n.Include<%s>\n.Include</dev/zero>\n.Include<%s>\nincluded-demo.example\n' \
  "$WORK/private/app.env" "$L/innocent.txt" > "$L/e2/with-includes"
run 0 "$ESAFETY" lists import "$L/e2/with-includes" --format e2guardian --reason "includes" "${D[@]}"
contains "$ERR" "$L/e2/with-includes:2: error: included file not read: $WORK/private/app.env is outside the list folders" "an .Include outside"
contains "$ERR" "$L/e2/with-includes:3: error: included file not read: /dev/zero is outside" "an .Include of a device"
contains "$ERR" "$L/e2/with-includes:4: error: included file not read: $L/innocent.txt (which is $WORK/private/app.env) is outside" "an .Include of a link out"
not_contains "$ERR" "hunter2" "no included secret shown"
run 0 "$ESAFETY" check http://secret-demo.example/ --group Staff --json "${D[@]}"
not_contains "$(json 'd["categories"]')" "banned-sites" "nothing from outside imported"
mkdir -p "$L/ut1-linked"
ln -s "$WORK/private" "$L/ut1-linked/sneaky"
cp -r "$L/ut1/dating" "$L/ut1-linked/"
cp "$WORK/private/app.env" "$WORK/private/domains"
run 0 "$ESAFETY" lists import "$L/ut1-linked" --format squidguard --reason "a folder with a link out" "${D[@]}"
not_contains "$ERR" "hunter2" "a squidGuard folder's link out is not read"
run 0 "$ESAFETY" check http://secret-demo.example/ --group Staff --json "${D[@]}"
not_contains "$(json 'd["categories"]')" "sneaky" "no category from outside"
cp "$WORK/private/app.env" "$L/app.env"
run 0 "$ESAFETY" lists import "$L/app.env" --format plain --category games --reason "a .env file by mistake" "${D[@]}"
contains "$ERR" "$L/app.env:1: error" "the bad line is named by file:line"
contains "$ERR" '(line: "DB_PASSWORD:hunter2-secr' "the line is shown cut"
not_contains "$ERR$OUT" "hunter2-secret-long-value" "the secret never comes back whole"

# A missing path is a clear error, and nothing is added.
run 2 "$ESAFETY" lists import "$L/nope" --reason "missing" "${D[@]}"
contains "$ERR" "does not exist" "missing path"
run 0 "$ESAFETY" lists show "${D[@]}"
not_contains "$OUT" "$L/nope" "missing path not recorded"

finish
