#!/usr/bin/env python3
"""Word-count mapper for Hadoop Streaming.

Reads raw text lines on stdin and writes one ``word<TAB>1`` line per word on stdout.
It does not sort, group or count anything: partitioning, sorting and grouping by key are
the framework's job, done after the map function has emitted its pairs.
"""

import re
import sys

WORD = re.compile(r"[a-z]+")  # a word is a run of ASCII letters, compared in lower case


def main() -> None:
    for line in sys.stdin:
        for word in WORD.findall(line.lower()):
            sys.stdout.write(f"{word}\t1\n")


if __name__ == "__main__":
    main()
