#!/usr/bin/env python3
"""A small authoritative DNS server for the DNS filter's tests and benchmark.

It answers on UDP and TCP at 127.0.0.1:<port>, written independently of the
esafety codec (so a shared bug cannot hide), with names that behave in ways
the tests need:

  silent.test and below         never answered (an upstream that times out)
  nxdomain.test and below       NXDOMAIN with a SOA (negative TTL 30)
  big.test TXT                  about 3 KB: TC over UDP, whole over TCP
  ttl2.test                     A with a TTL of 2 s
  count.<name> TXT              how many times <name> was asked so far
  forcesafesearch.google.com    216.239.38.120 / 2001:4860:4802:32::78
  restrict.youtube.com, strict.bing.com, safe.duckduckgo.com,
  strict-safe-search.ecosia.org, safesearch.brave.com, safesearch.pixabay.com
  anything else                 A 192.0.2.1, AAAA 2001:db8::1, TTL 3600; other types NODATA

  test_upstream.py <port>       prints "ready" when listening
"""
import socket
import socketserver
import struct
import sys
import threading
from collections import Counter

SAFE = {
    "forcesafesearch.google.com": ("216.239.38.120", "2001:4860:4802:32::78"),
    "restrict.youtube.com": ("216.239.38.120", "2001:4860:4802:32::78"),
    "restrictmoderate.youtube.com": ("216.239.38.119", "2001:4860:4802:32::77"),
    "strict.bing.com": ("204.79.197.220", None),
    "safe.duckduckgo.com": ("52.142.124.215", None),
    "strict-safe-search.ecosia.org": ("192.0.2.30", None),
    "safesearch.brave.com": ("192.0.2.31", None),
    "safesearch.pixabay.com": ("192.0.2.32", None),
}
asked = Counter()
lock = threading.Lock()


def read_name(msg, at):
    labels = []
    while True:
        n = msg[at]
        if n & 0xC0:
            raise ValueError("compressed question")
        at += 1
        if n == 0:
            return ".".join(labels), at
        labels.append(msg[at:at + n].decode("ascii", "replace"))
        at += n


def encode_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def rr(owner, rtype, ttl, rdata):
    return encode_name(owner) + struct.pack(">HHIH", rtype, 1, ttl, len(rdata)) + rdata


def soa(zone):
    rdata = encode_name("ns." + zone) + encode_name("hostmaster." + zone) + struct.pack(
        ">IIIII", 1, 3600, 600, 86400, 30)
    return rr(zone, 6, 60, rdata)


def answer(query, limit):
    """Returns the response bytes, or None to stay silent."""
    qid, flags, qd = struct.unpack(">HHH", query[:6])
    name, at = read_name(query, 12)
    qtype, qclass = struct.unpack(">HH", query[at:at + 4])
    question = query[12:at + 4]
    edns = len(query) > at + 4  # an OPT record follows (the only additional we get)
    lname = name.lower()
    with lock:
        asked[lname] += 1
    rcode, answers, authority = 0, [], []
    if lname.startswith("count.") and qtype == 16:
        with lock:
            n = asked[lname[len("count."):]]
        text = str(n).encode()
        answers = [rr(name, 16, 0, bytes([len(text)]) + text)]
    elif lname == "silent.test" or lname.endswith(".silent.test"):
        return None
    elif lname == "nxdomain.test" or lname.endswith(".nxdomain.test"):
        rcode, authority = 3, [soa("nxdomain.test")]
    elif lname == "big.test" and qtype == 16:
        chunk = b"x" * 100
        answers = [rr(name, 16, 300, bytes([100]) + chunk) for _ in range(30)]
    elif lname in SAFE:
        v4, v6 = SAFE[lname]
        if qtype == 1:
            answers = [rr(name, 1, 300, socket.inet_pton(socket.AF_INET, v4))]
        elif qtype == 28 and v6:
            answers = [rr(name, 28, 300, socket.inet_pton(socket.AF_INET6, v6))]
        else:
            authority = [soa("test")]
    else:
        ttl = 2 if lname == "ttl2.test" else 3600
        if qtype == 1:
            answers = [rr(name, 1, ttl, socket.inet_pton(socket.AF_INET, "192.0.2.1"))]
        elif qtype == 28:
            answers = [rr(name, 28, ttl, socket.inet_pton(socket.AF_INET6, "2001:db8::1"))]
        else:
            authority = [soa("test")]
    opt = b"\0" + struct.pack(">HHIH", 41, 1232, 0, 0) if edns else b""
    rflags = 0x8400 | (flags & 0x0100) | rcode  # QR, AA, RD copied
    body = b"".join(answers) + b"".join(authority)
    msg = struct.pack(">HHHHHH", qid, rflags, 1, len(answers), len(authority),
                      1 if edns else 0) + question + body + opt
    if len(msg) > limit:
        msg = struct.pack(">HHHHHH", qid, rflags | 0x0200, 1, 0, 0, 1 if edns else 0) + question + opt
    return msg


def udp_limit(query):
    # EDNS0 UDP size if there is an OPT record, else 512.
    try:
        _, at = read_name(query, 12)
        at += 4
        if len(query) >= at + 11 and query[at] == 0 and query[at + 1:at + 3] == b"\x00\x29":
            return max(512, struct.unpack(">H", query[at + 3:at + 5])[0])
    except (ValueError, IndexError):
        pass
    return 512


class Tcp(socketserver.BaseRequestHandler):
    def handle(self):
        while True:
            head = self.request.recv(2, socket.MSG_WAITALL)
            if len(head) < 2:
                return
            (n,) = struct.unpack(">H", head)
            query = self.request.recv(n, socket.MSG_WAITALL)
            try:
                msg = answer(query, 65535)
            except (ValueError, IndexError, struct.error):
                return
            if msg is None:
                continue
            self.request.sendall(struct.pack(">H", len(msg)) + msg)


class TcpServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    port = int(sys.argv[1])
    tcp = TcpServer(("127.0.0.1", port), Tcp)
    threading.Thread(target=tcp.serve_forever, daemon=True).start()
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    udp.bind(("127.0.0.1", port))
    print("ready", flush=True)
    while True:
        query, peer = udp.recvfrom(4096)
        try:
            msg = answer(query, udp_limit(query))
        except (ValueError, IndexError, struct.error):
            continue
        if msg is not None:
            udp.sendto(msg, peer)


if __name__ == "__main__":
    main()
