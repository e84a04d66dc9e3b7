#!/usr/bin/env python3
"""Writes the benchmarks' HTML page: deterministic, exactly SIZE bytes.

    make_page.py PATH SIZE
"""
import sys

path, size = sys.argv[1], int(sys.argv[2])
parts = ['<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
         '<title>Year 4 homework: the water cycle</title>\n</head>\n<body>\n'
         '<h1>The water cycle</h1>\n']
i = 0
while sum(map(len, parts)) < size - 400:
    i += 1
    parts.append(f'<h2>Part {i}</h2>\n<p>Water evaporates from the sea, rises as vapour, cools '
                 f'into clouds and falls again as rain. Draw step {i} and label it.</p>\n')
tail = '</body>\n</html>\n'
pad = size - sum(map(len, parts)) - len(tail) - len('<!--  -->\n')
parts.append('<!-- ' + 'x' * pad + ' -->\n' + tail)
page = ''.join(parts)
assert len(page.encode()) == size, len(page)
with open(path, 'w') as out:
    out.write(page)
