#!/usr/bin/env python3
"""Policy reloads without dropping a connection. On one keep-alive
connection: a request is allowed; the school blocks the site with the CLI and
(within seconds, no restart) the next request on the same connection is
blocked; the entry is removed and esafety is sent SIGHUP, and the next request
is allowed again. The connection is never closed.

Usage: reload_check.py PROXY_PORT URL ESAFETY DATA_DIR SERVE_PID
"""
import os
import signal
import socket
import subprocess
import sys
import time

port, url, esafety, data, pid = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
host = url.split("/")[2].split(":")[0]
s = socket.socket()
s.bind(("127.0.0.21", 0))
s.settimeout(10)
s.connect(("127.0.0.1", port))
f = s.makefile("rb")


def status():
    s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % url).encode())
    line = f.readline()
    if not line:
        print("FAIL: the connection was closed")
        sys.exit(1)
    length = 0
    while True:
        h = f.readline()
        if h in (b"\r\n", b""):
            break
        if h.lower().startswith(b"content-length:"):
            length = int(h.split(b":")[1])
    f.read(length)
    return int(line.split()[1])


def expect(want, what):
    got = status()
    if got != want:
        print("FAIL: %s: got %d, expected %d" % (what, got, want))
        sys.exit(1)
    print("ok: %s" % what)


def cli(*args):
    subprocess.run([esafety, *args, "--data", data], check=True, stdout=subprocess.PIPE)


expect(200, "allowed before the change")
cli("policy", "deny", host, "--reason", "Reload test", "--by", "test")
deadline = time.time() + 6
while status() != 403:
    if time.time() > deadline:
        print("FAIL: the deny entry did not reach the running proxy within 6 s")
        sys.exit(1)
    time.sleep(0.25)
print("ok: blocked on the same connection after the change (%.1f s)" % (6 - (deadline - time.time())))
shown = subprocess.run([esafety, "policy", "show", "--data", data], check=True,
                       stdout=subprocess.PIPE, text=True).stdout
entry = next(line.split()[0] for line in shown.splitlines() if host in line and "block" in line)
cli("policy", "remove", entry, "--reason", "Reload test over", "--by", "test")
os.kill(pid, signal.SIGHUP)
time.sleep(0.5)
expect(200, "allowed again after SIGHUP, same connection")
print("3 passed, 0 failed")
