#!/usr/bin/env python3
"""Throwaway experiment (session 8): derive a literal set from patterns.bin.

    choose_literals.py window K MODEL patterns.bin out.bin
        each pattern longer than `window` bytes becomes its rarest window: the
        one whose last K bytes, then whose K-grams, are least frequent in MODEL
        (a normalised English text); shorter patterns stay whole; duplicates go.
    choose_literals.py length LO HI patterns.bin out.bin
        only the patterns of LO to HI bytes.
"""
import collections
import struct
import sys


def read(path):
    data, out, at = open(path, 'rb').read(), [], 0
    while at < len(data):
        (n,) = struct.unpack('<I', data[at:at + 4])
        out.append(data[at + 4:at + 4 + n])
        at += 4 + n
    return out


def write(path, literals):
    with open(path, 'wb') as f:
        for p in literals:
            f.write(struct.pack('<I', len(p)) + p)


if sys.argv[1] == 'length':
    lo, hi = int(sys.argv[2]), int(sys.argv[3])
    chosen = [p for p in read(sys.argv[4]) if lo <= len(p) <= hi]
    write(sys.argv[5], chosen)
else:
    w, k = int(sys.argv[2]), int(sys.argv[3])
    model = open(sys.argv[4], 'rb').read()
    grams = collections.Counter(model[j:j + k] for j in range(len(model) - k))
    chosen = set()
    for p in read(sys.argv[5]):
        if len(p) <= w:
            chosen.add(p)
            continue
        windows = (p[s:s + w] for s in range(len(p) - w + 1))
        chosen.add(min(windows, key=lambda x: (grams[x[-k:]],
                                               sum(grams[x[j:j + k]] for j in range(w - k + 1)))))
    write(sys.argv[6], sorted(chosen))
print(len(chosen), 'literals')
