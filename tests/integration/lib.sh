# Shared helpers for integration tests. Each test script is run by ctest as
#   bash <script> <path-to-esafety> <source-dir>
# and drives the real binary. Output that a person would read is asserted.
set -euo pipefail

ESAFETY="$1"
SOURCE_DIR="$2"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/esafety-it.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
PASSED=0

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# run <expected-exit-code> <command...>: runs, captures stdout/stderr in
# $OUT/$ERR, and checks the exit code.
run() {
  local expected="$1"
  shift
  set +e
  "$@" >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  set -e
  OUT="$(cat "$WORK/out")"
  ERR="$(cat "$WORK/err")"
  if [[ "$rc" != "$expected" ]]; then
    echo "--- stdout:" >&2; echo "$OUT" >&2
    echo "--- stderr:" >&2; echo "$ERR" >&2
    fail "'$*' exited $rc, expected $expected"
  fi
  PASSED=$((PASSED + 1))
}

# contains <haystack> <needle> <what>
contains() {
  if [[ "$1" != *"$2"* ]]; then
    echo "--- text:" >&2; echo "$1" >&2
    fail "$3: expected to find '$2'"
  fi
  PASSED=$((PASSED + 1))
}

# matches <haystack> <extended-regex> <what>
matches() {
  if [[ ! "$1" =~ $2 ]]; then
    echo "--- text:" >&2; echo "$1" >&2
    fail "$3: expected to match '$2'"
  fi
  PASSED=$((PASSED + 1))
}

not_contains() {
  if [[ "$1" == *"$2"* ]]; then
    echo "--- text:" >&2; echo "$1" >&2
    fail "$3: did not expect '$2'"
  fi
  PASSED=$((PASSED + 1))
}

# json <jq-expression> (reads $OUT)
json() {
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1" <<<"$OUT"
}

finish() {
  echo "$PASSED checks passed"
}
