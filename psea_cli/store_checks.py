"""What the listing of the data folders says before any file is read: where the case store
is, files that have no place in it, names that are not UTF-8 or that look like they name
someone; and whether ``psea import``'s ledger, the store's one file besides case records
that psea reads, is sound. Each becomes a problem; a name that may identify someone is never
printed.

    refused = refused_cases_dir(root, cases_dir)      # "/", "../..", a NUL: refused
    withheld = withhold_identifying_names(files, dir) # such files are not read, nor named
    problems = listing_problems(files, dir) + withheld
    ledger = read_ledger(files)                       # psea import's ledger, read once
    problems += ledger_problems(ledger)               # damaged: a located problem
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

from psea_cli import catalogue
from psea_cli.i18n import os_reason
from psea_cli.layout import DEFAULT_CASES_DIR, Files
from psea_cli.problems import Problem

LedgerRead = list[tuple[str, bytes | Problem]]
"""``psea import``'s ledger (none or one): its label, and its bytes or why they cannot be
read."""

MAX_CASES_DIR = 255
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CASE_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{8}\.(ya?ml|age)$")  # .age: an encrypted record
WITHHELD = "(withheld)"


def refused_cases_dir(root: Path, cases_dir: str) -> str | None:
    """Why ``cases_dir`` cannot be the case store, as a variant of ``network.cases-dir`` ("" for
    a bad name), else None: not empty, no control character, not over 255 characters,
    relative, neither the repository nor a folder holding it (the whole disk would be read
    as case records), and inside the folder that holds the repository (a store of its own, or
    a repository beside it: never a system folder)."""
    if not cases_dir.strip() or _CONTROL.search(cases_dir) or len(cases_dir) > MAX_CASES_DIR:
        return ""
    if posixpath.isabs(cases_dir) or Path(cases_dir).is_absolute():
        return "absolute"
    if any(part.startswith(".") and part not in (".", "..")
           for part in re.split(r"[\\/]", cases_dir)):
        return "hidden"  # ../.config, ../.ssh: a folder of the machine, not a case store
    try:
        store = (root / cases_dir).resolve()
        real_root = root.resolve()
    except (OSError, RuntimeError, ValueError):
        return "unresolved"
    if store == real_root or store in real_root.parents or store == real_root / "data":
        return "repository"
    if cases_dir != DEFAULT_CASES_DIR and not store.is_relative_to(real_root.parent):
        return "far"  # /usr, /proc: never walked (data/cases as a link: the listing says it)
    return None


def _flagged(part: str) -> bool:
    """True when a folder or file name of the case store looks like it names someone or
    holds a contact (the rules of the case note; a case record's own name is an id)."""
    if _CASE_ID.match(part) and not part[:8].isdigit():  # before the import: once per record
        return False  # eight digits are a phone number's (psea draws no id of digits only)
    from psea_cli.cases.privacy import screen

    words = re.sub(r"[_.\-+]+", " ", part.rsplit(".", 1)[0] if "." in part[1:] else part)
    return bool(screen(words) or screen(part))


def _withheld_label(label: str, prefix: str) -> str | None:
    """``label`` with its first identifying part (below the store) withheld, and what follows
    dropped; None when no part is identifying."""
    if not label.startswith(prefix):
        return None
    parts = label[len(prefix):].split("/")
    for i, part in enumerate(parts):
        if _flagged(part):
            return prefix + "/".join([*parts[:i], WITHHELD])
    return None


def withhold_identifying_names(files: Files, cases_dir: str) -> list[Problem]:
    """Take out of ``files`` every file of the case store (or of data/cases) whose path has a
    name that may identify someone: it is not read, so no problem names it; one problem per
    such name, the name withheld (``files.withheld`` keeps them, for the verdict's key)."""
    withheld: dict[str, None] = {}

    def keep(label: str, prefix: str) -> bool:
        hidden = _withheld_label(label, prefix)
        if hidden is not None:
            withheld[hidden] = None
        return hidden is None

    store = posixpath.normpath(cases_dir) + "/"
    files.cases = [source for source in files.cases if keep(source[0], store)]
    files.in_store.sealed = [source for source in files.in_store.sealed
                             if keep(source[0], store)]
    files.in_store.others = [label for label in files.in_store.others if keep(label, store)]
    files.outside_store = [label for label in files.outside_store
                           if keep(label, DEFAULT_CASES_DIR + "/")]
    files.withheld = list(withheld)
    return [catalogue.problem("cases.identifying-name", label) for label in withheld]


def _store_name_withheld(label: str, cases_dir: str) -> str:
    """A name of the case store (or of data/cases) that is not UTF-8, withheld from its first
    part that is not (shown with U+FFFD): it is no case id (psea's are ASCII), and a Latin-1
    name copied from Windows (« Traoré Awa ») cannot be screened as a UTF-8 one is, so it is
    never printed at all, whatever path reaches the store (a link, ``../store``)."""
    for prefix in (posixpath.normpath(cases_dir) + "/", DEFAULT_CASES_DIR + "/"):
        if label.startswith(prefix):
            return prefix + WITHHELD
    parts = label.split("/")
    odd = next((i for i, part in enumerate(parts) if "\ufffd" in part), len(parts) - 1)
    return "/".join([*parts[:odd], WITHHELD])


def absence(root: Path, files: Files, cases_dir: str, named: bool) -> str | None:
    """Why the case store is not here, as a variant of ``cases.store-missing``, or None: a
    folder that does not exist (``""``: a store kept in its own repository and not cloned
    beside this one; data/cases named in network.yaml, ``named``, and absent), a file
    (``file``), a link that leads nowhere (``link``), or a folder holding no case file at all
    (``empty``: nothing but hidden files and READMEs) that is a store of its own or another
    repository's checkout (a submodule a clone did not fetch, or fetched at a commit that was
    never pushed). A network that never made data/cases and names no store has recorded no
    case: not this, nor a data/cases of its own holding its README only."""
    store = root / cases_dir
    if files.store_missing:
        if store.is_symlink() and not store.exists():
            return "link"
        if os.path.lexists(store):
            return "file"
        return "" if named or cases_dir != DEFAULT_CASES_DIR else None
    if files.cases or files.sealed_cases or not _holds_no_case(store):
        return None
    if cases_dir != DEFAULT_CASES_DIR or _submodule(root, cases_dir):
        return "empty"
    return None


_NO_CASE = re.compile(r"(?i)(\..*|readme(\.\w+)?)")
"""What a store that holds no case may hold: hidden files (``.git``, ``.gitkeep``,
``.DS_Store``) and a README."""


def _holds_no_case(folder: Path) -> bool:
    """Whether ``folder`` holds nothing but what a store without its records holds; a
    repository of its own (a ``.git`` folder: a store cloned, or made with ``git init`` before
    its first case) is a store, its records or none: a submodule's checkout has a ``.git``
    file instead, and a submodule never fetched nothing."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name == ".git" and entry.is_dir(follow_symlinks=False):
                    return False
                if not _NO_CASE.fullmatch(entry.name):
                    return False
            return True
    except OSError:  # said as the listing's problem (``file.unreadable``)
        return False


def _submodule(root: Path, cases_dir: str) -> bool:
    """Whether ``cases_dir`` is another repository's checkout: named in .gitmodules (git's
    own reading of its ``path``), or a commit of another repository in git's index."""
    from psea_cli.gitrepo.reading import is_gitlink
    from psea_cli.safe_input import read_text

    wanted = posixpath.normpath(cases_dir)
    try:
        text = read_text(root / ".gitmodules", 1_000_000)
    except (OSError, UnicodeDecodeError, ValueError):
        text = ""
    for value in re.findall(r"^\s*path\s*=\s*(.+)$", text, re.MULTILINE):
        value = re.split(r"\s[;#]", value, maxsplit=1)[0].strip().strip('"')
        if value and posixpath.normpath(value) == wanted:
            return True
    return is_gitlink(root, wanted)


def listing_problems(files: Files, cases_dir: str) -> Iterator[Problem]:
    """The problems of the listing: files that have no place in the case store (errors: a
    spreadsheet or a note there may name a survivor, and git keeps every commit), names
    that are not UTF-8, psea's leftover temporary files, files in data/cases while the store
    is elsewhere, and other folders' files psea does not read (warnings). No file is
    opened: each problem points at a file as a whole (line 1)."""
    for label in files.in_store.others:
        yield catalogue.problem("cases.stray-file", label)
    for label in files.in_store.temporaries:
        yield catalogue.problem("cases.leftover-temporary", label)
    for label in files.outside_store:
        yield catalogue.problem("cases.outside-store", label, folder=cases_dir)
    for label in dict.fromkeys(_store_name_withheld(label, cases_dir)
                               for label in files.in_store.odd_names):
        yield catalogue.problem("file.name-encoding", label, variant="withheld")
    for label in files.elsewhere.odd_names:
        yield catalogue.problem("file.name-encoding", label)
    for label in files.elsewhere.others:
        yield catalogue.problem("file.ignored", label)
    for label in files.in_store.outside + files.elsewhere.outside:
        yield catalogue.problem("file.link-outside", label)
    for label, exc in files.in_store.unreadable + files.elsewhere.unreadable:
        yield catalogue.problem("file.unreadable", label, reason=os_reason(exc))


def unread_in_store(files: Files) -> int:
    """Files of the case store psea does not read, any of which may be a case record: links
    that lead out of it, names that are not UTF-8 or may name someone (withheld), folders it
    may not open, and psea's leftover temporary files. No figure can count the cases they may
    hold, so none is shared while they are there (``Dataset.broken_cases``)."""
    store = files.in_store
    return (len(store.outside) + len(store.odd_names) + len(store.unreadable)
            + len(store.temporaries) + len(files.withheld))


def read_ledger(files: Files) -> LedgerRead:
    """The bytes of the case store's ledger (``files.ledger``), read once: the verdict's key
    takes their digest, and ``ledger_problems`` judges the same bytes."""
    from psea_cli.ledger_file import read_ledger as read_one

    return [(label, read_one(Path(path), label)) for label, path in files.ledger]


def ledger_problems(ledger: LedgerRead) -> list[Problem]:
    """The ledger's damage, located (``cases.import-ledger-damaged``): it cannot be read, is
    not the YAML ``psea import`` writes, or holds an unfinished git merge. ``psea import``
    refuses to run on it; nothing it holds is ever printed."""
    from psea_cli.ledger_file import judge_ledger

    found = [got if isinstance(got, Problem) else judge_ledger(got, label)
             for label, got in ledger]
    return [problem for problem in found if problem is not None]
