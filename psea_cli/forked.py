"""One function over many items, in forked worker processes when there are many: the items
and the function are handed over by fork (nothing is pickled on the way in), each share's
results come back in order as soon as it is done, and where fork is unavailable or a worker
fails, what is left is done in this process instead.

    for result in forked.each(parse, work, parallel=len(work) >= 2000):
        ...  # the first results while the workers do the next ones
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 4

_JOBS: dict[int, tuple[Callable[[Any], Any], Sequence[Any]]] = {}
"""The function and the items of each running ``each``, inherited by its forked workers."""


def workers() -> int:
    """How many worker processes to start: one per processor this process may use (at most
    ``MAX_WORKERS``), or 1 where processes cannot be forked."""
    import multiprocessing  # here: a run that starts no worker does not pay for it

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(MAX_WORKERS, cpus or 1)


def _share(job: tuple[int, int, int]) -> list[Any]:
    key, start, end = job
    function, items = _JOBS[key]
    return [function(item) for item in items[start:end]]


def each(function: Callable[[T], R], items: Sequence[T], *, parallel: bool,
         shares_per_worker: int = 8) -> Iterator[R]:
    """``function(item)`` for each of ``items``, in order; in worker processes when
    ``parallel`` and this machine has more than one processor."""
    count = workers() if parallel and items else 1
    done = 0
    if count > 1:
        import concurrent.futures
        import multiprocessing

        key = id(items)
        _JOBS[key] = (function, items)
        step = -(-len(items) // (count * shares_per_worker))
        try:
            with concurrent.futures.ProcessPoolExecutor(
                    count, mp_context=multiprocessing.get_context("fork")) as pool:
                for share in pool.map(_share, [(key, i, i + step)
                                               for i in range(0, len(items), step)]):
                    yield from share
                    done += len(share)
        except Exception:  # no worker processes here (sandbox, limits): the rest done here
            pass
        finally:
            _JOBS.pop(key, None)
    for item in items[done:]:
        yield function(item)
