"""Objects a process builds once and keeps to its end: out of the cyclic garbage collector's sight.

The knowledge base, the linker's gazetteer and the language model are
hundreds of thousands of Python objects that live as long as the process.
Python's cyclic collector still walks all of them on every full collection,
and a full collection triggered in the middle of a query made single
dossiers and timelines on a large store take 70 ms instead of 15
(benchmarks/queries.py). `settled` collects what is garbage now and then
freezes everything alive (`gc.freeze`), so later collections walk only what
was allocated after it.
"""

from __future__ import annotations

import gc
from typing import TypeVar

T = TypeVar("T")


def settled(obj: T) -> T:
    """`obj`, built to last the process, after moving every object alive now out of the collector's walk."""
    gc.collect()
    gc.freeze()
    return obj
