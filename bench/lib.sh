# Shared by the bench/*.sh scripts: installing what a benchmark needs from
# Debian, checking it runs as root and its ports are free, and a work
# directory whose background processes are stopped and which is removed on
# exit (also on Ctrl-C). Source it from the repository root:
#
#   source bench/lib.sh
#   bench_packages nginx wrk curl
#   bench_need_root "bench/proxy.sh starts squid, which needs root"
#   bench_ports_free "bench/proxy.sh needs 127.0.0.1:28080-28086" 28080 28081
#   bench_workdir esafety-proxybench     # sets W; add background pids to PIDS

# Installs each Debian package that is not installed yet.
bench_packages() {
  local need=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
  done
  ((${#need[@]})) || return 0
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo=sudo
  echo "installing ${need[*]}..." >&2
  $sudo apt-get update -qq
  # Debian's packages start their system services after installing; those
  # (on their standard ports) are not the ones measured and are left alone.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

# Exits with the message unless running as root.
bench_need_root() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "$1; run it as root" >&2
    exit 1
  fi
}

# bench_ports_free <message> <port>...: exits with the message if any
# port already has a TCP listener.
bench_ports_free() {
  local message="$1" port
  shift
  for port in "$@"; do
    if ss -Htln "sport = :$port" | grep -q .; then
      echo "port $port is in use; $message" >&2
      exit 1
    fi
  done
}

# bench_workdir <prefix>: makes W (mode 755, so servers that drop to their
# own users can read it) and arranges for every pid in PIDS (and CHILD, the
# foreground command `bench_run` waits on) to be stopped, TERM then KILL
# after 10 s, every folder in MOUNTS unmounted, and W removed, when the
# script exits.
bench_workdir() {
  W="/tmp/$1-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
  mkdir -m 755 "$W"
  PIDS=()
  MOUNTS=()
  CHILD=""
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  trap - EXIT INT TERM
  [[ -n "${CHILD:-}" ]] && kill "$CHILD" 2>/dev/null
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  for p in "${MOUNTS[@]}"; do umount "$p" 2>/dev/null || umount -l "$p" || true; done
  rm -rf "$W"
}

# Runs a command in the background and waits for it, so that Ctrl-C reaches
# the cleanup at once rather than after the command ends.
bench_run() {
  "$@" &
  CHILD=$!
  wait "$CHILD"
  local rc=$?
  CHILD=""
  return $rc
}
