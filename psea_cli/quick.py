"""The warm path of ``psea validate``: when nothing changed since the last full check, its
problems, without importing the models, parsing or validating anything.

    root = find_root(Path.cwd())
    look = Look()
    found = cached_verdict(root, today, language, keyring_given=False, look=look)  # or None
    # when None: the full check may start from ``look`` (pipeline.check_repository)

A full check (``pipeline``) keeps its verdict in the cache under a key made of every file's
content, psea's code, the list of checks, the language and the day (``verdict_key``), with
where the case store was and which checks ran. This module recomputes that key from a stat of
every file (the digest of a file whose stat signature is unchanged comes from the cache, as in
``reading``) and, when it is the same, returns the verdict. Anything unusual — no verdict, a
file that cannot be read, a file outside the repository, a key that may decrypt case records —
returns None, and the caller takes the full path, which decides the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psea_cli import safe_input
from psea_cli.cache import Cache, Signature, is_external, signature
from psea_cli.cache_files import digest
from psea_cli.instant import find_root
from psea_cli.layout import DEFAULT_CASES_DIR, NETWORK_FILE, Files, discover

if TYPE_CHECKING:
    from psea_cli.instant import Print
    from psea_cli.problems import Problem

__all__ = ["Look", "cached_verdict", "find_root", "network_languages", "network_settings",
           "verdict_key"]

Surveyed = tuple[str, bytes]
"""(label, digest of the file's bytes)."""


@dataclasses.dataclass
class Look:
    """What ``cached_verdict`` learned when it found no verdict, for the full check to start
    from instead of listing and stat-ing every file again: the cache it opened (with the
    digests it noted), each file's signature and digest, and its listing."""

    cache: Cache | None = None
    files: dict[str, tuple[Signature, bytes]] = dataclasses.field(default_factory=dict)
    listing: tuple[str, Files, list[Problem]] | None = None
    """Where the case store was looked for, what was found there and the problems of the
    files withheld for their names (``store_checks.withhold_identifying_names``)."""


def network_languages(root: Path) -> list[str]:
    """The network's languages, read cheaply before the full load (to choose the message
    language), by yaml-rs alone; when network.yaml does not parse, from its ``languages:``
    line itself, so that a French network is told what is wrong with it in French."""
    found = network_settings(root)
    if found is not None:
        return found[0]
    try:
        text = safe_input.read_text(root / NETWORK_FILE) \
            if safe_input.inside(root / NETWORK_FILE, root) else ""
    except (OSError, UnicodeDecodeError):
        return []
    line = _LANGUAGES_LINE.search(text)
    return _LANGUAGE_CODE.findall(line.group(1)) if line else []


_LANGUAGES_LINE = re.compile(r"^languages:[ \t]*\[([^\]\n]*)\]", re.MULTILINE)
_LANGUAGE_CODE = re.compile(r"\b[a-z]{2}\b")


def network_settings(root: Path) -> tuple[list[str], str] | None:
    """The network's languages and where its case store is, read by yaml-rs alone; None when
    network.yaml cannot be read so, or names its case store with what yaml-rs does not read
    as text (the full check may, or will say what is wrong)."""
    if not safe_input.inside(root / NETWORK_FILE, root):
        return None  # a link to elsewhere: the full check refuses it
    try:
        text = safe_input.read_text(root / NETWORK_FILE)
    except (OSError, UnicodeDecodeError):
        return None
    import yaml_rs

    try:  # the full check reads network.yaml carefully; here only two settings are wanted
        data = yaml_rs.loads(text, parse_datetime=False,
                             duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except Exception:  # anything yaml-rs refuses: the full check will say what is wrong
        return None
    if not isinstance(data, dict):
        return None
    languages = data.get("languages")
    cases_dir = data.get("cases_dir")
    if cases_dir is not None and not isinstance(cases_dir, str):
        return None  # ``0X1F`` is a number to yaml-rs, text (a folder) to the careful path
    return ([str(lang) for lang in languages] if isinstance(languages, list) else [],
            cases_dir or DEFAULT_CASES_DIR)


def verdict_key(fingerprint: str, language: str, today: dt.date, checks: str, files: Files,
                surveyed: Sequence[Surveyed]) -> bytes:
    """What the problems of a full check depend on: every file's content (``psea import``'s
    ledger's too), the plan folders and the listing, psea's code (``fingerprint``), the
    checks, the language and the day."""
    key = hashlib.blake2b(digest_size=16)
    key.update(f"{fingerprint}\0{language}\0{today.isoformat()}\0{checks}".encode())
    for folder, paths in files.plan_folders:
        if not paths:
            key.update(b"\0folder\0" + folder.encode())
    key.update(b"\0listing\0" + files.fingerprint().encode())
    for label, file_digest in sorted(surveyed):
        key.update(b"\0" + label.encode() + b"\0" + file_digest)
    return key.digest()


def _survey(cache: Cache, sources: list[tuple[str, str]], look: Look,
            stats: dict[str, tuple[int, int, int, int, int, int]]) -> list[Surveyed] | None:
    """Each file's digest (from the cache when its signature is unchanged), or None when a
    file cannot be read as a regular file or lies outside the repository. ``stats`` is what
    a print taken a moment before saw of some files (``instant.Print.stats``): those are
    not stat-ed again."""
    surveyed = []
    for label, path in sources:
        if is_external(label):
            return None
        try:
            seen = stats.get(path)
            if seen is None:
                st = os.stat(path)  # noqa: PTH116 - a str: no Path to build
                safe_input.check_regular(st)
                sig = signature(st)
            elif stat.S_ISREG(seen[4]):
                sig = (seen[0], seen[1], seen[2], seen[3], seen[5])
            else:
                return None  # not a regular file: the full check says what it is
            known = cache.known_digest(label, sig)
            if known is None:
                known = digest(safe_input.read_regular(path))
        except OSError:
            return None
        cache.note(label, sig, known)
        surveyed.append((label, known))
        look.files[label] = (sig, known)
    return surveyed


def cached_verdict(root: Path, today: dt.date, language: str, keyring_given: bool,
                   look: Look | None = None, taken: Print | None = None,
                   ) -> tuple[int, list[tuple[Any, ...]]] | None:
    """(files read, problems as stored) of the last full check, when it read exactly the
    files there are now, with the same code, checks, language and day; else None. ``taken``
    is the print of ``root`` taken at the start of this run, if any."""
    cache = Cache.open(root)
    look = look if look is not None else Look()
    stored = cache.quick_verdict()
    if stored is None:
        return None
    cases_dir, checks = stored
    files = discover(root, cases_dir)
    from psea_cli.store_checks import withhold_identifying_names

    withheld = withhold_identifying_names(files, cases_dir)  # as the full check: not read
    if keyring_given and files.sealed_cases:
        return None  # a key may decrypt case records: their problems are never kept
    surveyed = _survey(cache, [(NETWORK_FILE, str(root / NETWORK_FILE)), *files.all(),
                               *files.ledger], look, taken.stats() if taken is not None else {})
    if surveyed is None:
        look.files.clear()
        return None
    found = cache.verdict(verdict_key(cache.fingerprint, language, today, checks, files,
                                      surveyed))
    if found is not None:
        cache.save()  # signatures that were too recent to trust are trusted from now on
    else:
        look.cache, look.listing = cache, (cases_dir, files, withheld)
    return found
