# The DNS filter's forwarding: an upstream that never answers gets the client
# SERVFAIL within the configured bound; failover to a second upstream; the
# cache honours positive and negative TTLs; serve-stale when every upstream
# has gone.
source "$(dirname "$0")/lib.sh"
source "$SOURCE_DIR/tests/dns/dns_test_lib.sh"
KS2=(-b 127.0.0.21)
ms() { date +%s%3N; }

dns_start_upstream
dns_start 'upstream_timeout_ms = 600'

# A name the upstream never answers: SERVFAIL in about 600 ms, never more than 1.5 s.
t0=$(ms)
expect_status SERVFAIL "silent upstream" "${KS2[@]}" silent.test A
t1=$(ms)
(( t1 - t0 >= 500 && t1 - t0 < 1500 )) || fail "SERVFAIL took $((t1 - t0)) ms"
PASSED=$((PASSED + 1))

# The cache: asked twice, the upstream sees it once.
q "${KS2[@]}" cached.test A >/dev/null
q "${KS2[@]}" cached.test A >/dev/null
OUT="$(q "${KS2[@]}" +short count.cached.test TXT)"
[[ "$OUT" == '"1"' ]] || fail "positive answer cached: upstream asked $OUT times"
PASSED=$((PASSED + 1))
# The TTL counts down in the cached copy.
sleep 1.1
OUT="$(q "${KS2[@]}" +noall +answer cached.test A)"
[[ "$OUT" =~ cached\.test\.[[:space:]]+(359[0-9])[[:space:]] ]] || fail "TTL counted down: '$OUT'"
PASSED=$((PASSED + 1))
# A 2-second TTL expires.
q "${KS2[@]}" ttl2.test A >/dev/null
sleep 2.2
q "${KS2[@]}" ttl2.test A >/dev/null
OUT="$(q "${KS2[@]}" +short count.ttl2.test TXT)"
[[ "$OUT" == '"2"' ]] || fail "expired answer asked again: upstream asked $OUT times"
PASSED=$((PASSED + 1))
# Negative answers are cached too (SOA minimum 30 s).
expect_status NXDOMAIN "nxdomain" "${KS2[@]}" gone.nxdomain.test A
expect_status NXDOMAIN "nxdomain again" "${KS2[@]}" gone.nxdomain.test A
OUT="$(q "${KS2[@]}" +short count.gone.nxdomain.test TXT)"
[[ "$OUT" == '"1"' ]] || fail "negative answer cached: upstream asked $OUT times"
PASSED=$((PASSED + 1))
dns_stop

# Failover: the first upstream is a closed port, the second answers.
DEAD_PORT="$(free_port)"
dns_start "upstreams = [\"127.0.0.1:$DEAD_PORT\", \"127.0.0.1:$UP_PORT\"]" 'upstream_timeout_ms = 1000'
OUT="$(q "${KS2[@]}" +short failover.test A)"
[[ "$OUT" == 192.0.2.1 ]] || fail "failover: '$OUT'"
OUT="$(q "${KS2[@]}" +short failover2.test A)"
[[ "$OUT" == 192.0.2.1 ]] || fail "failover, second name: '$OUT'"
PASSED=$((PASSED + 2))
dns_stop

# Every upstream dead: SERVFAIL, quickly (a refused port fails at once).
dns_start "upstreams = [\"127.0.0.1:$DEAD_PORT\"]" 'upstream_timeout_ms = 800'
t0=$(ms)
expect_status SERVFAIL "no upstream" "${KS2[@]}" nowhere.test A
t1=$(ms)
(( t1 - t0 < 1300 )) || fail "SERVFAIL without upstreams took $((t1 - t0)) ms"
PASSED=$((PASSED + 1))
dns_stop

# Serve-stale: an expired answer is served (TTL 30) once the upstream is gone.
dns_start 'serve_stale = true' 'upstream_timeout_ms = 500'
q "${KS2[@]}" ttl2.test A >/dev/null
kill "$UP_PID"; wait "$UP_PID" 2>/dev/null || true
sleep 2.2
OUT="$(q "${KS2[@]}" +noall +answer ttl2.test A)"
[[ "$OUT" =~ ttl2\.test\.[[:space:]]+30[[:space:]]+IN[[:space:]]+A[[:space:]]+192\.0\.2\.1 ]] \
  || fail "stale answer: '$OUT'"
PASSED=$((PASSED + 1))
expect_status SERVFAIL "never cached, no upstream" "${KS2[@]}" never.test A
[[ "$(dns_metric esafety_dns_stale_answers_total)" == 1 ]] || fail "stale answer counted"
PASSED=$((PASSED + 1))
dns_stop
finish
