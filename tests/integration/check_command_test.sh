# esafety init --demo, then esafety check: the decisions and explanations a
# technician sees, and the exit codes scripts rely on.
source "$(dirname "$0")/lib.sh"
D=(--data "$WORK/var")

run 0 "$ESAFETY" init --demo "${D[@]}"
contains "$OUT" "Created the demo school" "init"

# A demo adult domain is blocked for KS1, with its explanation.
run 0 "$ESAFETY" check http://adult-demo.example/ --group KS1 --json "${D[@]}"
[[ "$(json 'd["verdict"]')" == block ]] || fail "KS1 verdict"
[[ "$(json 'd["step"]["name"]')" == category ]] || fail "KS1 step"
[[ "$(json 'd["category"]["name"]')" == pornography ]] || fail "KS1 category"
[[ "$(json 'd["match"]["entry"]')" == adult-demo.example ]] || fail "KS1 entry"
[[ "$(json 'd["match"]["file"]')" == "$WORK/var/lists/demo/pornography/domains" ]] || fail "KS1 file"
[[ "$(json 'd["match"]["line"]')" == 3 ]] || fail "KS1 line"

# Subdomains too, and the text form names file:line.
run 0 "$ESAFETY" check https://www.cdn.adult-demo.example/x --group KS1 "${D[@]}"
contains "$OUT" "BLOCK" "text verdict"
contains "$OUT" "pornography/domains:3" "text file:line"

# Staff follow the Staff rules: pornography is blocked for staff too, but
# gambling education sites... staff may read drugs information that KS1 may not.
run 0 "$ESAFETY" check http://adult-demo.example/ --group Staff --json "${D[@]}"
[[ "$(json 'd["verdict"]')" == block ]] || fail "Staff adult"
[[ "$(json 'd["group"]')" == Staff ]] || fail "Staff group"
DRUGS_SITE="$(grep -v '^#' "$WORK/var/lists/demo/drugs/domains" | head -1)"
run 0 "$ESAFETY" check "http://$DRUGS_SITE/" --group KS1 --json "${D[@]}"
[[ "$(json 'd["verdict"]')" == block ]] || fail "KS1 drugs"
run 0 "$ESAFETY" check "http://$DRUGS_SITE/" --group Staff --json "${D[@]}"
[[ "$(json 'd["verdict"]')" == allow ]] || fail "Staff drugs should be allowed"

# Illegal content: step 1 for everyone.
for g in KS1 KS2 Staff Visitor; do
  run 0 "$ESAFETY" check http://iwf-test.esafety-demo.invalid/ --group "$g" --json "${D[@]}"
  [[ "$(json 'd["step"]["name"]')" == illegal ]] || fail "illegal for $g"
  [[ "$(json 'd["category"]["unoverridable"]')" == True ]] || fail "unoverridable flag for $g"
done

# Uncategorised: KS1 blocks, Staff allows.
run 0 "$ESAFETY" check http://nothing-listed.example/ --group KS1 --json "${D[@]}"
[[ "$(json 'd["step"]["name"]')" == uncategorised ]] || fail "KS1 uncategorised"
run 0 "$ESAFETY" check http://nothing-listed.example/ --group Staff --json "${D[@]}"
[[ "$(json 'd["verdict"]')" == allow ]] || fail "Staff uncategorised"

# Time rules: KS2 games at lunch on a weekday only.
GAME="$(grep -v '^#' "$WORK/var/lists/demo/games/domains" | head -1)"
run 0 "$ESAFETY" check "http://$GAME/" --group KS2 --time "2026-03-03 12:15" --json "${D[@]}"
[[ "$(json 'd["verdict"]')" == allow ]] || fail "KS2 games at lunch"
contains "$(json 'd["time_rule"]')" "12:00-13:00" "time rule named"
run 0 "$ESAFETY" check "http://$GAME/" --group KS2 --time "2026-03-03 14:00" --json "${D[@]}"
[[ "$(json 'd["verdict"]')" == block ]] || fail "KS2 games after lunch"
run 0 "$ESAFETY" check "http://$GAME/" --group KS2 --time "2026-03-07 12:15" --json "${D[@]}"
[[ "$(json 'd["verdict"]')" == block ]] || fail "KS2 games on Saturday"

# Safe search for pupils.
run 0 "$ESAFETY" check www.google.co.uk --group KS2 --json "${D[@]}"
[[ "$(json 'd["verdict"]')" == rewrite ]] || fail "safe search"
[[ "$(json 'd["rewrite_host"]')" == forcesafesearch.google.com ]] || fail "safe search host"

# Bad input: exit code 2 and a clear message.
run 2 "$ESAFETY" check 'http://exa mple.com/' --group KS1 "${D[@]}"
contains "$ERR" "is not a URL or host name" "invalid URL message"
run 2 "$ESAFETY" check 'http://example.com:99999/' --group KS1 "${D[@]}"
contains "$ERR" "invalid port" "invalid port message"
run 2 "$ESAFETY" check http://example.com/ --group "Year 12" "${D[@]}"
contains "$ERR" "no group called 'Year 12'" "unknown group"
contains "$ERR" "KS1" "unknown group lists the groups"
run 2 "$ESAFETY" check http://example.com/ --group KS1 --time "next Tuesday" "${D[@]}"
contains "$ERR" "YYYY-MM-DD HH:MM" "bad time"
run 2 "$ESAFETY" check http://example.com/ --group KS1 --data "$WORK/nothing-here"
contains "$ERR" "esafety init" "uninitialised data dir"
run 2 "$ESAFETY" init --demo "${D[@]}"
contains "$ERR" "--force" "init refuses to overwrite"

finish
