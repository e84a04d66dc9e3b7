#!/usr/bin/env python3
"""HTTPS origin servers for the TLS inspection tests (127.0.0.1 only).

Each PORT:CERT:KEY argument starts one HTTPS server with that certificate.
Paths (on every server):
  /page        the same 10,855-byte HTML page as tests/proxy/origin.py
  /betting     a page the demo lists block by URL (sports-news-demo.example/betting)
  /echo        JSON of the method, path, headers and body it received
Keep-alive (HTTP/1.1) is on. Writes READY_FILE when all servers listen.
Usage: https_origin.py READY_FILE PORT:CERT:KEY [PORT:CERT:KEY...]
"""
import json
import os
import socket
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "proxy"))
from origin import PAGE  # noqa: E402


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def send_body(self, status, body, ctype="text/html; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.do_GET()

    def do_GET(self):
        if self.path == "/page":
            self.send_body(200, PAGE)
        elif self.path == "/betting":
            self.send_body(200, b"<h1>Place your bets</h1>")
        elif self.path == "/echo":
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode() if length else ""
            reply = {"method": self.command, "path": self.path, "body": body,
                     "headers": {k: v for k, v in self.headers.items()},
                     "port": self.server.server_address[1]}
            self.send_body(200, json.dumps(reply).encode(), "application/json")
        else:
            self.send_body(404, b"not found")


def serve(port, cert, key):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()


def main():
    ready = sys.argv[1]
    for spec in sys.argv[2:]:
        port, cert, key = spec.split(":")
        serve(int(port), cert, key)
    with open(ready, "w") as f:
        f.write("ready\n")
    threading.Event().wait()


if __name__ == "__main__":
    main()
