"""Writing the demonstration records whole, or not at all (``psea activity demo``).

Every file is judged before the first is written: a folder on its way that leads outside the
repository, or a link in its place (``safe_output.data_target``), and a file under a record's
name that is not a synthetic record psea wrote (a real record, a broken file) stop the command
with nothing written. A write that fails then (a full disk, a folder that cannot be made) takes
back every file written before it (a file replaced gets its former bytes again, a file created
is removed, and so is a folder made for it), so that the message can say that nothing changed.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from psea_cli.dataset import Dataset
from psea_cli.i18n import _, ngettext, os_reason
from psea_cli.layout import label_of
from psea_cli.problems import PseaError
from psea_cli.safe_input import read_regular
from psea_cli.safe_output import data_target, write_atomically


def judge(dataset: Dataset, files: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """``files`` with each path as ``data_target`` gives it; a PseaError (exit 1) for the
    first one psea must not write."""
    synthetic = {located.file for located in dataset.records.all() if located.value.synthetic}
    judged = []
    for path, text in files:
        target = data_target(path, dataset.root)
        label = label_of(target, dataset.root)
        if os.path.lexists(target) and label not in synthetic:
            raise PseaError(
                _("{file} exists and is not a synthetic record; the demonstration replaces "
                  "only its own records, and nothing was written").format(file=label),
                _("Move or rename that file (or correct it, if it is a synthetic record that "
                  "'psea validate' refuses), then run the command again."), exit_code=1)
        judged.append((target, text))
    return judged


class _Undo:
    """What the writes did so far, to take it back."""

    def __init__(self) -> None:
        self.folders: list[Path] = []
        self.files: list[tuple[Path, bytes | None]] = []

    def make_folder(self, folder: Path) -> None:
        missing = [f for f in (folder, *folder.parents) if not os.path.lexists(f)]
        for made in reversed(missing):
            made.mkdir()
            self.folders.append(made)

    def write(self, path: Path, text: str) -> None:
        before = read_regular(path) if os.path.lexists(path) else None
        write_atomically(path, text)
        self.files.append((path, before))

    def take_back(self) -> list[Path]:
        """Undo every write, last first; the files that could not be taken back."""
        left = []
        for path, before in reversed(self.files):
            try:
                if before is None:
                    path.unlink(missing_ok=True)
                else:
                    write_atomically(path, before)
            except (OSError, PseaError):
                left.append(path)
        for folder in reversed(self.folders):
            with contextlib.suppress(OSError):
                folder.rmdir()
        return left


def write_all(dataset: Dataset, files: list[tuple[Path, str]]) -> None:
    """Write every file of ``files`` (after ``judge``), or none."""
    judged = judge(dataset, files)
    undo = _Undo()
    current = None
    try:
        for current, text in judged:
            undo.make_folder(current.parent)
            undo.write(current, text)
    except (OSError, PseaError) as exc:
        left = undo.take_back()
        reason = exc.message if isinstance(exc, PseaError) else _(
            "cannot write {path}: {reason}").format(path=current, reason=os_reason(exc))
        if left:
            raise PseaError(ngettext(
                "{error}; {n} demonstration record written before could not be removed",
                "{error}; {n} demonstration records written before could not be removed",
                len(left)).format(error=reason, n=len(left)),
                _("Run 'psea activity demo --remove' to delete them."), exit_code=1) from exc
        raise PseaError(_("{error}; the demonstration records written before it were removed, "
                          "and nothing changed").format(error=reason),
                        _("Check that the folders of data/ exist and that you may write in "
                          "them, then run the command again."), exit_code=1) from exc
    except BaseException:
        undo.take_back()  # an interruption (Ctrl-C) or a fault: nothing left half-done
        raise
