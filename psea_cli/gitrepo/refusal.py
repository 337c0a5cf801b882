"""A commit a git hook refused, said in psea's words: which hook, what it printed (the end of
it, decoded whatever its bytes), what was left and how to go on. gitpython runs the hooks of
``index.commit`` itself and reads their output in threads; a hook that prints bytes that are no
UTF-8 made those threads print Python's tracebacks, which ``quiet_threads`` keeps back."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from psea_cli.i18n import _, ngettext

MAX_LINES = 40
"""The hook's last lines shown: a hook that printed thousands would push the refusal itself
out of sight."""


@contextlib.contextmanager
def quiet_threads() -> Iterator[list[str]]:
    """While a hook runs: an error of the threads that read its output (bytes that are no
    UTF-8) is noted in the list given, never printed."""
    before = threading.excepthook
    noted: list[str] = []

    def note(args: threading.ExceptHookArgs) -> None:
        error: BaseException | None = args.exc_value
        while error is not None and not isinstance(error, UnicodeError):
            error = error.__cause__  # gitpython's CommandError, from the UnicodeDecodeError
        if error is not None:
            noted.append(type(error).__name__)
        else:
            before(args)

    threading.excepthook = note
    said_too = logging.getLogger("git.cmd")  # it logs the same error ("Pumping 'stdout'…")
    was = said_too.disabled
    said_too.disabled = True
    try:
        yield noted
    finally:
        threading.excepthook = before
        said_too.disabled = was


def hook_name(exc: Any) -> str:
    """``pre-commit``, ``commit-msg``…: the file name of the hook that failed."""
    command = getattr(exc, "command", None)
    first = command[0] if isinstance(command, list | tuple) and command else command
    return Path(str(first)).name if first else "pre-commit"


def said(exc: Any) -> str:
    """What the hook printed (gitpython keeps it as ``\\n  stdout: '…'``), its last lines."""
    parts = []
    for name in ("stdout", "stderr"):
        text = str(getattr(exc, name, "") or "").strip()
        text = text.removeprefix(f"{name}:").strip()
        if len(text) >= 2 and text[0] == text[-1] == "'":
            text = text[1:-1].strip()
        if text:
            parts.append(text)
    lines = "\n".join(parts).splitlines()
    if len(lines) > MAX_LINES:
        skipped = len(lines) - MAX_LINES
        lines = [ngettext("… ({n} line before)", "… ({n} lines before)", skipped).format(
            n=skipped), *lines[-MAX_LINES:]]
    return "\n".join(lines)


def message(exc: Any, files: int, unreadable: bool) -> str:
    """The refusal: the hook's words, then what was left."""
    left = ngettext("the {name} hook refused the commit; the file written is left "
                    "uncommitted and unstaged",
                    "the {name} hook refused the commit; the {count} files written are left "
                    "uncommitted and unstaged", files).format(name=hook_name(exc), count=files)
    words = said(exc)
    if unreadable:
        words = "\n".join(filter(None, [words, _("(what the hook printed is not UTF-8 text: "
                                                 "run 'git commit' to read it)")]))
    return f"{words}\n{left}" if words else left


def failed(exc: BaseException, files: int) -> str:
    """A commit git could not make for another reason (its lock held, Ctrl-C, a message that
    is no UTF-8): what happened, then what was left."""
    if isinstance(exc, KeyboardInterrupt):
        why = _("interrupted while committing")
    else:
        why = _("git could not commit: {reason}").format(reason=type(exc).__name__)
    left = ngettext("the file written is left uncommitted and unstaged",
                    "the {count} files written are left uncommitted and unstaged",
                    files).format(count=files)
    return f"{why}; {left}"


def hint(again: bool, hook: bool = True) -> str:
    """How to go on: commit by hand, or (``again``) run the command again, which finds what
    it wrote and commits it; after correcting what the hook said (``hook``), or once git can
    commit (its lock released)."""
    if again:
        return (_("Correct what the hook says above, then run the same command again, with the "
                  "same file: it finds what it wrote and commits it. Delete the file after.")
                if hook else
                _("Once git can commit, run the same command again, with the same file: it "
                  "finds what it wrote and commits it. Delete the file after."))
    if hook:
        return _("Correct what the hook says above, then commit the files yourself ('git add', "
                 "'git commit'). Do not run the command again: it would record the same thing "
                 "a second time.")
    return _("Once git can commit, commit the files yourself ('git add', 'git commit'). Do not "
             "run the command again: it would record the same thing a second time.")
