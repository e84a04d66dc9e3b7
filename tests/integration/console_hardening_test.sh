# The console listener's hardening (issue 19, items 2, 4 and 7), on the real
# binary: the block page's buttons need the page's form token and take only
# the device's own reference, are rate-limited and never reload the policy;
# an unauthenticated upload is refused from its head without being read;
# connection caps; the school-network check; the Host check; /metrics behind
# a token; X-Forwarded-For believed only from a trusted proxy; a CSP on the
# pages.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server 'max_connections_per_client = 4
metrics_token = "metrics-secret"
trusted_proxies = ["127.0.0.1/32"]'
C="http://127.0.0.1:$CONSOLE"
KS1=127.0.0.11 KS2=127.0.0.21
code() { curl -s -o "$WORK/body" -w '%{http_code}' --max-time 20 "$@"; }
metrics() { curl -s -H "Authorization: Bearer metrics-secret" "$C/metrics"; }
field() { sed -n "s/.*name=\"$1\" value=\"\\([^\"]*\\)\".*/\\1/p" <<<"$2" | head -1; }

# --- The block page's buttons ------------------------------------------------
PAGE="$(pcurl $KS2 "http://adult-demo.example:$ORIGIN/")"
REF="$(field ref "$PAGE")" TOKEN="$(field token "$PAGE")"
[[ -n "$REF" && -n "$TOKEN" ]] || fail "the block page carries its reference and a form token"
PASSED=$((PASSED + 1))
wait_for 10 bash -c "[[ \$(sqlite3 '$DATA/events.db' 'SELECT count(*) FROM events') -ge 1 ]]" || true
RELOADS_BEFORE="$(grep -c 'policy reloaded' "$WORK/serve.log" || true)"

[[ "$(code --interface $KS2 -d "ref=$REF" "$C/blocked/tell-teacher")" == 403 ]] ||
  fail "a tell-teacher without the page's token is refused"
contains "$(cat "$WORK/body")" "reload the page" "the refusal says what to do"
[[ "$(code --interface $KS2 -d "ref=$REF" -d "token=1772530200.0000" "$C/blocked/tell-teacher")" == 403 ]] ||
  fail "a made-up token is refused"
# KS1 forges a post about KS2's request, with KS2's token: refused.
[[ "$(code --interface $KS1 -d "ref=$REF" --data-urlencode "token=$TOKEN" "$C/blocked/tell-teacher")" == 403 ]] ||
  fail "another device's reference is refused"
# A page on another site posting for the pupil.
[[ "$(code --interface $KS2 -H "Origin: http://evil.example" -d "ref=$REF" --data-urlencode "token=$TOKEN" \
  "$C/blocked/tell-teacher")" == 403 ]] || fail "a post from another site's page is refused"
[[ "$(code --interface $KS2 -H "Origin: null" -d "ref=$REF" --data-urlencode "token=$TOKEN" \
  "$C/blocked/tell-teacher")" == 200 ]] || fail "the pupil's own post is taken ($(cat "$WORK/body"))"
contains "$(cat "$WORK/body")" "teacher" "the thank-you page"
[[ "$(sqlite3 "$DATA/esafety.db" "SELECT count(*) FROM inbox_requests")" == 1 ]] ||
  fail "only the genuine post reached the inbox"
PASSED=$((PASSED + 4))

# A flood from one device: 10 a minute, then a clear page (4 used above by KS2).
LIMITED=""
for i in $(seq 1 8); do
  c="$(code --interface $KS2 -d "ref=$REF" --data-urlencode "token=$TOKEN" "$C/blocked/ask-check")"
  [[ "$c" == 429 ]] && { LIMITED="$i"; break; }
done
[[ "$LIMITED" == 7 ]] || fail "the eleventh post in a minute is rate-limited (got 429 at '$LIMITED')"
contains "$(cat "$WORK/body")" "Wait a minute" "the rate-limit page"
[[ "$(code --interface $KS1 -d "ref=$REF" "$C/blocked/tell-teacher")" == 403 ]] ||
  fail "another device is not limited by this one's flood"
contains "$(metrics)" 'esafety_block_buttons_refused_total{reason="rate"} 1' "rate-limited posts are counted"
PASSED=$((PASSED + 2))

# Six inbox rows later, after two watch ticks: no policy reload.
sleep 5
[[ "$(grep -c 'policy reloaded' "$WORK/serve.log" || true)" == "$RELOADS_BEFORE" ]] ||
  fail "inbox posts reloaded the policy: $(grep 'policy reloaded' "$WORK/serve.log")"
# A real policy change still does.
run 0 "$ESAFETY" policy deny quiz-demo.example --reason "test" --by it.technician --data "$DATA"
wait_for 10 grep -q 'policy reloaded' "$WORK/serve.log" || fail "a policy change still reloads"
PASSED=$((PASSED + 2))

# --- Bodies refused from the head -------------------------------------------
head -c $((50 * 1024 * 1024)) /dev/zero > "$WORK/big"
# VmHWM: the server's peak resident memory, which a body read and freed still raises.
peak_kb() { awk '/^VmHWM/ {print $2}' "/proc/$SERVE_PID/status"; }
RSS_BEFORE="$(peak_kb)"
START=$(date +%s%N)
OUT="$(curl -s -o "$WORK/body" -w '%{http_code} %{size_upload}' --max-time 60 -H 'Expect:' \
  -H 'Content-Type: application/json' --data-binary @"$WORK/big" "$C/api/v1/lists" || true)"
MS=$(( ($(date +%s%N) - START) / 1000000 ))
RSS_AFTER="$(peak_kb)"
echo "50 MB unauthenticated upload: '$OUT' in ${MS} ms; server peak RSS ${RSS_BEFORE} -> ${RSS_AFTER} kB"
[[ "$OUT" == 401* ]] || fail "the unauthenticated 50 MB upload is answered 401 ($OUT)"
contains "$(cat "$WORK/body")" "sign in" "it says to sign in"
(( RSS_AFTER - RSS_BEFORE < 20 * 1024 )) || fail "the server grew by $(( (RSS_AFTER - RSS_BEFORE) / 1024 )) MB reading it"
UPLOADED="${OUT#* }"
(( ${UPLOADED%.*} < 40 * 1024 * 1024 )) || fail "the whole body was sent ($UPLOADED bytes): the server read it"
contains "$(metrics)" 'esafety_console_requests_refused_total{reason="api"}' "refusals from the head are counted"
[[ "$(code -H 'Content-Type: application/json' -d '{}' "$C/api/v1/no-such-route")" == 404 ]] || fail "unknown route, 404 from the head"
[[ "$(code "$C/health")" == 200 ]] || fail "the console keeps serving"
PASSED=$((PASSED + 5))

# --- Connection caps ----------------------------------------------------------
python3 - "$CONSOLE" <<'PY' || fail "per-client connection cap"
import socket, sys, time
port = int(sys.argv[1])
held = []
for _ in range(4):
    s = socket.socket(); s.bind(("127.0.0.41", 0)); s.connect(("127.0.0.1", port)); held.append(s)
time.sleep(0.3)
extra = socket.socket(); extra.bind(("127.0.0.41", 0)); extra.connect(("127.0.0.1", port))
extra.settimeout(5)
extra.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
try:
    got = extra.recv(100)
except ConnectionResetError:
    got = b""
assert got == b"", f"a fifth connection from one address was served: {got!r}"
other = socket.socket(); other.bind(("127.0.0.42", 0)); other.connect(("127.0.0.1", port))
other.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
other.settimeout(5)
assert other.recv(100).startswith(b"HTTP/1.1 200"), "another address is still served"
PY
contains "$(metrics)" 'esafety_console_connections_refused_total{cap="per_client"} 1' "the refusal is counted"
PASSED=$((PASSED + 1))

# --- Networks, names, /metrics, X-Forwarded-For, CSP ----------------------------
# Every address here is loopback, which the console always answers (the
# server itself); 127.0.0.1 is a trusted proxy, so a client it forwards
# from outside the school networks stands for one.
[[ "$(code -H "X-Forwarded-For: 192.0.2.7" "$C/health")" == 403 ]] || fail "a client outside the school networks is refused"
contains "$(cat "$WORK/body")" "school's own networks" "and told why"
[[ "$(code -H "X-Forwarded-For: 127.0.0.21" "$C/health")" == 200 ]] || fail "a forwarded school client is served"
[[ "$(code -H "Host: rebind.attacker.example:$CONSOLE" "$C/api/v1/session")" == 421 ]] ||
  fail "a foreign Host (DNS rebinding) is refused"
[[ "$(code -H "Host: 127.0.0.1:$CONSOLE" "$C/health")" == 200 ]] || fail "the console's own address is fine"
[[ "$(code "$C/metrics")" == 401 ]] || fail "/metrics without the token is refused"
[[ "$(code -H "Authorization: Bearer wrong" "$C/metrics")" == 401 ]] || fail "/metrics with a wrong token is refused"
contains "$(metrics)" "esafety_console_requests_refused_total" "/metrics with the token"
# 127.0.0.1 is a trusted proxy: its X-Forwarded-For names the client.
[[ "$(code -H "X-Forwarded-For: garbage" "$C/health")" == 400 ]] || fail "a forwarded non-address is a 400"
[[ "$(code --interface 127.0.0.2 -H "X-Forwarded-For: 192.0.2.7" "$C/health")" == 200 ]] ||
  fail "X-Forwarded-For from an untrusted peer is ignored"
for path in /ca /health /; do
  HEADERS="$(curl -s -D - -o /dev/null "$C$path")"
  matches "$HEADERS" "Content-Security-Policy: [^"$'\r'"]*default-src '(none|self)'" "CSP on $path"
  matches "$HEADERS" "frame-ancestors 'none'" "no framing of $path"
done
PASSED=$((PASSED + 9))
finish
