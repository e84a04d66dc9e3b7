#!/usr/bin/env bash
# What one proxied request costs esafety in instructions, this build against
# another, exactly: each build runs `esafety serve` (the demo school, events
# on, phrase scanning off) under valgrind's callgrind, counting only its
# io_context threads (the workers and the control thread; not the event
# writer, whose batches vary), while a client sends a fixed number of GETs
# for the test origin's 10,855-byte page as the demo's KS2 browser on 4
# keep-alive connections. Two runs per build, of <small> and <large>
# requests, and the difference divided by (<large> - <small>) takes out
# start-up and shutdown. The count is the same run after run (to a few
# instructions per request), so a change of 1% shows, which wall-clock
# benchmarks on a shared machine cannot resolve. It counts user-space
# instructions only: the kernel's share of a request (more than half of
# esafety's CPU time, bench/RESULTS.md) is not in it.
#
#   ESAFETY_BASE_BIN=<another build> bench/proxy_instructions.sh [small] [large]   (1000 5000)
#   ESAFETY_BIN=<a build> bench/proxy_instructions.sh     (that build instead of this tree's)
#
# Ports 28290-28292 on 127.0.0.1; installs valgrind from Debian when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SMALL="${1:-1000}"
LARGE="${2:-5000}"
PROXY_PORT=28290
CONSOLE_PORT=28291
ORIGIN_PORT=28292
source bench/lib.sh
bench_packages valgrind python3 curl
bench_ports_free "bench/proxy_instructions.sh needs 127.0.0.1:$PROXY_PORT-$ORIGIN_PORT" \
  $PROXY_PORT $CONSOLE_PORT $ORIGIN_PORT
cmake --preset release >/dev/null
cmake --build --preset release --target esafety >/dev/null
ESAFETY="${ESAFETY_BIN:-$PWD/build/release/src/app/esafety}"
bench_workdir esafety-instructions
python3 tests/proxy/origin.py $ORIGIN_PORT "$W/origin.ready" &
PIDS+=($!)

# instructions <binary> <requests>: the io threads' instruction count.
instructions() {
  local bin=$1 requests=$2 data="$W/data-$RANDOM"
  "$bin" init --demo --data "$data" >/dev/null 2>&1
  cat > "$data/esafety.toml" <<TOML
[school]
networks = ["127.0.0.0/8"]
[proxy]
listen = ["127.0.0.1:$PROXY_PORT"]
static_hosts = ["nothing-listed.example=127.0.0.1"]
http_ports = [80, $ORIGIN_PORT]
internal_allow = ["127.0.0.0/8"]  # the origin listens on loopback
[dns]
enabled = false
[console]
listen = "127.0.0.1:$CONSOLE_PORT"
public_url = "http://127.0.0.1:$CONSOLE_PORT"
[inspect]
phrase_lists = ""
TOML
  valgrind --tool=callgrind --callgrind-out-file="$data/callgrind.out" --collect-atstart=no \
    --toggle-collect='boost::asio::detail::scheduler::run*' \
    "$bin" serve --data "$data" > "$data/serve.log" 2>&1 &
  local pid=$!
  local deadline=$((SECONDS + 120))
  until curl -sf -o /dev/null "http://127.0.0.1:$CONSOLE_PORT/health"; do
    ((SECONDS < deadline)) || { cat "$data/serve.log" >&2; exit 1; }
    sleep 0.5
  done
  local ok
  ok=$(python3 bench/proxy/fixed_requests.py $PROXY_PORT \
    "http://nothing-listed.example:$ORIGIN_PORT/page" 4 "$requests")
  ((ok == requests)) || { echo "only $ok of $requests requests came back 200" >&2; exit 1; }
  kill -TERM $pid
  wait $pid || true
  awk '/^totals:/ {print $2}' "$data/callgrind.out"
}

per_request() {  # per_request <binary>
  local small large
  small=$(instructions "$1" "$SMALL")
  large=$(instructions "$1" "$LARGE")
  echo $(((large - small) / (LARGE - SMALL)))
}

wait_deadline=$((SECONDS + 10))
until [[ -f "$W/origin.ready" ]]; do ((SECONDS < wait_deadline)) || exit 1; sleep 0.1; done
THIS=$(per_request "$ESAFETY")
echo "| build | instructions per proxied GET (io threads) |"
echo "|---|---:|"
if [[ -n "${ESAFETY_BIN:-}" ]]; then
  echo "| ESAFETY_BIN ($ESAFETY_BIN) | $THIS |"
else
  echo "| this build ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+changes')) | $THIS |"
fi
if [[ -n "${ESAFETY_BASE_BIN:-}" ]]; then
  BASE=$(per_request "$ESAFETY_BASE_BIN")
  echo "| ESAFETY_BASE_BIN ($ESAFETY_BASE_BIN) | $BASE |"
  python3 -c "print(f'\nthis / base: {$THIS / $BASE:.3f}')"
fi
