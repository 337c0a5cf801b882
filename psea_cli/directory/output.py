"""Writing an export to a file: all of it or nothing (a temporary file renamed over the target)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from psea_cli.i18n import _
from psea_cli.problems import PseaError


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader never sees half a file, and a failure leaves
    any previous file as it was."""
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise PseaError(_("cannot write {path}: {reason}").format(
            path=path, reason=exc.strerror or type(exc).__name__),
            _("Check that the folder exists and that you may write in it.")) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).replace(path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise PseaError(_("cannot write {path}: {reason}").format(
            path=path, reason=exc.strerror or type(exc).__name__)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
