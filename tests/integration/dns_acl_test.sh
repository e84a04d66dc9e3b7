# The DNS filter is not an open resolver: a client outside the school
# networks gets REFUSED and a "refused" event; the per-client rate limit
# (off by default) drops a client that goes over it.
source "$(dirname "$0")/lib.sh"
source "$SOURCE_DIR/tests/dns/dns_test_lib.sh"

dns_start_upstream
DNS_NETWORKS='"127.0.0.2/32"'
dns_start

# 127.0.0.2 is inside, but no device has it: blocked (NXDOMAIN), not refused.
expect_status NXDOMAIN "inside the ACL" -b 127.0.0.2 example.org A
expect_status REFUSED "outside the ACL (UDP)" -b 127.0.0.3 example.org A
expect_status REFUSED "outside the ACL (TCP)" -b 127.0.0.3 +tcp example.org A
dns_events
OUT="$(python3 - "$WORK/events.json" <<'PY'
import json, sys
refused = [e for e in json.load(open(sys.argv[1])) if e["client_ip"] == "127.0.0.3"]
print(len(refused), refused[0]["kind"], refused[0]["status"], refused[0]["category"])
PY
)"
[[ "$OUT" == "2 refused 5 outside-school-networks" ]] || fail "refused events: '$OUT'"
PASSED=$((PASSED + 1))
dns_stop

# A flood from outside (spoofed sources cost nothing): every query is refused
# and counted, but only refused_events_per_minute of them become events.
dns_start 'refused_events_per_minute = 3'
python3 - "$DNS_PORT" >"$WORK/flood.txt" <<'PY'
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.4", 0))
s.settimeout(1.0)
q = lambda i: struct.pack(">HHHHHH", i, 0x0100, 1, 0, 0, 0) + b"\x07example\x03org\x00\x00\x01\x00\x01"
got = 0
for i in range(40):
    s.sendto(q(i), ("127.0.0.1", int(sys.argv[1])))
    try:
        if (s.recv(512)[3] & 0x0F) == 5:
            got += 1
    except socket.timeout:
        pass
print(got)
PY
[[ "$(cat "$WORK/flood.txt")" == 40 ]] || fail "every query from outside is answered REFUSED: $(cat "$WORK/flood.txt")"
PASSED=$((PASSED + 1))
[[ "$(dns_metric esafety_dns_refused_clients_total)" == 40 ]] || fail "refused clients counted in full"
PASSED=$((PASSED + 1))
dns_events
logged="$(python3 -c 'import json,sys; print(sum(1 for e in json.load(open(sys.argv[1])) if e["client_ip"] == "127.0.0.4"))' "$WORK/events.json")"
# 3 a minute: 3, or 6 if the flood crossed a minute's edge.
(( logged == 3 || logged == 6 )) || fail "refused queries logged: $logged of 40, expected 3 a minute"
PASSED=$((PASSED + 1))
unlogged="$(dns_metric esafety_dns_refused_unlogged_total)"
(( unlogged == 40 - logged )) || fail "refused queries not logged are counted: $unlogged"
PASSED=$((PASSED + 1))
dns_stop

# Rate limit: 20 queries a second per client.
unset DNS_NETWORKS
dns_start 'rate_limit_qps = 20'
python3 - "$DNS_PORT" >"$WORK/rl.txt" <<'PY'
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.21", 0))
s.settimeout(0.5)
q = lambda i: struct.pack(">HHHHHH", i, 0x0100, 1, 0, 0, 0) + b"\x07example\x03org\x00\x00\x01\x00\x01"
for i in range(100):
    s.sendto(q(i), ("127.0.0.1", int(sys.argv[1])))
got = 0
try:
    while True:
        s.recv(512)
        got += 1
except socket.timeout:
    pass
print(got)
PY
got="$(cat "$WORK/rl.txt")"
(( got >= 15 && got <= 30 )) || fail "rate limit: $got of 100 answered, expected about 20"
PASSED=$((PASSED + 1))
# Another client is not affected.
expect_status NOERROR "other client" -b 127.0.0.22 example.org A
limited="$(dns_metric esafety_dns_rate_limited_total)"
(( limited >= 70 )) || fail "rate-limited queries counted in /metrics: $limited"
PASSED=$((PASSED + 1))
dns_stop
finish
