#!/usr/bin/env bash
# A soak with faults (issue 19): `esafety serve` under mixed HTTP, CONNECT and
# DNS load from many loopback clients for <minutes> (default 10), while
#
#   - the origin resets, stalls and answers garbage, and clients vanish
#     mid-body and abandon downloads (bench/soak/load.py);
#   - SIGHUP reloads the configuration and policy every 10 s;
#   - the category lists are recompiled (`esafety lists compile`) at 30%;
#   - the disk that holds events.db (a tmpfs) is filled at 50% and freed
#     90 s later (a fifth of the run, for runs under 7.5 minutes).
#
# It passes when: the process never dies and exits cleanly at the end; the
# probe (a blocked page, an allowed page and a blocked DNS name, every 2 s)
# never misses; RSS after warm-up stays within 10% of its value at the end of
# warm-up; every event accepted is in events.db (queued = written, none
# lost), and the events refused while the disk was full are counted as
# dropped. Prints a markdown summary for bench/RESULTS.md and exits 1 on a
# failed check.
#
#   bench/soak.sh [minutes]
#   ESAFETY_BIN=<esafety> LIST_GEN=<esafety_list_gen> bench/soak.sh [minutes]
#
# Needs root (it mounts the tmpfs); installs dnsperf, dig and sqlite3 from
# Debian when missing. Nothing leaves 127.0.0.0/8. Not run by CI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MINUTES="${1:-10}"
DURATION=$((MINUTES * 60))
WARMUP=$((DURATION / 10 > 60 ? 60 : DURATION / 10))
COMPILE_AT=$((DURATION * 3 / 10))
FILL_AT=$((DURATION / 2))
FREE_AT=$((FILL_AT + (DURATION / 5 < 90 ? DURATION / 5 : 90)))
PROXY_PORT=28180
ORIGIN_PORT=28181
CONSOLE_PORT=28182
DNS_PORT=28183
UP_PORT=28184

source bench/lib.sh
bench_need_root "bench/soak.sh mounts a tmpfs for events.db"
bench_packages dnsperf bind9-dnsutils sqlite3 curl
bench_ports_free "bench/soak.sh needs 127.0.0.1:28180-28184" \
  $PROXY_PORT $ORIGIN_PORT $CONSOLE_PORT $DNS_PORT $UP_PORT
# ESAFETY_BIN and LIST_GEN: binaries built elsewhere (then nothing is built).
E="${ESAFETY_BIN:-build/release/src/app/esafety}"
LIST_GEN="${LIST_GEN:-build/release/bench/esafety_list_gen}"
if [[ -z "${ESAFETY_BIN:-}" ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target esafety esafety_list_gen >/dev/null
fi

bench_workdir esafety-soak
D="$W/data"
mkdir -p "$D"
# 1 GB holds ten minutes of events with room to spare; the fill takes the rest.
mount -t tmpfs -o size=1g,mode=0700 esafety-soak "$D"
MOUNTS+=("$D")

echo "preparing: demo school, 100,000 listed domains, origin, DNS upstream..." >&2
"$LIST_GEN" 100000 >"$W/listed.txt"
BLOCKED="$(sed -n 5000p "$W/listed.txt")"
DNS_BLOCKED="$(sed -n 7000p "$W/listed.txt")"
"$E" init --demo --data "$D" >"$W/init.log" 2>&1 || { cat "$W/init.log" >&2; exit 1; }
"$E" lists import "$W/listed.txt" --format plain --category pornography --reason soak \
  --data "$D" >"$W/import.log" 2>&1 || { cat "$W/import.log" >&2; exit 1; }
cat >"$D/esafety.toml" <<TOML
[school]
networks = ["127.0.0.0/8"]
[server]
workers = 2
[proxy]
listen = ["127.0.0.1:$PROXY_PORT"]
static_hosts = ["soak-origin.test=127.0.0.1"]
connect_ports = [443, $ORIGIN_PORT]
http_ports = [80, $ORIGIN_PORT]
internal_allow = ["127.0.0.0/8"]
upstream_timeout_s = 5
[dns]
listen = ["127.0.0.1:$DNS_PORT"]
upstreams = ["127.0.0.1:$UP_PORT"]
[console]
listen = "127.0.0.1:$CONSOLE_PORT"
public_url = "http://127.0.0.1:$CONSOLE_PORT"
TOML

python3 tests/proxy/origin.py $ORIGIN_PORT >"$W/origin.log" 2>&1 &
PIDS+=($!)
python3 tests/dns/test_upstream.py $UP_PORT >"$W/upstream.log" 2>&1 &
PIDS+=($!)
"$E" serve --data "$D" >"$W/serve.log" 2>&1 &
EPID=$!
PIDS+=($EPID)
for _ in $(seq 1 300); do
  curl -sf -o /dev/null "http://127.0.0.1:$CONSOLE_PORT/health" && break
  sleep 0.1
done
curl -sf -o /dev/null "http://127.0.0.1:$CONSOLE_PORT/health" || { tail -20 "$W/serve.log" >&2; exit 1; }

# The DNS query mix: 70% names the upstream answers, 30% listed names.
python3 - "$W" <<'PY'
import random, sys
w = sys.argv[1]
listed = open(w + "/listed.txt").read().split()
rng = random.Random(19)
with open(w + "/queries.txt", "w") as f:
    for i in range(200000):
        if rng.random() < 0.7:
            f.write("host%d.soak-allowed.test A\n" % rng.randrange(20000))
        else:
            f.write("%s A\n" % rng.choice(listed))
PY

metric() {  # metric <name>: its value on /metrics now (0 when absent)
  curl -s "http://127.0.0.1:$CONSOLE_PORT/metrics" |
    awk -v n="$1" '$1 == n {print $2; found=1} END {if (!found) print 0}' | head -1
}
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$EPID/status" 2>/dev/null || echo 0; }
events_line() {  # the event counters, as one line
  echo "queued=$(metric esafety_events_queued_total) written=$(metric esafety_events_written_total)" \
       "dropped=$(metric esafety_events_dropped_total) lost=$(metric esafety_events_lost_total)" \
       "write_errors=$(metric esafety_events_write_errors_total)"
}

echo "soak: $MINUTES min; warm-up ${WARMUP}s, recompile at ${COMPILE_AT}s," \
  "disk full ${FILL_AT}-${FREE_AT}s" >&2
python3 bench/soak/load.py $PROXY_PORT "http://soak-origin.test:$ORIGIN_PORT" "$BLOCKED" \
  $DNS_PORT "$DNS_BLOCKED" $DURATION "$W/load.json" 2>"$W/load.err" &
LOAD=$!
PIDS+=($LOAD)
dnsperf -s 127.0.0.1 -p $DNS_PORT -a 127.0.0.21 -d "$W/queries.txt" -l $DURATION -Q 400 -c 8 \
  >"$W/dnsperf.log" 2>&1 &
PIDS+=($!)

died=""
reloads=0
declare -a RSS_AT=()
t0=$(date +%s)
for ((t = 0; t < DURATION; t++)); do
  # Sleep to the next whole second of the schedule.
  while (($(date +%s) < t0 + t)); do sleep 0.2; done
  if ! kill -0 $EPID 2>/dev/null; then died="esafety died at ${t}s"; break; fi
  ((t % 5 == 0)) && RSS_AT+=("$t $(rss_mb)")
  if ((t > 0 && t % 10 == 0)); then kill -HUP $EPID; reloads=$((reloads + 1)); fi
  if ((t == COMPILE_AT)); then
    echo "${t}s: recompiling the lists" >&2
    ("$E" lists compile --data "$D" >"$W/compile.log" 2>&1 || echo "compile failed: $(tail -1 "$W/compile.log")" >&2) &
  fi
  if ((t == FILL_AT)); then
    BEFORE_FILL="$(events_line)"
    echo "${t}s: filling the events disk ($BEFORE_FILL)" >&2
    dd if=/dev/zero of="$D/filler" bs=1M status=none 2>/dev/null || true
    FULL_DF="$(df -m --output=avail "$D" | tail -1 | tr -d ' ')"
  fi
  if ((t == FREE_AT)); then
    AT_FREE="$(events_line)"
    rm -f "$D/filler"
    echo "${t}s: freed the disk ($AT_FREE)" >&2
  fi
done
wait $LOAD || true

# Let the writer catch up, then read the counters and stop the server.
for _ in $(seq 1 120); do
  [[ "$(metric esafety_events_queue_depth)" == 0 ]] && break
  sleep 0.5
done
sleep 1
FINAL="$(events_line)"
queued=$(metric esafety_events_queued_total)
written=$(metric esafety_events_written_total)
dropped=$(metric esafety_events_dropped_total)
lost=$(metric esafety_events_lost_total)
kill -TERM $EPID 2>/dev/null || true
exit_code=0
wait $EPID || exit_code=$?
stored=$(sqlite3 "$D/events.db" "SELECT count(*) FROM events" 2>/dev/null || echo "?")

# The checks.
fail=0
check() {  # check <ok 0/1> <what>
  if (($1)); then echo "- pass: $2"; else echo "- FAIL: $2"; fail=1; fi
}
rss_warm=$(printf '%s\n' "${RSS_AT[@]}" | awk -v w=$WARMUP '$1 >= w {print $2; exit}')
rss_max=$(printf '%s\n' "${RSS_AT[@]}" | awk -v w=$WARMUP '$1 >= w && $2 > m {m = $2} END {print m}')
rss_end=$(printf '%s\n' "${RSS_AT[@]}" | tail -1 | cut -d' ' -f2)
misses=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["probe_misses"]))' "$W/load.json")
probes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["probes"])' "$W/load.json")

echo
echo "## Soak, $MINUTES minutes, $(date -u +%F' '%H:%M) UTC, $(git rev-parse --short HEAD)"
echo
echo "Command: \`bench/soak.sh $MINUTES\`. Load average before the run's end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
check "$([[ -z $died && $exit_code -eq 0 ]] && echo 1 || echo 0)" \
  "esafety ran throughout and exited with $exit_code after SIGTERM ${died:+($died)}; $reloads SIGHUP reloads"
check "$((misses == 0))" "filtering never stopped: $probes probes, $misses missed"
check "$(awk -v w="$rss_warm" -v m="$rss_max" -v e="$rss_end" 'BEGIN {print (m <= w * 1.10 && e <= w * 1.10) ? 1 : 0}')" \
  "RSS after warm-up: ${rss_warm} MB at ${WARMUP}s, at most ${rss_max} MB, ${rss_end} MB at the end (limit +10%)"
check "$([[ $queued == "$written" && $lost == 0 && $stored == "$written" ]] && echo 1 || echo 0)" \
  "every accepted event stored: queued $queued, written $written, lost $lost, rows in events.db $stored"
check "$([[ ${dropped%%.*} -gt 0 || -z ${FULL_DF:-} ]] && echo 1 || echo 0)" \
  "events refused while the disk was full counted: dropped $dropped (disk free during the fill: ${FULL_DF:-?} MB)"
echo
echo "Events before the fill: $BEFORE_FILL; when freed: $AT_FREE; at the end: $FINAL."
echo
echo "Client outcomes (action, outcome: count):"
echo
echo '```'
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); [print("%-28s %d" % (k, v)) for k, v in d["counts"].items()]; [print("probe miss at %ss: %s" % (m["at_s"], m["what"])) for m in d["probe_misses"][:20]]' "$W/load.json"
grep -E 'Queries (sent|completed|lost)|Queries per second' "$W/dnsperf.log" | sed 's/^ *//'
echo '```'
echo
echo "RSS (MB) every 5 s: $(printf '%s\n' "${RSS_AT[@]}" | awk '{printf "%s ", $2}')"
if ((fail)); then
  echo "the soak failed; esafety's log ends:" >&2
  tail -30 "$W/serve.log" >&2
fi
exit $fail
