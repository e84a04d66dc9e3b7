#!/usr/bin/env python3
"""Request-to-alert latency on the DSL's open alerts page (issue 14 target:
p99 <= 2 s, pushed, not polled). Driven by bench/alerts_push.sh, which starts
`esafety serve`; this signs in as the demo DSL, opens GET /api/v1/alerts/stream
as the page's EventSource does, and each round sends one self-harm search
through the proxy from a KS2 device (127.0.0.21), timing from just before the
request to the moment the stream carries the alert with that round's evidence
(the same pupil's episode: one alert whose evidence_count grows by one per
round). Rounds start at random 0-500 ms gaps, so they fall anywhere in the
event writer's and the engine's cycles.

  alerts_push.py <proxy port> <console port> <origin port> <rounds>
"""
import http.client
import json
import random
import sys
import threading
import time

proxy_port, console_port, origin_port, rounds = (int(a) for a in sys.argv[1:5])

c = http.client.HTTPConnection("127.0.0.1", console_port, timeout=10)
c.request("POST", "/api/v1/session", json.dumps({"email": "dsl@demo-school.example", "password": "esafety-demo"}),
          {"Content-Type": "application/json"})
r = c.getresponse()
r.read()
assert r.status == 200, r.status
cookie = r.getheader("Set-Cookie").split(";")[0]

seen = {}  # evidence_count -> monotonic time it arrived
cv = threading.Condition()


def read_stream():
    s = http.client.HTTPConnection("127.0.0.1", console_port)
    s.request("GET", "/api/v1/alerts/stream", headers={"Cookie": cookie, "Accept": "text/event-stream"})
    resp = s.getresponse()
    assert resp.status == 200, resp.status
    while True:
        line = resp.fp.readline()
        if not line:
            return
        if line.startswith(b"data: "):
            a = json.loads(line[6:])
            if a["category"] == "self-harm":
                with cv:
                    seen.setdefault(a["evidence_count"], time.monotonic())
                    cv.notify_all()


threading.Thread(target=read_stream, daemon=True).start()
time.sleep(0.5)

latencies = []
for i in range(1, rounds + 1):
    time.sleep(random.uniform(0, 0.5))
    p = http.client.HTTPConnection("127.0.0.1", proxy_port, timeout=10, source_address=("127.0.0.21", 0))
    t0 = time.monotonic()
    p.request("GET", f"http://www.google.co.uk:{origin_port}/search?q=how+to+kill+myself+{i}")
    p.getresponse().read()
    p.close()
    with cv:
        if not cv.wait_for(lambda: i in seen, timeout=10):
            sys.exit(f"round {i}: the alert did not reach the stream within 10 s")
        latencies.append((seen[i] - t0) * 1000)

latencies.sort()
pct = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print(f"{rounds} rounds, request through the proxy to the alert on the stream (ms): "
      f"p50 {pct(0.50):.0f}, p95 {pct(0.95):.0f}, p99 {pct(0.99):.0f}, max {latencies[-1]:.0f}")
