#!/usr/bin/env python3
"""Keeps a steady load on the proxy from several keep-alive connections and,
when the proxy goes away (or after MAX_SECONDS), writes the completion time of
every successful request to OUT_FILE, one per line.

Usage: load_driver.py PROXY_PORT URL CONNECTIONS MAX_SECONDS OUT_FILE
"""
import socket
import sys
import threading
import time

port, url, conns, max_s, out = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
host = url.split("/")[2]
request = ("GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (url, host)).encode()
done = []
lock = threading.Lock()
deadline = time.time() + max_s


def worker():
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        f = s.makefile("rb")
        while time.time() < deadline:
            s.sendall(request)
            status = f.readline()
            length = 0
            while True:
                line = f.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = f.read(length)
            if len(body) != length:
                return
            if b" 200 " in status:
                with lock:
                    done.append(time.time())
    except OSError:
        return


threads = [threading.Thread(target=worker) for _ in range(conns)]
for t in threads:
    t.start()
for t in threads:
    t.join()
with open(out, "w") as f:
    for t in done:
        f.write("%.6f\n" % t)
