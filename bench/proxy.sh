#!/usr/bin/env bash
# The filtering proxy next to its anchors, on the same page, in one run:
# nginx direct, nginx as a keep-alive reverse proxy (the one-hop reference),
# squid (no filtering, caching off), e2guardian (its defaults, fetching
# direct) and `esafety serve` (the demo school plus a 5,000,000-entry
# category index, event logging on). Prints markdown tables.
#
#   bench/proxy.sh [--scan] [seconds] [rounds]        (defaults: 10, 3)
#   ESAFETY_BASE_BIN=<another build> bench/proxy.sh 5 3   (A/B in one run)
#
# --scan turns phrase scanning on for esafety (the demo's KS2, which the load
# comes from, with Debian's e2guardian lists as e2guardian ships them, the
# same lists the e2guardian column uses); without it esafety runs with
# [inspect] phrase_lists = "" so the figures compare with earlier runs.
#
# The page is a 10,855-byte HTML file served by nginx with one worker and
# keep-alive on. Load is wrk with keep-alive, 2 threads and 32 connections;
# through a proxy, wrk sends absolute-form requests (bench/proxy/wrk.lua).
# The paths take turns for <rounds> rounds of <seconds> each, so the other
# load on a shared machine falls on all of them alike, and each column is
# the median over the rounds. Then, in the same way, every path at a fixed
# 1,000 req/s (wrk paced by a schedule in wrk.lua), and esafety's memory with
# 10,000 idle keep-alive connections (bench/proxy/idle_connections.py).
#
# Installs nginx, squid, e2guardian and wrk from Debian when missing (as
# root, or with sudo); each runs from its own config in a temporary folder on
# 127.0.0.1, and everything started is stopped on exit, Ctrl-C included.
# Nothing is sent outside 127.0.0.0/8. BENCH_PROFILE=<file> also records a
# perf call-graph profile of esafety during its last full-load run.
# BENCH_SYSCALLS=<file> adds one more full-load run each of nginx as a reverse
# proxy and of esafety under `perf trace -s` and writes their system calls per
# request to <file> (tracing slows them; those runs are not in the tables).
# ESAFETY_BASE_BIN=<binary> adds a column: a second `esafety serve` from that
# build (say, the branch point), with its own copy of the same data, taking
# its turn in every round beside this build's, so an A/B comparison meets the
# same machine load; the last table compares the two.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SCAN=0
if [[ "${1:-}" == "--scan" ]]; then
  SCAN=1
  shift
fi
RUN_SECONDS="${1:-10}"
ROUNDS="${2:-3}"
THREADS=2
CONNECTIONS=32
RATE=1000
IDLE_CONNECTIONS=10000
PAGE_BYTES=10855
HOST_NAME=nothing-listed.example  # no list or rule names it: allowed after a full decision
# Fixed ports below Linux's ephemeral range (32768+), so no outgoing
# connection can be holding one.
ORIGIN_PORT=28080
REVERSE_PORT=28081
SQUID_PORT=28082
E2G_PORT=28083
ESAFETY_PORT=28084
CONSOLE_PORT=28085
BASE_PORT=28087          # ESAFETY_BASE_BIN's esafety, and its console
BASE_CONSOLE_PORT=28088
E2G_SPARE_PORT=28086  # e2guardian's transparent-HTTPS port, unused but bound
PATHS=(direct nginx-reverse squid e2guardian esafety)
ESAFETY_BASE="${ESAFETY_BASE_BIN:-}"
[[ -z "$ESAFETY_BASE" ]] || PATHS+=(esafety-base)

source bench/lib.sh
bench_packages nginx squid e2guardian wrk python3 curl
bench_need_root "bench/proxy.sh starts squid and e2guardian, which need root to drop to their own users"
cmake --preset release >/dev/null
cmake --build --preset release --target esafety esafety_list_gen >/dev/null
ESAFETY="${ESAFETY_BIN:-$PWD/build/release/src/app/esafety}"  # ESAFETY_BIN: another build, for A/B runs
LIST_GEN="$PWD/build/release/bench/esafety_list_gen"

# esafety and the idle-connection client each hold 10,000+ sockets.
ulimit -n "$(ulimit -Hn)"
if (($(ulimit -n) < IDLE_CONNECTIONS + 1000)); then
  echo "open-file limit $(ulimit -n) is too low for $IDLE_CONNECTIONS connections" >&2
  exit 1
fi
bench_ports_free "bench/proxy.sh needs 127.0.0.1:$ORIGIN_PORT-$BASE_CONSOLE_PORT" \
  $ORIGIN_PORT $REVERSE_PORT $SQUID_PORT $E2G_PORT $ESAFETY_PORT $CONSOLE_PORT $E2G_SPARE_PORT \
  $BASE_PORT $BASE_CONSOLE_PORT

# Lower case only: e2guardian lower-cases the paths in its phrase lists'
# .Include lines. Mode 755: squid, e2guardian and nginx's workers run as
# their own users.
bench_workdir esafety-proxybench
fill() {  # fill <template> <output>: the @NAME@ placeholders
  sed -e "s#@W@#$W#g" -e "s#@ORIGIN_PORT@#$ORIGIN_PORT#g" -e "s#@REVERSE_PORT@#$REVERSE_PORT#g" \
      -e "s#@SQUID_PORT@#$SQUID_PORT#g" -e "s#@WORKERS@#$(nproc)#g" "$1" > "$2"
}
wait_http() {  # wait_http <seconds> <curl args...>
  local deadline=$((SECONDS + $1))
  shift
  until curl -s -o /dev/null --max-time 2 "$@"; do
    if ((SECONDS > deadline)); then return 1; fi
    sleep 0.1
  done
}
PAGE_URL="http://$HOST_NAME:$ORIGIN_PORT/page.html"

# The page: deterministic HTML of exactly PAGE_BYTES bytes.
mkdir -p "$W/www" "$W/nginx-tmp"
python3 bench/proxy/make_page.py "$W/www/page.html" "$PAGE_BYTES"
chmod 644 "$W/www/page.html"
printf '127.0.0.1 %s\n' "$HOST_NAME" > "$W/hosts"

echo "starting nginx (page server and reverse proxy)..." >&2
fill bench/proxy/nginx-origin.conf "$W/nginx-origin.conf"
fill bench/proxy/nginx-reverse.conf "$W/nginx-reverse.conf"
nginx -e "$W/nginx-origin.error.log" -p "$W" -c "$W/nginx-origin.conf" &
PIDS+=($!)
nginx -e "$W/nginx-reverse.error.log" -p "$W" -c "$W/nginx-reverse.conf" &
PIDS+=($!)

echo "starting squid..." >&2
mkdir -p "$W/squid"
chown proxy:proxy "$W/squid"
fill bench/proxy/squid.conf "$W/squid.conf"
squid -N -f "$W/squid.conf" > "$W/squid/stdout.log" 2>&1 &
PIDS+=($!)

# e2guardian: Debian's configuration as shipped, copied and repointed at the
# copy, with only where it listens, logs and keeps its pid changed, and
# nodaemon on so that this script owns the process. No proxyip is set, so it
# fetches pages itself (direct mode, supported since e2guardian 5).
echo "starting e2guardian..." >&2
cp -r /etc/e2guardian "$W/e2g"
mkdir -p "$W/e2g-log"
chown e2guardian:e2guardian "$W/e2g-log"
grep -rl /etc/e2guardian "$W/e2g" | xargs sed -i "s#/etc/e2guardian#$W/e2g#g"
sed -i -E \
  -e "s#^filterip =.*#filterip = 127.0.0.1#" \
  -e "s#^filterports =.*#filterports = $E2G_PORT#" \
  -e "s#^transparenthttpsport =.*#transparenthttpsport = $E2G_SPARE_PORT#" \
  -e "s#^\#?loglocation =.*#loglocation = '$W/e2g-log/access.log'#" \
  -e "s#^\#?pidfilename =.*#pidfilename = '$W/e2g-log/e2guardian.pid'#" \
  -e "s#^nodaemon =.*#nodaemon = on#" \
  "$W/e2g/e2guardian.conf"
# e2guardian looks names up with the system resolver, which has no entry for
# $HOST_NAME. It runs in its own mount namespace where /etc/hosts is the
# bench's; where that is not allowed, it is asked for 127.0.0.1 by address.
E2G_URL="$PAGE_URL"
if unshare -m sh -c "mount --bind '$W/hosts' /etc/hosts" 2>/dev/null; then
  unshare -m sh -c "mount --bind '$W/hosts' /etc/hosts && exec e2guardian -N -c '$W/e2g/e2guardian.conf'" \
    > "$W/e2g-log/stdout.log" 2>&1 &
else
  E2G_URL="http://127.0.0.1:$ORIGIN_PORT/page.html"
  e2guardian -N -c "$W/e2g/e2guardian.conf" > "$W/e2g-log/stdout.log" 2>&1 &
fi
PIDS+=($!)

echo "preparing esafety: demo school and 5,000,000 listed domains..." >&2
"$LIST_GEN" 5000000 > "$W/listed.txt"
# start_esafety <binary> <data dir> <proxy port> <console port>: the demo
# school, the listed domains, a config, and `esafety serve` (ESAFETY_PID).
start_esafety() {
  local bin=$1 data=$2 port=$3 console=$4
  "$bin" init --demo --data "$data" >"$W/init.log" 2>&1 || { cat "$W/init.log" >&2; exit 1; }
  # --reason is required since the list admin service; a base build from
  # before it refuses the flag, so it imports without.
  # Lists are read only from the list folders (<data>/lists is one).
  cp "$W/listed.txt" "$data/lists/listed.txt"
  { "$bin" lists import "$data/lists/listed.txt" --format plain --category pornography --reason bench \
      --data "$data" 2>/dev/null \
    || "$bin" lists import "$data/lists/listed.txt" --format plain --category pornography --data "$data" \
      2>/dev/null; } | tail -1 >&2
  cat > "$data/esafety.toml" <<TOML
[school]
networks = ["127.0.0.0/8"]
[proxy]
listen = ["127.0.0.1:$port"]
static_hosts = ["$HOST_NAME=127.0.0.1"]
http_ports = [80, $ORIGIN_PORT]
internal_allow = ["127.0.0.0/8"]  # the origin listens on loopback
[dns]
enabled = false
[console]
listen = "127.0.0.1:$console"
public_url = "http://127.0.0.1:$console"
[inspect]
phrase_lists = "$( ((SCAN)) && echo /etc/e2guardian/lists )"
TOML
  "$bin" serve --data "$data" > "$data.log" 2>&1 &
  ESAFETY_PID=$!
  PIDS+=($ESAFETY_PID)
}
D="$W/esafety"
BASE_PID=""
if [[ -n "$ESAFETY_BASE" ]]; then
  start_esafety "$ESAFETY_BASE" "$W/esafety-base" $BASE_PORT $BASE_CONSOLE_PORT
  BASE_PID=$ESAFETY_PID
fi
start_esafety "$ESAFETY" "$D" $ESAFETY_PORT $CONSOLE_PORT
rm -f "$W/listed.txt"
METRICS_URL="http://127.0.0.1:$CONSOLE_PORT/metrics"

failed=0
wait_http 10 "http://127.0.0.1:$ORIGIN_PORT/page.html" || { echo "nginx did not start" >&2; failed=1; }
wait_http 10 "http://127.0.0.1:$REVERSE_PORT/page.html" || { echo "nginx (reverse) did not start" >&2; failed=1; }
wait_http 30 -x "http://127.0.0.1:$SQUID_PORT" "$PAGE_URL" || { cat "$W/squid/cache.log" >&2; failed=1; }
wait_http 30 -x "http://127.0.0.1:$E2G_PORT" "$E2G_URL" || { cat "$W/e2g-log/stdout.log" >&2; failed=1; }
wait_http 30 "http://127.0.0.1:$CONSOLE_PORT/health" || { cat "$D.log" >&2; failed=1; }
if [[ -n "$ESAFETY_BASE" ]]; then
  wait_http 30 "http://127.0.0.1:$BASE_CONSOLE_PORT/health" || { cat "$W/esafety-base.log" >&2; failed=1; }
fi
((failed == 0)) || exit 1

# What each path's wrk connects to, and whether it is a proxy.
declare -A CONNECT_URL=(
  [direct]="http://127.0.0.1:$ORIGIN_PORT/page.html"
  [nginx-reverse]="http://127.0.0.1:$REVERSE_PORT/"
  [squid]="http://127.0.0.1:$SQUID_PORT/"
  [e2guardian]="http://127.0.0.1:$E2G_PORT/"
  [esafety]="http://127.0.0.1:$ESAFETY_PORT/"
  [esafety-base]="http://127.0.0.1:$BASE_PORT/"
)
declare -A PROXY_PORT=([nginx-reverse]=$REVERSE_PORT [squid]=$SQUID_PORT [e2guardian]=$E2G_PORT
                       [esafety]=$ESAFETY_PORT [esafety-base]=$BASE_PORT)
declare -A TARGET_URL=([nginx-reverse]=$PAGE_URL [squid]=$PAGE_URL [e2guardian]=$E2G_URL
                       [esafety]=$PAGE_URL [esafety-base]=$PAGE_URL)

# Every path must return the page itself, not an error or a block page.
for path in "${PATHS[@]}"; do
  if [[ $path == direct ]]; then
    got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "${CONNECT_URL[direct]}")
  else
    got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' \
      -x "http://127.0.0.1:${PROXY_PORT[$path]}" "${TARGET_URL[$path]}")
  fi
  if [[ $got != "200 $PAGE_BYTES" ]]; then
    echo "$path returned '$got', not '200 $PAGE_BYTES'" >&2
    exit 1
  fi
done

# The processes that serve each path (for their CPU time): nginx's workers
# are the children of the master whose command line names its config.
declare -A SERVER_PIDS=(
  [direct]=$(pgrep -d' ' -P "$(pgrep -f nginx-origin.conf | head -1)")
  [nginx-reverse]=$(pgrep -d' ' -P "$(pgrep -f nginx-reverse.conf | head -1)")
  [squid]=$(pgrep -d' ' -f squid.conf)
  [e2guardian]=$(pgrep -d' ' -f e2guardian.conf)
  [esafety]=$ESAFETY_PID
  [esafety-base]=$BASE_PID
)
cpu_ticks() {  # cpu_ticks <pids...>: their user + system time, in clock ticks
  local total=0 pid fields
  for pid in "$@"; do
    fields=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    read -r -a f <<< "$fields"
    total=$((total + f[11] + f[12]))  # utime, stime (fields 14 and 15 of stat)
  done
  echo "$total"
}
# bench <path> <seconds> [rate]: one wrk run; appends "path rate BENCH-fields
# cpu_us=<the server's CPU time over the run>" to results.
bench() {
  local path=$1 secs=$2 rate=${3:-0} target="" before after
  [[ $path != direct ]] && target="${TARGET_URL[$path]}"
  # shellcheck disable=SC2086 # a list of pids
  before=$(cpu_ticks ${SERVER_PIDS[$path]})
  BENCH_TARGET="$target" BENCH_RATE="$rate" BENCH_THREADS="$THREADS" \
    bench_run wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency -s bench/proxy/wrk.lua \
    "${CONNECT_URL[$path]}" > "$W/wrk.out"
  # shellcheck disable=SC2086
  after=$(cpu_ticks ${SERVER_PIDS[$path]})
  local line
  line=$(grep '^BENCH ' "$W/wrk.out") || { cat "$W/wrk.out" >&2; return 1; }
  echo "$path rate=$rate $line cpu_us=$(((after - before) * 1000000 / $(getconf CLK_TCK)))" >> "$W/results.txt"
}

# round_paths <round>: the paths in the order they take their turns. With
# ESAFETY_BASE_BIN the two esafety builds swap places on even rounds, so
# neither always follows the same path (e2guardian leaves work behind).
round_paths() {
  local p
  for p in "${PATHS[@]}"; do
    if [[ -n "$ESAFETY_BASE" ]] && (($1 % 2 == 0)); then
      case $p in esafety) p=esafety-base ;; esafety-base) p=esafety ;; esac
    fi
    echo "$p"
  done
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "warming up..." >&2
for path in "${PATHS[@]}"; do bench "$path" 2 && sed -i '$d' "$W/results.txt"; done
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS: full load" >&2
  for path in $(round_paths "$round"); do
    profiler=""
    if [[ $path == esafety && -n "${BENCH_PROFILE:-}" && $round == "$ROUNDS" ]]; then
      # BENCH_PROFILE=<file>: a call-graph profile of esafety's last full-load run.
      perf record -q -g -p "$ESAFETY_PID" -o "$BENCH_PROFILE" -- sleep "$RUN_SECONDS" 2>/dev/null &
      profiler=$!
    fi
    bench "$path" "$RUN_SECONDS"
    [[ -z "$profiler" ]] || wait "$profiler" || true
  done
done
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS: $RATE req/s" >&2
  for path in $(round_paths "$round"); do bench "$path" "$RUN_SECONDS" "$RATE"; done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ -n "${BENCH_SYSCALLS:-}" ]]; then
  # syscalls <path> <pids>: one traced full-load run; per-request counts to $BENCH_SYSCALLS.
  syscalls() {
    local path=$1 pids=$2
    perf trace -s -p "$pids" -o "$W/trace.$path" -- sleep "$((RUN_SECONDS + 1))" 2>/dev/null &
    local tracer=$!
    sleep 0.5
    bench "$path" "$RUN_SECONDS"
    wait "$tracer" || true
    local requests
    requests=$(tail -1 "$W/results.txt" | grep -o 'requests=[0-9]*' | cut -d= -f2)
    sed -i '$d' "$W/results.txt"
    {
      echo "## $path: system calls per request over $requests requests"
      awk -v n="$requests" '$2 ~ /^[0-9]+$/ && $1 ~ /^[a-z_0-9]+$/ { c[$1] += $2; t += $2 }
        END { for (k in c) printf "%-20s %8.3f\n", k, c[k] / n; printf "%-20s %8.3f\n", "total", t / n }' \
        "$W/trace.$path" | sort -k2 -nr
    } >> "$BENCH_SYSCALLS"
  }
  : > "$BENCH_SYSCALLS"
  echo "counting system calls per request (perf trace)..." >&2
  # nginx's workers are the children of its master, whose command line names the config.
  syscalls nginx-reverse "$(pgrep -d, -P "$(pgrep -f "nginx-reverse.conf" | head -1)")"
  syscalls esafety "$ESAFETY_PID"
fi

echo "opening $IDLE_CONNECTIONS idle keep-alive connections to esafety..." >&2
sleep 2  # let wrk's connections close
bench_run python3 bench/proxy/idle_connections.py "$ESAFETY_PORT" "$PAGE_URL" "$IDLE_CONNECTIONS" \
  "$ESAFETY_PID" "$METRICS_URL" >> "$W/results.txt"
sleep 1
curl -s "$METRICS_URL" | grep -E '^esafety_(events_(queued|written|dropped|lost)_total|proxy_requests_total) ' \
  | sed 's/^/METRIC /' >> "$W/results.txt" || true

VERSIONS="nginx $(dpkg-query -W -f='${Version}' nginx), squid $(dpkg-query -W -f='${Version}' squid), \
e2guardian $(dpkg-query -W -f='${Version}' e2guardian), wrk $(dpkg-query -W -f='${Version}' wrk), \
esafety $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+changes')\
$([[ -z "$ESAFETY_BASE" ]] || echo ", esafety-base $ESAFETY_BASE")"
CPU=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
python3 - "$W/results.txt" <<PY
import re, statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
def fields(parts):
    return {k: v for k, v in (p.split("=", 1) for p in parts if "=" in p)}
runs, idle, metrics = [], None, {}
for r in rows:
    if r[0] == "IDLE":
        idle = fields(r[1:])
    elif r[0] == "METRIC":
        metrics[r[1]] = float(r[2])
    else:
        f = fields(r[1:])
        f["path"] = r[0]
        runs.append(f)
paths = "${PATHS[*]}".split()
def median_of(path, rate, key, per_s=False):
    values = []
    for f in runs:
        if f["path"] == path and int(f["rate"]) == rate:
            if per_s:
                values.append(int(f["requests"]) / (int(f["duration_us"]) / 1e6))
            else:
                values.append(float(f[key]))
    return statistics.median(values)
def total(path, rate, key):
    return sum(int(f[key]) for f in runs if f["path"] == path and int(f["rate"]) == rate)
label = {"direct": "direct to nginx", "nginx-reverse": "nginx as keep-alive reverse proxy",
         "squid": "squid (no filtering, caching off)",
         "e2guardian": "e2guardian (its defaults, direct fetching)",
         "esafety": "esafety (demo school + 5 M index, events on)",
         "esafety-base": "esafety-base (ESAFETY_BASE_BIN, the same data)"}
print("## Proxy throughput")
print()
print("$(nproc) cores ($CPU); esafety [server] workers = $(nproc) (its default, one per core);")
print("nginx page server 1 worker, nginx reverse proxy $(nproc) workers; $VERSIONS.")
print("wrk -t$THREADS -c$CONNECTIONS -d${RUN_SECONDS}s, keep-alive, a $PAGE_BYTES-byte page;")
print("$ROUNDS rounds taking turns, median of each column. Load average before/after: $LOAD_BEFORE / $LOAD_AFTER.")
print("Proxies are asked for $PAGE_URL (e2guardian: $E2G_URL).")
print()
print("| path | req/s | ratio to direct | p50 ms | p99 ms | server CPU µs/request | bytes/response | errors |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
direct = median_of("direct", 0, None, per_s=True)
for p in paths:
    rps = median_of(p, 0, None, per_s=True)
    errors = total(p, 0, "errors") + total(p, 0, "non2xx")
    per = total(p, 0, "bytes") / max(1, total(p, 0, "requests"))
    cpu = total(p, 0, "cpu_us") / max(1, total(p, 0, "requests"))
    print(f"| {label[p]} | {rps:,.0f} | {rps / direct:.2f} | {median_of(p, 0, 'p50_us') / 1000:.2f} "
          f"| {median_of(p, 0, 'p99_us') / 1000:.2f} | {cpu:.1f} | {per:,.0f} | {errors} |")
print()
print("Server CPU is the user + system time of the serving processes over the runs")
print("(for the proxies, not counting the page server behind them) per request.")
print()
print("## At a fixed $RATE req/s")
print()
print("Same $CONNECTIONS connections; wrk.lua hands out send times on a fixed schedule")
print("and wrk times each request from when it is written. 'late' counts sends that")
print("were already overdue (the server fell behind; latencies then understate queueing).")
print()
print("| path | achieved req/s | p50 ms | p99 ms | p99 above direct ms | late sends | errors |")
print("|---|---:|---:|---:|---:|---:|---:|")
direct_p99 = median_of("direct", $RATE, "p99_us")
for p in paths:
    rps = median_of(p, $RATE, None, per_s=True)
    p99 = median_of(p, $RATE, "p99_us")
    errors = total(p, $RATE, "errors") + total(p, $RATE, "non2xx")
    print(f"| {label[p]} | {rps:,.0f} | {median_of(p, $RATE, 'p50_us') / 1000:.3f} | {p99 / 1000:.3f} "
          f"| {(p99 - direct_p99) / 1000:+.3f} | {total(p, $RATE, 'late')} | {errors} |")
print()
print("## esafety with $IDLE_CONNECTIONS idle keep-alive connections")
print()
mb = lambda kb: int(kb) / 1024
print("RSS is VmRSS from /proc: anonymous memory plus the file pages mapped in (the")
print("memory-mapped 5 M-entry index and the binary), which count the same toward the target.")
print()
print("| RSS before (anonymous) | RSS with them open | anonymous | file-backed | peak (VmHWM) | still open | non-200 |")
print("|---:|---:|---:|---:|---:|---:|---:|")
print(f"| {mb(idle['rss_before_kb']):.0f} MB ({mb(idle['anon_before_kb']):.0f} MB) | {mb(idle['rss_kb']):.0f} MB | {mb(idle['anon_kb']):.0f} MB "
      f"| {mb(idle['file_kb']):.0f} MB | {mb(idle['hwm_kb']):.0f} MB "
      f"| {int(idle['count']) - int(idle['closed_by_proxy'])} (esafety reports {idle['proxy_reports_open']}) "
      f"| {idle['non200']} |")
print()
q = metrics.get("esafety_events_queued_total", -1)
w = metrics.get("esafety_events_written_total", -1)
d = metrics.get("esafety_events_dropped_total", -1)
r = metrics.get("esafety_proxy_requests_total", -1)
print(f"esafety events over the whole run: {r:,.0f} requests, {q:,.0f} queued, {w:,.0f} written, {d:,.0f} dropped.")
print()
esafety = median_of("esafety", 0, None, per_s=True)
p99_gap = median_of("esafety", $RATE, "p99_us") - direct_p99
rss = mb(idle["rss_kb"])
yes = lambda ok: "met" if ok else "**not met**"
print("## Targets (issue 3)")
print()
print("| target | measured | |")
print("|---|---|---|")
print(f"| throughput ≥ 0.5× direct | {esafety / direct:.2f}× ({esafety:,.0f} of {direct:,.0f} req/s) | {yes(esafety / direct >= 0.5)} |")
print(f"| p99 at $RATE req/s ≤ direct + 1 ms | {p99_gap / 1000:+.3f} ms | {yes(p99_gap <= 1000)} |")
print(f"| RSS with $IDLE_CONNECTIONS idle connections ≤ 200 MB | {rss:.0f} MB | {yes(rss <= 200)} |")
if "esafety-base" in paths:
    print()
    print("## A/B: this build against ESAFETY_BASE_BIN, in the same rounds")
    print()
    print("| | this build | base | this / base |")
    print("|---|---:|---:|---:|")
    def both(rate, key, per_s=False):
        return median_of("esafety", rate, key, per_s), median_of("esafety-base", rate, key, per_s)
    def cpu(p):
        return total(p, 0, "cpu_us") / max(1, total(p, 0, "requests"))
    rows = [("req/s, full load", *both(0, None, True), "{:,.0f}"),
            ("server CPU µs/request, full load", cpu("esafety"), cpu("esafety-base"), "{:.1f}"),
            ("p50 ms, full load", *[v / 1000 for v in both(0, "p50_us")], "{:.2f}"),
            ("p99 ms, full load", *[v / 1000 for v in both(0, "p99_us")], "{:.2f}"),
            (f"p99 ms at $RATE req/s", *[v / 1000 for v in both($RATE, "p99_us")], "{:.3f}")]
    for name, a, b, fmt in rows:
        print(f"| {name} | {fmt.format(a)} | {fmt.format(b)} | {a / b if b else 0:.3f} |")
PY
