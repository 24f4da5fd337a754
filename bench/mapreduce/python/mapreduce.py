"""The chapter's companion module (section 4.6.2): emit a key-value pair as a line of standard
output, and group the sorted lines a reducer reads by key. Restored for the benchmark, which runs
the chapter's own pipeline: cat input | ./mapper.py | sort | ./reducer.py."""

import sys
from itertools import groupby


def emit(key, value):
    """Emit a key-value pair: repr(key), a tab, the value."""
    print(repr(key), value, sep='\t')


def group_values_by_key(lines):
    """Yield (key, value_iterator) for each run of sorted `key<TAB>value` lines."""
    pairs = (line.rstrip('\n').split('\t', 1) for line in lines)
    for key, group in groupby(pairs, lambda pair: pair[0]):
        yield eval(key), (eval(value) for _, value in group)
