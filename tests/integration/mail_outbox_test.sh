# The mail outbox against a real SMTP server (Debian's python3-aiosmtpd,
# tests/mail/smtp_sink.py) on loopback: `esafety mail test` delivers; with
# the server down the mail stays in the outbox with the error and `esafety
# mail outbox` shows it; the server killed mid-send and restarted, the mail
# arrives once; STARTTLS with a test certificate, and refused without the CA
# that signed it; smtps with a login. Nothing leaves 127.0.0.0/8.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"

SINK_PYTHON=/usr/bin/python3  # Debian's, where python3-aiosmtpd lives
"$SINK_PYTHON" -c "import aiosmtpd" 2>/dev/null ||
  fail "python3-aiosmtpd is missing: run scripts/bootstrap.sh"

start_demo_server
D=(--data "$DATA")
SINK=$(free_port)
BOX="$WORK/mailbox"
SINK_PID=""

start_sink() {  # start_sink [smtp_sink.py options]
  rm -f "$WORK/sink.ready"
  "$SINK_PYTHON" "$SOURCE_DIR/tests/mail/smtp_sink.py" "$SINK" "$BOX" "$WORK/sink.ready" "$@" \
    >>"$WORK/sink.log" 2>&1 &
  SINK_PID=$!
  wait_for 10 test -f "$WORK/sink.ready" || { cat "$WORK/sink.log" >&2; fail "the SMTP sink did not start"; }
}
stop_sink() {
  if [[ -n "$SINK_PID" ]]; then kill -9 "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
  SINK_PID=""
}
trap 'stop_sink; stop_demo_server; rm -rf "$WORK"' EXIT
# mails_to <address>: how many mails the sink accepted for it
mails_to() {
  local n=0 f
  for f in "$BOX"/*.json; do
    [[ -e "$f" ]] || continue
    if grep -q "\"$1\"" "$f"; then n=$((n + 1)); fi
  done
  echo "$n"
}

has_mails() {  # has_mails <address> <count>
  [[ "$(mails_to "$1")" == "$2" ]]
}

# Not set up: a clear error naming the setting, and nothing queued.
run 2 "$ESAFETY" mail test dsl@school.example "${D[@]}"
contains "$ERR" "mail.smtp_host" "mail test before the relay is set"

# The settings, checked field by field; no TLS only for a loopback relay.
run 2 "$ESAFETY" mail set mail.smtp_port 70000 "${D[@]}"
contains "$ERR" "mail.smtp_port: give a port from 1 to 65535" "a bad port"
run 0 "$ESAFETY" mail set mail.smtp_host smtp.school.example "${D[@]}" --by it.technician
run 2 "$ESAFETY" mail set mail.security none "${D[@]}"
contains "$ERR" "only for a relay on this machine" "no TLS to a remote relay"
run 0 "$ESAFETY" mail set mail.smtp_host 127.0.0.1 "${D[@]}" --by it.technician
run 0 "$ESAFETY" mail set mail.security none "${D[@]}" --by it.technician
run 0 "$ESAFETY" mail set mail.smtp_port "$SINK" "${D[@]}" --by it.technician
run 0 "$ESAFETY" mail set mail.from esafety@school.example "${D[@]}" --by it.technician
run 0 "$ESAFETY" mail set mail.public_url "http://127.0.0.1:$CONSOLE" "${D[@]}" --by it.technician
# The password: from stdin, never shown, never in the audit trail or the log.
run 0 "$ESAFETY" mail set mail.password - "${D[@]}" --by it.technician <<<"Sekrit-Relay-Pw"
contains "$OUT" "(set; not shown)" "mail set mail.password"
run 0 "$ESAFETY" mail show "${D[@]}"
contains "$OUT" "mail.password     (set; not shown)" "mail show"
contains "$OUT" "mail.smtp_port    $SINK" "mail show"
[[ "$OUT" != *Sekrit* ]] || fail "mail show printed the password"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT group_concat(detail) FROM audit_log WHERE target = 'mail.password'")" != *Sekrit* ]] ||
  fail "the audit trail holds the password"
# The password is only for a relay that offers AUTH over TLS; clear it for the plain sink.
run 0 "$ESAFETY" mail set mail.password "" "${D[@]}" --by it.technician

# 1. The relay up: the test mail is delivered, once.
start_sink
run 0 "$ESAFETY" mail test dsl@school.example --wait 30 "${D[@]}" --by it.technician
contains "$OUT" "Sent: the relay accepted the test mail to dsl@school.example" "mail test"
[[ "$(mails_to dsl@school.example)" == 1 ]] || fail "the sink should hold one mail to dsl@school.example"
MAIL="$(cat "$BOX"/1.json)"
contains "$MAIL" "Subject: esafety: a test mail for " "the delivered mail"
contains "$MAIL" "From: esafety (" "the delivered mail"
contains "$MAIL" '"from": "esafety@school.example"' "the envelope sender"

# 2. The relay down: the mail stays, with the error, and the outbox shows it.
stop_sink
run 1 "$ESAFETY" mail test head@school.example --wait 30 "${D[@]}"
contains "$ERR" "was not sent: Couldn't connect to server" "mail test with the relay down"
contains "$ERR" "It stays in the outbox" "mail test with the relay down"
run 0 "$ESAFETY" mail outbox "${D[@]}"
contains "$OUT" "failing" "mail outbox"
contains "$OUT" "head@school.example" "mail outbox"
contains "$OUT" "Couldn't connect to server" "mail outbox"
run 0 "$ESAFETY" mail outbox --json "${D[@]}"
python3 - "$OUT" <<'PY' || fail "mail outbox --json"
import json, sys
mail = json.loads(sys.argv[1])["mail"]
failing = [m for m in mail if m["recipients"] == ["head@school.example"]]
assert len(failing) == 1 and failing[0]["status"] == "failing", failing
assert "Couldn't connect" in failing[0]["last_error"] and failing[0]["next_try_ms"] > 0, failing
assert failing[0]["attempts"] >= 1
sent = [m for m in mail if m["recipients"] == ["dsl@school.example"]]
assert sent[0]["status"] == "sent" and sent[0]["sent_ms"] > 0, sent
PY
# The relay back: the waiting mail goes (now, not in 30 s) and arrives once.
start_sink
run 0 "$ESAFETY" mail retry "${D[@]}" --by it.technician
wait_for 20 has_mails head@school.example 1 || fail "the waiting mail did not arrive after a retry"

# 3. The relay killed mid-send (after DATA, before its 250): the mail stays
# and, the relay restarted, arrives once.
stop_sink
start_sink --hang "$WORK/in-data"
"$ESAFETY" mail test governor@school.example --wait 60 "${D[@]}" >"$WORK/cut.out" 2>"$WORK/cut.err" &
CUT_PID=$!
wait_for 20 test -f "$WORK/in-data" || fail "the mail never reached DATA"
stop_sink
set +e; wait "$CUT_PID"; CUT_RC=$?; set -e
[[ "$CUT_RC" == 1 ]] || { cat "$WORK/cut.err" >&2; fail "mail test cut mid-send should exit 1, not $CUT_RC"; }
contains "$(cat "$WORK/cut.err")" "It stays in the outbox" "mail test cut mid-send"
[[ "$(mails_to governor@school.example)" == 0 ]] || fail "a mail cut mid-send was stored"
start_sink
run 0 "$ESAFETY" mail retry "${D[@]}" --by it.technician
wait_for 20 has_mails governor@school.example 1 || fail "the cut mail did not arrive after the restart"
sleep 3  # nothing sends it a second time
[[ "$(mails_to governor@school.example)" == 1 ]] || fail "the cut mail arrived more than once"
[[ "$(mails_to dsl@school.example)" == 1 && "$(mails_to head@school.example)" == 1 ]] ||
  fail "an earlier mail was sent again"
stop_sink

# 4. STARTTLS, required, with a test certificate for 127.0.0.1.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/sink.key" -out "$WORK/sink.pem" -days 2 \
  -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
start_sink --starttls "$WORK/sink.pem" "$WORK/sink.key"
run 0 "$ESAFETY" mail set mail.security starttls "${D[@]}" --by it.technician
# Signed by nobody the system trusts: refused, and the mail waits.
run 1 "$ESAFETY" mail test tls-untrusted@school.example --wait 30 "${D[@]}"
contains "$ERR" "certificate" "STARTTLS to an untrusted certificate"
[[ "$(mails_to tls-untrusted@school.example)" == 0 ]] || fail "mail went to an untrusted relay"
run 0 "$ESAFETY" mail set mail.ca_file "$WORK/sink.pem" "${D[@]}" --by it.technician
run 0 "$ESAFETY" mail test tls@school.example --wait 30 "${D[@]}"
contains "$(cat "$BOX"/*.json | grep tls@school.example)" '"tls": true' "the mail went over STARTTLS"
# Setting the CA made the waiting mail due again: it goes too.
wait_for 20 has_mails tls-untrusted@school.example 1 || fail "the waiting mail did not go once the CA was set"
stop_sink

# 5. TLS from the first byte (smtps), with a login: a wrong password is the
# relay's refusal, kept with the mail; the right one sends it.
start_sink --tls "$WORK/sink.pem" "$WORK/sink.key" --auth esafety-relay Sekrit-Relay-Pw
run 0 "$ESAFETY" mail set mail.security tls "${D[@]}" --by it.technician
run 0 "$ESAFETY" mail set mail.username esafety-relay "${D[@]}" --by it.technician
run 0 "$ESAFETY" mail set mail.password - "${D[@]}" --by it.technician <<<"Wrong-Pw"
run 1 "$ESAFETY" mail test auth@school.example --wait 30 "${D[@]}"
contains "$ERR" "Login denied" "a wrong relay password"
run 0 "$ESAFETY" mail set mail.password - "${D[@]}" --by it.technician <<<"Sekrit-Relay-Pw"
wait_for 20 has_mails auth@school.example 1 || fail "the mail did not go once the password was right"
AUTHED="$(grep -l auth@school.example "$BOX"/*.json)"
contains "$(cat "$AUTHED")" '"login": "esafety-relay"' "the relay login"
contains "$(cat "$AUTHED")" '"tls": true' "smtps"
stop_sink

grep -q "Sekrit" "$WORK/serve.log" && fail "the serve log holds the password"
echo "mail_outbox: $PASSED checks passed"
