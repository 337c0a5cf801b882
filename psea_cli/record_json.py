"""A case record as the compact JSON text the cache keeps and pydantic validates directly,
when JSON holds the record's data exactly (``reading`` stores it so)."""

from __future__ import annotations

import math
from typing import Any

MAX_JSON_DEPTH = 16
"""Deeper data is kept as parsed data: no valid record nests more than four levels."""


def json_text(data: Any) -> bytes | None:
    """``data`` as compact JSON text when JSON holds it exactly (string keys, finite numbers,
    strings, booleans and nulls only, at most MAX_JSON_DEPTH levels), else None.

    pydantic-core's serializer writes it (the same bytes as ``json.dumps`` with
    ``ensure_ascii=False`` and compact separators, three times faster: it runs for every
    case record of a first run)."""
    if not _json_exact(data):
        return None
    import pydantic_core

    try:
        return pydantic_core.to_json(data)
    except pydantic_core.PydanticSerializationError:  # a lone surrogate: keep the parsed data
        return None


_JSON_LEAVES = frozenset({str, int, float, bool, type(None)})


def _json_exact(data: Any) -> bool:
    """True when ``data`` holds only JSON's types, string keys and finite numbers, and no
    container deeper than MAX_JSON_DEPTH. One loop over the containers, not a call per value:
    it runs for every case record of a first run."""
    pending = [(data, 0)]
    while pending:
        value, depth = pending.pop()
        kind = type(value)
        if kind is dict:
            if depth >= MAX_JSON_DEPTH or any(type(key) is not str for key in value):
                return False
            children = value.values()
        elif kind is list:
            if depth >= MAX_JSON_DEPTH:
                return False
            children = value
        else:
            return kind in _JSON_LEAVES and _readable_back(kind, value)
        for child in children:
            child_kind = type(child)
            if child_kind is dict or child_kind is list:
                pending.append((child, depth + 1))
            elif child_kind not in _JSON_LEAVES or (
                    child_kind is float and not math.isfinite(child)) or (
                    child_kind is int and not -_LARGEST < child < _LARGEST):
                return False  # inline, not _readable_back: once per value of every record
    return True


_LARGEST = 10 ** 4300
"""Larger integers are kept as parsed data: ``json.loads`` refuses to read back an integer of
more than 4,300 digits (Python's limit on converting text to int), and a record holding one
stopped every command with an internal error."""


def _readable_back(kind: type, value: Any) -> bool:
    """A number ``json.loads`` reads back as it was: a finite float, an integer of fewer
    digits than Python's limit; anything else is."""
    if kind is float:
        return math.isfinite(value)
    return kind is not int or -_LARGEST < value < _LARGEST
