# Helpers for tests that run `esafety serve` with the demo school and a local
# origin server (tests/proxy/origin.py). Source after lib.sh.
#   start_demo_server [extra toml lines]   sets PROXY, CONSOLE, ORIGIN (ports), DATA
#   DEMO_DNS="<[dns] lines>" start_demo_server   also runs the DNS filter (off by default)
#   DEMO_HTTP_PORTS="<port>, <port>" start_demo_server   more plain-HTTP ports (besides 80, 8080,
#                                                the origin's and the console's)
#   DEMO_EXTRA_HOSTS="name=10.0.0.1 ..." start_demo_server   more static hosts
#   DEMO_PROXY="<[proxy] lines>" start_demo_server   more proxy settings
#   DEMO_INTERNAL_ALLOW='[]' start_demo_server   the proxy's internal_allow (default: loopback,
#                                                where the origin and the console listen)
#   DEMO_CA=1 start_demo_server                  makes the school's CA first (`esafety ca init`)
#   DEMO_SERVE_ARGS="--test-clock FILE" start_demo_server   more `esafety serve` arguments
#   DEMO_CONSOLE_URL="https://name:port" start_demo_server   the console's public_url (default
#                                                http://127.0.0.1:$CONSOLE); set after CONSOLE is
#                                                known, so use '$CONSOLE' in single quotes
# Everything listens on 127.0.0.1; the demo devices are 127.0.0.11 (KS1),
# 127.0.0.21 (KS2), 127.0.0.31 (Staff); 127.0.0.1 is the "demo browser" (KS2).

# A free loopback port, never one this test was given before: the kernel can
# hand the same ephemeral port to two binds in a row once the first is closed
# (proxy_crash_test once got its proxy's port for its console).
free_port() {
  python3 - "$WORK/.ports_given" <<'PY'
import os, socket, sys
path = sys.argv[1]
given = set(open(path).read().split()) if os.path.exists(path) else set()
while True:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    if str(port) not in given:
        break
with open(path, "a") as f:
    f.write(f"{port}\n")
print(port)
PY
}

wait_for() {  # wait_for <seconds> <command...>
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then return 1; fi
    sleep 0.05
  done
}

# The demo names the tests browse to, all served by the local origin.
DEMO_NAMES=(allowed-demo.example adult-demo.example www.adult-demo.example casino-demo.example
            games-demo.example nothing-listed.example www.google.co.uk forcesafesearch.google.com
            www.youtube.com restrict.youtube.com www.bing.com strict.bing.com
            bitesize-demo.example iwf-test.esafety-demo.invalid)

start_demo_server() {
  DATA="$WORK/var"
  PROXY=$(free_port)
  CONSOLE=$(free_port)
  ORIGIN=$(free_port)
  "$ESAFETY" init --demo --data "$DATA" >/dev/null
  if [[ -n "${DEMO_CA:-}" ]]; then "$ESAFETY" ca init --data "$DATA" >/dev/null; fi
  CONSOLE_URL="$(eval echo "${DEMO_CONSOLE_URL:-http://127.0.0.1:\$CONSOLE}")"
  local hosts=""
  for name in "${DEMO_NAMES[@]}"; do hosts+="\"$name=127.0.0.1\", "; done
  for entry in ${DEMO_EXTRA_HOSTS:-}; do hosts+="\"$entry\", "; done
  local internal_allow='["127.0.0.0/8", "::1/128"]'
  internal_allow="${DEMO_INTERNAL_ALLOW-$internal_allow}"
  cat > "$DATA/esafety.toml" <<TOML
[school]
networks = ["127.0.0.0/25", "::1/128"]
[proxy]
listen = ["127.0.0.1:$PROXY", "[::1]:$PROXY"]
static_hosts = [${hosts%, }]
header_timeout_s = 3
idle_timeout_s = 10
upstream_timeout_s = 3
upstream_connect_timeout_s = 3
connect_ports = [443, $ORIGIN]
http_ports = [80, 8080, $ORIGIN, $CONSOLE${DEMO_HTTP_PORTS:+, $DEMO_HTTP_PORTS}]
internal_allow = $internal_allow
${DEMO_PROXY:-}
[dns]
${DEMO_DNS:-enabled = false}
[console]
listen = "127.0.0.1:$CONSOLE"
public_url = "$CONSOLE_URL"
${1:-}
TOML
  python3 "$SOURCE_DIR/tests/proxy/origin.py" "$ORIGIN" "$WORK/origin.ready" &
  ORIGIN_PID=$!
  # shellcheck disable=SC2086  # DEMO_SERVE_ARGS is words
  "$ESAFETY" serve --data "$DATA" ${DEMO_SERVE_ARGS:-} > "$WORK/serve.log" 2>&1 &
  SERVE_PID=$!
  trap 'stop_demo_server; rm -rf "$WORK"' EXIT
  wait_for 10 test -f "$WORK/origin.ready" || fail "origin server did not start"
  # (-k: over HTTPS the test checks the certificate itself.)
  wait_for 20 curl -sfk "${CONSOLE_URL%%://*}://127.0.0.1:$CONSOLE/health" || {
    cat "$WORK/serve.log" >&2
    fail "esafety serve did not start"
  }
}

stop_demo_server() {
  if [[ -n "${SERVE_PID:-}" ]]; then
    kill -TERM "$SERVE_PID" 2>/dev/null || true
    wait "$SERVE_PID" 2>/dev/null || true
    SERVE_PID=""
  fi
  if [[ -n "${ORIGIN_PID:-}" ]]; then
    kill "$ORIGIN_PID" 2>/dev/null || true
    wait "$ORIGIN_PID" 2>/dev/null || true
    ORIGIN_PID=""
  fi
}

# pcurl <source-address> <curl args...>: curl through the proxy as a device.
pcurl() {
  local source="$1"
  shift
  curl -s --interface "$source" -x "http://127.0.0.1:$PROXY" --max-time 20 "$@"
}
