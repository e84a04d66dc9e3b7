#!/usr/bin/env bash
# Installs every Debian package esafety needs to build, test and run.
# Idempotent: packages already present are skipped, and apt is only asked
# when something is missing. Run as root (or with sudo available).
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git clang libclang-rt-14-dev
  # libraries named in DESIGN.md §7
  libboost1.81-dev libboost-url1.81-dev libssl-dev libvectorscan-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev libtomlplusplus-dev
  nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev zlib1g-dev
  libbrotli-dev libmd4c-dev libpsl-dev libcurl4-openssl-dev libidn2-dev libxxhash-dev
  # the DfE evidence pack's zip (control/evidence_pack.h)
  libzip-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev googletest libbenchmark-dev curl netcat-openbsd openssl apache2-utils
  # mail tests: a real SMTP server (tests/mail/smtp_sink.py)
  python3-aiosmtpd
  # browser tests (tests/browser): Debian's chromium driven by playwright-core
  chromium nodejs
  # the report's PDF test reads the printed PDF's text (pdftotext)
  poppler-utils
  # DNS filter: dig in tests, and the anchors and load generator in bench/dns.sh
  bind9-dnsutils dnsperf unbound dnsmasq-base
)

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "bootstrap: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "bootstrap: all Debian packages present"
fi

# Real e2guardian lists for the list-format tests (STANDARDS.md: take them from
# Debian's package without installing the service).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$here/.cache/e2guardian"
if [[ ! -d "$cache/etc/e2guardian/lists" ]]; then
  echo "bootstrap: fetching Debian's e2guardian package for its lists"
  tmp="$(mktemp -d)"
  (cd "$tmp" && apt-get download e2guardian >/dev/null 2>&1) || {
    $SUDO apt-get update -qq
    (cd "$tmp" && apt-get download e2guardian >/dev/null)
  }
  mkdir -p "$cache"
  dpkg-deb -x "$tmp"/e2guardian_*.deb "$cache"
  rm -rf "$tmp"
fi

# npm for the browser tests. NodeSource's nodejs already carries npm and
# conflicts with Debian's npm package, so only ask apt when npm is missing.
if ! command -v npm >/dev/null 2>&1; then
  echo "bootstrap: installing Debian's npm"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null
fi

# The console (web/, built by Vite) needs Node.js 20.19 or newer.
node_version="$(node --version 2>/dev/null || echo none)"
if [[ ! "$node_version" =~ ^v([0-9]+)\.([0-9]+) ]] ||
  (( BASH_REMATCH[1] < 20 || (BASH_REMATCH[1] == 20 && BASH_REMATCH[2] < 19) )); then
  echo "bootstrap: the console needs Node.js 20.19 or newer; this machine has $node_version" >&2
  exit 1
fi

# Node packages, exact versions from each lockfile: the console's build
# tools (with openapi-typescript, which makes its types from
# docs/api/openapi.yaml), the browser tests, and the API schema test's
# validator (Ajv). Reinstalled when the lockfile changes.
for dir in "$here/web" "$here/tests/browser" "$here/tests/api"; do
  [[ -f "$dir/package-lock.json" ]] || continue
  if [[ ! -f "$dir/node_modules/.package-lock.json" ||
        "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    echo "bootstrap: installing Node packages in ${dir#"$here"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
echo "bootstrap: done"
