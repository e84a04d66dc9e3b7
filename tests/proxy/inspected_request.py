"""One request inside an inspected CONNECT, written by hand, for what curl
cannot send: a TLS server name other than the CONNECT's host, or an absolute
https:// target for another port.

  python3 inspected_request.py <proxy-port> <source-address> <connect host:port>
      <school-ca.pem> <server-name> <request-target>

Prints "handshake-failed: <reason>" when TLS does not complete, else the
response's status line and body.
"""
import socket
import ssl
import sys

proxy, source, authority, cafile, server_name, target = sys.argv[1:7]
s = socket.create_connection(("127.0.0.1", int(proxy)), source_address=(source, 0), timeout=10)
s.sendall(b"CONNECT %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (authority.encode(), authority.encode()))
head = b""
while b"\r\n\r\n" not in head:
    chunk = s.recv(1)
    if not chunk:
        print("connect-closed")
        sys.exit(0)
    head += chunk
context = ssl.create_default_context(cafile=cafile)
context.check_hostname = False  # the point is which certificate comes back, checked below
try:
    tls = context.wrap_socket(s, server_hostname=server_name)
except (ssl.SSLError, OSError) as e:
    print("handshake-failed: %s" % e)
    sys.exit(0)
host = authority.rsplit(":", 1)[0]
tls.sendall(b"GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" % (target.encode(), host.encode()))
data = b""
while True:
    try:
        chunk = tls.recv(65536)
    except (ssl.SSLError, OSError):
        break
    if not chunk:
        break
    data += chunk
print(data.decode("utf-8", "replace"))
