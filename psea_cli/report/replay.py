"""A report made before, given again when nothing it depends on changed: the warm path of
``psea report``.

    taken = take_print(root, today, template_folders(root))   # before anything is read
    key = report_key(taken, revision, request)               # + git's HEAD, the options
    made = find(root, key)          # Made(text, broken, file name, ...) or None
    ...                             # else the report is made, then:
    keep(root, taken, key, made)

A report depends on the data files, psea's code and templates, the network's own templates,
the day, the language, the options and git (the commit it was read at, whether the working
tree differs, the history of the period's changes, all reached from HEAD). The print of
``instant`` covers the files; the key adds git's HEAD and the options. A report is kept under
its key in ``.psea-cache/reports/`` (owner only, as the rest of the cache: a report holds
only figures that went through disclosure control, but it is the network's), the last few
only. What decides whether a print may be filed is ``instant``'s rule: nothing changed within
two seconds of it, no encrypted case record (a key may open them).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from pathlib import Path

from psea_cli import instant
from psea_cli.gitrepo import Revision
from psea_cli.i18n import _
from psea_cli.report.shipped import BUILTIN_TEMPLATES

_KEY_NAME = re.compile(r"^[0-9a-f]{32}$")
"""The name of a kept report (``report_key``): nothing else in the folder is ever removed."""
KEPT = 8
"""How many reports are kept (the oldest go first)."""
FOLDER = "reports"


@dataclasses.dataclass(frozen=True)
class Made:
    """A report as the command gives it: its text, whether the data had errors, the name of
    the file it goes to when none is given, and the progress file where the network's words
    for the period are still to be written (None when written)."""

    text: str | bytes
    broken: bool
    file_name: str
    unwritten: str | None = None


def warnings(made: Made, revision: Revision | None) -> list[str]:
    """What a report's command says on standard error besides the report: errors in the data,
    uncommitted changes."""
    said = []
    if made.broken:
        said.append(_("warning: the data has errors, so some figures may be wrong. Run 'psea "
                      "validate' to see them: a report names only those of the plan, directory "
                      "and service files, and says nothing of case records."))
    if revision is not None and revision.dirty:
        said.append(_("warning: the data has uncommitted changes; the report says so on its "
                      "cover."))
    if made.unwritten is not None:
        said.append(_("note: the report's summary for the HCT is missing, or still the text "
                      "'--draft' wrote. Write it in the network's words, with the highlights, "
                      "challenges, decisions requested and priorities, in {file}.").format(
                          file=made.unwritten))
    return said


def destination(made: Made, output: str | None) -> Path | None:
    """The file a report goes to (``--output``, else its own name for HTML and PDF); None for
    standard output (Markdown by default, or ``--output -``)."""
    if output is None and made.file_name.endswith((".html", ".pdf")):
        return Path(made.file_name)
    return None if output is None or output == "-" else Path(output)


def written_file(made: Made, output: str | None) -> Path | None:
    """The file ``destination`` names, judged by ``safe_output``: the ``--output`` file (a link
    to a regular file is written through), or the report's own name in the current folder, a
    link of that name replaced and never written through (it may have come with a clone).
    Raises a usage error for a place psea does not write to."""
    from psea_cli.safe_output import file_in_folder, output_target

    target = destination(made, output)
    if target is None:
        return None
    return file_in_folder(Path(), target.name) if output is None else output_target(target)


def template_folders(root: Path) -> list[str]:
    """The folders a report's templates come from: the network's own ``templates/`` and the
    ones shipped with psea."""
    return [str(root / "templates"), str(BUILTIN_TEMPLATES)]


def report_key(taken: instant.Print, revision: Revision | None, request: tuple[str, ...]
               ) -> str:
    """The name a report is kept under: the print, git's HEAD and the options asked for."""
    parts = [taken.digest.hex(), repr(None if revision is None else
                                      (revision.commit, revision.dirty, revision.committed_on)),
             *request]
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def find(root: Path, key: str) -> Made | None:
    """The report kept under ``key``, or None."""
    stored = instant.read_filed(root, f"{FOLDER}/{key}")
    if stored is None:
        return None
    text, broken, file_name = stored.get("text"), stored.get("broken"), stored.get("file")
    unwritten = stored.get("unwritten")
    if not isinstance(text, str | bytes) or not isinstance(broken, bool) \
            or not isinstance(file_name, str) or not isinstance(unwritten, str | None):
        return None
    return Made(text, broken, file_name, unwritten)


def keep(root: Path, taken: instant.Print, cases_dir: str | None, key: str, made: Made
         ) -> None:
    """Keep ``made`` under ``key`` when ``taken`` may be filed and the case store
    (``cases_dir``, None when network.yaml could not be read) is inside the print; drop the
    oldest reports beyond ``KEPT``. Silent on failure."""
    if not taken.fileable or cases_dir is None or not instant.store_inside(root, cases_dir):
        return
    instant.file(root, f"{FOLDER}/{key}", {"text": made.text, "broken": made.broken,
                                          "file": made.file_name,
                                          "unwritten": made.unwritten})
    folder = root / instant.CACHE_DIR / FOLDER
    if not instant.own_folder(folder):
        return
    try:
        entries = sorted((entry for entry in os.scandir(folder)
                          if _KEY_NAME.match(entry.name) and entry.is_file(follow_symlinks=False)),
                         key=lambda entry: entry.stat(follow_symlinks=False).st_mtime_ns)
        for entry in entries[:-KEPT]:
            Path(entry.path).unlink()
    except OSError:
        pass
