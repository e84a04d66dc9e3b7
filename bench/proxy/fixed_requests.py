#!/usr/bin/env python3
"""Sends exactly REQUESTS GETs for URL through the proxy on CONNECTIONS
keep-alive connections (spread evenly) and prints how many came back 200
with their whole body. For bench/proxy_instructions.sh.

Usage: fixed_requests.py PROXY_PORT URL CONNECTIONS REQUESTS
"""
import socket
import sys
import threading

port, url, connections, requests = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
request = ("GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (url, url.split("/")[2])).encode()
ok = []
lock = threading.Lock()


def client(count):
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    f = s.makefile("rb")
    for _ in range(count):
        s.sendall(request)
        status = f.readline()
        length = 0
        while True:
            line = f.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        if b" 200 " in status and len(f.read(length)) == length:
            with lock:
                ok.append(1)
    s.close()


threads = [threading.Thread(target=client, args=(requests // connections,)) for _ in range(connections)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(ok))
