# Shared by the benchmarks that time the console's HTTP API (bench/console.sh,
# bench/alerts_page.sh): the release build and a demo school in a work
# directory, `esafety serve` with only the console on, the demo DSL signed
# in, one timed request, and percentiles of a file of timings. Source it
# from the repository root:
#
#   source bench/console_lib.sh
#   console_bench_school alertsbench   # builds; sets E, W (with var/), PID
#   console_serve 55600              # sets C (the console's URL) and PID
#   console_timed '/api/v1/events' >>"$W/t.txt"
#   console_row newest "$W/t.txt"    # "| newest | p50 | p95 | max |"

# console_bench_school <name>: builds esafety and esafety_event_gen, makes
# W=/tmp/esafety-<name>.XXXXXX removed on exit (serve stopped first), and a
# demo school in $W/var.
console_bench_school() {
  export CCACHE_BASEDIR="$PWD"
  cmake --preset release >/dev/null
  cmake --build --preset release --target esafety esafety_event_gen >/dev/null
  E=build/release/src/app/esafety
  W="$(mktemp -d "/tmp/esafety-$1.XXXXXX")"
  PID=""
  trap 'console_cleanup' EXIT
  "$E" init --demo --data "$W/var" >/dev/null 2>&1
}

console_cleanup() {
  [[ -n "$PID" ]] && kill "$PID" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$W"
}

# Starts serve on 127.0.0.1:<port> with the proxy and DNS off, waits for it
# and signs in as the demo DSL (cookies in $W/jar).
console_serve() {
  local port="$1"
  cat >"$W/var/esafety.toml" <<T
[proxy]
enabled = false
[dns]
enabled = false
[console]
listen = "127.0.0.1:$port"
T
  "$E" serve --data "$W/var" >"$W/serve.log" 2>&1 &
  PID=$!
  C="http://127.0.0.1:$port"
  for _ in $(seq 1 300); do curl -sf "$C/health" >/dev/null && break; sleep 0.1; done
  curl -sf -c "$W/jar" -o /dev/null -H 'Content-Type: application/json' \
    -d '{"email":"dsl@demo-school.example","password":"esafety-demo"}' "$C/api/v1/session"
}

# One timed GET as the DSL: prints seconds, leaves the body in $W/body;
# fails loudly on anything but 200.
console_timed() {
  local out
  out=$(curl -s -b "$W/jar" -o "$W/body" -w '%{http_code} %{time_total}' "$C$1")
  [[ "${out%% *}" == 200 ]] || { echo "$1 -> $out: $(head -c 300 "$W/body")" >&2; exit 1; }
  echo "${out#* }"
}

# console_row <label> <file of seconds> [extra cell]: a table row of the
# p50, p95 and max in ms.
console_row() {
  sort -g "$2" | awk -v k="$1" -v x="${3-}" '{a[NR]=$1} END {
    printf "| %s | %.1f | %.1f | %.1f |%s\n", k, a[int((NR+1)/2)]*1000, a[int(NR*0.95+0.999)]*1000,
      a[NR]*1000, (x == "" ? "" : " " x " |") }'
}

# console_p95 <file of seconds>: the p95 in ms and the count.
console_p95() {
  sort -g "$1" | awk '{a[NR]=$1} END {printf "p95 %.1f ms over %d requests", a[int(NR*0.95+0.999)]*1000, NR}'
}
