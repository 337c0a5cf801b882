"""What keeps a report template that arrives with a clone (the network's ``templates/``) within
bounds: it is read only from inside its folder, and its rendering is limited in size and time.

The sandbox (``environment``) already refuses Python's internals; this module adds what the
sandbox does not: a template file or folder that is a link leading outside its folder is
refused, never read (``ContainedLoader``); a value it builds may not grow past
``MAX_ITEMS`` (``'a' * 10**9``, ``2 ** 10**9``); the text it writes may not pass
``MAX_OUTPUT`` characters; and a rendering that takes longer than ``MAX_SECONDS`` is stopped
(``deadline``). Each becomes a ``jinja2.exceptions.SecurityError`` or ``TooSlow``, reported
with the template's file and line.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from types import FrameType
from typing import Any

import jinja2
import jinja2.sandbox
from jinja2.exceptions import SecurityError

from psea_cli import safe_input
from psea_cli.i18n import _

MAX_ITEMS = 1_000_000
"""The longest text or list a template may build with ``*`` (a report is about 600 kB)."""
MAX_OUTPUT = 50_000_000
"""The most characters a rendering may write."""
MAX_SECONDS = 10
"""The longest a rendering may take, by the clock: psea promises no command hangs past 20 s.
The semester report of 10,000 cases renders in 0.2 to 0.45 s of processor time, 1 to 2.6 s
by the clock on a loaded two-core machine (cold cache, HTML, MD): ten seconds leave a
fourfold margin over the slowest measured and stop a hostile template well before 20 s."""
MAX_TEMPLATE_BYTES = 1_000_000
MAX_MEMORY = 1_000_000_000
"""The most memory a rendering may add to what the process already holds (a report of
100,000 cases adds a few megabytes): past it, the rendering stops with a MemoryError."""


class TooSlow(Exception):
    """A rendering stopped by ``deadline``."""


class Refused(SecurityError):
    """A construct psea's own bounds refuse, said in the user's language (Jinja's sandbox
    raises ``SecurityError`` with English words, which ``jinja_words`` translates)."""


class Unreadable(Refused):
    """A template file psea does not read (a link leading outside, not UTF-8 text, too
    large): said of the file, which has no line to point at."""


class ContainedLoader(jinja2.BaseLoader):
    """Templates from ``folders``, in order, each read only when the file it names, links
    resolved, lies inside the folder it was looked up in, and is a regular file of at most
    ``MAX_TEMPLATE_BYTES``."""

    def __init__(self, folders: Iterable[str]) -> None:
        self.folders = [os.path.realpath(folder) for folder in folders]

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)  # ".." is refused there
        for folder in self.folders:
            path = os.path.join(folder, *pieces)  # noqa: PTH118 - plain strings
            if not os.path.lexists(path):
                continue
            real = os.path.realpath(path)
            if os.path.commonpath([real, folder]) != folder:
                raise Unreadable(_("the template {name} is a link that leads outside its "
                                   "folder").format(name=template))
            try:
                text = safe_input.read_text(real, MAX_TEMPLATE_BYTES)
            except (OSError, UnicodeDecodeError):
                raise Unreadable(_("the template {name} is not a readable text file of at "
                                   "most 1 MB").format(name=template)) from None
            return text, real, _unchanged(real)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: str) -> Callable[[], bool]:
    """Whether the template file at ``path`` is as it was read (Jinja's ``uptodate``)."""
    def same(seen: int = os.stat(path).st_mtime_ns) -> bool:  # noqa: PTH116 - a plain string
        try:
            return os.stat(path).st_mtime_ns == seen  # noqa: PTH116
        except OSError:
            return False
    return same


class BoundedSandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The immutable sandbox, with ``*`` and ``**`` refused where their result would be too
    large to compute or show."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["sum"] = _sum

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        if operator == "*":
            items, times = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(items, str | list | tuple) and isinstance(times, int) and (
                    len(items) * times > MAX_ITEMS or _weight(items) * times > MAX_WEIGHT):
                raise Refused(_("a value would be too large to show"))
        if operator == "**" and isinstance(left, int | float) and isinstance(right, int | float) \
                and abs(left) > 1 and abs(right) > 64:
            raise Refused(_("a value would be too large to show"))
        return super().call_binop(context, operator, left, right)


@jinja2.pass_environment
def _sum(environment: jinja2.Environment, iterable: Iterable[Any],
         attribute: str | int | None = None, start: Any = 0) -> Any:
    """Jinja's ``sum`` of numbers, or of lists from ``start=[]`` (the pathway page joins its
    services' entries so), added in Python one at a time, the lists up to ``MAX_ITEMS``.
    Jinja's own adds anything in one call to Python's ``sum``, which no signal interrupts and
    which copies the lists again at each step: ``sum(start=[])`` over 5,000 lists of 1,000 ran
    for nearly two minutes past the ten seconds, and Ctrl-C did nothing meanwhile."""
    values: Iterable[Any] = iterable
    if attribute is not None:
        values = map(jinja2.filters.make_attrgetter(environment, attribute), iterable)
    if isinstance(start, list | tuple):
        joined = list(start)
        for value in values:
            if not isinstance(value, list | tuple):
                raise Refused(_("sum adds numbers, or lists to a list"))
            joined.extend(value)
            if len(joined) > MAX_ITEMS:
                raise Refused(_("a value would be too large to show"))
        return joined
    if not isinstance(start, int | float):
        raise Refused(_("sum adds numbers, or lists to a list"))
    total = start
    for value in values:
        if not isinstance(value, int | float):
            raise Refused(_("sum adds numbers, or lists to a list"))
        total = total + value
    return total


MAX_WEIGHT = 50_000_000
"""The most characters a list built with ``*`` may hold in all, its items' items counted: a
million references to one text of a million characters is a million items, and comparing it
(``in``, ``==``, ``sort``) is one call to Python that reads every character, deaf to the
deadline and to Ctrl-C (thirty seconds for ``'a' * 999999 + 'b' in ['a' * 1000000] * 10**6``)."""


def _weight(value: Any, depth: int = 0) -> int:
    """About how many characters ``value`` holds, its items' items counted (from its first
    items: a list made with ``*`` repeats one)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple) and depth < 4:
        return len(value) * max((_weight(item, depth + 1) for item in value[:8]), default=1)
    return 1


def bounded(chunks: Iterable[str]) -> str:
    """The rendered text, stopped at ``MAX_OUTPUT`` characters."""
    text: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise Refused(_("the report would be longer than {n} million characters")
                                .format(n=MAX_OUTPUT // 1_000_000))
        text.append(chunk)
    return "".join(text)


def _address_space() -> int | None:
    """The process's virtual memory size in bytes (Linux), else None."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


@contextlib.contextmanager
def memory_bound(extra: int = MAX_MEMORY) -> Iterator[None]:
    """Limit the process's address space to what it holds plus ``extra`` while inside (a
    template concatenating a text with itself, ``center(10**9)``, ``join`` of a huge list):
    an allocation past it raises MemoryError. Where the system has no such limit, none."""
    try:
        import resource
    except ImportError:  # Windows
        yield
        return
    used = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if used is None:
        yield
        return
    limit = used + extra if hard == resource.RLIM_INFINITY else min(used + extra, hard)
    if soft != resource.RLIM_INFINITY and soft < limit:
        limit = soft  # a lower limit set by the user stays
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


REPEAT_SECONDS = 0.5
"""Once the time is up, how often it is said again: Jinja turns some errors into something
else (its optimizer, meeting any error while it folds a constant, just does not fold it), so
the first ``TooSlow`` may be swallowed; the next one stops the rendering."""


@contextlib.contextmanager
def deadline(seconds: float = MAX_SECONDS) -> Iterator[None]:
    """Stop the rendering inside after ``seconds`` (``TooSlow``, then again every
    ``REPEAT_SECONDS`` until it stops), where the system allows a timer (the main thread of a
    POSIX process); elsewhere, no limit. The rendering's memory is bounded too
    (``memory_bound``). Use it as ``with deadline():``."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not \
            threading.main_thread():
        with memory_bound():
            yield
        return
    inside = sys._getframe(2)  # the frame of the ``with`` (through __enter__)

    def stop(_signum: int, frame: FrameType | None) -> None:
        while frame is not None and frame is not inside:
            frame = frame.f_back
        if frame is None:  # the rendering is over, its clean-up cut short by the time: disarm
            signal.setitimer(signal.ITIMER_REAL, 0)
            return
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
    try:
        with memory_bound():
            yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
