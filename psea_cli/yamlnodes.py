"""Plain data from the node tree libyaml composes: dicts, lists and YAML 1.2 scalars, in one
pass (about twice as fast as PyYAML's generic constructor).

Nodes whose tag is not one of the core ones (``!!binary``, ``!!set``, a custom ``!tag``) raise
``ExplicitTag``, so that ``yamlio`` hands such a file to PyYAML's own constructors. A mapping
or list reached twice (an alias) raises ``AliasFound`` at once: an alias bomb is never
expanded. Duplicate and unhashable keys raise PyYAML's ``ConstructorError`` with the key's
position, as the constructors would.
"""

from __future__ import annotations

from typing import Any

import yaml

STR, SEQ, MAP = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
INT, FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
BOOL, NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"


class ExplicitTag(Exception):
    """A node carries a tag this builder leaves to PyYAML's constructors."""


class AliasFound(Exception):
    """A mapping or list is reached twice: the file uses an alias."""


class TooDeep(Exception):
    """Nesting goes beyond the allowed depth."""


def yaml_int(text: str) -> int | str:
    """A YAML 1.2 integer; one too long for Python to convert stays text (the schema says why)."""
    try:
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text)
    except ValueError:
        return text


def yaml_float(text: str) -> float:
    lower = text.lower()
    if lower.endswith(".inf"):
        return float("-inf") if lower.startswith("-") else float("inf")
    if lower == ".nan":
        return float("nan")
    return float(text)


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == STR:
        return value
    if tag == INT:
        return yaml_int(value)
    if tag == FLOAT:
        return yaml_float(value)
    if tag == BOOL:
        if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
            return value[0] == "t" or value[0] == "T"
        raise ValueError(value)  # !!bool on another value: refused as a tag (yamlio)
    if tag == NULL:
        return None
    raise ExplicitTag


def plain_data(node: yaml.Node, max_depth: int) -> Any:
    """Dicts, lists and scalars from a composed node; refuses duplicate keys and aliases."""
    return _build(node, max_depth, 0, set())


def _build(node: yaml.Node, max_depth: int, depth: int, seen: set[int]) -> Any:
    if type(node) is yaml.ScalarNode:
        return _scalar(node)
    if id(node) in seen:
        raise AliasFound
    if depth > max_depth:
        raise TooDeep
    seen.add(id(node))
    if type(node) is yaml.SequenceNode and node.tag == SEQ:
        return [_build(item, max_depth, depth + 1, seen) for item in node.value]
    if type(node) is not yaml.MappingNode or node.tag != MAP:
        raise ExplicitTag
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = _build(key_node, max_depth, depth + 1, seen)
        try:
            duplicate = key in mapping
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "psea:unhashable-key", key_node.start_mark) from None
        if duplicate:
            raise yaml.constructor.ConstructorError(
                None, None, f"psea:duplicate-key:{key}", key_node.start_mark)
        mapping[key] = _build(value_node, max_depth, depth + 1, seen)
    return mapping
