#!/usr/bin/env python3
"""Word-count reducer for Hadoop Streaming, also usable as the combiner.

Reads ``word<TAB>count`` lines on stdin, ALREADY SORTED BY WORD (the framework guarantees
that), and writes one ``word<TAB>total`` line per distinct word. Because it sums counts
rather than counting lines, it gives the same answer whether its input came straight from
the mappers or from a combiner that has already added some of them up.
"""

import sys
from itertools import groupby


def pairs(lines):
    for line in lines:
        word, _, count = line.rstrip("\n").partition("\t")
        yield word, int(count)


def main() -> None:
    # groupby only merges ADJACENT equal keys: correct only because the input is sorted.
    for word, group in groupby(pairs(sys.stdin), key=lambda pair: pair[0]):
        sys.stdout.write(f"{word}\t{sum(count for _, count in group)}\n")


if __name__ == "__main__":
    main()
