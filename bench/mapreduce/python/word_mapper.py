#!/usr/bin/env python3
"""A word-count mapper in the chapter's style: emits (word, 1) for each word of each line."""

import sys
from mapreduce import emit


def count_words(line):
    """A map function that emits each word of a line with the count 1."""
    for word in line.split():
        emit(word, 1)


for line in sys.stdin:
    count_words(line)
