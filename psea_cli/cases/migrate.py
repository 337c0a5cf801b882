"""``psea case migrate``: rewrite the case files of an earlier psea version in today's form.

One change so far: the event ``investigation_referred`` became ``referred_to_entity``. The
complaint goes to the entity that employs the alleged perpetrator as a matter of course; the
survivor's consent governs their own part in an investigation and the sharing of what
identifies them, which later events record (``identity_shared``, ``investigation_opened``
with ``survivor_participates``). The consent recorded under ``consent.investigation`` keeps its
value and now reads as consent to take part in an investigation.

Each file is read as a round-trip YAML document (comments, quotes and key order kept), only
the event kinds are renamed, and the file is replaced atomically. Every file first goes through
``psea validate``'s careful reader: one with a YAML-level problem (an alias, a duplicate key,
nesting too deep, bad syntax) stops the migration, located, before anything is written; a file
that cannot be read at all (or opened with the key given) is left as it is and named in the
result. The perpetrator's UN category needs no
rewriting: it is derived from ``affiliation`` when a record is read.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import Any

from psea_cli import yamledit
from psea_cli.cases import store
from psea_cli.cases.vocabulary import LEGACY_EVENT_KINDS
from psea_cli.dataset import Dataset
from psea_cli.i18n import _
from psea_cli.problems import Problem, PseaError
from psea_cli.safe_input import read_regular


@dataclasses.dataclass(frozen=True)
class Migration:
    """What a migration changed (or would change, with ``written`` False)."""

    changed: list[Path]
    renamed: Counter[str]
    """``"old -> new"`` -> number of events renamed."""
    unreadable: list[Path]
    examined: int
    written: bool


def _rename_events(document: Any) -> Counter[str]:
    renamed: Counter[str] = Counter()
    events = document.get("events") if isinstance(document, dict) else None
    if not isinstance(events, list):
        return renamed
    for event in events:
        if not isinstance(event, dict):
            continue
        kind = event.get("kind")
        if isinstance(kind, str) and kind in LEGACY_EVENT_KINDS:
            new = LEGACY_EVENT_KINDS[kind]
            event["kind"] = new
            renamed[f"{kind} -> {new}"] += 1
    return renamed


def case_files(dataset: Dataset) -> list[Path]:
    """Every ``.yaml`` file of the case store, and its encrypted records (``.age``) when a key
    was given, in name order."""
    folder = store.store_folder(dataset)
    patterns = ("*.yaml", "*.age") if dataset.keyring is not None else ("*.yaml",)
    return sorted(p for pattern in patterns for p in folder.glob(pattern)
                  if p.is_file() and not p.is_symlink())


def _open_all(dataset: Dataset, files: list[Path]) -> tuple[list[tuple[Path, bytes, bytes]],
                                                              list[Path]]:
    """(path, bytes, text) of every case file the careful reader takes, and the files that
    cannot be read at all (or opened with the key given); a PseaError naming every YAML-level
    problem (an alias, a duplicate key, nesting too deep) when a file has one."""
    readable: list[tuple[Path, bytes, bytes]] = []
    unreadable: list[Path] = []
    problems: list[Problem] = []
    for path in files:
        try:
            raw = read_regular(path)
            text = store.opened(path, raw, dataset.keyring)
            yamledit.check(text, store.label(dataset, path))
        except PseaError as exc:
            if not exc.problems:
                unreadable.append(path)
            problems.extend(exc.problems)
            continue
        except (OSError, ValueError):
            unreadable.append(path)
            continue
        readable.append((path, raw, text))
    if problems:
        raise PseaError(_("case files have YAML problems (above); psea rewrites none of the "
                          "case files until they are corrected, and nothing was written"),
                        _("Correct them by hand ('psea validate' lists every problem), then "
                          "run the command again."), exit_code=1, problems=tuple(problems))
    return readable, unreadable


def migrate(dataset: Dataset, write: bool = True) -> Migration:
    """Rename the legacy event kinds in every case file; with ``write`` False, only say what
    would change. Every file is read and checked first: a file with a YAML-level problem stops
    the migration before anything is written."""
    files = case_files(dataset)
    readable, unreadable = _open_all(dataset, files)
    changed: list[Path] = []
    renamed: Counter[str] = Counter()
    for path, original, text in readable:
        document = store.parse(text, store.label(dataset, path))
        found = _rename_events(document)
        if not found:
            continue
        renamed.update(found)
        changed.append(path)
        if write:
            store.replace(path, original, store.encoded(  # encrypted again if it was
                dataset, path.stem, store.dump(document), store.is_sealed(path)),
                dataset.root, store.store_folder(dataset))
    return Migration(changed, renamed, unreadable, len(files), write)
