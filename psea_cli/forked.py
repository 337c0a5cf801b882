"""One function over many items, in forked worker processes when there are many: the items
and the function are handed over by fork (nothing is pickled on the way in), each share's
results come back in order as soon as it is done, and where fork is unavailable or a worker
fails, what is left is done in this process instead.

    for result in forked.each(parse, work, parallel=len(work) >= 2000):
        ...  # the first results while the workers do the next ones

Each worker is a plain fork of this process with a pipe back to it, and no thread or queue
in between: Ctrl-C, an error in this process, or a caller that stops reading ends the workers
at once (none is waited for while it finishes its shares), and a worker never prints a
traceback.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import signal
import struct
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 4

_HEADER = struct.Struct("<Q")
"""Each share's results go through the pipe as their length, then their pickle."""


_in_worker = False
"""True in a worker: what it calls is done there, never in workers of its own (a worker's
worker would outlive the Ctrl-C and the ``stop`` that end its parent)."""


def workers() -> int:
    """How many worker processes to start: one per processor this process may use (at most
    ``MAX_WORKERS``), or 1 where processes cannot be forked, or in a worker."""
    if not hasattr(os, "fork") or _in_worker:
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(MAX_WORKERS, cpus or 1)


def each(function: Callable[[T], R], items: Sequence[T], *, parallel: bool,
         shares_per_worker: int = 8) -> Iterator[R]:
    """``function(item)`` for each of ``items``, in order; in worker processes when
    ``parallel`` and this machine has more than one processor (forked when the first result
    is asked for)."""
    with Started(function, items, parallel=parallel,
                 shares_per_worker=shares_per_worker) as started:
        yield from started


def begun(function: Callable[[T], R], items: Sequence[T], *, parallel: bool,
          shares_per_worker: int = 8) -> Iterator[R]:
    """``each``, with its workers forked at once rather than when the first result is asked
    for: they work while this process does something else first. Closing the iterator (or
    letting it go) ends them, read or not."""
    iterator = _results(Started(function, items, parallel=parallel,
                                shares_per_worker=shares_per_worker))
    next(iterator)  # inside the ``with`` block from here on
    return cast(Iterator[R], iterator)


def _results(started: Started[T, R]) -> Iterator[R | None]:
    with started:
        yield None
        yield from started


class Started(Generic[T, R]):
    """``function`` over ``items`` with its workers forked at once, so that they work while
    this process does something else; iterate it for the results, in order. Leave its
    ``with`` block (or ``close`` it) to end the workers: done, failed or interrupted, none is
    left running."""

    def __init__(self, function: Callable[[T], R], items: Sequence[T], *, parallel: bool,
                 shares_per_worker: int = 8) -> None:
        self.function, self.items = function, items
        self.crew: _Crew | None = None
        count = workers() if parallel and items else 1
        if count > 1:
            step = -(-len(items) // (count * shares_per_worker))
            shares = [(start, min(start + step, len(items)))
                      for start in range(0, len(items), step)]
            self.crew = _Crew(min(count, len(shares)), len(shares))
            try:
                self.crew.start(function, items, shares)
            except BaseException:
                self.crew.stop()
                raise

    def __iter__(self) -> Iterator[R]:
        done = 0
        if self.crew is not None:
            try:
                for results in self.crew.results():
                    yield from results
                    done += len(results)
            finally:
                self.crew.stop()
        for item in self.items[done:]:
            yield self.function(item)

    def close(self) -> None:
        """End the workers still running, and wait for them."""
        if self.crew is not None:
            self.crew.stop()

    def __enter__(self) -> Started[T, R]:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class Later(Generic[R]):
    """``function()`` begun at once in one forked worker, while this process goes on;
    ``result()`` waits for it. Where processes cannot be forked, on a machine of one
    processor, or when the worker fails, ``result()`` calls ``function`` here instead. Leave
    its ``with`` block (or ``close`` it) to end a worker whose result is not wanted."""

    def __init__(self, function: Callable[[], R]) -> None:
        self.function = function
        self.crew: _Crew | None = None
        if workers() > 1:
            self.crew = _Crew(1, 1)
            try:
                self.crew.start(_call, [function], [(0, 1)])
            except BaseException:
                self.crew.stop()
                raise

    def result(self) -> R:
        if self.crew is not None:
            try:
                for results in self.crew.results():
                    return results[0]  # type: ignore[no-any-return]
            finally:
                self.crew.stop()
                self.crew = None
        return self.function()

    def close(self) -> None:
        if self.crew is not None:
            self.crew.stop()

    def __enter__(self) -> Later[R]:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _call(function: Callable[[], R]) -> R:
    return function()


class _Crew:
    """Worker ``w`` does shares ``w``, ``w + count``, …; their results are read as they
    come, from whichever worker has written, and given back in the shares' order."""

    def __init__(self, count: int, shares: int) -> None:
        self.count = count
        self.shares = shares
        self.pids: list[int] = []
        self.pipes: list[int] = []

    def start(self, function: Callable[[Any], Any], items: Sequence[Any],
              shares: list[tuple[int, int]]) -> None:
        """Fork the workers, as many as can be. Ctrl-C is held while each is forked, until
        this process has recorded it (``stop`` ends it) and it has its own handler: one
        arriving in between would have the worker run on this process's code."""
        for worker in range(self.count):
            try:
                reading, writing = os.pipe()
            except OSError:
                return
            self.pipes.append(reading)
            try:
                with _ctrl_c_held() as mask:
                    pid = os.fork()
                    if pid == 0:  # the worker: never returns
                        _work(function, items, shares[worker::self.count], writing,
                              self.pipes, mask)
                    self.pids.append(pid)
            except OSError:
                return
            finally:  # the worker never gets here
                os.close(writing)

    def results(self) -> Iterator[list[Any]]:
        """Each share's results in order, up to the first one a worker could not give."""
        if len(self.pids) < self.count:  # a worker could not be started: all done here
            return
        buffers = [bytearray() for _pipe in self.pipes]
        ready: list[list[Any]] = [[] for _pipe in self.pipes]  # each worker's shares, in order
        ended = [False] * self.count
        with selectors.DefaultSelector() as selector:
            for worker, pipe in enumerate(self.pipes):
                selector.register(pipe, selectors.EVENT_READ, worker)
            for share in range(self.shares):
                worker = share % self.count
                while not ready[worker]:
                    if ended[worker]:
                        return  # it stopped before this share: the rest is done here
                    for key, _events in selector.select():
                        source = key.data
                        if not _read(self.pipes[source], buffers[source], ready[source]):
                            ended[source] = True
                            selector.unregister(self.pipes[source])
                yield ready[worker].pop(0)

    def stop(self) -> None:
        """Close the pipes, end the workers still running and wait for each of them; a Ctrl-C
        meanwhile is held until all are waited for (none is left a zombie)."""
        try:
            with _ctrl_c_held():
                self._end()
        finally:  # a Ctrl-C that came just before: they are ended all the same
            self._end()

    def _end(self) -> None:
        while self.pipes:
            os.close(self.pipes.pop())
        while self.pids:
            pid = self.pids.pop()
            try:
                if os.waitpid(pid, os.WNOHANG) == (0, 0):
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
            except (ChildProcessError, ProcessLookupError):
                pass


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[set[int | signal.Signals]]:
    """Ctrl-C (SIGINT) blocked in this thread, raised when the block ends if it came
    meanwhile; gives the signals blocked before."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, ())  # raises a Ctrl-C already come
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        yield before
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _read(pipe: int, buffer: bytearray, ready: list[list[Any]]) -> bool:
    """Read what ``pipe`` has, and move each whole share's results into ``ready``; False at
    the end of the pipe, or when it or a result in it cannot be read (that worker's shares
    from there on are done by this process)."""
    try:
        chunk = os.read(pipe, 1 << 20)
    except OSError:
        return False
    if not chunk:
        return False
    buffer += chunk
    while len(buffer) >= _HEADER.size:
        size = _HEADER.unpack_from(buffer)[0]
        if len(buffer) < _HEADER.size + size:
            break
        try:
            ready.append(pickle.loads(buffer[_HEADER.size:_HEADER.size + size]))
        except Exception:  # a result this process cannot load: the share is done here
            return False
        del buffer[:_HEADER.size + size]
    return True


def _work(function: Callable[[Any], Any], items: Sequence[Any],
          shares: list[tuple[int, int]], writing: int, others: list[int],
          mask: set[int | signal.Signals]) -> None:
    """In a worker: do ``shares`` one after the other, write each one's results to
    ``writing``, and leave without running anything else of this process (no exit handler,
    no buffered output flushed twice). Ctrl-C ends it silently: the main process says it.
    ``mask``: the signals blocked before the fork (Ctrl-C is held until the handler is set)."""
    global _in_worker
    _in_worker = True
    status = 1
    try:
        with contextlib.suppress(ValueError):  # a thread that cannot set it: Python's own
            if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # a background job's
                signal.signal(signal.SIGINT, lambda _signal, _frame: os._exit(130))
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        for pipe in others:
            os.close(pipe)
        for start, end in shares:
            data = pickle.dumps([function(item) for item in items[start:end]],
                                pickle.HIGHEST_PROTOCOL)
            _write(writing, _HEADER.pack(len(data)))
            _write(writing, data)
        status = 0
    except BaseException:  # the main process does this share itself
        pass
    finally:
        os._exit(status)


def _write(pipe: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(pipe, view):]
