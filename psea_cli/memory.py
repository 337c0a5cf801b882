"""Loading without the cyclic garbage collector walking what the load builds."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Bulk loading creates hundreds of thousands of small objects that all stay alive: the
    cyclic garbage collector would walk them again and again (4-5x the cost of validation),
    so it waits until the load is done, and then leaves them aside (``gc.freeze``; they are
    still freed as usual when no longer used). What an earlier load left aside goes back to
    the collector first, so a long-running process does not keep old garbage for good."""
    was_enabled = gc.isenabled()
    gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
