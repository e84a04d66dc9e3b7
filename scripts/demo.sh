#!/usr/bin/env bash
# Sets everything up and runs the demo school: installs what is needed, builds
# esafety, creates the demo primary school in var/ (kept if it is already
# there), shows the filter deciding for each group with its reasons, then
# runs it: the proxy on 127.0.0.1:3128, DNS on 127.0.0.1:5353 and the console
# on 127.0.0.1:8080, until Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# ccache keys on relative paths, so a fresh clone elsewhere reuses earlier builds.
export CCACHE_BASEDIR="$PWD"

bash scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release --target esafety
ESAFETY="build/release/src/app/esafety"
DATA="${ESAFETY_DATA:-var}"

if [[ -f "$DATA/esafety.db" ]]; then
  echo "Using the demo school already in $DATA/ (delete it to start again)"
else
  "$ESAFETY" init --demo --data "$DATA"
  # Page scanning uses e2guardian's phrase lists. Without the e2guardian
  # package, the demo uses the copy bootstrap.sh unpacked.
  if [[ ! -d /etc/e2guardian/lists && -d "$PWD/.cache/e2guardian/etc/e2guardian/lists" ]]; then
    sed -i "s|^# phrase_lists = .*|phrase_lists = \"$PWD/.cache/e2guardian/etc/e2guardian/lists/phraselists\"|" "$DATA/esafety.toml"
  fi
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

cat <<TEXT

Now running the demo school. This computer (127.0.0.1) is registered as a
Year 5 (KS2) device, so a browser or curl here sees what a pupil would:
  curl -x http://127.0.0.1:3128 http://adult-demo.example/     # the block page
  curl http://127.0.0.1:8080/proxy.pac                         # the PAC file
  curl http://127.0.0.1:8080/metrics                           # what it has done
  build/release/src/app/esafety logs --data $DATA              # the activity log (in another terminal)
The web console is at http://127.0.0.1:8080/ : sign in as
dsl@demo-school.example (or head@, teacher@, it@, governor@, office@)
with the demo password "esafety-demo".
The demo sites are fictional (.example), so allowed ones end at the
"could not find the site" page; blocked ones show the block page.
Press Ctrl-C to stop.
TEXT
exec "$ESAFETY" serve --data "$DATA"
