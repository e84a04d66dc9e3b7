# Shared set-up for tests/integration/dns_*_test.sh (sourced after lib.sh).
# The tests run the real `esafety serve` with its DNS service on, the proxy
# off, and a console port for /metrics.
#
#   dns_start_upstream            -> $UP_PORT: tests/dns/test_upstream.py
#   dns_start [toml lines...]     -> $DNS_PORT: `esafety serve` on a demo school;
#                                    extra lines go into its [dns] section
#                                    ($DNS_NETWORKS, $DNS_CONSOLE_HOST adjust the rest)
#   dns_stop                      SIGTERM, which drains the event queue
#   q <dig args...>               dig at the filter with short timeouts
#   dns_metric <name>             a counter from /metrics, e.g. esafety_dns_malformed_total
#   dns_events                    every event so far, newest first, in $WORK/events.json
#   event_field <name> <field>    a field of the newest event for that DNS name
#
# Demo devices (esafety init --demo): 127.0.0.11 KS1, 127.0.0.21 KS2,
# 127.0.0.31 Staff; any other address is an unknown device.
# Everything stays on 127.0.0.0/8. Processes started here are stopped by pid.

command -v dig >/dev/null || fail "dig is missing: run scripts/bootstrap.sh"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT

# A port free for both TCP and UDP on 127.0.0.1.
free_port() {
  python3 -c 'import socket
s=socket.socket(); s.bind(("127.0.0.1",0)); u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
p=s.getsockname()[1]
u.bind(("127.0.0.1",p)); print(p)'
}

# wait_line <file> <text>: up to 10 s
wait_line() {
  for _ in $(seq 1 200); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  cat "$1" >&2 || true
  fail "timed out waiting for '$2' in $1"
}

dns_start_upstream() {
  UP_PORT="$(free_port)"
  python3 "$SOURCE_DIR/tests/dns/test_upstream.py" "$UP_PORT" >"$WORK/upstream.log" 2>&1 &
  PIDS+=($!)
  UP_PID=$!
  wait_line "$WORK/upstream.log" ready
}

# dns_start [extra [dns] lines] : upstreams default to the test upstream.
dns_start() {
  [[ -d "$WORK/var" ]] || "$ESAFETY" init --demo --data "$WORK/var" >/dev/null 2>&1
  DNS_PORT="$(free_port)"
  DNS_CONSOLE="$(free_port)"
  local line upstreams_set=no
  for line in "$@"; do [[ "$line" == upstreams* ]] && upstreams_set=yes; done
  {
    echo "[school]"
    echo "networks = [${DNS_NETWORKS:-\"127.0.0.0/8\"}]"
    echo "[server]"
    echo "workers = 2"
    echo "[proxy]"
    echo "enabled = false"
    echo "[console]"
    echo "listen = \"${DNS_CONSOLE_HOST:-127.0.0.1}:$DNS_CONSOLE\""
    echo "[dns]"
    echo "enabled = true"
    echo "listen = [\"127.0.0.1:$DNS_PORT\"]"
    [[ $upstreams_set == yes ]] || echo "upstreams = [\"127.0.0.1:$UP_PORT\"]"
    for line in "$@"; do echo "$line"; done
  } >"$WORK/var/esafety.toml"
  "$ESAFETY" serve --data "$WORK/var" >"$WORK/serve.log" 2>&1 &
  DNS_PID=$!
  PIDS+=($DNS_PID)
  for _ in $(seq 1 200); do
    curl -sf "http://${DNS_CONSOLE_HOST:-127.0.0.1}:$DNS_CONSOLE/health" >/dev/null 2>&1 && return 0
    kill -0 "$DNS_PID" 2>/dev/null || break
    sleep 0.05
  done
  cat "$WORK/serve.log" >&2
  fail "esafety serve (DNS) did not start"
}

dns_stop() {
  kill -TERM "$DNS_PID" 2>/dev/null || true
  wait "$DNS_PID" 2>/dev/null || true
}

q() {
  dig +time=3 +tries=1 @127.0.0.1 -p "$DNS_PORT" "$@"
}

dns_metric() {
  curl -sf "http://${DNS_CONSOLE_HOST:-127.0.0.1}:$DNS_CONSOLE/metrics" |
    awk -v n="$1" '$1 == n { print $2 + 0; found = 1 } END { if (!found) print "missing" }'
}

# Waits until the writer has stored every queued event, then reads the log
# through `esafety logs`, as a technician would.
dns_events() {
  local queued stored
  for _ in $(seq 1 200); do
    queued="$(dns_metric esafety_events_queued_total)"
    stored="$(dns_metric esafety_events_written_total)"
    [[ "$queued" != missing && "$queued" == "$stored" ]] && break
    sleep 0.05
  done
  [[ "$queued" == "$stored" ]] || fail "events not written: $queued queued, $stored stored"
  "$ESAFETY" logs --data "$WORK/var" --format json --limit 1000000 >"$WORK/events.json" \
    || fail "esafety logs"
}

# event_field <name> <field>: the field of the newest event for that name.
event_field() {
  dns_events
  python3 - "$WORK/events.json" "$1" "$2" <<'PY'
import json, sys
events = [e for e in json.load(open(sys.argv[1])) if e["url"] == sys.argv[2]]
print(events[0][sys.argv[3]] if events else "<no event>")
PY
}

# status <dig output>: NOERROR, NXDOMAIN, ...
status_of() { sed -n 's/.*status: \([A-Z]*\),.*/\1/p' <<<"$1"; }

expect_status() {  # <expected> <what> <dig args...>
  local want="$1" what="$2"
  shift 2
  OUT="$(q "$@")"
  [[ "$(status_of "$OUT")" == "$want" ]] || { echo "$OUT" >&2; fail "$what: expected $want"; }
  PASSED=$((PASSED + 1))
}
