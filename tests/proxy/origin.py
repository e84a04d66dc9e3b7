#!/usr/bin/env python3
"""A small origin web server that the proxy tests own (127.0.0.1 only).

Paths:
  /page            a 10,855-byte HTML page (the benchmark page)
  /echo            JSON of the method, path, headers and body it received
  /chunked         a chunked response in several pieces (HEAD: the head alone)
  /big?mb=N        N MiB of data, streamed (Content-Length set)
  /reset           headers and part of the body, then a TCP reset
  /slow?s=N        waits N seconds before answering
  /garbage         a response that is not HTTP
  /ws              a WebSocket handshake, then echoes raw bytes back
Usage: origin.py PORT [READY_FILE]
"""
import base64
import hashlib
import json
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PAGE = ("<!doctype html><html lang=en><head><meta charset=utf-8><title>Allowed page</title></head>"
        "<body><h1>An allowed page</h1><p>") 
PAGE += "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 190
PAGE = PAGE[:10855 - len("</p></body></html>\n")] + "</p></body></html>\n"
PAGE = PAGE.encode()
assert len(PAGE) == 10855, len(PAGE)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # Headers and body go out in separate writes; without this, Nagle's
        # algorithm and delayed ACKs add 40 ms to every keep-alive request.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def send_body(self, status, body, ctype="text/plain"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_POST(self):
        self.do_GET()

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path == "/page":
            return self.send_body(200, PAGE, "text/html; charset=utf-8")
        if url.path in ("/echo", "/search", "/results"):
            length = int(self.headers.get("Content-Length", "0") or 0)
            body = self.rfile.read(length) if length else b""
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                body = self.read_chunked()
            out = {"method": self.command, "path": self.path, "headers": dict(self.headers.items()),
                   "body": body.decode("latin-1")}
            return self.send_body(200, json.dumps(out).encode(), "application/json")
        if url.path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if self.command == "HEAD":
                return
            for piece in [b"first,", b"second,", b"third"]:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.flush()
                time.sleep(0.05)
            self.wfile.write(b"0\r\n\r\n")
            return
        if url.path == "/big":
            mb = int(query.get("mb", ["1"])[0])
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(mb << 20))
            self.end_headers()
            block = b"x" * (1 << 20)
            for _ in range(mb):
                self.wfile.write(block)
            return
        if url.path == "/reset":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"y" * 1000)
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if url.path == "/slow":
            time.sleep(float(query.get("s", ["5"])[0]))
            return self.send_body(200, b"slow answer")
        if url.path == "/garbage":
            self.wfile.write(b"this is not http at all\r\n\r\n")
            self.close_connection = True
            return
        if url.path == "/ws":
            key = self.headers.get("Sec-WebSocket-Key", "")
            accept = base64.b64encode(hashlib.sha1(
                (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
            self.send_response(101)
            self.send_header("Upgrade", "websocket")
            self.send_header("Connection", "Upgrade")
            self.send_header("Sec-WebSocket-Accept", accept)
            self.end_headers()
            self.wfile.flush()
            while True:
                data = self.connection.recv(65536)
                if not data:
                    break
                self.connection.sendall(data)
            self.close_connection = True
            return
        return self.send_body(404, b"no such test page")

    def read_chunked(self):
        body = b""
        while True:
            size = int(self.rfile.readline().strip(), 16)
            if size == 0:
                self.rfile.readline()
                return body
            body += self.rfile.read(size)
            self.rfile.readline()


def main():
    port = int(sys.argv[1])
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as f:
            f.write("ready\n")
    server.serve_forever()


if __name__ == "__main__":
    main()
