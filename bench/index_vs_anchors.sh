#!/usr/bin/env bash
# Loads the same 1,000,000 synthetic blocked domains into unbound (one
# local-zone each), dnsmasq (hosts lines) and esafety (a compiled index), in
# one run, and prints load time and memory for each.
#
#   bench/index_vs_anchors.sh [count]      (default 1000000)
#
# "ready" is the time from starting the program until it has answered a
# question about a listed name: a dig for unbound and dnsmasq, an
# `esafety check` (process start, store open, index map, snapshot, decision)
# for esafety. Everything runs on 127.0.0.1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
COUNT="${1:-1000000}"

need=()
for p in unbound dnsmasq-base bind9-dnsutils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
cmake --preset release >/dev/null
cmake --build --preset release --target esafety esafety_list_gen >/dev/null

W="$(mktemp -d /tmp/esafety-anchors.XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$W"' EXIT
build/release/bench/esafety_list_gen "$COUNT" > "$W/domains.txt"
PROBE="$(sed -n "$((COUNT / 2))p" "$W/domains.txt")"

now() { date +%s.%N; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
wait_answer() {  # port name
  for _ in $(seq 1 6000); do
    if dig +time=1 +tries=1 @127.0.0.1 -p "$1" "$2" A 2>/dev/null | grep -qE "status: (NXDOMAIN|NOERROR)"; then return 0; fi
    sleep 0.01
  done
  return 1
}

# unbound: one local-zone per name.
{
  echo "server:"
  echo "  interface: 127.0.0.1"
  echo "  port: 55391"
  echo "  do-daemonize: no"
  echo "  use-syslog: no"
  echo "  chroot: \"\""
  echo "  username: \"\""
  echo "  directory: \"$W\""
  echo "  pidfile: \"$W/unbound.pid\""
  echo "  num-threads: 1"
  echo "  do-not-query-localhost: yes"
  awk '{printf "  local-zone: \"%s\" always_nxdomain\n", $1}' "$W/domains.txt"
} > "$W/unbound.conf"
t0=$(now)
unbound -c "$W/unbound.conf" >/dev/null 2>&1 &
UPID=$!
wait_answer 55391 "$PROBE"
t1=$(now)
UNBOUND_TIME=$(echo "$t1 - $t0" | bc)
UNBOUND_RSS=$(rss_mb $UPID)
kill $UPID; wait $UPID 2>/dev/null || true

# dnsmasq: a hosts file, exact names only.
awk '{print "0.0.0.0 " $1}' "$W/domains.txt" > "$W/hosts"
t0=$(now)
dnsmasq --no-daemon --port 55392 --listen-address=127.0.0.1 --bind-interfaces --no-resolv \
  --no-hosts --addn-hosts="$W/hosts" --cache-size=0 --user="$(id -un)" --pid-file="$W/dnsmasq.pid" \
  >/dev/null 2>&1 &
DPID=$!
wait_answer 55392 "$PROBE"
t1=$(now)
DNSMASQ_TIME=$(echo "$t1 - $t0" | bc)
DNSMASQ_RSS=$(rss_mb $DPID)
kill $DPID; wait $DPID 2>/dev/null || true

# esafety: compile from text, then a cold check (process start to decision).
E=build/release/src/app/esafety
"$E" init --data "$W/var" >/dev/null 2>&1
t0=$(now)
"$E" lists import "$W/domains.txt" --format plain --category pornography --data "$W/var" >/dev/null 2>&1
t1=$(now)
COMPILE_TIME=$(echo "$t1 - $t0" | bc)
INDEX_MB=$(du -m "$W/var/index/categories.idx" | cut -f1)
/usr/bin/time -f "%e %M" -o "$W/check.time" "$E" check "$PROBE" --group KS1 --data "$W/var" >/dev/null
read -r CHECK_TIME CHECK_KB < "$W/check.time"

printf '\n%d blocked domains, loaded on 127.0.0.1\n\n' "$COUNT"
printf '| program | ready (s) | RSS (MB) | notes |\n|---|---|---|---|\n'
printf '| unbound %s | %.2f | %s | one local-zone per name |\n' "$(unbound -V | head -1 | awk '{print $2}')" "$UNBOUND_TIME" "$UNBOUND_RSS"
printf '| dnsmasq %s | %.2f | %s | hosts file, exact names only |\n' "$(dnsmasq --version | head -1 | awk '{print $3}')" "$DNSMASQ_TIME" "$DNSMASQ_RSS"
printf '| esafety (cold check) | %.2f | %.0f | process start, store, index map, snapshot, one decision; index file %s MB |\n' "$CHECK_TIME" "$(echo "$CHECK_KB / 1024" | bc)" "$INDEX_MB"
printf '| esafety (compile from text) | %.2f | | `esafety lists import` of the %d-line list |\n' "$COMPILE_TIME" "$COUNT"
