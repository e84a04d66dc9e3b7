#!/usr/bin/env python3
"""Proxy latency with and without a flood of console sign-ins.

Measures GETs through the proxy at a fixed rate, each on a new connection
(so every one is an accept on esafety's control thread), in alternating
phases: quiet, then while threads flood POST /api/v1/session with random
emails from several loopback addresses, and so on for a few rounds, so that
a change in the machine's other load falls on both alike. Prints one JSON
line: p50/p99/max of each condition in milliseconds, and what the flood got
back (status counts).

Usage: signin_flood.py PROXY_PORT CONSOLE_PORT URL [ROUNDS] [PHASE_SECONDS] [RATE] [ADDRESSES]
"""
import collections
import http.client
import json
import random
import socket
import string
import sys
import threading
import time

proxy_port, console_port, url = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 4
phase_seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 3
rate = float(sys.argv[6]) if len(sys.argv) > 6 else 50
addresses = int(sys.argv[7]) if len(sys.argv) > 7 else 8
host = url.split("/")[2]


def one_get():
    start = time.perf_counter()
    s = socket.create_connection(("127.0.0.1", proxy_port), timeout=30)
    s.sendall(f"GET {url} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    if not data.startswith(b"HTTP/1.1 200"):
        raise SystemExit("the proxy did not answer 200: %r" % data[:200])
    return (time.perf_counter() - start) * 1000


def measure(samples):
    interval = 1.0 / rate
    next_at = time.perf_counter()
    end = next_at + phase_seconds
    # Bounded in time too: when requests are slow (the flood stalls them),
    # fewer are made, never a longer run.
    while next_at < end and time.perf_counter() < end + 5:
        now = time.perf_counter()
        if now < next_at:
            time.sleep(next_at - now)
        samples.append(one_get())
        next_at += interval


def summary(samples):
    samples = sorted(samples)
    return {"p50": round(samples[len(samples) // 2], 2),
            "p99": round(samples[max(0, int(len(samples) * 0.99) - 1)], 2),
            "max": round(samples[-1], 2), "n": len(samples)}


flooding = threading.Event()
done = threading.Event()
statuses = collections.Counter()
lock = threading.Lock()


def flood(source):
    # Keep-alive from one source address; a new connection when one ends.
    conn = None
    while not done.is_set():
        if not flooding.wait(0.1):
            continue
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", console_port, timeout=30,
                                                  source_address=(source, 0))
            email = "".join(random.choices(string.ascii_lowercase, k=12)) + "@nowhere.example"
            body = json.dumps({"email": email, "password": "guess-" + email})
            conn.request("POST", "/api/v1/session", body, {"Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            with lock:
                statuses[r.status] += 1
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException):
            with lock:
                statuses["error"] += 1
            conn = None
            time.sleep(0.01)
        time.sleep(0.05)  # ~20 a second from each address


one_get()  # warm up
threads = [threading.Thread(target=flood, args=(f"127.0.0.{100 + i}",), daemon=True)
           for i in range(addresses)]
for t in threads:
    t.start()
quiet, flooded = [], []
for _ in range(rounds):
    measure(quiet)
    flooding.set()
    time.sleep(0.5)  # the flood is under way
    measure(flooded)
    flooding.clear()
    time.sleep(0.5)  # and over
done.set()
print(json.dumps({"quiet": summary(quiet), "flood": summary(flooded),
                  "flood_answers": {str(k): v for k, v in sorted(statuses.items(), key=str)}}))
