#!/usr/bin/env python3
"""Holds N idle keep-alive connections open to a proxy and reports its memory.

    idle_connections.py PROXY_PORT TARGET_URL COUNT PID METRICS_URL

Each connection comes from 127.0.0.1, fetches TARGET_URL once through the
proxy on 127.0.0.1:PROXY_PORT (so it is a keep-alive connection that has
carried a request, not one still owed its first header), and then stays
open and silent. With all COUNT open, it waits two seconds, checks that none
has been closed by the proxy, and reads PID's memory from /proc. It prints
one "IDLE ..." line (sizes in kB), then closes everything.
"""
import resource
import select
import socket
import sys
import time
import urllib.request


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                fields[key] = int(value.split()[0])
    return fields


def metric(url, name):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            for line in r.read().decode().splitlines():
                if line.startswith(name + " ") or line.startswith(name + "{"):
                    return int(float(line.split()[-1]))
    except OSError:
        pass
    return -1


def fetch(sock, request):
    """Sends one request and reads the whole response (Content-Length only)."""
    sock.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the response head")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed mid-body")
        body += chunk
    return status


def main():
    port, target, count, pid, metrics_url = (int(sys.argv[1]), sys.argv[2], int(sys.argv[3]),
                                             int(sys.argv[4]), sys.argv[5])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    host = target.split("/")[2]
    request = f"GET {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: esafety-bench\r\n\r\n".encode()
    before = memory(pid)
    socks = []
    not_ok = 0
    started = time.monotonic()
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        if fetch(s, request) != 200:
            not_ok += 1
        socks.append(s)
    opened_s = time.monotonic() - started
    time.sleep(2)
    poller = select.poll()
    for s in socks:
        poller.register(s, select.POLLIN)
    closed = len(poller.poll(0))  # readable while idle means closed by the proxy
    held = memory(pid)
    open_by_metrics = metric(metrics_url, "esafety_proxy_connections_open")
    print(f"IDLE count={count} opened_s={opened_s:.1f} non200={not_ok} closed_by_proxy={closed} "
          f"proxy_reports_open={open_by_metrics} "
          f"rss_before_kb={before['VmRSS']} anon_before_kb={before['RssAnon']} rss_kb={held['VmRSS']} anon_kb={held['RssAnon']} "
          f"file_kb={held['RssFile']} hwm_kb={held['VmHWM']}", flush=True)
    for s in socks:
        s.close()


if __name__ == "__main__":
    main()
