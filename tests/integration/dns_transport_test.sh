# The DNS filter's transports and bad input: TCP, truncation (TC over UDP, the
# whole answer over TCP), EDNS0 sizes, and malformed messages that must get
# FORMERR/NOTIMP or nothing, without ever stopping the server.
source "$(dirname "$0")/lib.sh"
source "$SOURCE_DIR/tests/dns/dns_test_lib.sh"
KS2=(-b 127.0.0.21)

dns_start_upstream
dns_start

# TCP, allowed and blocked.
OUT="$(q "${KS2[@]}" +tcp +short example.org A)"
[[ "$OUT" == 192.0.2.1 ]] || fail "TCP allowed: '$OUT'"
PASSED=$((PASSED + 1))
expect_status NXDOMAIN "TCP blocked" "${KS2[@]}" +tcp adult-demo.example A

# A 3.6 KB answer: TC over UDP (the upstream's own TC made us ask it over TCP),
# the whole answer over TCP.
OUT="$(q "${KS2[@]}" +ignore big.test TXT)"
contains "$OUT" "flags: qr tc rd ra" "UDP answer truncated"
contains "$OUT" "ANSWER: 0" "truncated answer is empty"
OUT="$(q "${KS2[@]}" +tcp big.test TXT)"
contains "$OUT" "ANSWER: 30" "TCP carries all 30 records"
not_contains "$OUT" " tc " "no TC over TCP"
# From the cache now: still TC over UDP, and without EDNS too.
OUT="$(q "${KS2[@]}" +ignore +noedns big.test TXT)"
contains "$OUT" "flags: qr tc rd ra" "cached answer truncated without EDNS"
(( $(dns_metric esafety_dns_upstream_tcp_total) >= 1 )) || fail "TCP fallback to the upstream counted"
(( $(dns_metric esafety_dns_truncated_total) >= 2 )) || fail "TC answers counted"
# Every UDP query above came in a batch read, and no batch was empty.
batches="$(dns_metric esafety_dns_udp_batches_total)"
udp=$(( $(dns_metric esafety_dns_queries_total) - $(dns_metric esafety_dns_tcp_queries_total) ))
(( batches >= 1 && batches <= udp )) || fail "UDP batch reads counted ($batches for $udp UDP queries)"
PASSED=$((PASSED + 3))

# EDNS0: our OPT comes back; without EDNS a 512-byte limit applies.
OUT="$(q "${KS2[@]}" example.org A)"
contains "$OUT" "EDNS: version: 0, flags:; udp: 1232" "EDNS OPT in the answer"
OUT="$(q "${KS2[@]}" +noedns example.org A)"
not_contains "$OUT" "EDNS:" "no OPT without EDNS"

# Malformed messages.
raw() { python3 "$SOURCE_DIR/tests/dns/send_raw.py" "$DNS_PORT" "$@"; }
for transport in udp tcp; do
  [[ "$(raw good $transport)" == "rcode=3 qdcount=1" || "$(raw good $transport)" == "rcode=0 qdcount=1" ]] \
    || fail "good query over $transport"
  for c in truncated-question compression-loop forward-pointer label-64 name-256 qdcount-0 qdcount-2 two-opt; do
    OUT="$(raw "$c" "$transport")"
    [[ "$OUT" == "rcode=1 qdcount=0" ]] || fail "$c over $transport: expected FORMERR, got '$OUT'"
    PASSED=$((PASSED + 1))
  done
  for c in opcode-5 opcode-notify; do
    OUT="$(raw "$c" "$transport")"
    [[ "$OUT" == "rcode=4 qdcount=0" ]] || fail "$c over $transport: expected NOTIMP, got '$OUT'"
    PASSED=$((PASSED + 1))
  done
  OUT="$(raw edns-version-1 "$transport")"
  [[ "$OUT" == "rcode=0 qdcount=0 ext=1" ]] || fail "EDNS version 1 over $transport: expected BADVERS, got '$OUT'"
  PASSED=$((PASSED + 1))
done
# Too short to hold an id, and responses: no answer at all.
[[ "$(raw truncated-header)" == "no answer" ]] || fail "truncated header answered"
[[ "$(raw response)" == "no answer" ]] || fail "a response was answered"
PASSED=$((PASSED + 2))

# A burst of junk and good queries, then the server still answers.
python3 - "$DNS_PORT" <<'PY'
import os, socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(5000):
    s.sendto(os.urandom(i % 300), ("127.0.0.1", int(sys.argv[1])))
PY
OUT="$(q "${KS2[@]}" +short example.org A)"
[[ "$OUT" == 192.0.2.1 ]] || fail "server answers after junk: '$OUT'"
PASSED=$((PASSED + 1))
kill -0 "$DNS_PID" || fail "server died"

# Load: dnsperf over UDP for 2 seconds, nothing lost.
if command -v dnsperf >/dev/null; then
  printf 'example.org A\nadult-demo.example A\nwww.google.co.uk A\nexample.org AAAA\n' >"$WORK/perf.txt"
  dnsperf -s 127.0.0.1 -p "$DNS_PORT" -a 127.0.0.21 -d "$WORK/perf.txt" -l 2 -c 2 -Q 5000 >"$WORK/perf.out" 2>&1 \
    || { cat "$WORK/perf.out" >&2; fail "dnsperf"; }
  contains "$(cat "$WORK/perf.out")" "Queries lost:         0 (0.00%)" "dnsperf lost nothing"
fi
(( $(dns_metric esafety_dns_malformed_total) >= 20 )) || fail "malformed messages counted"
PASSED=$((PASSED + 1))
dns_stop
finish
