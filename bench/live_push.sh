#!/usr/bin/env bash
# Issue 14's targets for what is pushed to open console pages, p99 <= 2 s
# from the request through the proxy:
#   alerts     the alert on the DSL's open alerts page;
#   classview  the visit on the Year 5 teacher's open class view.
#
#   bench/live_push.sh alerts|classview [rounds]        (default 300)
#
# Starts `esafety serve` on the demo school (proxy on, DNS off, a local
# origin standing in for the search engine), then bench/live_push.py opens
# the page's stream and times each round's request through the proxy until
# it is on the stream. Everything on 127.0.0.1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MODE="${1:?alerts or classview}"
[[ "$MODE" == alerts || "$MODE" == classview ]] || { echo "usage: $0 alerts|classview [rounds]" >&2; exit 2; }
ROUNDS="${2:-300}"
export CCACHE_BASEDIR="$PWD"
cmake --preset release >/dev/null
cmake --build --preset release --target esafety >/dev/null
E="$PWD/build/release/src/app/esafety"
W="$(mktemp -d /tmp/esafety-livepush.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PROXY=$(port); CONSOLE=$(port); ORIGIN=$(port)
"$E" init --demo --data "$W/var" >/dev/null 2>&1
cat >"$W/var/esafety.toml" <<T
[school]
networks = ["127.0.0.0/25"]
[proxy]
listen = ["127.0.0.1:$PROXY"]
static_hosts = ["www.google.co.uk=127.0.0.1"]
connect_ports = [443, $ORIGIN]
http_ports = [80, $ORIGIN]
internal_allow = ["127.0.0.0/8"]
[dns]
enabled = false
[console]
listen = "127.0.0.1:$CONSOLE"
public_url = "http://127.0.0.1:$CONSOLE"
T
python3 tests/proxy/origin.py "$ORIGIN" "$W/origin.ready" & PIDS+=($!)
"$E" serve --data "$W/var" >"$W/serve.log" 2>&1 & PIDS+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$CONSOLE/health" >/dev/null && [[ -f "$W/origin.ready" ]] && break; sleep 0.2; done
python3 bench/live_push.py "$MODE" "$PROXY" "$CONSOLE" "$ORIGIN" "$ROUNDS"
