# The proxy never fetches internal addresses (issue 19, item 1): with no
# internal_allow, a device cannot reach esafety's own console (/metrics,
# /api/v1/session), loopback origins, a public name mapped to a private or
# loopback address, the cloud metadata address, or a plain-HTTP port outside
# http_ports. Each refusal is a page that says why (children's words for
# pupils), an event tagged for monitoring, and a count on /metrics. Then the
# per-address connection cap: a device over max_connections_per_client is
# refused, others are not, and the refusals are counted and logged once.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
DEMO_INTERNAL_ALLOW='[]' DEMO_EXTRA_HOSTS="intranet-demo.example=10.0.0.1 sneaky-demo.example=127.0.0.1" \
  DEMO_PROXY="max_connections_per_client = 4" start_demo_server
KS2=127.0.0.21 STAFF=127.0.0.31

# refused <source> <url> <what>: 403 from the filter itself, with its page in $PAGE.
refused() {
  local code
  code="$(pcurl "$1" -o "$WORK/page" -w '%{http_code}' "$2")"
  PAGE="$(cat "$WORK/page")"
  [[ "$code" == 403 ]] || { echo "$PAGE" >&2; fail "$3: expected 403, got $code"; }
  PASSED=$((PASSED + 1))
}

# esafety's own console, through the proxy: neither its metrics nor a session.
refused $KS2 "http://127.0.0.1:$CONSOLE/metrics" "the console's /metrics"
not_contains "$PAGE" "esafety_proxy_requests_total" "no metrics through the proxy"
contains "$PAGE" "inside the school's own computers" "a pupil is told in children's words"
contains "$PAGE" "ask your teacher" "and what to do"
refused $STAFF "http://127.0.0.1:$CONSOLE/api/v1/session" "the console's /api/v1/session"
contains "$PAGE" "does not open addresses inside the school's network" "staff are told plainly"
contains "$PAGE" "127.0.0.1 is a loopback address" "the technical detail says which address and why"
# The origin on loopback, by address and by a public-looking name (after resolution).
refused $STAFF "http://127.0.0.1:$ORIGIN/page" "a loopback origin"
refused $STAFF "http://sneaky-demo.example:$ORIGIN/page" "a name that resolves to loopback"
contains "$PAGE" "127.0.0.1 is a loopback address" "checked after name resolution"
refused $STAFF "http://intranet-demo.example/" "a name that resolves to 10.0.0.1"
contains "$PAGE" "10.0.0.1 is a private network address" "the private address named"
refused $STAFF "http://169.254.169.254/latest/meta-data/" "the cloud metadata address"
contains "$PAGE" "link-local" "link-local named"
refused $STAFF "http://[::1]:$CONSOLE/metrics" "IPv6 loopback"
refused $STAFF "http://[::ffff:127.0.0.1]:$CONSOLE/metrics" "IPv4-mapped loopback"
# A port outside http_ports (80, 8080, the origin's and the console's here).
refused $STAFF "http://nothing-listed.example:22/" "port 22"
contains "$PAGE" "port 22 is not one of the ports" "the port named"
# CONNECT to an internal address is refused the same way (plain text: a
# browser shows its own error for a refused tunnel).
CODE="$(pcurl $STAFF -o /dev/null -w '%{http_connect}' -p "https://sneaky-demo.example:$ORIGIN/")" || true
[[ "$CODE" == 403 ]] || fail "CONNECT to a name on loopback: $CODE"
PASSED=$((PASSED + 1))
CODE="$(pcurl $STAFF -o /dev/null -w '%{http_connect}' -p "https://10.1.2.3:443/")" || true
[[ "$CODE" == 403 ]] || fail "CONNECT to 10.1.2.3: $CODE"
PASSED=$((PASSED + 1))

# The refusals are events, tagged for monitoring, and counted.
METRICS="$(curl -s "http://127.0.0.1:$CONSOLE/metrics")"
matches "$METRICS" 'esafety_proxy_upstream_refused_total\{reason="internal-address"\} (9|1[0-9])' "internal addresses counted"
contains "$METRICS" 'esafety_proxy_upstream_refused_total{reason="port"} 1' "the port counted"
for _ in $(seq 1 100); do
  [[ "$(curl -s "http://127.0.0.1:$CONSOLE/metrics" | awk '$1=="esafety_events_queued_total"{q=$2} $1=="esafety_events_written_total"{w=$2} END{print (q==w)}')" == 1 ]] && break
  sleep 0.05
done
run 0 "$ESAFETY" logs --data "$DATA" --format json --limit 1000
json 'sum(1 for e in d if "upstream-refused" in e["tags"] and e["category"] == "internal-address")' > "$WORK/n"
(( $(cat "$WORK/n") >= 9 )) || fail "internal-address events: $(cat "$WORK/n")"
PASSED=$((PASSED + 1))
json '[e["tags"] for e in d if "10.0.0.1" in e["url"] or "intranet-demo" in e["url"]][0]' > "$WORK/tags"
contains "$(cat "$WORK/tags")" "upstream-refused" "tagged upstream-refused"
contains "$(cat "$WORK/tags")" "private" "tagged with the kind of address"
json '[e["decision"] for e in d if e["category"] == "http-port"][0]' > "$WORK/verdict"
contains "$(cat "$WORK/verdict")" "block" "the port refusal is a blocked event"

# The per-address connection cap: 4 open from KS2, the 5th closed at once;
# another device is not affected; counted, and logged once, not per connection.
python3 - "$PROXY" "$KS2" > "$WORK/cap.txt" <<'PY'
import socket, sys, time
port, source = int(sys.argv[1]), sys.argv[2]
held = [socket.create_connection(("127.0.0.1", port), source_address=(source, 0)) for _ in range(4)]
time.sleep(0.3)
closed = 0
for _ in range(5):
    s = socket.create_connection(("127.0.0.1", port), source_address=(source, 0))
    s.settimeout(1.0)  # an accepted connection would wait for its request (header_timeout_s = 3)
    try:
        closed += s.recv(1) == b""
    except ConnectionResetError:
        closed += 1
    except socket.timeout:
        pass
    s.close()
print(closed)
PY
[[ "$(cat "$WORK/cap.txt")" == 5 ]] || fail "connections over the cap closed at once: $(cat "$WORK/cap.txt") of 5"
PASSED=$((PASSED + 1))
CODE="$(pcurl $STAFF -o /dev/null -w '%{http_code}' "http://nothing-listed.example:22/")"
[[ "$CODE" == 403 ]] || fail "another device is still served: $CODE"
PASSED=$((PASSED + 1))
contains "$(curl -s "http://127.0.0.1:$CONSOLE/metrics")" "esafety_proxy_connections_over_client_cap_total 5" "over-cap refusals counted"
[[ "$(grep -c "max_connections_per_client" "$WORK/serve.log")" == 1 ]] || fail "the cap is logged once, not per connection"
PASSED=$((PASSED + 1))
kill -0 "$SERVE_PID" || fail "esafety serve died"
finish
