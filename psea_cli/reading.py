"""Reading many data files fast: one stat per file, its parsed data from the cache when its
content was seen before, and libyaml for the rest, in worker processes when there are thousands.

    states = survey(sources, cache)                   # stat; digest from the cache, or hashed
    documents = parse_all(states, cache, case_files)  # cached parsed data, or decode + parse

Workers are forked processes that inherit the bytes already read (on a first run, the paths:
each reads and hashes its share) and return plain data; where fork is unavailable, or a worker
fails, everything is read and parsed in this process instead.

Case records, thousands of small files, are kept as JSON text (``Document.json``, written by
``record_json``) whenever JSON holds their data exactly: pydantic validates the text directly,
which spares building every record's dictionaries first (a third of a warm report's reading
time).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
from collections.abc import Callable, Iterator
from typing import Any

from psea_cli import case_comments, forked, safe_input, yamlio
from psea_cli.cache import Cache, Signature, signature
from psea_cli.cache_files import digest
from psea_cli.cases import privacy
from psea_cli.cases.vocabulary import NOTE_MAX_LENGTH
from psea_cli.i18n import os_reason
from psea_cli.record_json import json_text

PARALLEL_MIN_FILES = 2000
"""Below this many files to parse, starting worker processes costs more than it saves."""


@dataclasses.dataclass
class FileState:
    """One data file as this run found it: its signature and the digest of its bytes."""

    label: str
    path: str
    signature: Signature | None = None
    digest: bytes | None = None
    raw: bytes | None = None
    failure: yamlio.ParseFailure | None = None


@dataclasses.dataclass(frozen=True)
class Document:
    """A file's parsed data, or why it could not be parsed; for a case record, the data may
    come as JSON text only (``json``; ``data`` is then None, see ``parsed``)."""

    data: Any = None
    failure: yamlio.ParseFailure | None = None
    json: bytes | None = None

    def parsed(self) -> Any:
        """The data, decoded from the JSON text when only that is held."""
        if self.data is None and self.json is not None:
            return json.loads(self.json)
        return self.data


def as_document(record: Any, as_json: bool) -> Document:
    """A cached record as a document: JSON text stays text for a case record; any other file
    with the same bytes as a case record gets the decoded data."""
    if isinstance(record, bytes):
        return Document(json=record) if as_json else Document(json.loads(record))
    return Document(record)


def _unreadable(exc: OSError) -> yamlio.ParseFailure:
    if isinstance(exc, safe_input.FileTooLarge):
        return yamlio.too_large()
    if isinstance(exc, safe_input.NotRegularFile):
        return not_regular(exc.kind)
    return yamlio.failure("file.unreadable", reason=os_reason(exc))


def not_regular(kind: str) -> yamlio.ParseFailure:
    return yamlio.failure("file.not-regular", kind=kind)


def _read(state: FileState) -> bytes | None:
    try:
        return safe_input.read_regular(state.path)
    except OSError as exc:
        state.failure = _unreadable(exc)
        return None


def survey(sources: list[tuple[str, str]], cache: Cache,
           known: dict[str, tuple[Signature, bytes]] | None = None) -> list[FileState]:
    """Each (label, path) with its digest: the cached one when the file's signature is unchanged,
    else the digest of its bytes (read once, after the stat, so a later write is always seen).
    On a first run (a cache that knows nothing) with thousands of files, they are not read
    here: ``parse_all``'s workers read, hash and parse them, each its share (``deferred``);
    otherwise an unknown file is hashed here, and its record may still be in the cache.
    ``known`` gives the signature and digest a look taken a moment before found for a file
    (``quick.Look``, which noted them in this same cache): that file is not looked at again."""
    states = []
    unknown = []
    for label, path in sources:
        state = FileState(label, path)
        states.append(state)
        taken = known.get(label) if known is not None else None
        if taken is not None:
            state.signature, state.digest = taken
            continue
        try:
            st = os.stat(path)  # noqa: PTH116 - a str: no Path to build
            safe_input.check_regular(st)
            state.signature = signature(st)
        except OSError as exc:
            state.failure = _unreadable(exc)
            continue
        state.digest = cache.known_digest(label, state.signature)
        if state.digest is None:
            unknown.append(state)
        else:
            cache.note(label, state.signature, state.digest)
    defer = cache.knows_nothing and len(unknown) >= PARALLEL_MIN_FILES and forked.workers() > 1
    for state in unknown:
        if defer and not state.label.endswith(".age"):  # encrypted records are read apart
            continue
        state.raw = _read(state)
        if state.raw is not None and state.signature is not None:
            state.digest = digest(state.raw)
            cache.note(state.label, state.signature, state.digest)
    return states


def deferred(state: FileState) -> bool:
    """True for a file ``survey`` left for ``parse_all`` to read: stat taken, nothing read."""
    return state.failure is None and state.digest is None and state.raw is None


def parse_bytes(raw: bytes) -> Any | yamlio.ParseFailure:
    text = yamlio.decode(raw)
    return text if isinstance(text, yamlio.ParseFailure) else yamlio.parse(text)


Screen = Callable[[str], list[str]]
"""The note screening (``cases.privacy.screen``), handed down by the pipeline."""


def parse_all(states: list[FileState], cache: Cache,
              case_files: frozenset[str] = frozenset(),
              screen: Screen | None = None) -> dict[str, Document]:
    """Every file's document: the cache's record for its digest, else a fresh parse (stored;
    as JSON text for the files named in ``case_files`` when JSON holds it exactly)."""
    return dict(parse_each(states, cache, case_files, screen))


def parse_each(states: list[FileState], cache: Cache,
               case_files: frozenset[str] = frozenset(),
               screen: Screen | None = None) -> Iterator[tuple[str, Document]]:
    """``parse_all``, as (label, document) pairs: first those the cache holds, then the parsed
    ones in order, each as soon as its share is parsed, so that the caller works on the first
    while the workers parse the others. The workers start at once, before the first pair is
    asked for."""
    documents: dict[str, Document] = {}
    todo: list[FileState] = []
    for state in states:
        document = known_document(state, cache, state.label in case_files)
        if document is None:
            todo.append(state)
        else:
            documents[state.label] = document
    as_json = [state.label in case_files for state in todo]
    return _documents(documents, todo, as_json, _parse_many(todo, as_json, screen), cache,
                      screen)


def _documents(documents: dict[str, Document], todo: list[FileState], as_json: list[bool],
               parsing: Iterator[tuple[bytes | None, Any, Screened]], cache: Cache,
               screen: Screen | None) -> Iterator[tuple[str, Document]]:
    yield from documents.items()
    for state, flag, (read_digest, result, note) in zip(todo, as_json, parsing, strict=True):
        if note is not None and screen is privacy.screen:  # screened by the worker
            privacy.remember(*note)
        yield state.label, parsed(state, read_digest, result, cache, flag)


def known_document(state: FileState, cache: Cache, as_json: bool) -> Document | None:
    """The document of a file when no parse is needed: the cache's record for its digest, or
    why it cannot be read; None when it must be parsed (its bytes in ``state.raw``, or read by
    whoever parses it: ``deferred``)."""
    if state.failure is None and state.digest is not None:
        found, kept = cache.record(state.digest)
        if found:
            return as_document(kept, as_json)
        if state.raw is None and state.signature is not None:  # record gone: read it now
            state.raw = _read(state)
            if state.raw is not None:
                state.digest = digest(state.raw)
                cache.note(state.label, state.signature, state.digest)
    if state.failure is not None or (state.raw is None and not deferred(state)):
        return Document(failure=state.failure)
    return None


def parsed(state: FileState, read_digest: bytes | None, result: Any, cache: Cache,
           as_json: bool) -> Document:
    """A fresh parse's document, its digest noted and its record stored in the cache."""
    state.raw = None
    if read_digest is not None and state.signature is not None:  # read by a worker
        state.digest = read_digest
        cache.note(state.label, state.signature, read_digest)
    elif deferred(state):  # a worker could not read it: as if the survey had failed
        state.failure = result
    if isinstance(result, yamlio.ParseFailure):
        return Document(failure=result)
    assert state.digest is not None
    cache.store(state.label, state.digest, result)
    return as_document(result, as_json)


def record(raw: bytes, as_json: bool, screen: Screen | None = None) -> Any:
    """What the cache keeps for a file: its parsed data or, for a case record that JSON holds
    exactly, that data as JSON text (parsed data is never bytes); a ParseFailure when the file
    does not parse. Workers return this: text travels back far cheaper than dictionaries."""
    result = parse_bytes(raw)
    if as_json and screen is not None and not isinstance(result, yamlio.ParseFailure):
        failure = case_comments.failure(raw.decode("utf-8").removeprefix("\ufeff"), screen)
        if failure is not None:
            return failure
    if as_json and not isinstance(result, yamlio.ParseFailure):
        exact = json_text(result)
        if exact is not None:
            return exact
    return result


Screened = tuple[str, list[str]] | None
"""A case record's note and the rules it breaks, screened where the record was parsed."""


def read_and_record(work: tuple[bytes | None, str, bool], screen: Screen | None = None
                    ) -> tuple[bytes | None, Any, Screened]:
    """For (the bytes, or None to read them from the path; the path; whether a case record):
    (the digest of the bytes when this call read them, else None; ``record``'s result, or why
    the file could not be read; a case record's note screened, when it has one)."""
    raw, path, as_json = work
    read = None
    if raw is None:
        try:
            raw = read = safe_input.read_regular(path)
        except OSError as exc:
            return None, _unreadable(exc), None
    result = record(raw, as_json, screen)
    screened = _note_screened(result, screen) if as_json else None
    return (None if read is None else digest(read)), result, screened


def _note_screened(result: Any, screen: Screen | None) -> Screened:
    """The note of a case record's ``record`` (its data as JSON text, UTF-8) and the rules it
    breaks, or None."""
    if screen is None or not isinstance(result, bytes) or b'"note":' not in result:
        return None
    try:
        data = json.loads(result)
    except ValueError:
        return None
    note = data.get("note") if isinstance(data, dict) else None
    if not isinstance(note, str) or len(note) > NOTE_MAX_LENGTH:  # too long: never screened
        return None
    return note, screen(note)


def _parse_many(todo: list[FileState], as_json: list[bool], screen: Screen | None
                ) -> Iterator[tuple[bytes | None, Any, Screened]]:
    """Each file's (digest read, record), in order, each share as soon as it is parsed (by
    forked workers, which inherit the bytes already read, or read the files themselves)."""
    work = [(state.raw, state.path, flag) for state, flag in zip(todo, as_json, strict=True)]
    return forked.begun(functools.partial(read_and_record, screen=screen), work,
                        parallel=len(work) >= PARALLEL_MIN_FILES)
