# Two-step sign-in (TOTP) at the console for the head, over HTTP: with the
# school's setting on (the demo has it off), the head's first sign-in shows
# a key to add to an authenticator app; a code from it signs in; a wrong
# code is refused; `esafety people totp-reset` (audited) makes the next
# sign-in set it up again. Codes are computed here with Python's hmac, as
# an authenticator app would.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
C="http://127.0.0.1:$CONSOLE"

signin() {  # email password [code] -> status; body in $WORK/signin.json
  local code="${3:-}"
  curl -s -o "$WORK/signin.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"${code:+,\"code\":\"$code\"}}" "$C/api/v1/session"
}
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$WORK/signin.json" "$1"; }
code_for() {
  python3 - "$1" <<'PY'
import base64, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
}

# The demo: the head signs in with the password alone.
[[ "$(signin head@demo-school.example esafety-demo)" == 200 ]] || fail "demo head signs in without a code"
PASSED=$((PASSED + 1))

# A real school: two-step sign-in on.
sqlite3 "$DATA/esafety.db" "UPDATE settings SET value = 'on' WHERE key = 'console.totp'"
[[ "$(signin head@demo-school.example esafety-demo)" == 401 ]] || fail "the head needs a code now"
SECRET="$(field 'd["totp_setup"]["secret"]')"
URI="$(field 'd["totp_setup"]["uri"]')"
[[ "$SECRET" =~ ^[A-Z2-7]{32}$ ]] || fail "a base32 key: $SECRET"
contains "$URI" "otpauth://totp/esafety%20%28" "an otpauth URI"
contains "$URI" "secret=$SECRET" "the URI carries the key"
[[ "$(signin teacher@demo-school.example esafety-demo)" == 200 ]] || fail "a teacher needs no code"
[[ "$(signin head@demo-school.example esafety-demo 000000)" == 401 ]] || fail "a wrong code"
contains "$(cat "$WORK/signin.json")" "code is not right" "says the code is wrong"
[[ "$(signin head@demo-school.example esafety-demo "$(code_for "$SECRET")")" == 200 ]] || fail "the right code: $(cat "$WORK/signin.json")"
PASSED=$((PASSED + 4))
# Next time: a code, and the key is not shown again.
[[ "$(signin head@demo-school.example esafety-demo)" == 401 ]] || fail "a code each time"
[[ "$(field '"totp_setup" in d')" == False ]] || fail "the key is shown only while setting up"
PASSED=$((PASSED + 1))

# A lost phone: the IT technician resets it, audited; the next sign-in sets up again.
run 0 "$ESAFETY" people totp-reset head@demo-school.example --by it.technician --data "$DATA"
contains "$OUT" "Two-step sign-in is reset for head@demo-school.example" "reset"
run 2 "$ESAFETY" people totp-reset nobody@demo-school.example --data "$DATA"
contains "$ERR" "there is no staff login 'nobody@demo-school.example'" "unknown login named"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT actor FROM audit_log WHERE action = 'person.totp_reset'")" == it.technician ]] || fail "reset audited"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM audit_log WHERE detail LIKE '%$SECRET%' OR reason LIKE '%$SECRET%'")" == 0 ]] || fail "the key is never in the audit"
# The server reads the store on each sign-in: the reset applies at once.
[[ "$(signin head@demo-school.example esafety-demo)" == 401 ]] || fail "after the reset"
NEW="$(field 'd["totp_setup"]["secret"]')"
[[ -n "$NEW" && "$NEW" != "$SECRET" ]] || fail "a new key after the reset"
PASSED=$((PASSED + 3))

# At rest the key is sealed with the records key: not in esafety.db's bytes.
# (The codes here all fall in one 30-second step, and each step signs in
# once per person: forget the step used, as the next step would.)
sqlite3 "$DATA/esafety.db" "UPDATE people SET totp_last_step = 0 WHERE email = 'head@demo-school.example'"
[[ "$(signin head@demo-school.example esafety-demo "$(code_for "$NEW")")" == 200 ]] || fail "the new key: $(cat "$WORK/signin.json")"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT totp_secret = '' AND length(totp_sealed) > 0 FROM people WHERE email = 'head@demo-school.example'")" == 1 ]] ||
  fail "the head's key is kept sealed"
sqlite3 "$DATA/esafety.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
! grep -qa "$NEW" "$DATA"/esafety.db* || fail "the key is in esafety.db in plain text"
PASSED=$((PASSED + 2))

# A key set up before keys were sealed (plain in the database) is sealed when
# serve starts, audited, and still signs in.
stop_demo_server
OLD=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
sqlite3 "$DATA/esafety.db" "UPDATE people SET totp_secret = '$OLD', totp_sealed = x'', totp_last_step = 0 WHERE email = 'head@demo-school.example'"
"$ESAFETY" serve --data "$DATA" > "$WORK/serve2.log" 2>&1 &
SERVE_PID=$!
wait_for 20 curl -sf "$C/health" || { cat "$WORK/serve2.log" >&2; fail "serve restarted"; }
contains "$(cat "$WORK/serve2.log")" "1 two-step sign-in key sealed with the records key" "sealed at start-up"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT totp_secret = '' AND length(totp_sealed) > 0 FROM people WHERE email = 'head@demo-school.example'")" == 1 ]] ||
  fail "the plain key is sealed"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT actor FROM audit_log WHERE action = 'person.totp_sealed'")" == esafety ]] || fail "the sealing is audited"
[[ "$(signin head@demo-school.example esafety-demo "$(code_for "$OLD")")" == 200 ]] || fail "the old key still signs in: $(cat "$WORK/signin.json")"
PASSED=$((PASSED + 4))
finish
