#!/usr/bin/env python3
"""Sends malformed and hostile input to the proxy over raw TCP and checks each
gets the right answer (400, 408 or 431, or a refusal), that the connection is
closed, and that the proxy goes on serving.

Usage: bad_input.py PROXY_PORT ORIGIN_PORT SOURCE_IP ESAFETY_PID
Exits non-zero on the first failure; prints one line per check.
"""
import os
import socket
import sys
import time

PROXY, ORIGIN, SOURCE, PID = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
HOST = "nothing-listed.example:%d" % ORIGIN
passed = 0


def connect():
    s = socket.socket()
    s.bind((SOURCE, 0))
    s.settimeout(15)
    s.connect(("127.0.0.1", PROXY))
    return s


def exchange(raw, read_all=True):
    s = connect()
    s.sendall(raw)
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
            if not read_all and b"\r\n\r\n" in data:
                break
    except socket.timeout:
        data += b"<timeout>"
    s.close()
    return data


def check(name, cond, detail=""):
    global passed
    if not cond:
        print("FAIL: %s %s" % (name, detail))
        sys.exit(1)
    passed += 1
    print("ok: %s" % name)


def status_of(data):
    line = data.split(b"\r\n", 1)[0]
    parts = line.split(b" ")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def expect_status(name, raw, want):
    data = exchange(raw)
    got = status_of(data)
    check(name, got == want, "got %r: %r" % (got, data[:200]))
    check(name + " closes", not data.endswith(b"<timeout>"))


def still_serving():
    data = exchange(b"GET http://%s/page HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" %
                    (HOST.encode(), HOST.encode()))
    return status_of(data) == 200


def rss_mb():
    with open("/proc/%d/status" % PID) as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0


G = b"GET http://" + HOST.encode() + b"/echo HTTP/1.1\r\nHost: " + HOST.encode() + b"\r\n"
P = b"POST http://" + HOST.encode() + b"/echo HTTP/1.1\r\nHost: " + HOST.encode() + b"\r\n"

expect_status("malformed request line", b"GET\r\n\r\n", 400)
expect_status("garbage request line", b"\x16\x03\x01 nonsense here\r\n\r\n", 400)
expect_status("bad header name", G + b"Bad Header: x\r\n\r\n", 400)
expect_status("bad header value", G + b"X-Test: a\x00b\r\n\r\n", 400)
expect_status("obs-fold", G + b"X-Folded: first\r\n  continued\r\n\r\n", 400)
expect_status("header section over 64 KB", G + b"X-Big: " + b"a" * 70000 + b"\r\n\r\n", 431)
expect_status("Content-Length with Transfer-Encoding",
              P + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400)
expect_status("two different Content-Lengths",
              P + b"Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400)
expect_status("bad chunk size", P + b"Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", 400)
# RFC 9112 section 6.1: only "chunked" can be framed; anything else is refused,
# not forwarded for the site to read differently.
for coding in (b"gzip", b"gzip, chunked", b"chunked, chunked", b"identity"):
    expect_status("Transfer-Encoding: " + coding.decode(),
                  P + b"Transfer-Encoding: " + coding + b"\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 400)
expect_status("two Transfer-Encoding fields",
              P + b"Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400)
expect_status("Transfer-Encoding: Chunked (any case) is chunked",
              P + b"Connection: close\r\nTransfer-Encoding: Chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 200)
expect_status("user-info in the URI",
              b"GET http://user:pw@" + HOST.encode() + b"/ HTTP/1.1\r\nHost: x\r\n\r\n", 400)
expect_status("origin-form request to the proxy", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", 400)
data = exchange(b"CONNECT " + HOST.split(":")[0].encode() + b":22 HTTP/1.1\r\nHost: x\r\n\r\n")
check("CONNECT to port 22 refused", status_of(data) == 403, repr(data[:100]))

# Slowloris: one byte a second never finishes a head; 408 within the header timeout.
s = connect()
start = time.time()
got = b""
try:
    for byte in b"GET http://" + HOST.encode() + b"/ HTTP/1.1\r\nX-Slow: " + b"a" * 100:
        s.send(bytes([byte]))
        time.sleep(0.5)
        s.setblocking(False)
        try:
            got += s.recv(65536)
        except BlockingIOError:
            pass
        s.setblocking(True)
        if got:
            break
except (BrokenPipeError, ConnectionResetError):
    pass
s.settimeout(10)
try:
    got += s.recv(65536)
except (socket.timeout, ConnectionResetError):
    pass
s.close()
check("slowloris gets 408", status_of(got) == 408, repr(got[:100]))
check("slowloris cut within the header timeout", time.time() - start < 8, "%.1fs" % (time.time() - start))

# A client that stops reading a 256 MiB download: memory stays bounded.
before = rss_mb()
s = connect()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.sendall(b"GET http://" + HOST.encode() + b"/big?mb=256 HTTP/1.1\r\nHost: x\r\n\r\n")
time.sleep(3)
during = rss_mb()
check("a client that stops reading keeps memory bounded", during - before < 50,
      "%.0f MB -> %.0f MB" % (before, during))
s.close()
check("still serving after bad input", still_serving())

# 10,000 idle keep-alive connections: memory bounded, still serving. They
# come from 50 addresses (200 each, under the default per-client cap of
# 256), as from a school's many devices.
socks = []
for i in range(10000):
    c = socket.socket()
    c.bind(("127.0.1.%d" % (1 + i % 50), 0))
    c.setblocking(True)
    c.connect(("127.0.0.1", PROXY))
    socks.append(c)
time.sleep(1)
rss = rss_mb()
check("10,000 idle connections under 200 MB RSS", rss < 200, "%.0f MB" % rss)
check("still serving with 10,000 idle connections", still_serving())
for c in socks:
    c.close()
print("%d passed, 0 failed" % passed)
