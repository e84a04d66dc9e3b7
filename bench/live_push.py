#!/usr/bin/env python3
"""Request-to-page latency for what the console pushes to open pages (issue
14 targets: p99 <= 2 s, pushed, not polled). Driven by bench/live_push.sh,
which starts `esafety serve`. Each round sends one request through the proxy
from a KS2 iPad in Year 5 (127.0.0.21) and times it from just before the
request to the moment the page's stream carries it:

  alerts     as the demo DSL, GET /api/v1/alerts/stream; each round is a
             self-harm search, and the round is on the stream when the
             pupil's one alert (an episode) shows that round's evidence count;
  classview  as the demo teacher (Year 5), GET /api/v1/classview/stream?room=
             Year 5; each round is a page visit, on the stream as a "visit"
             with that round's URL.

Rounds start at random 0-500 ms gaps, so they fall anywhere in the event
writer's and the engine's cycles.

  live_push.py alerts|classview <proxy port> <console port> <origin port> <rounds>
"""
import http.client
import json
import random
import sys
import threading
import time

mode = sys.argv[1]
proxy_port, console_port, origin_port, rounds = (int(a) for a in sys.argv[2:6])
if mode == "alerts":
    email, stream_path = "dsl@demo-school.example", "/api/v1/alerts/stream"
    url = lambda i: f"http://www.google.co.uk:{origin_port}/search?q=how+to+kill+myself+{i}"
else:
    email, stream_path = "teacher@demo-school.example", "/api/v1/classview/stream?room=Year%205"
    url = lambda i: f"http://www.google.co.uk:{origin_port}/page?round={i}"


def round_of(data):
    """The round a stream message reports, or None."""
    if mode == "alerts":
        return data["evidence_count"] if data.get("category") == "self-harm" else None
    u = data.get("url", "")
    return int(u.rsplit("round=", 1)[1]) if "round=" in u else None


c = http.client.HTTPConnection("127.0.0.1", console_port, timeout=10)
c.request("POST", "/api/v1/session", json.dumps({"email": email, "password": "esafety-demo"}),
          {"Content-Type": "application/json"})
r = c.getresponse()
r.read()
assert r.status == 200, r.status
cookie = r.getheader("Set-Cookie").split(";")[0]

seen = {}  # round -> monotonic time it arrived
cv = threading.Condition()


def read_stream():
    s = http.client.HTTPConnection("127.0.0.1", console_port)
    s.request("GET", stream_path, headers={"Cookie": cookie, "Accept": "text/event-stream"})
    resp = s.getresponse()
    assert resp.status == 200, resp.status
    while True:
        line = resp.fp.readline()
        if not line:
            return
        if line.startswith(b"data: "):
            n = round_of(json.loads(line[6:]))
            if n is not None:
                with cv:
                    seen.setdefault(n, time.monotonic())
                    cv.notify_all()


threading.Thread(target=read_stream, daemon=True).start()
time.sleep(0.5)

latencies = []
for i in range(1, rounds + 1):
    time.sleep(random.uniform(0, 0.5))
    p = http.client.HTTPConnection("127.0.0.1", proxy_port, timeout=10, source_address=("127.0.0.21", 0))
    t0 = time.monotonic()
    p.request("GET", url(i))
    p.getresponse().read()
    p.close()
    with cv:
        if not cv.wait_for(lambda: i in seen, timeout=10):
            sys.exit(f"round {i}: the request did not reach the {mode} stream within 10 s")
        latencies.append((seen[i] - t0) * 1000)

latencies.sort()
pct = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print(f"{mode}: {rounds} rounds, request through the proxy to the page's stream (ms): "
      f"p50 {pct(0.50):.0f}, p95 {pct(0.95):.0f}, p99 {pct(0.99):.0f}, max {latencies[-1]:.0f}")
