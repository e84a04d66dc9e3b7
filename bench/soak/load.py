#!/usr/bin/env python3
"""The soak's clients: mixed HTTP and CONNECT traffic through the proxy from
many loopback addresses, with the faults a school's network produces, and a
probe that checks every two seconds that filtering still works.

  load.py PROXY_PORT ORIGIN_URL BLOCKED_HOST DNS_PORT DNS_BLOCKED SECONDS OUT_JSON

ORIGIN_URL is the test origin (tests/proxy/origin.py) by a name the proxy's
static hosts know, e.g. http://soak-origin.test:28181. What each client does
is drawn at random (seeded, so runs compare):

  page      GET /page on a keep-alive connection                 (most)
  blocked   GET http://BLOCKED_HOST/ : the block page, 403
  reset     the origin resets mid-body
  stall     the origin answers after 8 s (past the proxy's upstream timeout)
  garbage   the origin answers with bytes that are not HTTP
  vanish    a POST that promises 1 MB, sends 16 KB and closes
  abandon   GET /big?mb=20 and close after the first 64 KB
  connect   CONNECT to the origin, one GET through the tunnel, close

The probe, from the KS2 device 127.0.0.21: the blocked host must get the
block page (403), the page must come back (200), and DNS must refuse the
blocked name (NXDOMAIN). Every miss is recorded with its time.

Writes OUT_JSON: counts per action and outcome, and the probe's misses.
"""
import json
import random
import socket
import subprocess
import sys
import threading
import time

PROXY_PORT = int(sys.argv[1])
ORIGIN = sys.argv[2].rstrip("/")
BLOCKED = sys.argv[3]
DNS_PORT = int(sys.argv[4])
DNS_BLOCKED = sys.argv[5]
SECONDS = float(sys.argv[6])
OUT = sys.argv[7]
ORIGIN_HOSTPORT = ORIGIN.split("/")[2]
KS2_DEVICE = "127.0.0.21"
HTTP_CLIENTS = 24
CONNECT_CLIENTS = 4

ACTIONS = [("page", 70), ("blocked", 8), ("reset", 4), ("stall", 1), ("garbage", 4),
           ("vanish", 4), ("abandon", 3), ("connect", 6)]
start = time.time()
deadline = start + SECONDS
lock = threading.Lock()
counts = {}
probe_misses = []
probes = 0


def count(action, outcome):
    with lock:
        key = "%s %s" % (action, outcome)
        counts[key] = counts.get(key, 0) + 1


def connect(source):
    s = socket.create_connection(("127.0.0.1", PROXY_PORT), timeout=15, source_address=(source, 0))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_head(f):
    status = f.readline()
    if not status:
        raise ConnectionError("closed before a status line")
    headers = {}
    while True:
        line = f.readline()
        if not line:
            raise ConnectionError("closed inside the head")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    parts = status.split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0, headers


def read_body(f, headers):
    if "content-length" in headers:
        return f.read(int(headers["content-length"]))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int(f.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                f.readline()
                return body
            body += f.read(size)
            f.readline()
    return f.read()


def get(s, f, url, host=None):
    """One GET on a kept-alive connection: an absolute URL to the proxy, or
    a path (with its host) inside a tunnel."""
    host = host or url.split("/")[2]
    s.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (url, host)).encode())
    code, headers = read_head(f)
    read_body(f, headers)
    return code, headers


def one_shot(source, action):
    """The actions that use a connection of their own and close it."""
    s = connect(source)
    try:
        f = s.makefile("rb")
        if action == "vanish":
            s.sendall(("POST %s/echo HTTP/1.1\r\nHost: %s\r\nContent-Length: 1048576\r\n\r\n"
                       % (ORIGIN, ORIGIN_HOSTPORT)).encode())
            s.sendall(b"v" * 16384)
            return "vanished"
        if action == "abandon":
            s.sendall(("GET %s/big?mb=20 HTTP/1.1\r\nHost: %s\r\n\r\n" % (ORIGIN, ORIGIN_HOSTPORT)).encode())
            code, _ = read_head(f)
            f.read(65536)
            return "abandoned %d" % code
        if action == "connect":
            s.sendall(("CONNECT %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (ORIGIN_HOSTPORT, ORIGIN_HOSTPORT)).encode())
            code, _ = read_head(f)
            if code != 200:
                return "refused %d" % code
            code, _ = get(s, f, "/page", ORIGIN_HOSTPORT)
            return "tunnelled %d" % code
        path = {"reset": "/reset", "stall": "/slow?s=8", "garbage": "/garbage"}[action]
        code, _ = get(s, f, ORIGIN + path)
        return str(code)
    finally:
        s.close()


def client(index, actions):
    rng = random.Random(1000 + index)
    # Most clients are the demo's KS2 device; the others are unknown devices.
    source = KS2_DEVICE if index % 3 else "127.0.%d.%d" % (1 + index % 200, 10 + index % 240)
    s = f = None
    while time.time() < deadline:
        action = rng.choices([a for a, _ in actions], [w for _, w in actions])[0]
        try:
            if action in ("page", "blocked"):
                if s is None:
                    s = connect(source)
                    f = s.makefile("rb")
                url = ORIGIN + "/page" if action == "page" else "http://%s/" % BLOCKED
                code, headers = get(s, f, url)
                count(action, str(code))
                if headers.get("connection", "").lower() == "close":
                    s.close()
                    s = None
            else:
                count(action, one_shot(source, action))
        except Exception as e:  # counted, so a fault in this script shows too
            count(action, "error " + type(e).__name__)
            if s is not None:
                s.close()
                s = None
            time.sleep(0.05)
    if s is not None:
        s.close()


def probe_once():
    s = connect(KS2_DEVICE)
    try:
        f = s.makefile("rb")
        code, _ = get(s, f, "http://%s/" % BLOCKED)
        if code != 403:
            return "blocked host answered %d" % code
        code, _ = get(s, f, ORIGIN + "/page")
        if code != 200:
            return "page answered %d" % code
    finally:
        s.close()
    dig = subprocess.run(["dig", "+time=2", "+tries=1", "-b", KS2_DEVICE, "@127.0.0.1", "-p",
                          str(DNS_PORT), DNS_BLOCKED, "A"], capture_output=True, text=True)
    if "status: NXDOMAIN" not in dig.stdout:
        return "DNS did not refuse %s: %s" % (DNS_BLOCKED, dig.stdout.strip().splitlines()[:1])
    return None


def probe():
    global probes
    while time.time() < deadline:
        t = time.time()
        try:
            miss = probe_once()
        except (OSError, ConnectionError, ValueError) as e:
            miss = "%s: %s" % (type(e).__name__, e)
        probes += 1
        if miss:
            probe_misses.append({"at_s": round(t - start, 1), "what": miss})
        time.sleep(max(0.0, 2.0 - (time.time() - t)))


threads = [threading.Thread(target=client, args=(i, ACTIONS)) for i in range(HTTP_CLIENTS)]
threads += [threading.Thread(target=client, args=(HTTP_CLIENTS + i, [("connect", 1)]))
            for i in range(CONNECT_CLIENTS)]
threads.append(threading.Thread(target=probe))
for t in threads:
    t.start()
for t in threads:
    t.join()
with open(OUT, "w") as out:
    json.dump({"seconds": round(time.time() - start, 1), "counts": dict(sorted(counts.items())),
               "probes": probes, "probe_misses": probe_misses}, out, indent=1)
