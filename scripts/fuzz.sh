#!/usr/bin/env bash
# Builds every libFuzzer target (tests/fuzz/*_fuzz.cc) with the fuzz preset
# (clang, ASan and UBSan) and runs each for FUZZ_SECONDS (default 20), from
# its seed corpus in tests/fuzz/corpus/<target>. New inputs go to a scratch
# corpus (build/fuzz/corpus/<target>), never into the source tree; copy the
# ones worth keeping into tests/fuzz/corpus by hand. A crash, a leak, a
# timeout or undefined behaviour fails the run and prints the reproducer
# (its bytes in hex and the command that replays it).
#
#   bash scripts/fuzz.sh                    # every target, 20 s each
#   FUZZ_SECONDS=600 bash scripts/fuzz.sh list_include_fuzz csv_fuzz
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CCACHE_BASEDIR="$PWD"
seconds="${FUZZ_SECONDS:-20}"
if (($# > 0)); then
  targets=("$@")
else
  mapfile -t targets < <(ls tests/fuzz/*_fuzz.cc | xargs -n1 basename | sed 's/\.cc$//')
fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]}"

failed=()
for t in "${targets[@]}"; do
  bin="build/fuzz/tests/fuzz/$t"
  scratch="build/fuzz/corpus/$t"
  artifacts="build/fuzz/artifacts/$t"
  mkdir -p "$scratch" "$artifacts" "tests/fuzz/corpus/$t"
  log="build/fuzz/artifacts/$t.log"
  if "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" "$scratch" "tests/fuzz/corpus/$t" >"$log" 2>&1; then
    stats=$(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" |
            sed 's/^stat:://' | tr -s ' ' | tr '\n' ' ')
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1)
    echo "  $t: ok, ${seconds}s, $cov, $stats"
  else
    echo "  $t: FAILED" >&2
    tail -40 "$log" >&2
    for crash in "$artifacts"/*; do
      [[ -f "$crash" ]] || continue
      echo "  reproducer $crash ($(stat -c %s "$crash") bytes):" >&2
      xxd "$crash" | head -20 >&2
      echo "  replay: $bin $crash" >&2
    done
    failed+=("$t")
  fi
done
if ((${#failed[@]} > 0)); then
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each without a crash"
