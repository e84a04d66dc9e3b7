#!/usr/bin/env bash
# Sets everything up and runs every test: the unit and integration tests on a
# release build, then the unit tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer, then a clang build of the binary that checks the
# thread-safety annotations (GUARDED_BY, core/thread_annotations.h), then
# every fuzz target for a bounded time (scripts/fuzz.sh, FUZZ_SECONDS each,
# default 20). This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# ccache keys on relative paths, so a fresh clone elsewhere reuses earlier builds.
export CCACHE_BASEDIR="$PWD"

bash scripts/bootstrap.sh

echo "== release build"
cmake --preset release >/dev/null
cmake --build --preset release
echo "== release tests (unit and integration)"
ctest --preset release -j2

echo "== asan-ubsan build"
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan
echo "== asan-ubsan tests (unit)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --preset asan-ubsan -j2

echo "== clang thread-safety build (every GUARDED_BY access checked)"
cmake --preset clang-tsa >/dev/null
cmake --build --preset clang-tsa --target esafety

echo "== fuzz (clang, libFuzzer: every target ${FUZZ_SECONDS:-20} s from tests/fuzz/corpus)"
bash scripts/fuzz.sh
