# Shared set-up for tests/integration/dns_*_test.sh (sourced after lib.sh).
#
#   dns_start_upstream            -> $UP_PORT: tests/dns/test_upstream.py
#   dns_start [toml lines...]     -> $DNS_PORT: esafety_dns_testd on a demo school,
#                                    events in $WORK/events.jsonl
#   q <dig args...>               dig at the filter with short timeouts
#
# Demo devices (esafety init --demo): 127.0.0.11 KS1, 127.0.0.21 KS2,
# 127.0.0.31 Staff; any other address is an unknown device.
# Everything stays on 127.0.0.0/8. Processes started here are stopped by pid.

TESTD="$(cd "$(dirname "$ESAFETY")/.." && pwd)/dns/esafety_dns_testd"
[[ -x "$TESTD" ]] || fail "build esafety_dns_testd first (cmake --build --preset release)"
command -v dig >/dev/null || fail "dig is missing: run scripts/bootstrap.sh"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT

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
  {
    echo "[school]"
    echo "networks = [${DNS_NETWORKS:-\"127.0.0.0/8\"}]"
    echo "[dns]"
    echo "listen = [\"127.0.0.1:$DNS_PORT\"]"
    local line upstreams_set=no
    for line in "$@"; do [[ "$line" == upstreams* ]] && upstreams_set=yes; done
    [[ $upstreams_set == yes ]] || echo "upstreams = [\"127.0.0.1:$UP_PORT\"]"
    for line in "$@"; do echo "$line"; done
  } >"$WORK/esafety.toml"
  : >"$WORK/events.jsonl"
  "$TESTD" --data "$WORK/var" --config "$WORK/esafety.toml" --workers 2 \
    --events "$WORK/events.jsonl" >"$WORK/testd.out" 2>"$WORK/testd.err" &
  DNS_PID=$!
  PIDS+=($DNS_PID)
  wait_line "$WORK/testd.out" ready
}

dns_stop() {
  kill "$DNS_PID" 2>/dev/null || true
  wait "$DNS_PID" 2>/dev/null || true
}

q() {
  dig +time=3 +tries=1 @127.0.0.1 -p "$DNS_PORT" "$@"
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

# event_field <name> <field>: the field of the last event for that name
event_field() {
  python3 - "$WORK/events.jsonl" "$1" "$2" <<'PY'
import json, sys
last = None
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["name"] == sys.argv[2]:
        last = e
print(last[sys.argv[3]] if last else "<no event>")
PY
}
