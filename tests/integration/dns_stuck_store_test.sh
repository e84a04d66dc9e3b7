# DNS keeps answering while the event store cannot write (a full disk, a
# locked database): the DNS workers pause briefly for a congested event
# queue, but read a batch after every pause, so filtering never stops; the
# events queued meanwhile are all stored once the store is free.
# (Found by bench/soak.sh: with the disk full, the workers paused again and
# again without reading, and every DNS client timed out until it was freed.)
source "$(dirname "$0")/lib.sh"
source "$SOURCE_DIR/tests/dns/dns_test_lib.sh"

dns_start_upstream
# A small queue, so that a few thousand queries congest it.
dns_start '[events]' 'queue_capacity = 1024'

# Another connection holds the events database's write lock: the writer's
# batches fail and are retried, and the queue fills.
python3 - "$WORK/var/events.db" >"$WORK/lock.log" 2>&1 <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(120)
PY
LOCK_PID=$!
PIDS+=($LOCK_PID)
wait_line "$WORK/lock.log" locked

# Queries from the KS2 device, paced so that the kernel's socket buffer does
# not drop them instead. "until-congested": until the DNS workers report a
# congestion pause; "for SECONDS": on regardless, so the queue stays full.
cat >"$WORK/flood.py" <<'PY'
import socket, struct, sys, time, urllib.request
port, console, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.21", 0))
s.setblocking(False)
def pauses():
    text = urllib.request.urlopen("http://127.0.0.1:%d/metrics" % console, timeout=5).read().decode()
    for line in text.splitlines():
        if line.startswith("esafety_dns_event_pauses_total "):
            return float(line.split()[1])
    return 0
sent = 0
deadline = time.time() + (30 if mode == "until-congested" else float(sys.argv[4]))
while time.time() < deadline:
    for _ in range(200):
        name = b"\x04h%03d\x07example\x03org\x00" % (sent % 1000)
        s.sendto(struct.pack(">HHHHHH", sent & 0xFFFF, 0x0100, 1, 0, 0, 0) + name + b"\x00\x01\x00\x01",
                 ("127.0.0.1", port))
        sent += 1
    try:
        while s.recv(512):
            pass
    except BlockingIOError:
        pass
    time.sleep(0.01)
    if mode == "until-congested" and sent % 2000 == 0 and pauses() > 0:
        print("congested after", sent, flush=True)
        sys.exit(0)
print("never congested after" if mode == "until-congested" else "sent", sent, flush=True)
PY
python3 "$WORK/flood.py" "$DNS_PORT" "$DNS_CONSOLE" until-congested >"$WORK/flood.log" 2>&1
grep -q "^congested" "$WORK/flood.log" || { cat "$WORK/flood.log" >&2; fail "the event queue never congested"; }
PASSED=$((PASSED + 1))

# The queue stays congested (the lock is held, and the flood goes on: the
# writer holds a batch of its own while it retries, which can take the queue
# back under half full): DNS must still answer, three times over, each within
# dig's 3 s, and the workers went on pausing for the queue meanwhile (so the
# answers came while it was congested).
before="$(dns_metric esafety_dns_event_pauses_total)"
python3 "$WORK/flood.py" "$DNS_PORT" "$DNS_CONSOLE" for 4 >"$WORK/flood2.log" 2>&1 &
FLOOD_PID=$!
PIDS+=($FLOOD_PID)
for i in 1 2 3; do
  expect_status NXDOMAIN "a blocked name while the event store is stuck ($i)" -b 127.0.0.21 adult-demo.example A
  expect_status NOERROR "an allowed name while the event store is stuck ($i)" -b 127.0.0.21 "ok$i.example.org" A
done
wait "$FLOOD_PID" || { cat "$WORK/flood2.log" >&2; fail "the second flood failed"; }
after="$(dns_metric esafety_dns_event_pauses_total)"
(( after > before )) || fail "no congestion pause while DNS was asked ($before, then $after)"
PASSED=$((PASSED + 1))

# The store is freed: every event accepted is stored (dns_events waits for
# queued = written and fails otherwise).
kill "$LOCK_PID"
wait "$LOCK_PID" 2>/dev/null || true
dns_events
PASSED=$((PASSED + 1))
dns_stop
finish
