"""A commit made by ``git commit`` itself, and when git or one of its hooks refuses it, the
refusal in psea's words: which hook refused (from git's own trace of the hooks it ran), what
git and the hook printed (the end of it, its readable words kept whatever its other bytes),
what was left and how to go on.

``git commit`` runs the hooks git would run for the user: those of ``core.hooksPath``, and a
linked worktree's repository's; gitpython's ``index.commit`` looked only in the worktree's own
folder, ran none of ``core.hooksPath``'s, and lost every word of a hook that printed a byte
that is no UTF-8."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from psea_cli.i18n import _, ngettext

MAX_LINES = 40
"""The last lines shown of what git and its hooks printed: a hook that printed thousands
would push the refusal itself out of sight."""
_CONTROL = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # a CSI sequence, 7- or 8-bit
                      r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # a title (OSC)
                      r"|\x1b[@-_]?"  # any other escape
                      r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Terminal escapes, control characters (C0 and C1) and the marks that reverse the direction
of text: never written back to the user's terminal."""


def commit(workdir: str, message: str) -> tuple[int, bytes, str | None]:
    """``git commit -m message`` of what is staged in ``workdir``: its exit code, what it and
    its hooks printed (both streams, in order), and the hook that refused it (None when none
    did: git failed on its own, or made the commit). Which hook ran and how it ended is read
    from git's own trace (``GIT_TRACE2_EVENT``), in a folder of this process's, removed
    after. The hooks read no input."""
    folder = tempfile.mkdtemp(prefix="psea-commit-")
    trace = Path(folder) / "trace.json"
    environment = {**os.environ, "GIT_TRACE2_EVENT": str(trace)}
    try:
        done = subprocess.run(["git", "commit", "-q", "-m", message], cwd=workdir,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, check=False, env=environment)
        return done.returncode, done.stdout, _refusing_hook(trace)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _refusing_hook(trace: Path) -> str | None:
    """The first hook of the commit's own git (not of a git its hooks ran) that exited with
    another code than 0, as git's trace events say; None when none did, or no trace."""
    started: dict[int, str] = {}
    top = None
    try:
        with trace.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                if not isinstance(event, dict):
                    continue
                top = top or event.get("sid")
                if event.get("sid") != top:
                    continue
                child = event.get("child_id")
                if not isinstance(child, int):
                    continue
                if event.get("event") == "child_start" and event.get("child_class") == "hook":
                    started[child] = str(event.get("hook_name") or "")
                elif event.get("event") == "child_exit" and child in started \
                        and event.get("code") != 0:
                    return started[child] or "pre-commit"
    except OSError:
        return None
    return None


def said(printed: bytes) -> str:
    """What git and the hooks printed, as text: bytes that are no UTF-8 shown as « \ufffd » and
    noted, terminal escapes removed, the last ``MAX_LINES`` lines."""
    text = printed.decode("utf-8", "replace")
    lines = [_CONTROL.sub("", line).rstrip() for line in text.strip().splitlines()]
    if len(lines) > MAX_LINES:
        skipped = len(lines) - MAX_LINES
        lines = [ngettext("… ({n} line before)", "… ({n} lines before)", skipped).format(
            n=skipped), *lines[-MAX_LINES:]]
    try:
        printed.decode("utf-8")
    except UnicodeDecodeError:
        lines.append(_("(some of what was printed is not UTF-8 text, shown as \ufffd: run "
                       "'git commit' to read it)"))
    return "\n".join(lines)


def _left(files: int) -> str:
    return ngettext("the file written is left uncommitted and unstaged",
                    "the {count} files written are left uncommitted and unstaged",
                    files).format(count=files)


def message(printed: bytes, name: str, files: int) -> str:
    """The refusal: which hook refused and what was left, then what was printed."""
    left = ngettext("the {name} hook refused the commit; the file written is left "
                    "uncommitted and unstaged",
                    "the {name} hook refused the commit; the {count} files written are left "
                    "uncommitted and unstaged", files).format(name=name, count=files)
    words = said(printed)
    return f"{left}\n{words}" if words else left


def git_said(printed: bytes, files: int) -> str:
    """A commit git itself refused (no hook did): what was left, then git's words."""
    done = _("{why}; {left}").format(why=_("git could not commit"), left=_left(files))
    words = said(printed)
    return f"{done}\n{words}" if words else done


def failed(exc: BaseException, files: int) -> str:
    """A commit git could not make for another reason (its lock held, Ctrl-C, a message that
    is no UTF-8): what happened and what was left, then git's words."""
    words = "" if isinstance(exc, KeyboardInterrupt) else _stderr(exc)
    if isinstance(exc, KeyboardInterrupt):
        why = _("interrupted while committing")
    elif words:
        why = _("git could not commit")
    else:
        why = _("git could not commit: {reason}").format(reason=type(exc).__name__)
    done = _("{why}; {left}").format(why=why, left=_left(files))
    return f"{done}\n{words}" if words else done


def _stderr(exc: BaseException) -> str:
    """What a git command gitpython ran printed on its error stream (``GitCommandError``
    keeps it as ``\\n  stderr: '…'``), its last lines; empty for another error."""
    text = str(getattr(exc, "stderr", "") or "").strip().removeprefix("stderr:").strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        text = text[1:-1].strip()
    return said(text.encode("utf-8", "replace")) if text else ""


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
