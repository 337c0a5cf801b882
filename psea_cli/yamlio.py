"""Reading YAML safely and fast: one front for every data file.

``parse`` reads a file on the bulk path (``yamlfast``: a Rust parser, YAML 1.2) when that path
reads it exactly as the careful one would, else on the careful path (``yamlcareful``: libyaml
with node marks, which says where anything wrong is). Both refuse tags, anchors and aliases,
duplicate keys and too deep a nesting; ``yes``/``no`` and dates stay strings. Failures are
``ParseFailure`` values worded by the problem catalogue, with a 1-based line and column.

``yamllocate`` finds the line and column of a path such as ``("focal_points", 0, "phone")`` by
composing the file again on the careful path; only for files with a problem. ruamel.yaml's
round-trip mode is kept for edits (``case`` commands), never for bulk reads. PyYAML is imported
only when the careful path is taken.
"""

from __future__ import annotations

import re
from typing import Any

from psea_cli import yamlfast
from psea_cli.safe_input import MAX_FILE_BYTES
from psea_cli.yamlfailure import MAX_DEPTH, ParseFailure, failure, is_modeline

__all__ = ["MAX_DEPTH", "ParseFailure", "decode", "failure", "free_text", "is_modeline", "parse",
           "parse_careful", "too_large", "without_modeline"]


def too_large() -> ParseFailure:
    return failure("file.too-large")


def decode(raw: bytes) -> str | ParseFailure:
    """Bytes to text, refusing binary data and anything that is not UTF-8."""
    if len(raw) > MAX_FILE_BYTES:
        return too_large()
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        return failure("file.binary", line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return failure("file.encoding", line, column)
    return text.removeprefix("\ufeff")


_LINE_BREAK = re.compile(r"[\r\n]")
def without_modeline(text: str) -> str:
    """``text`` without its first line when that line is psea's modeline alone."""
    first, _break, rest = text.partition("\n")
    return rest if is_modeline(first) else text


def free_text(text: str) -> list[tuple[int, int, str]]:
    """(line, column, text) of every comment and directive (``%TAG``) of a parsed YAML text:
    what no schema sees. psea's own modeline is left out. Empty when there is none (fast);
    else libyaml's scanner tells comments from a ``#`` in quoted text (``yamlcareful``)."""
    if "#" not in without_modeline(text) and "%" not in text:
        return []
    from psea_cli import yamlcareful

    return yamlcareful.free_text(text)


def _is_empty(text: str) -> bool:
    """True when the text holds only blank lines and comments (read up to its first value).
    A carriage return ends a line too, as in YAML: a file saved with CR alone is not one
    comment line."""
    start = 0
    while True:  # the next break of either kind, found once: no pass to the text's end per line
        found = _LINE_BREAK.search(text, start)
        end = found.start() if found is not None else -1
        line = (text[start:] if end < 0 else text[start:end]).strip()
        if line and not line.startswith("#"):
            return False
        if end < 0:
            return True
        start = end + 1


def parse(text: str) -> Any | ParseFailure:
    """Parse one YAML document into plain dicts, lists and scalars, or explain why not: the
    bulk path (``yamlfast``) when it reads the text exactly as the careful path would, else
    the careful path."""
    if _is_empty(text):
        return failure("file.empty")
    data = yamlfast.load(text)
    return parse_careful(text) if data is yamlfast.NOT_TAKEN else data


def parse_careful(text: str) -> Any | ParseFailure:
    """The careful path (``yamlcareful.parse_careful``): libyaml composes the text with node
    marks, so that anything wrong is reported with its line and column."""
    from psea_cli import yamlcareful

    return yamlcareful.parse_careful(text)
