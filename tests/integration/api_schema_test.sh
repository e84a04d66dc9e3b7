# The console API against its schema (docs/api/openapi.yaml), on the real
# binary with the demo school in a throwaway data folder: every route the
# schema lists is called (the changes with valid bodies, and the usual
# mistakes), and each answer is checked with Ajv against the schema for its
# route and status; the server's routes and the schema's must be the same
# set. tests/api/check_api.mjs says what it checks and how.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
API_TESTS="$SOURCE_DIR/tests/api"
[[ -f "$API_TESTS/node_modules/.package-lock.json" ]] ||
  fail "tests/api/node_modules is missing: run scripts/bootstrap.sh (it runs npm ci there)"
start_demo_server
C="http://127.0.0.1:$CONSOLE"

# Something in the log: an allowed and a blocked request from a KS2 iPad.
pcurl 127.0.0.21 -o /dev/null "http://nothing-listed.example:$ORIGIN/page"
BLOCK="$(pcurl 127.0.0.21 "http://adult-demo.example:$ORIGIN/")"
# The block page's buttons post its reference with its form token.
export ESAFETY_BLOCK_REF="$(sed -n 's/.*name="ref" value="\([^"]*\)".*/\1/p' <<<"$BLOCK" | head -1)"
export ESAFETY_BLOCK_TOKEN="$(sed -n 's/.*name="token" value="\([^"]*\)".*/\1/p' <<<"$BLOCK" | head -1)"
[[ -n "$ESAFETY_BLOCK_TOKEN" ]] || fail "the block page carries a form token"
# Two-step sign-in on, as in a real school, so the head's sign-in answers
# with the key to set it up (the demo has it off).
sqlite3 "$DATA/esafety.db" "UPDATE settings SET value = 'on' WHERE key = 'console.totp'"

node "$API_TESTS/check_api.mjs" --console "$C" --source "$SOURCE_DIR" ||
  fail "the console API and docs/api/openapi.yaml disagree (above)"
PASSED=$((PASSED + 1))
finish
