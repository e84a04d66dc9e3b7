# Malformed and hostile input to the proxy (see tests/proxy/bad_input.py):
# each gets 400, 408 or 431 (or a refusal), the connection closes, memory
# stays bounded, and the proxy keeps serving.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
start_demo_server
python3 "$SOURCE_DIR/tests/proxy/bad_input.py" "$PROXY" "$ORIGIN" 127.0.0.21 "$SERVE_PID" || {
  tail -20 "$WORK/serve.log" >&2
  fail "bad input checks"
}
kill -0 "$SERVE_PID" || fail "esafety serve died"
PASSED=$((PASSED + 1))
finish
