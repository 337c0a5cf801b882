"""Where a network repository keeps what, listed fast.

    data/network.yaml                      the network's settings (and where the cases are)
    data/plan/<plan-id>/plan.yaml          a plan, with data/plan/<plan-id>/progress/*.yaml
    data/focal_points/<org-id>.yaml        an organisation and its focal points
    data/services/*.yaml                   the GBV service map
    data/cases/**/<case-id>.yaml           the case store (``cases_dir`` in network.yaml)
    data/cases/**/<case-id>.age            an encrypted case record (see ``sealing``)
    data/sessions/, data/meetings/, …      prevention records, one file each (``RECORD_FOLDERS``)
    data/published/<period>.yaml           case figures published for members without a key
    data/pathway/<language>.yaml           the referral poster's wording, the network's own

Listing uses ``os.scandir`` and builds labels from strings: a case store may hold tens of
thousands of files, and Path objects would cost more than reading them.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

from psea_cli.safe_input import inside

NETWORK_FILE = "data/network.yaml"
DEFAULT_CASES_DIR = "data/cases"

RECORD_FOLDERS: dict[str, str] = {
    "session": "data/sessions",
    "meeting": "data/meetings",
    "complaint_mechanism": "data/complaint_mechanisms",
    "risk_assessment": "data/risk_assessments",
    "agency_assessment": "data/agency_assessments",
}
"""Each kind of prevention record and the folder that holds its files (one record a file)."""

Source = tuple[str, str]
"""A data file: its label (the path from the repository root, with '/') and its path."""


def label_of(path: Path, root: Path) -> str:
    """The path from the root; a case store given by a resolved path is taken from the real
    root, so that a root reached through a symbolic link still gives data/cases/... labels."""
    real_root = root.resolve()
    base = real_root if path.is_absolute() and path.is_relative_to(real_root) else root
    return Path(os.path.relpath(path, base)).as_posix()


def _kept_aside(name: str) -> bool:
    """Files a data folder other than the case store may hold besides YAML: hidden files and
    a README."""
    return name.startswith(".") or name.lower().startswith(("readme", "lisezmoi"))


LEDGER_FILE = ".imports.yaml"
"""``psea import``'s ledger, at the top of the case store (see ``forms.ledger``)."""
STORE_OWN_FILES = frozenset({"README.md", "LISEZMOI.md", "README", "README.txt", ".gitignore",
                             ".gitattributes", ".gitkeep", LEDGER_FILE})
"""The only files the case store may hold besides case records (exact names): its own README,
git's files and ``psea import``'s ledger (keyed digests only, see ``forms.ledger``). A hidden
file or any other README there is reported like any stray file."""
TEMPORARY = re.compile(r"^\.psea-[0-9a-f]{12}\.tmp$")
"""The temporary file ``psea case`` writes a record to before giving it its name."""


def readable_name(name: str) -> str | None:
    """None when ``name`` is valid UTF-8 text; else the name with each undecodable byte shown
    as U+FFFD (what a message can print)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return None


LOST_AND_FOUND = "lost+found"
"""At the root of a disk kept for the store (docs/threat-model.md), readable by root alone."""


@dataclasses.dataclass
class Walk:
    """What a walk through a data folder found besides YAML files (labels)."""

    others: list[str] = dataclasses.field(default_factory=list)
    odd_names: list[str] = dataclasses.field(default_factory=list)
    temporaries: list[str] = dataclasses.field(default_factory=list)
    sealed: list[Source] = dataclasses.field(default_factory=list)
    """In the case store: encrypted case records (*.age), in the order of the YAML ones."""
    unreadable: list[tuple[str, OSError]] = dataclasses.field(default_factory=list)
    """Folders that could not be listed, with why."""
    outside: list[str] = dataclasses.field(default_factory=list)
    """Links that lead outside the folder tree they were found in (the repository, or the
    case store): never read."""


def yaml_files(folder: Path, root: Path, walk: Walk | None = None,
               store: bool = False) -> list[Source]:
    """Every *.yaml / *.yml below ``folder``, in a stable order, through os.scandir (fast:
    labels are built from strings, not Path objects, as there may be tens of thousands).
    ``walk`` gets the labels of any other files (besides hidden ones and a README), of names
    that are not UTF-8 (never read) and, in the case store (``store``), of psea's temporary
    files and encrypted case records (*.age); there, only the store's own files
    (``STORE_OWN_FILES``) are kept aside."""
    if not folder.is_dir():
        return []
    walk = walk if walk is not None else Walk()
    if not store and not inside(folder, root):  # the folder, or one above it, is such a link
        walk.outside.append(label_of(folder, root))
        return []
    top = str(folder)
    bound = os.path.realpath(folder if store else root)
    prefix = label_of(folder, root) + "/"
    stack = [top]
    found: list[Source] = []
    while stack:
        where = stack.pop()
        try:
            with os.scandir(where) as entries:
                for entry in entries:
                    label = prefix + entry.path[len(top) + 1:].replace(os.sep, "/")
                    _place(entry, label, store, bound, walk, found, stack)
        except OSError as exc:  # a folder psea may not open: said, never an internal error
            if isinstance(exc, PermissionError) and where == top + os.sep + LOST_AND_FOUND:
                continue  # the file system's own, at the root of a disk kept for the store
            folder_label = (prefix + where[len(top) + 1:].replace(os.sep, "/")).rstrip("/")
            walk.unreadable.append((folder_label, exc))
    walk.sealed.sort(key=_path_order)
    return sorted(found, key=_path_order)


def _place(entry: os.DirEntry[str], label: str, store: bool, bound: str, walk: Walk,
           found: list[Source], stack: list[str]) -> None:
    """Put one entry of a walk where it belongs: a YAML file to read, a folder to walk, or one
    of ``walk``'s lists."""
    name = entry.name
    odd = readable_name(label)
    if odd is not None:
        walk.odd_names.append(odd)
    elif store and TEMPORARY.match(name):
        walk.temporaries.append(label)
    elif name.startswith(".") and (not store or name == ".git" or name in STORE_OWN_FILES):
        return
    elif store and name.startswith("."):
        walk.others.append(label)  # a hidden file or folder: never read
    elif entry.is_dir(follow_symlinks=False):
        stack.append(entry.path)
    elif entry.is_symlink() and not inside(entry.path, bound):
        walk.outside.append(label)  # never read, whatever its name
    elif name.endswith((".yaml", ".yml")):
        found.append((label, entry.path))  # whatever it is (a FIFO): reported, never skipped
    elif store and name.endswith(".age"):
        walk.sealed.append((label, entry.path))
    elif not (name in STORE_OWN_FILES if store else _kept_aside(name)):
        walk.others.append(label)


def _path_order(source: Source) -> str:
    """The order of Path objects (folder by folder, a shorter path first), as one string: a
    label's "/" becomes NUL, below every character of a name (a list per label was 3 times
    slower to sort, at 100,000 case records)."""
    return source[0].replace("/", "\0")


@dataclasses.dataclass
class Files:
    """Which file holds what, in the order the dataset is built."""

    plan_folders: list[tuple[str, list[Source]]] = dataclasses.field(default_factory=list)
    """Each plan folder with its plan.yaml and progress files (none when plan.yaml is missing)."""
    organisations: list[Source] = dataclasses.field(default_factory=list)
    services: list[Source] = dataclasses.field(default_factory=list)
    pathway: list[Source] = dataclasses.field(default_factory=list)
    """The network's wording of the referral-pathway poster, one file per language."""
    cases: list[Source] = dataclasses.field(default_factory=list)
    records: dict[str, list[Source]] = dataclasses.field(default_factory=dict)
    """Prevention records by kind (``RECORD_FOLDERS``)."""
    in_store: Walk = dataclasses.field(default_factory=Walk)
    """The case store's files that are no case record (a spreadsheet, a hidden file…), names
    that are not UTF-8 and psea's leftover temporary files."""
    elsewhere: Walk = dataclasses.field(default_factory=Walk)
    """The same for the other data folders (their other files: psea does not read them)."""
    outside_store: list[str] = dataclasses.field(default_factory=list)
    """Files in data/cases while the case store is configured elsewhere."""
    store_missing: bool = False
    """The configured case store (``cases_dir``) does not exist."""
    store_marks: str = ""
    """For a store holding no case file, what tells it from a store not here (its ``.git``, a
    folder or a submodule's file; .gitmodules's signature): part of the verdict's key, as
    ``store_checks.absence`` reads them."""
    withheld: list[str] = dataclasses.field(default_factory=list)
    """Paths of the case store not read because a name in them may identify someone."""
    published: list[Source] = dataclasses.field(default_factory=list)
    """Case figures published for members without a key (data/published/<period>.yaml)."""
    ledger: list[Source] = dataclasses.field(default_factory=list)
    """``psea import``'s ledger, when the case store holds one: judged whole
    (``store_checks.ledger_problems``), never read as data; its digest is part of the
    verdict's key."""

    @property
    def strays_in_cases(self) -> list[str]:
        return self.in_store.others

    @property
    def strays(self) -> list[str]:
        return self.elsewhere.others

    @property
    def sealed_cases(self) -> list[Source]:
        """Encrypted case records (<id>.age in the case store)."""
        return self.in_store.sealed

    def all(self) -> list[Source]:
        plans, records = self._plans_and_records()
        return (plans + self.organisations + self.services + self.pathway + records + self.cases
                + self.sealed_cases + self.published)

    def besides_cases(self) -> set[str]:
        """The labels of the files read as something other than a case record (a case store
        set inside another data folder makes some files both)."""
        plans, records = self._plans_and_records()
        return {label for label, _path in (plans + self.organisations + self.services
                                           + self.pathway + records + self.published)}

    def _plans_and_records(self) -> tuple[list[Source], list[Source]]:
        return ([source for _folder, sources in self.plan_folders for source in sources],
                [source for sources in self.records.values() for source in sources])

    def fingerprint(self) -> str:
        """What the listing found besides the data files, for the verdict's key."""
        parts = [*self.in_store.others, *self.elsewhere.others, *self.in_store.odd_names,
                 *self.elsewhere.odd_names, *self.in_store.temporaries, *self.outside_store,
                 *self.withheld, "\1", *self.in_store.outside, *self.elsewhere.outside,
                 *(label for label, _exc in self.in_store.unreadable + self.elsewhere.unreadable),
                 str(self.store_missing), self.store_marks]
        return "\0".join(parts)


def _find_ledger(files: Files, store: Path, root: Path) -> None:
    """Note the case store's ledger in ``files``: as its ``ledger``, or, when it is a link
    that leads out of the store, with the links never read."""
    path = store / LEDGER_FILE
    if not os.path.lexists(path):
        return
    label = label_of(path, root)
    if readable_name(label) is not None:
        return  # the store's own name is not UTF-8: said for its files already
    if path.is_symlink() and not inside(path, store):
        files.in_store.outside.append(label)
    else:
        files.ledger.append((label, str(path)))


def _store_marks(root: Path, store: Path) -> str:
    git = store / ".git"
    kind = ("folder" if git.is_dir() and not git.is_symlink()
            else "file" if os.path.lexists(git) else "")
    try:
        seen = (root / ".gitmodules").stat()
    except OSError:
        return kind
    return f"{kind}:{seen.st_mtime_ns}:{seen.st_size}"


def discover(root: Path, cases_dir: str) -> Files:
    """Which file holds what: plans with their progress, organisations, services, cases."""
    files = Files()
    files.organisations = yaml_files(root / "data" / "focal_points", root, files.elsewhere)
    files.services = yaml_files(root / "data" / "services", root, files.elsewhere)
    files.pathway = yaml_files(root / "data" / "pathway", root, files.elsewhere)
    files.records = {kind: yaml_files(root / folder, root, files.elsewhere)
                     for kind, folder in RECORD_FOLDERS.items()}
    files.published = yaml_files(root / "data" / "published", root, files.elsewhere)
    store = (root / cases_dir).resolve()
    files.store_missing = not store.is_dir()
    if cases_dir == DEFAULT_CASES_DIR and not inside(root / cases_dir, root):
        files.in_store.outside.append(DEFAULT_CASES_DIR)  # data/cases, a link to elsewhere
        files.store_missing = False
    else:
        files.cases = yaml_files(store, root, files.in_store, store=True)
        _find_ledger(files, store, root)
        if not files.store_missing and not files.cases and not files.sealed_cases:
            files.store_marks = _store_marks(root, store)
    default = (root / DEFAULT_CASES_DIR).resolve()
    if default != store and default.is_dir():
        outside = Walk()
        found = yaml_files(default, root, outside, store=True)
        inner = label_of(store, root) + "/"  # a store inside data/cases is listed above
        files.outside_store = sorted(
            label for label in [label for label, _path in found + outside.sealed] + outside.others
            + outside.temporaries if not label.startswith(inner))
        files.in_store.odd_names += outside.odd_names
    plan_root = root / "data" / "plan"
    if plan_root.is_dir():
        for folder in sorted(p for p in plan_root.iterdir()
                             if p.is_dir() and not p.name.startswith(".")):
            if not inside(folder, root):
                files.elsewhere.outside.append(label_of(folder, root))
                continue
            if readable_name(folder.name) is not None:
                files.elsewhere.odd_names.append(label_of(folder, root).encode(
                    "utf-8", "surrogateescape").decode("utf-8", "replace"))
                continue
            plan_file = folder / "plan.yaml"
            if plan_file.is_symlink() and not inside(plan_file, root):
                files.elsewhere.outside.append(label_of(plan_file, root))
                continue
            sources = ([(label_of(plan_file, root), str(plan_file)),
                        *yaml_files(folder / "progress", root, files.elsewhere)]
                       if plan_file.is_file() else [])
            files.plan_folders.append((label_of(folder, root), sources))
    return files
