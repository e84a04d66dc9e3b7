#!/usr/bin/env bash
# Runs the browser tests: every page from src/pages in Debian's
# chromium (playwright-core + axe-core), and the PAC file in a Node vm.
#
#   tests/browser/run.sh [path/to/esafety_render_pages] [screenshot-dir]
#
# The tool defaults to build/release/src/pages/esafety_render_pages;
# screenshots go to a new temporary folder unless one is given (or set
# ESAFETY_SCREENSHOTS). Exits non-zero when any test fails. Needs chromium,
# node >= 20 and npm (scripts/bootstrap.sh installs them); fetches the Node
# packages from the lockfile the first time.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tool="${1:-$repo/build/release/src/pages/esafety_render_pages}"
shots="${2:-${ESAFETY_SCREENSHOTS:-$(mktemp -d "${TMPDIR:-/tmp}/esafety-screens-XXXXXX")}}"

fail() { echo "browser tests: $*" >&2; exit 1; }
[[ -x "$tool" ]] || fail "no render tool at $tool (build the esafety_render_pages target)"
command -v node >/dev/null || fail "node is missing; run scripts/bootstrap.sh"
[[ -x "${ESAFETY_CHROMIUM:-/usr/bin/chromium}" ]] || fail "chromium is missing; run scripts/bootstrap.sh"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
((node_major >= 20)) || fail "node $node_major is too old; node:test needs 20 or later"

if [[ ! -d "$here/node_modules/playwright-core" || ! -d "$here/node_modules/axe-core" ]]; then
  echo "browser tests: installing Node packages from the lockfile"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

export ESAFETY_RENDER_PAGES="$(cd "$(dirname "$tool")" && pwd)/$(basename "$tool")"
mkdir -p "$shots"
export ESAFETY_SCREENSHOTS="$(cd "$shots" && pwd)"
cd "$here"
status=0
node --test --test-reporter=spec --test-concurrency=1 pac.test.mjs pages.test.mjs || status=$?
echo "browser tests: screenshots in $ESAFETY_SCREENSHOTS"
exit "$status"
