#!/usr/bin/env python3
"""The chapter's reducer: sums the values of each key of the sorted standard input."""

import sys
from mapreduce import group_values_by_key, emit

for key, value_iterator in group_values_by_key(sys.stdin):
    emit(key, sum(value_iterator))
