#!/usr/bin/env bash
# TLS inspection next to its anchor, in one run: the same 10,855-byte page
# over HTTPS from nginx (one worker, keep-alive), fetched
#   - direct from nginx (the reference),
#   - through `esafety serve` with inspection on for the client's group
#     (KS2 in the demo school: decided on the full URL, the page scanned with
#     every phrase list in Debian's e2guardian package, event logged),
#   - through e2guardian with its MITM on (its defaults otherwise: content
#     scanning with Debian's phrase lists, upstream certificate checked).
# Both proxies mint a leaf for the site once (a warm-up request) and then
# reuse it, and every client keeps its connection (curl with a list of URLs
# reuses the CONNECT tunnel and the TLS session inside it).
#
#   bench/tls_mitm.sh [requests-per-client] [clients] [rounds]   (defaults 2000 4 3)
#
# Load: <clients> curl processes at once, each sending <requests> requests on
# one kept-alive connection. The paths take turns for <rounds> rounds; each
# figure is the median. Also printed: each proxy's own CPU time per request
# (from /proc/<pid>/stat), which does not count curl's or nginx's work.
# Runs as root (e2guardian drops to its own user); installs nginx and
# e2guardian from Debian when missing. Nothing leaves 127.0.0.0/8.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PER_CLIENT="${1:-2000}"
CLIENTS="${2:-4}"
ROUNDS="${3:-3}"
PAGE_BYTES=10855
HOST_NAME=nothing-listed.example
# e2guardian 5.3 goes MITM only for CONNECTs to port 443, so the origin
# listens there (loopback only; the bench runs as root).
ORIGIN_PORT=443
ESAFETY_PORT=28181
CONSOLE_PORT=28182
E2G_PORT=28183
E2G_SPARE_PORT=28184
CLIENT_IP=127.0.0.21  # a Year 5 iPad in the demo school: group KS2
PATHS=(direct esafety e2guardian)

source bench/lib.sh
bench_packages nginx e2guardian curl python3 openssl
bench_need_root "bench/tls_mitm.sh starts e2guardian, which needs root to drop to its own user"
cmake --preset release >/dev/null
cmake --build --preset release --target esafety >/dev/null
ESAFETY="$PWD/build/release/src/app/esafety"
bench_ports_free "bench/tls_mitm.sh needs 127.0.0.1:443 and 28181-28184" \
  $ORIGIN_PORT $ESAFETY_PORT $CONSOLE_PORT $E2G_PORT $E2G_SPARE_PORT

bench_workdir esafety-mitmbench
wait_https() {  # wait_https <seconds> <curl args...>
  local deadline=$((SECONDS + $1))
  shift
  until curl -sf -o /dev/null --max-time 5 "$@"; do
    if ((SECONDS > deadline)); then return 1; fi
    sleep 0.2
  done
}
URL="https://$HOST_NAME/page.html"

mkdir -p "$W/www" "$W/nginx-tmp" "$W/pki"
python3 bench/proxy/make_page.py "$W/www/page.html" "$PAGE_BYTES"
chmod 644 "$W/www/page.html"
bash tests/tls/make_test_certs.sh "$W/pki" "$HOST_NAME"
chmod 644 "$W/pki/"*.pem "$W/pki/"*.key
printf '127.0.0.1 %s\n' "$HOST_NAME" > "$W/hosts"

echo "starting nginx (HTTPS page server)..." >&2
sed -e "s#@W@#$W#g" -e "s#@ORIGIN_PORT@#$ORIGIN_PORT#g" bench/proxy/nginx-tls-origin.conf > "$W/nginx.conf"
nginx -e "$W/nginx-origin.error.log" -p "$W" -c "$W/nginx.conf" &
PIDS+=($!)

# e2guardian: Debian's configuration as shipped, repointed at a copy, with
# SSL and MITM switched on: its own CA and leaf key, a folder for the
# certificates it generates, and the test CA as the upstream trust (a
# hashed folder, as OpenSSL's CApath wants).
echo "starting e2guardian with MITM..." >&2
cp -r /etc/e2guardian "$W/e2g"
mkdir -p "$W/e2g-log" "$W/e2g-ca/generated" "$W/e2g-trust"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$W/e2g-ca/ca.key" -out "$W/e2g-ca/ca.pem" \
  -days 30 -subj "/CN=e2guardian bench CA" 2>/dev/null
openssl genrsa -out "$W/e2g-ca/cert.key" 2048 2>/dev/null
cp "$W/pki/testca.pem" "$W/e2g-trust/"
openssl rehash "$W/e2g-trust" 2>/dev/null || c_rehash "$W/e2g-trust" >/dev/null
chown -R e2guardian:e2guardian "$W/e2g-log" "$W/e2g-ca"
grep -rl /etc/e2guardian "$W/e2g" | xargs sed -i "s#/etc/e2guardian#$W/e2g#g"
sed -i -E \
  -e "s#^filterip =.*#filterip = 127.0.0.1#" \
  -e "s#^filterports =.*#filterports = $E2G_PORT#" \
  -e "s#^transparenthttpsport =.*#transparenthttpsport = $E2G_SPARE_PORT#" \
  -e "s#^\#?loglocation =.*#loglocation = '$W/e2g-log/access.log'#" \
  -e "s#^\#?pidfilename =.*#pidfilename = '$W/e2g-log/e2guardian.pid'#" \
  -e "s#^nodaemon =.*#nodaemon = on#" \
  -e "s#^enablessl =.*#enablessl = on#" \
  -e "s#^\#?sslcertificatepath =.*#sslcertificatepath = '$W/e2g-trust/'#" \
  -e "s#^cacertificatepath =.*#cacertificatepath = '$W/e2g-ca/ca.pem'#" \
  -e "s#^caprivatekeypath =.*#caprivatekeypath = '$W/e2g-ca/ca.key'#" \
  -e "s#^certprivatekeypath =.*#certprivatekeypath = '$W/e2g-ca/cert.key'#" \
  -e "s#^generatedcertpath =.*#generatedcertpath = '$W/e2g-ca/generated/'#" \
  -e "s#^\# generatedcertstart = *\$#generatedcertstart = $(($(date +%s) - 86400))#" \
  "$W/e2g/e2guardian.conf"
sed -i -E -e "s#^sslmitm =.*#sslmitm = on#" -e "s#^mitmcheckcert =.*#mitmcheckcert = on#" \
  "$W/e2g/e2guardianf1.conf"
# e2guardian resolves names with the system resolver: in its own mount
# namespace /etc/hosts is the bench's, which maps $HOST_NAME to loopback.
unshare -m sh -c "mount --bind '$W/hosts' /etc/hosts && exec e2guardian -N -c '$W/e2g/e2guardian.conf'" \
  > "$W/e2g-log/stdout.log" 2>&1 &
PIDS+=($!)

echo "starting esafety (demo school, inspection on for KS2)..." >&2
D="$W/esafety"
"$ESAFETY" init --demo --data "$D" > "$W/init.log" 2>&1 || { cat "$W/init.log" >&2; exit 1; }
"$ESAFETY" ca init --data "$D" > /dev/null
"$ESAFETY" ca export --format pem --out "$W/school-ca.pem" --data "$D" 2> /dev/null
"$ESAFETY" ca inspect KS2 on --reason "bench/tls_mitm.sh" --data "$D" > /dev/null
cat > "$D/esafety.toml" <<TOML
[school]
networks = ["127.0.0.0/8"]
[proxy]
listen = ["127.0.0.1:$ESAFETY_PORT"]
static_hosts = ["$HOST_NAME=127.0.0.1"]
internal_allow = ["127.0.0.0/8"]  # the origin listens on loopback
[dns]
enabled = false
[console]
listen = "127.0.0.1:$CONSOLE_PORT"
[tls]
extra_trust_file = "$W/pki/testca.pem"
[inspect]
phrase_lists = "/etc/e2guardian/lists"
TOML
"$ESAFETY" serve --data "$D" > "$W/esafety.log" 2>&1 &
ESAFETY_PID=$!
PIDS+=($ESAFETY_PID)

declare -A CURL_ARGS=(
  [direct]="--cacert $W/pki/testca.pem --resolve $HOST_NAME:443:127.0.0.1"
  [esafety]="--interface $CLIENT_IP -x http://127.0.0.1:$ESAFETY_PORT --cacert $W/school-ca.pem"
  [e2guardian]="-x http://127.0.0.1:$E2G_PORT --cacert $W/e2g-ca/ca.pem"
)
failed=0
wait_https 10 ${CURL_ARGS[direct]} "$URL" || { echo "nginx did not start" >&2; failed=1; }
wait_https 30 ${CURL_ARGS[esafety]} "$URL" || { tail -20 "$W/esafety.log" >&2; failed=1; }
wait_https 30 ${CURL_ARGS[e2guardian]} "$URL" || { tail -20 "$W/e2g-log/stdout.log" >&2; failed=1; }
((failed == 0)) || exit 1
# Every path returns the page itself, through a certificate its proxy minted.
for path in "${PATHS[@]}"; do
  # shellcheck disable=SC2086
  got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' ${CURL_ARGS[$path]} "$URL")
  if [[ $got != "200 $PAGE_BYTES" ]]; then
    echo "$path returned '$got', not '200 $PAGE_BYTES'" >&2
    exit 1
  fi
done
# shellcheck disable=SC2086
issuer() { curl -s -v -o /dev/null ${CURL_ARGS[$1]} "$URL" 2>&1 | sed -n 's/^\*  issuer: //p'; }
echo "certificates: esafety's issued by '$(issuer esafety)', e2guardian's by '$(issuer e2guardian)'" >&2

for _ in $(seq "$PER_CLIENT"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$URL"; done > "$W/curl.cfg"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
e2g_pid() { cat "$W/e2g-log/e2guardian.pid" 2>/dev/null || pgrep -f "e2guardian -N -c $W" | head -1; }
# bench <path>: CLIENTS curls at once; appends "path seconds cpu_ticks" to results.
bench() {
  local path=$1 pid="" before=0 after=0 start end
  case $path in
    esafety) pid=$ESAFETY_PID ;;
    e2guardian) pid=$(e2g_pid) ;;
  esac
  [[ -n $pid ]] && before=$(cpu_ticks "$pid")
  start=$(date +%s.%N)
  local clients=()
  for _ in $(seq "$CLIENTS"); do
    # shellcheck disable=SC2086
    curl -s --fail-early ${CURL_ARGS[$path]} -K "$W/curl.cfg" &
    clients+=($!)
  done
  local rc=0
  for c in "${clients[@]}"; do wait "$c" || rc=1; done
  end=$(date +%s.%N)
  [[ -n $pid ]] && after=$(cpu_ticks "$pid")
  ((rc == 0)) || { echo "a curl through $path failed" >&2; return 1; }
  echo "$path $(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }') $((after - before))" >> "$W/results.txt"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS" >&2
  for path in "${PATHS[@]}"; do bench "$path"; done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
METRICS=$(curl -s "http://127.0.0.1:$CONSOLE_PORT/metrics" |
  grep -E '^esafety_(tls_leaf_cache_hit_ratio|tls_leaves_minted_total|inspect_pages_scanned_total) ' | tr '\n' ' ')

VERSIONS="nginx $(dpkg-query -W -f='${Version}' nginx), e2guardian $(dpkg-query -W -f='${Version}' e2guardian), \
curl $(dpkg-query -W -f='${Version}' curl), esafety $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+changes')"
python3 - "$W/results.txt" "$((PER_CLIENT * CLIENTS))" "$(getconf CLK_TCK)" <<PY
import statistics, sys
requests, hz = int(sys.argv[2]), int(sys.argv[3])
runs = {}
for line in open(sys.argv[1]):
    path, secs, ticks = line.split()
    runs.setdefault(path, []).append((float(secs), int(ticks)))
rate = {p: statistics.median(requests / s for s, _ in r) for p, r in runs.items()}
cpu = {p: statistics.median(t * 1000 / hz / requests for _, t in r) for p, r in runs.items()}
label = {"direct": "direct to nginx over HTTPS",
         "esafety": "esafety, inspecting (KS2: decided on the URL, page scanned, logged)",
         "e2guardian": "e2guardian, MITM on (its defaults)"}
print("## TLS inspection against e2guardian's MITM")
print()
print("$(nproc) cores; $VERSIONS.")
print(f"$CLIENTS curl clients at once, each {requests // $CLIENTS:,} requests on one kept-alive connection;")
print("$ROUNDS rounds taking turns, medians. Load average before/after: $LOAD_BEFORE / $LOAD_AFTER.")
print()
print("| path | req/s | ratio to direct | proxy CPU ms per request |")
print("|---|---:|---:|---:|")
for p in "${PATHS[*]}".split():
    c = f"{cpu[p]:.3f}" if p != "direct" else "-"
    print(f"| {label[p]} | {rate[p]:,.0f} | {rate[p] / rate['direct']:.2f} | {c} |")
print()
print(f"esafety / e2guardian: **{rate['esafety'] / rate['e2guardian']:.1f}x** the request rate, "
      f"{cpu['e2guardian'] / cpu['esafety']:.1f}x less CPU per request (target: 10x).")
print("esafety metrics after the run: $METRICS")
PY
