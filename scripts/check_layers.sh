#!/usr/bin/env bash
# Fails when an #include in src/ points up the layer order that
# docs/architecture.md draws: each area may include only its own headers and
# those of areas in lower layers. Areas in the same layer are independent of
# each other. Tests (*_test.cc), test support (test_*.h/.cc, *test_util.h,
# *test_fixture.h) and manual checks (*_check.cc) may use any layer: they are
# not part of the library they test.
#
#   scripts/check_layers.sh [repo]      # prints each bad include as file:line
set -euo pipefail
repo="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$repo/src"

# Lowest first. Keep in step with docs/architecture.md ("Layers").
layers=(
  "core"
  "sqlite net"
  "classify tls records"
  "policy"
  "inspect pages events"
  "identity alerts"
  "store event_log"
  "control"
  "proxy dns"
  "console"
  "serve"
  "app"
)

declare -A rank=()
for i in "${!layers[@]}"; do
  for area in ${layers[$i]}; do rank[$area]=$i; done
done

bad=0
for dir in */; do
  area="${dir%/}"
  if [[ -z "${rank[$area]+x}" ]]; then
    echo "src/$area: this area has no layer; add it to scripts/check_layers.sh and docs/architecture.md"
    bad=1
    continue
  fi
done

while IFS= read -r -d '' file; do
  case "$file" in
    *_test.cc | */test_*.h | */test_*.cc | *test_util.h | *test_fixture.h | *_check.cc) continue ;;
  esac
  area="${file%%/*}"
  own=${rank[$area]:-}
  [[ -n "$own" ]] || continue
  while IFS=: read -r line included; do
    to="${included%%/*}"
    [[ "$to" == "$area" ]] && continue
    [[ -n "${rank[$to]+x}" ]] || continue  # a system or library header
    if ((rank[$to] >= own)); then
      what="points up"
      ((rank[$to] == own)) && what="points across its layer"
      echo "src/$file:$line: includes \"$included\", which $what (layer of $area: ${layers[$own]}; of $to: ${layers[${rank[$to]}]})"
      bad=1
    fi
  done < <(grep -nE '^#include "[a-z_0-9]+/' "$file" | sed -E 's/^([0-9]+):#include "([^"]+)".*/\1:\2/')
done < <(find . -name '*.h' -o -name '*.cc' | sed 's#^\./##' | sort | tr '\n' '\0')

if ((bad)); then
  echo "check_layers: includes must point down the layers (docs/architecture.md)" >&2
  exit 1
fi
echo "check_layers: every include points down"
