#!/usr/bin/env python3
"""Load for the shutdown test: an origin server of its own that notes every
request it receives, and clients that send requests through the proxy, each
with its own id, and note every one they get an answer to.

  /fast/<id>  answered at once
  /slow/<id>  its head at once, then its body 64 KiB at a time over
              SLOW_SECONDS (longer than the proxy's grace; each piece fills
              the proxy's relay buffer, so no read of it waits longer than
              the proxy's upstream timeout)

FAST_CLIENTS keep-alive connections send fast requests one after another
until the proxy goes away; SLOW_CLIENTS connections each send one slow
request. Once every slow request has reached the origin and at least 200 fast
ones have been answered, READY_FILE is written: the test sends SIGTERM then.
When every client has finished, WORK_DIR/received.txt and
WORK_DIR/answered.txt list the URLs (as the proxy logs them) of the
requests the origin received and of those the proxy answered.

Usage: shutdown_load.py PROXY_PORT ORIGIN_PORT SOURCE_ADDRESS HOST FAST_CLIENTS
                        SLOW_CLIENTS SLOW_SECONDS WORK_DIR
"""
import itertools
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

(proxy_port, origin_port, source, host, fast_clients, slow_clients, slow_seconds,
 work) = (int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]),
          int(sys.argv[6]), float(sys.argv[7]), sys.argv[8])
lock = threading.Lock()
received, answered = [], []
ids = itertools.count(1)
slow_received = threading.Semaphore(0)


def logged_url(path):
    return "%s:%d%s" % (host, origin_port, path)


class Origin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        with lock:
            received.append(logged_url(self.path))
        slow = self.path.startswith("/slow/")
        piece = b"x" * 65536
        body = piece * int(slow_seconds * 2) if slow else b"ok\n"
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")  # not scanned: streamed
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.flush()
            if slow:
                slow_received.release()
                for _ in range(int(slow_seconds * 2)):
                    time.sleep(0.5)
                    self.wfile.write(piece)
            else:
                self.wfile.write(body)
        except OSError:
            pass  # the proxy gave up on this one


def read_response(f):
    """Status line, then the body by Content-Length; None if the connection ended first."""
    status = f.readline()
    if not status:
        return None
    length = 0
    while True:
        line = f.readline()
        if not line:
            return None
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    body = f.read(length)
    if len(body) != length:
        return None
    return status


def client(kind, repeat):
    try:
        s = socket.create_connection(("127.0.0.1", proxy_port), timeout=30, source_address=(source, 0))
        f = s.makefile("rb")
        while True:
            path = "/%s/%d" % (kind, next(ids))
            s.sendall(("GET http://%s:%d%s HTTP/1.1\r\nHost: %s:%d\r\n\r\n"
                       % (host, origin_port, path, host, origin_port)).encode())
            status = read_response(f)
            if status is None:
                return
            with lock:
                answered.append(logged_url(path))
            if not repeat:
                return
    except OSError:
        return


server = ThreadingHTTPServer(("127.0.0.1", origin_port), Origin)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
threads = [threading.Thread(target=client, args=("fast", True)) for _ in range(fast_clients)]
threads += [threading.Thread(target=client, args=("slow", False)) for _ in range(slow_clients)]
for t in threads:
    t.start()
for _ in range(slow_clients):
    if not slow_received.acquire(timeout=20):
        sys.exit("the slow requests did not all reach the origin")
deadline = time.time() + 20
while time.time() < deadline:
    with lock:
        if len(answered) >= 200:
            break
    time.sleep(0.01)
open(os.path.join(work, "ready"), "w").close()
for t in threads:
    t.join()
with lock:
    with open(os.path.join(work, "received.txt"), "w") as out:
        out.write("".join(u + "\n" for u in received))
    with open(os.path.join(work, "answered.txt"), "w") as out:
        out.write("".join(u + "\n" for u in answered))
