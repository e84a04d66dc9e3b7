# The DNS filter's policy through dig: allowed, blocked, safe search (CNAME +
# address), the Firefox DoH canary, DoH resolvers for pupils, each block
# answer, and one event per query with device, group, decision and category.
source "$(dirname "$0")/lib.sh"
source "$SOURCE_DIR/tests/dns/dns_test_lib.sh"
KS1=(-b 127.0.0.11) KS2=(-b 127.0.0.21) STAFF=(-b 127.0.0.31)

dns_start_upstream
dns_start

# Allowed: answered through the upstream.
OUT="$(q "${KS2[@]}" +short example.org A)"
[[ "$OUT" == 192.0.2.1 ]] || fail "allowed A: '$OUT'"
PASSED=$((PASSED + 1))
OUT="$(q "${KS2[@]}" +short example.org AAAA)"
[[ "$OUT" == 2001:db8::1 ]] || fail "allowed AAAA: '$OUT'"
PASSED=$((PASSED + 1))

# Blocked by category, the name and a subdomain; NXDOMAIN is the default answer.
expect_status NXDOMAIN "blocked name" "${KS2[@]}" adult-demo.example A
expect_status NXDOMAIN "blocked subdomain" "${KS2[@]}" www.cdn.adult-demo.example AAAA
[[ "$(event_field adult-demo.example decision)" == block ]] || fail "event verdict"
[[ "$(event_field adult-demo.example category)" == pornography ]] || fail "event category"
[[ "$(event_field adult-demo.example group)" == KS2 ]] || fail "event group"
[[ "$(event_field adult-demo.example device)" == "Year 5 iPad 01" ]] || fail "event device"
[[ "$(event_field adult-demo.example step)" == category ]] || fail "event step"
[[ "$(event_field adult-demo.example status)" == 3 ]] || fail "event rcode"
PASSED=$((PASSED + 6))

# Uncategorised: KS1 blocks it, KS2 allows it (the group's own rule).
expect_status NXDOMAIN "KS1 uncategorised" "${KS1[@]}" example.net A
expect_status NOERROR "KS2 uncategorised" "${KS2[@]}" example.net A
# An unknown device gets the deny-everything group.
expect_status NXDOMAIN "unknown device" -b 127.0.0.99 example.net A
[[ "$(event_field example.net group)" == "Unknown device" ]] || fail "unknown device group"
PASSED=$((PASSED + 1))

# Safe search: a CNAME to the engine's safe host plus that host's address,
# for Google ccTLDs, YouTube and Bing.
for host in www.google.co.uk www.google.com www.google.de www.google.com.au; do
  OUT="$(q "${KS2[@]}" +noall +answer "$host" A | tr -s ' \t' ' ')"
  contains "$OUT" "$host. 300 IN CNAME forcesafesearch.google.com." "$host CNAME"
  # The safe host's address comes from the cache after the first engine, so
  # its TTL counts down from 300 while the loop runs.
  matches "$OUT" "forcesafesearch\.google\.com\. (300|2[0-9][0-9]) IN A 216\.239\.38\.120" "$host address"
done
OUT="$(q "${KS2[@]}" www.google.co.uk AAAA)"
contains "$OUT" "2001:4860:4802:32::78" "google AAAA"
OUT="$(q "${KS2[@]}" +short www.youtube.com A)"
[[ "$OUT" == $'restrict.youtube.com.\n216.239.38.120' ]] || fail "youtube: '$OUT'"
OUT="$(q "${KS2[@]}" +short www.bing.com A)"
[[ "$OUT" == $'strict.bing.com.\n204.79.197.220' ]] || fail "bing: '$OUT'"
OUT="$(q "${KS2[@]}" +short duckduckgo.com A)"
[[ "$OUT" == $'safe.duckduckgo.com.\n52.142.124.215' ]] || fail "ddg: '$OUT'"
[[ "$(event_field duckduckgo.com decision)" == rewrite ]] || fail "rewrite event"
PASSED=$((PASSED + 4))
# Staff have safe search off: the real answer.
OUT="$(q "${STAFF[@]}" +short www.google.co.uk A)"
[[ "$OUT" == 192.0.2.1 ]] || fail "staff google: '$OUT'"
PASSED=$((PASSED + 1))

# The Firefox canary: NXDOMAIN for everyone, staff included.
expect_status NXDOMAIN "canary KS2" "${KS2[@]}" use-application-dns.net A
expect_status NXDOMAIN "canary staff" "${STAFF[@]}" use-application-dns.net A
[[ "$(event_field use-application-dns.net category)" == doh-canary ]] || fail "canary event"
PASSED=$((PASSED + 1))

# DoH resolvers: blocked for pupils (safe search on), not for staff.
for host in dns.google cloudflare-dns.com mozilla.cloudflare-dns.com dns.quad9.net doh.opendns.com; do
  expect_status NXDOMAIN "DoH $host for KS2" "${KS2[@]}" "$host" A
  expect_status NOERROR "DoH $host for staff" "${STAFF[@]}" "$host" A
done
[[ "$(event_field dns.google category)" == "" ]] || fail "staff DoH event category"
PASSED=$((PASSED + 1))

# Zone transfers are refused.
OUT="$(q "${KS2[@]}" axfr.example.org AXFR)"
contains "$OUT" "Transfer failed" "AXFR refused"
[[ "$(event_field axfr.example.org status)" == 5 ]] || fail "AXFR: REFUSED in the event"
PASSED=$((PASSED + 1))

# The other block answers: 0.0.0.0 / ::, then the block page's address.
dns_stop
dns_start 'block_answer = "zero"'
OUT="$(q "${KS2[@]}" +short adult-demo.example A)"
[[ "$OUT" == 0.0.0.0 ]] || fail "zero A: '$OUT'"
OUT="$(q "${KS2[@]}" +short adult-demo.example AAAA)"
[[ "$OUT" == :: ]] || fail "zero AAAA: '$OUT'"
PASSED=$((PASSED + 2))
expect_status NOERROR "zero: other types are NODATA" "${KS2[@]}" adult-demo.example MX
dns_stop
DNS_CONSOLE_HOST=127.0.0.7 dns_start 'block_answer = "blockpage"'
OUT="$(q "${KS2[@]}" +short adult-demo.example A)"
[[ "$OUT" == 127.0.0.7 ]] || fail "blockpage A: '$OUT'"
OUT="$(q "${KS2[@]}" +short adult-demo.example AAAA)"
[[ -z "$OUT" ]] || fail "blockpage AAAA should be empty: '$OUT'"
PASSED=$((PASSED + 2))
dns_stop
finish
