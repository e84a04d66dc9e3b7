#!/usr/bin/env python3
"""Sends one hand-made (usually malformed) DNS message to a server and prints
what came back: "rcode=<n> qdcount=<n>" or "no answer".

  send_raw.py <port> <case> [udp|tcp]

Cases: truncated-header, truncated-question, compression-loop, forward-pointer,
label-64, name-256, qdcount-0, qdcount-2, opcode-5 (unknown), opcode-notify,
response (QR set), edns-version-1, two-opt, good.
"""
import socket
import struct
import sys


def header(qd=1, opcode=0, qr=0, ar=0, ident=0x1234):
    flags = (qr << 15) | (opcode << 11) | 0x0100
    return struct.pack(">HHHHHH", ident, flags, qd, 0, 0, ar)


def name(*labels):
    return b"".join(bytes([len(l)]) + l for l in labels) + b"\0"


Q = name(b"www", b"example", b"org") + struct.pack(">HH", 1, 1)
OPT = b"\0" + struct.pack(">HHIH", 41, 1232, 0, 0)
CASES = {
    "good": header() + Q,
    "truncated-header": header()[:7],
    "truncated-question": (header() + Q)[:20],
    # the name is a pointer to itself
    "compression-loop": header() + b"\xc0\x0c" + struct.pack(">HH", 1, 1),
    "forward-pointer": header() + b"\x03www\xc0\x20" + struct.pack(">HH", 1, 1) + b"\0" * 16,
    "label-64": header() + b"\x40" + b"a" * 64 + b"\0" + struct.pack(">HH", 1, 1),
    "name-256": header() + name(*([b"a" * 63] * 4)) + struct.pack(">HH", 1, 1),
    "qdcount-0": header(qd=0),
    "qdcount-2": header(qd=2) + Q + Q,
    "opcode-5": header(opcode=5) + Q,
    "opcode-notify": header(opcode=4) + Q,
    "response": header(qr=1) + Q,
    "edns-version-1": header(ar=1) + Q + b"\0" + struct.pack(">HHIH", 41, 1232, 1 << 16, 0),
    "two-opt": header(ar=2) + Q + OPT + OPT,
}


def main():
    port, case = int(sys.argv[1]), sys.argv[2]
    transport = sys.argv[3] if len(sys.argv) > 3 else "udp"
    msg = CASES[case]
    try:
        if transport == "udp":
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(1.0)
            s.sendto(msg, ("127.0.0.1", port))
            data = s.recv(65535)
        else:
            s = socket.create_connection(("127.0.0.1", port), timeout=2.0)
            s.sendall(struct.pack(">H", len(msg)) + msg)
            head = s.recv(2, socket.MSG_WAITALL)
            if len(head) < 2:
                print("no answer")
                return
            data = s.recv(struct.unpack(">H", head)[0], socket.MSG_WAITALL)
    except (socket.timeout, ConnectionError):
        print("no answer")
        return
    flags, qd, _, _, ar = struct.unpack(">HHHHH", data[2:12])
    ext = ""
    if ar and data[-11] == 0 and data[-10:-8] == b"\x00\x29":
        ext = " ext=%d" % data[-6]
    print("rcode=%d qdcount=%d%s" % (flags & 0xF, qd, ext))


if __name__ == "__main__":
    main()
