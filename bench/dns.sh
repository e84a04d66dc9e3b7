#!/usr/bin/env bash
# The DNS filter next to its anchors, on the same data, in one run:
# unbound and dnsmasq (Debian's packages) and esafety's DNS service.
#
#   bench/dns.sh [blocked-count] [seconds] [rounds]     (defaults: 1000000, 10, 3)
#
# Data: <blocked-count> blocked domains from the benchmarks' deterministic
# generator (unbound: one always_nxdomain local-zone each; dnsmasq: one
# address=/name/ each, which also covers subdomains; esafety: the compiled
# index), 20,000 allowed names that a local upstream (tests/dns/test_upstream.py)
# answers and every server caches, and a query mix of 50% allowed, 35% blocked
# exact names and 15% blocked subdomains.
#
# For each server: "ready" is start to the first answer for a blocked name
# (each loads alone); the cache is warmed with every allowed name; then the
# three take turns under dnsperf -c 4 for <seconds>, <rounds> times, and the
# median round is reported (a shared 2-core machine's other load then falls on
# all three alike). Each round ends when its server has gone idle again, and
# its CPU per query includes what it did after dnsperf stopped (esafety indexes
# the stored events then). RSS is read after the runs. esafety runs as `esafety serve` with
# the DNS service on (the proxy off) and 2 workers, answering as the demo
# school's KS2 device 127.0.0.21, which every dnsperf query comes from; every
# query becomes an event that the writer stores in events.db, as in a school.
# Everything stays on 127.0.0.1. BENCH_PROFILE=<file> also records a perf
# call-graph profile of esafety during the last round. ESAFETY_BIN=<binary> runs
# another esafety build; ESAFETY_WORKERS=<n> (default 2) sets its worker threads.
# BENCH_SIGNED_IN=1 signs the client in at the captive portal first (the Year
# 3 login, also KS2), so every query takes the identity resolver's portal
# binding path.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
COUNT="${1:-1000000}"
SECONDS_RUN="${2:-10}"
ROUNDS="${3:-3}"
ALLOWED=20000

source bench/lib.sh
bench_packages unbound dnsmasq-base dnsperf bind9-dnsutils
cmake --preset release >/dev/null
cmake --build --preset release --target esafety esafety_list_gen >/dev/null

bench_workdir esafety-dnsbench
CLIENT=127.0.0.21
UP_PORT=55400
UNBOUND_PORT=55401
DNSMASQ_PORT=55402
ESAFETY_PORT=55403

echo "generating $COUNT blocked names and the query mix..." >&2
build/release/bench/esafety_list_gen "$COUNT" >"$W/blocked.txt"
python3 - "$W" "$ALLOWED" <<'PY'
import random, sys
w, allowed_n = sys.argv[1], int(sys.argv[2])
blocked = open(w + "/blocked.txt").read().split()
allowed = ["site%d.allowed-bench.test" % i for i in range(allowed_n)]
with open(w + "/allowed.txt", "w") as f:
    f.writelines("%s A\n" % a for a in allowed)
rng = random.Random(20260301)
with open(w + "/mix.txt", "w") as f:
    for _ in range(400000):
        r = rng.random()
        if r < 0.50:
            f.write("%s A\n" % rng.choice(allowed))
        elif r < 0.85:
            f.write("%s A\n" % rng.choice(blocked))
        else:
            f.write("%s.%s A\n" % (rng.choice(["www", "cdn", "img", "m"]), rng.choice(blocked)))
PY
PROBE="$(sed -n "$((COUNT / 2))p" "$W/blocked.txt")"

python3 tests/dns/test_upstream.py "$UP_PORT" >"$W/upstream.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do grep -q ready "$W/upstream.log" && break; sleep 0.05; done

now() { date +%s.%N; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
wait_blocked() {  # port: until a blocked name gets NXDOMAIN
  for _ in $(seq 1 12000); do
    if dig +time=1 +tries=1 -b "$CLIENT" @127.0.0.1 -p "$1" "$PROBE" A 2>/dev/null | grep -q "status: NXDOMAIN"; then
      return 0
    fi
    sleep 0.005
  done
  echo "server on port $1 never blocked $PROBE" >&2
  return 1
}
perf() {  # port file extra-args... -> qps; dnsperf's own CPU seconds in $W/client.cpu
  local TIMEFORMAT='%U %S'
  { time dnsperf -s 127.0.0.1 -p "$1" -a "$CLIENT" -d "$2" "${@:3}" >"$W/perf.out" 2>&1 || true; } \
    2>"$W/client.cpu"
  awk '/Queries per second/ {print $4}' "$W/perf.out"
}
warm() {  # name port start-time: ready time, then every allowed name once
  local ready
  ready=$(printf '%.2f' "$(echo "$(now) - $3" | bc)")
  READY[$1]=$ready
  perf "$2" "$W/allowed.txt" -n 1 -c 4 -q 200 >/dev/null
  echo "$1: ready ${ready}s, cache warmed" >&2
}
declare -A READY PORT PID QPS CPU CLIENT_CPU
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime, in clock ticks
# Waits (up to 60 s) until server $1 stops using CPU, so that work a round
# leaves behind (esafety indexing and checkpointing the events it stored)
# does not fall on the next server's round.
wait_idle() {
  local before after
  for _ in $(seq 1 120); do
    before=$(cpu_ticks "$1"); sleep 0.5; after=$(cpu_ticks "$1")
    (( after - before <= 1 )) && return 0
  done
  echo "server $1 still busy after its round" >&2
}


# unbound: 2 threads, forwarding to the local upstream.
{
  echo "server:"
  echo "  interface: 127.0.0.1"
  echo "  port: $UNBOUND_PORT"
  echo "  num-threads: 2"
  echo "  so-reuseport: yes"
  echo "  do-daemonize: no"
  echo "  use-syslog: no"
  echo "  logfile: \"\""
  echo "  verbosity: 0"
  echo "  chroot: \"\""
  echo "  username: \"\""
  echo "  directory: \"$W\""
  echo "  pidfile: \"$W/unbound.pid\""
  echo "  do-not-query-localhost: no"
  echo "  access-control: 127.0.0.0/8 allow"
  echo "  module-config: \"iterator\""
  echo "  qname-minimisation: no"
  echo "  msg-cache-size: 32m"
  echo "  rrset-cache-size: 32m"
  awk '{printf "  local-zone: \"%s\" always_nxdomain\n", $1}' "$W/blocked.txt"
  echo "forward-zone:"
  echo "  name: \".\""
  echo "  forward-addr: 127.0.0.1@$UP_PORT"
} >"$W/unbound.conf"
echo "unbound..." >&2
t0=$(now)
unbound -c "$W/unbound.conf" >"$W/unbound.log" 2>&1 &
UPID=$!
PIDS+=($UPID)
wait_blocked "$UNBOUND_PORT"
warm unbound "$UNBOUND_PORT" "$t0"
PORT[unbound]=$UNBOUND_PORT PID[unbound]=$UPID

# dnsmasq: address=/name/ (NXDOMAIN for the name and its subdomains).
awk '{printf "address=/%s/\n", $1}' "$W/blocked.txt" >"$W/dnsmasq.conf"
echo "dnsmasq..." >&2
t0=$(now)
dnsmasq --no-daemon --port "$DNSMASQ_PORT" --listen-address=127.0.0.1 --bind-interfaces \
  --no-resolv --no-hosts --server="127.0.0.1#$UP_PORT" --cache-size=30000 \
  --conf-file="$W/dnsmasq.conf" --user="$(id -un)" --pid-file="$W/dnsmasq.pid" \
  >"$W/dnsmasq.log" 2>&1 &
DPID=$!
PIDS+=($DPID)
wait_blocked "$DNSMASQ_PORT"
warm dnsmasq "$DNSMASQ_PORT" "$t0"
PORT[dnsmasq]=$DNSMASQ_PORT PID[dnsmasq]=$DPID

# esafety: the demo school (KS2 blocks pornography) plus the generated list.
E="${ESAFETY_BIN:-build/release/src/app/esafety}"  # ESAFETY_BIN: another build, for A/B runs
"$E" init --demo --data "$W/var" >/dev/null 2>&1
cp "$W/blocked.txt" "$W/var/lists/blocked.txt"  # lists are read only from the list folders
"$E" lists import "$W/var/lists/blocked.txt" --format plain --category pornography --reason bench --data "$W/var" >/dev/null 2>&1
INDEX_MB=$(du -m "$W/var/index/categories.idx" | cut -f1)
if [[ -n "${BENCH_SIGNED_IN:-}" ]]; then
  "$E" people year-logins --data "$W/var" >/dev/null
  echo "tiger-lemon-42" | "$E" people set-password year3 --password-stdin --data "$W/var" >/dev/null
fi
ESAFETY_CONSOLE=55404
cat >"$W/var/esafety.toml" <<T
[server]
workers = ${ESAFETY_WORKERS:-2}
[proxy]
enabled = false
[console]
listen = "127.0.0.1:$ESAFETY_CONSOLE"
[dns]
listen = ["127.0.0.1:$ESAFETY_PORT"]
upstreams = ["127.0.0.1:$UP_PORT"]
T
echo "esafety..." >&2
t0=$(now)
"$E" serve --data "$W/var" >"$W/esafety.out" 2>&1 &
EPID=$!
PIDS+=($EPID)
wait_blocked "$ESAFETY_PORT" || { tail -n 20 "$W/esafety.out" >&2; exit 1; }
warm esafety "$ESAFETY_PORT" "$t0"
if [[ -n "${BENCH_SIGNED_IN:-}" ]]; then
  portal="http://127.0.0.1:$ESAFETY_CONSOLE/portal"
  token="$(curl -s --interface "$CLIENT" "$portal" | sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p' | head -1)"
  curl -s --interface "$CLIENT" -o /dev/null --data-urlencode login=year3 \
    --data-urlencode password=tiger-lemon-42 --data-urlencode "token=$token" "$portal"
  curl -s --interface "$CLIENT" "$portal" | grep -q "Signed in as" || { echo "the portal sign-in failed" >&2; exit 1; }
  echo "esafety: $CLIENT signed in at the portal as Year 3" >&2
fi
PORT[esafety]=$ESAFETY_PORT PID[esafety]=$EPID

# The runs: the three servers take turns, ROUNDS times, so that other load on
# the machine falls on all of them alike; the median round counts.
SERVERS=(unbound dnsmasq esafety)
PROFILER=""
wait_profile() { [[ -z "$PROFILER" ]] || wait "$PROFILER" || true; PROFILER=""; }
for round in $(seq 1 "$ROUNDS"); do
  for s in "${SERVERS[@]}"; do
    c0=$(cpu_ticks "${PID[$s]}")
    if [[ $s == esafety && -n "${BENCH_PROFILE:-}" && $round == "$ROUNDS" ]]; then
      # BENCH_PROFILE=<file>: a call-graph profile of esafety's last round.
      command perf record -q -g -p "${PID[$s]}" -o "$BENCH_PROFILE" -- sleep "$SECONDS_RUN" 2>/dev/null &
      PROFILER=$!
    fi
    q=$(perf "${PORT[$s]}" "$W/mix.txt" -c 4 -l "$SECONDS_RUN")
    wait_profile
    wait_idle "${PID[$s]}"  # and count what the round left behind as the round's CPU
    c1=$(cpu_ticks "${PID[$s]}")
    lost=$(awk '/Queries lost/ {print $3}' "$W/perf.out")
    sent=$(awk '/Queries completed/ {print $3}' "$W/perf.out")
    # Server CPU time per answered query, in microseconds.
    CPU[$s]="${CPU[$s]:-} $(echo "($c1 - $c0) * 1000000 / $(getconf CLK_TCK) / $sent" | bc -l)"
    # dnsperf's own share of a core: near 100% means the client, not the
    # server, set the pace of that round.
    CLIENT_CPU[$s]="${CLIENT_CPU[$s]:-} $(awk -v t="$SECONDS_RUN" '{printf "%.0f", ($1 + $2) * 100 / t}' "$W/client.cpu")"
    QPS[$s]="${QPS[$s]:-} $q"
    echo "round $round: $s $q qps, lost $lost" >&2
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '\n%d blocked names, %d cached allowed names, mix 50/35/15, dnsperf -c 4, %s x %ss rounds, %s cores\n\n' \
  "$COUNT" "$ALLOWED" "$ROUNDS" "$SECONDS_RUN" "$(nproc)"
printf '| server | qps (median) | rounds | CPU µs/query (median) | dnsperf CPU %% (rounds) | RSS (MB) | ready (s) |\n|---|---|---|---|---|---|---|\n'
for s in "${SERVERS[@]}"; do
  printf '| %s | %.0f | %s | %.1f | %s | %s | %s |\n' "$s" "$(median "${QPS[$s]}")" \
    "$(printf '%.0f ' ${QPS[$s]})" "$(median "${CPU[$s]}")" "${CLIENT_CPU[$s]# }" \
    "$(rss_mb "${PID[$s]}")" "${READY[$s]}"
done
uq=$(median "${QPS[unbound]}"); dq=$(median "${QPS[dnsmasq]}"); eq=$(median "${QPS[esafety]}")
printf '\nesafety / unbound: %.2fx   esafety / dnsmasq: %.2fx   (index file %s MB, mapped)\n' \
  "$(echo "$eq / $uq" | bc -l)" "$(echo "$eq / $dq" | bc -l)" "$INDEX_MB"
echo "esafety counters:"
curl -s "http://127.0.0.1:$ESAFETY_CONSOLE/metrics" |
  grep -E '^esafety_(dns_(queries|answered|cache_hits|blocked|servfail|events_dropped|event_pauses|udp_batches)|events_(queued|written|dropped))_total '
kill "$EPID"; wait "$EPID" 2>/dev/null || true
