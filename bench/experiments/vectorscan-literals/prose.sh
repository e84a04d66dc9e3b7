#!/usr/bin/env bash
# Throwaway experiment (session 8): 2.5 MB of real English prose, normalised
# as esafety normalises page text (lower case, one space between words), from
# the licence texts and READMEs that every Debian machine has.
#   prose.sh > prose.bin
cat /usr/share/common-licenses/* /usr/share/doc/*/README* 2>/dev/null |
  tr 'A-Z' 'a-z' | tr -cs 'a-z0-9' ' ' |
  python3 -c 'import sys; t = sys.stdin.read(); t = (t * (2500000 // len(t) + 1))[:2500000]; sys.stdout.write(t)'
