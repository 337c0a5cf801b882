"""Reading encrypted case records: checked as ciphertext by anyone, opened in memory by a key.

Without a key (a focal point, CI), each ``<id>.age`` file is checked for its form (psea's
envelope, age's armor and header) and for its recipients (written for the network's current
list, see ``sealing``); the dataset counts it in ``sealed_cases``. With a key that opens it,
the plaintext is decrypted, parsed and validated in memory exactly like a case file in clear.

Nothing decrypted is ever written: not to a temporary file, not to the cache (the cache keeps
only the digest of the ciphertext; ``parse_all`` never sees these files), and a run that
decrypted anything keeps no verdict. Problems name the file, whose name is the case id, and
never quote its content. Thousands of files are decrypted in forked worker processes (the
key is inherited in memory, the results come back through a pipe).
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from psea_cli import catalogue, forked, reading, yamlio
from psea_cli.i18n import os_reason
from psea_cli.layout import Source
from psea_cli.models.network import Network
from psea_cli.problems import Problem
from psea_cli.sealing import Envelope, Keyring, Malformed, open_envelope

MAX_BYTES = 5 * 1024 * 1024


@dataclasses.dataclass
class Opened:
    """The encrypted case records of one run."""

    readable: list[Source] = dataclasses.field(default_factory=list)
    """Files this run decrypted: they are built as cases like any other."""
    sealed: int = 0
    """Well-formed files nobody here can read."""
    problems: list[Problem] = dataclasses.field(default_factory=list)
    envelopes: dict[str, Envelope] = dataclasses.field(default_factory=dict)
    keyring: Keyring | None = None
    broken: list[str] = dataclasses.field(default_factory=list)
    """Files that are no encrypted record at all (damaged, unreadable): invalid files."""

    def plaintext(self, label: str) -> str:
        """The decrypted text of ``label`` (to locate its findings), kept in memory only."""
        envelope = self.envelopes.get(label)
        try:
            opened = self.keyring.decrypt(envelope) if self.keyring and envelope else None
        except Malformed:
            opened = None
        return opened.decode("utf-8", errors="replace") if opened is not None else ""


def clear_records(cases: list[Source], network: Network | None) -> list[Problem]:
    """A case file in clear where the network requires encryption: an error per file."""
    if network is None or not network.requires_encryption():
        return []
    return [catalogue.problem("cases.clear-record", label) for label, _path in cases]


def _envelope(label: str, path: str, state: reading.FileState | None,
              problems: list[Problem]) -> Envelope | None:
    raw = state.raw if state is not None and state.raw is not None else None
    try:
        if raw is None:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise Malformed("size")
        return open_envelope(raw)
    except OSError as exc:
        problems.append(catalogue.problem("file.unreadable", label,
                                          reason=os_reason(exc)))
    except Malformed:
        problems.append(catalogue.problem("cases.sealed-malformed", label))
    return None


def _recipient_problems(label: str, envelope: Envelope, network: Network | None) -> list[Problem]:
    keys = network.case_recipients() if network else []
    if not keys:
        return [catalogue.problem("cases.sealed-unexpected", label)]
    if envelope.recipient_problem(keys) is not None:
        return [catalogue.problem("cases.sealed-stale", label)]
    return []


def open_sealed(sources: list[Source], states: dict[str, reading.FileState],
                network: Network | None, keyring: Keyring | None,
                documents: dict[str, reading.Document]) -> Opened:
    """Check every encrypted file; decrypt those ``keyring`` opens into ``documents`` (a
    placeholder for the others, so that nothing parses them as YAML)."""
    opened = Opened(keyring=keyring)
    candidates: list[tuple[str, str, Envelope]] = []
    for label, path in sources:
        documents[label] = reading.Document()
        envelope = _envelope(label, path, states.get(label), opened.problems)
        if envelope is None:
            opened.broken.append(label)
            continue
        opened.problems.extend(_recipient_problems(label, envelope, network))
        opened.envelopes[label] = envelope
        candidates.append((label, path, envelope))
    if keyring is None:
        opened.sealed = len(candidates)
        return opened
    for (label, path, _unused), result in zip(
            candidates, _decrypt_many(keyring, [c[2] for c in candidates]), strict=True):
        if result is None:
            opened.sealed += 1
            continue
        if isinstance(result, Damaged):  # the key opens it, and its content is damaged
            opened.problems.append(catalogue.problem("cases.sealed-malformed", label))
            opened.broken.append(label)
            continue
        documents[label] = (reading.Document(failure=result)
                            if isinstance(result, yamlio.ParseFailure)
                            else reading.Document(json=result) if isinstance(result, bytes)
                            else reading.Document(result))
        opened.readable.append((label, path))
    return opened


@dataclasses.dataclass(frozen=True)
class Damaged:
    """What ``_open_one`` returns for a file the key opens and whose content is damaged (an
    instance crosses from a worker process by pickling: told by its type)."""


def _open_one(keyring: Keyring, envelope: Envelope) -> Any:
    """None when the key does not open the file, ``Damaged()`` when it opens it and its content
    is damaged, else what ``reading`` keeps for a case record: its data as JSON text, its
    parsed data, or why it does not parse."""
    try:
        plaintext = keyring.decrypt(envelope)
    except Malformed:
        return Damaged()
    if plaintext is None:
        return None
    return reading.record(plaintext, True)


def _decrypt_many(keyring: Keyring, envelopes: list[Envelope]) -> list[Any]:
    return list(forked.each(functools.partial(_open_one, keyring), envelopes,
                            parallel=len(envelopes) >= reading.PARALLEL_MIN_FILES // 4,
                            shares_per_worker=4))
