#!/usr/bin/env python3
"""A WebSocket client through the proxy: the Upgrade handshake is forwarded,
the 101 comes back, and bytes then flow both ways through the tunnel.

Usage: websocket_check.py PROXY_PORT HOST:PORT SOURCE_IP
Prints "ok" and exits 0, or prints what went wrong and exits 1.
"""
import base64
import os
import socket
import sys

port, target, source = int(sys.argv[1]), sys.argv[2], sys.argv[3]
key = base64.b64encode(os.urandom(16)).decode()
s = socket.socket()
s.bind((source, 0))
s.settimeout(5)
s.connect(("127.0.0.1", port))
s.sendall(("GET http://%s/ws HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (target, target, key)).encode())
head = b""
while b"\r\n\r\n" not in head:
    chunk = s.recv(4096)
    if not chunk:
        print("closed before the handshake answer: %r" % head)
        sys.exit(1)
    head += chunk
if not head.startswith(b"HTTP/1.1 101"):
    print("no 101: %r" % head[:200])
    sys.exit(1)
frame = bytes([0x81, 0x85, 1, 2, 3, 4]) + bytes(b ^ m for b, m in zip(b"hello", [1, 2, 3, 4, 1]))
s.sendall(frame)
echo = head.split(b"\r\n\r\n", 1)[1]
while len(echo) < len(frame):
    chunk = s.recv(4096)
    if not chunk:
        break
    echo += chunk
if echo[:len(frame)] != frame:
    print("tunnel did not carry the frame: %r" % echo)
    sys.exit(1)
print("ok")
