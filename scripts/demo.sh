#!/usr/bin/env bash
# Sets everything up and runs the demo school: installs what is needed, builds
# esafety, creates the demo primary school in var/ (kept if it is already
# there) and shows the filter deciding for each group, with its reasons.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release --target esafety
ESAFETY="build/release/src/app/esafety"
DATA="${ESAFETY_DATA:-var}"

if [[ -f "$DATA/esafety.db" ]]; then
  echo "Using the demo school already in $DATA/ (delete it to start again)"
else
  "$ESAFETY" init --demo --data "$DATA"
fi

show() {
  echo
  echo "\$ esafety check $*"
  "$ESAFETY" check "$@" --data "$DATA"
}

echo
echo "The demo school's groups and rules:"
"$ESAFETY" policy show --data "$DATA"

show http://adult-demo.example/ --group KS1
show http://adult-demo.example/ --group Staff
show http://iwf-test.esafety-demo.invalid/ --group Staff
show http://nothing-listed.example/ --group KS1
show http://nothing-listed.example/ --group KS2
show "$(grep -v '^#' "$DATA/lists/demo/games/domains" | head -1)" --group KS2 --time "2026-03-03 12:15"
show www.google.co.uk --group KS2

echo
echo "Allowing illegal content is refused, whoever asks:"
"$ESAFETY" policy allow iwf-test.esafety-demo.invalid --reason "demo" --data "$DATA" || true

echo
echo "Next: esafety --help, or esafety check <url> --group <KS1|KS2|Staff|Visitor|Restricted> --data $DATA"
