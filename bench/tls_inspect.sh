#!/usr/bin/env bash
# What TLS inspection costs the proxy: esafety's own CPU time per request
# (from /proc/<pid>/stat, so the client's and the origin's cost do not count)
# for the same 10,855-byte page over
#   - an inspected connection with keep-alive (minted leaf cached),
#   - a new inspected connection per request (CONNECT + two TLS handshakes),
#   - a plain CONNECT tunnel with keep-alive (a group without inspection).
# The origin is tests/tls/https_origin.py (Python, so wall-clock rates here
# are the origin's, not the proxy's). Everything stays on 127.0.0.1.
#
#   bench/tls_inspect.sh [--scan] [requests]   (default 1000; a tenth of that for new connections)
#
# --scan turns phrase scanning on (KS2, Debian's e2guardian lists from
# $ESAFETY_PHRASE_LISTS, default /etc/e2guardian/lists); without it
# [inspect] phrase_lists = "" so the figures compare with earlier runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SCAN=0
if [[ "${1:-}" == "--scan" ]]; then
  SCAN=1
  shift
fi
N="${1:-1000}"
ESAFETY="${ESAFETY:-build/release/src/app/esafety}"
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ORIGIN=$(port) PROXY=$(port) CONSOLE=$(port)
mkdir -p "$WORK/pki"
bash tests/tls/make_test_certs.sh "$WORK/pki" "nothing-listed.example"
"$ESAFETY" init --demo --data "$WORK/var" >/dev/null 2>&1
"$ESAFETY" ca init --data "$WORK/var" >/dev/null
"$ESAFETY" ca export --format pem --out "$WORK/school-ca.pem" --data "$WORK/var" 2>/dev/null
"$ESAFETY" ca inspect KS2 on --reason bench --data "$WORK/var" >/dev/null
cat > "$WORK/var/esafety.toml" <<TOML
[school]
networks = ["127.0.0.0/25"]
[server]
workers = 1
[proxy]
listen = ["127.0.0.1:$PROXY"]
static_hosts = ["nothing-listed.example=127.0.0.1"]
connect_ports = [$ORIGIN]
internal_allow = ["127.0.0.0/8"]  # the origin listens on loopback
[dns]
enabled = false
[console]
listen = "127.0.0.1:$CONSOLE"
[tls]
extra_trust_file = "$WORK/pki/testca.pem"
[inspect]
phrase_lists = "$( ((SCAN)) && echo "${ESAFETY_PHRASE_LISTS:-/etc/e2guardian/lists}" )"
TOML
python3 tests/tls/https_origin.py "$WORK/ready" "$ORIGIN:$WORK/pki/good.pem:$WORK/pki/good.key" &
PIDS+=($!)
"$ESAFETY" serve --data "$WORK/var" >"$WORK/serve.log" 2>&1 &
SERVE=$!
PIDS+=($SERVE)
for _ in $(seq 100); do
  [[ -f "$WORK/ready" ]] && curl -sf "http://127.0.0.1:$CONSOLE/health" >/dev/null && break
  sleep 0.1
done
URL="https://nothing-listed.example:$ORIGIN/page"
cpu_ms() { awk '{print ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"'}' "/proc/$SERVE/stat"; }
keepalive_config() {  # one curl, N requests on one connection
  for _ in $(seq "$N"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$URL"; done > "$WORK/curl.cfg"
}
measure() {  # measure <label> <requests> <command...>
  local label="$1" n="$2"
  shift 2
  local before after start end
  before=$(cpu_ms)
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  after=$(cpu_ms)
  awk -v l="$label" -v n="$n" -v c=$((${after%.*} - ${before%.*})) -v s="$start" -v e="$end" \
    'BEGIN { printf "| %s | %d | %.3f ms | %.0f req/s |\n", l, n, c / n, n / (e - s) }'
}
keepalive_config
curl -s --interface 127.0.0.21 -x "http://127.0.0.1:$PROXY" --cacert "$WORK/school-ca.pem" -o /dev/null "$URL"
echo "| path | requests | esafety CPU per request | wall rate (origin-bound) |"
echo "|---|---|---|---|"
measure "inspected, keep-alive" "$N" \
  curl -s --interface 127.0.0.21 -x "http://127.0.0.1:$PROXY" --cacert "$WORK/school-ca.pem" -K "$WORK/curl.cfg"
NEW=$((N / 10))
measure "inspected, new connection per request" "$NEW" bash -c "for i in \$(seq $NEW); do curl -s --interface 127.0.0.21 -x http://127.0.0.1:$PROXY --cacert $WORK/school-ca.pem -o /dev/null $URL; done"
measure "tunnel (no inspection), keep-alive" "$N" \
  curl -s --interface 127.0.0.31 -x "http://127.0.0.1:$PROXY" --cacert "$WORK/pki/testca.pem" -K "$WORK/curl.cfg"
curl -s "http://127.0.0.1:$CONSOLE/metrics" | grep -E '^esafety_(tls_(leaf_cache_hit_ratio|leaves_minted_total|inspected_total)|inspect_(pages|bytes)_scanned_total)'
