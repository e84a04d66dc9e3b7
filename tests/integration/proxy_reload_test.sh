# Policy reloads without dropping a connection: a keep-alive connection
# stays open while the school blocks a site (picked up within seconds) and
# while esafety is sent SIGHUP; WebSocket upgrades tunnel through; a 1 GiB
# download streams with bounded memory; SIGTERM shuts down cleanly.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
start_demo_server
URL="http://nothing-listed.example:$ORIGIN/page"

run 0 python3 "$SOURCE_DIR/tests/proxy/reload_check.py" "$PROXY" "$URL" "$ESAFETY" "$DATA" "$SERVE_PID"
contains "$OUT" "3 passed" "reloads on a kept connection"
contains "$(cat "$WORK/serve.log")" "policy reloaded (SIGHUP)" "SIGHUP logged"

# WebSocket through the proxy.
run 0 python3 "$SOURCE_DIR/tests/proxy/websocket_check.py" "$PROXY" "nothing-listed.example:$ORIGIN" 127.0.0.21
contains "$OUT" "ok" "websocket tunnel"

# A 1 GiB download streams through; the proxy's memory does not grow with it.
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$SERVE_PID/status"; }
BEFORE="$(rss)"
SIZE="$(pcurl 127.0.0.21 --max-time 120 -o /dev/null -w '%{size_download}' "http://nothing-listed.example:$ORIGIN/big?mb=1024")"
AFTER="$(rss)"
[[ "$SIZE" == 1073741824 ]] || fail "1 GiB download ($SIZE bytes)"
(( AFTER - BEFORE < 64 )) || fail "RSS grew from $BEFORE MB to $AFTER MB over a 1 GiB download"
PASSED=$((PASSED + 2))
echo "RSS $BEFORE MB before and $AFTER MB after a 1 GiB download"

# SIGTERM: a clean stop.
kill -TERM "$SERVE_PID"
wait "$SERVE_PID"
RC=$?
SERVE_PID=""
[[ "$RC" == 0 ]] || fail "serve exited $RC on SIGTERM"
contains "$(cat "$WORK/serve.log")" "esafety stopped" "clean stop logged"
finish
