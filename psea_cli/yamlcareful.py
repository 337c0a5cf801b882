"""The careful YAML path: libyaml (PyYAML's ``CSafeLoader``) composes a file with node marks,
so that whatever is wrong in it (a tag, an alias, a duplicate key, bad syntax, too deep) is
reported at its line and column.

Its resolver reads YAML 1.2's core schema: ``yes``/``no``/``on``/``off`` stay strings, dates
stay strings (pydantic parses them and so reports them with a location), duplicate keys are
errors, and anchors/aliases are refused (an alias bomb is never expanded). Nothing is ever
constructed from a ``!!python`` tag. libyaml composes the node tree in C; ``yamlnodes.plain_data``
turns the nodes into dicts, lists and scalars in one pass, about twice as fast as PyYAML's
generic constructor (which stays as the path for the rare files with explicit tags such as
``!!binary``, so their behaviour is PyYAML's own).

``yamlio.parse`` comes here only for a file the bulk path (``yamlfast``) declines, and
``yamllocate`` to find where a problem is: a run that needs neither never imports PyYAML.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

from psea_cli import yamlnodes
from psea_cli.yamlfailure import (
    MAX_DEPTH,
    ParseFailure,
    failure,
    is_modeline,
    mark_position,
    position,
)

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ALIAS = re.compile(r"[\s:\[,-]\*[^\s,\]}]+")
_COMMENT = re.compile(r"#[^\r\n]*")


class CarefulLoader(_BaseLoader):  # type: ignore[misc]
    """Safe loader with YAML 1.2 core-schema scalars and duplicate-key detection."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node without an explicit one: PyYAML's rule, minus the path resolvers
        psea never uses (the composer calls this for every scalar, so it is kept lean)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return yamlnodes.STR
        return yamlnodes.SEQ if kind is yaml.SequenceNode else yamlnodes.MAP


def _resolver(tag: str, pattern: str, first: str) -> None:
    CarefulLoader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789")
_resolver(
    "tag:yaml.org,2002:float",
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
    "-+0123456789.",
)
_resolver("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])  # type: ignore[arg-type]


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int | str:
    return yamlnodes.yaml_int(str(loader.construct_scalar(node)))


def _construct_str(loader: Any, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, Any] = {}
    for key_node, _value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "psea:unhashable-key", key_node.start_mark) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"psea:duplicate-key:{key}", key_node.start_mark)
        seen[key] = key_node
    return dict(loader.construct_pairs(node, deep=deep))


def _construct_map(loader: Any, node: yaml.MappingNode) -> Any:
    data: dict[Any, Any] = {}
    yield data
    data.update(_construct_mapping(loader, node))


def _refuse(_loader: Any, node: yaml.Node) -> Any:
    """A tag whose value no reader of a pull request's diff can read (``!!binary``: base64
    text becomes bytes, which a text field takes as text): refused as any tag psea does not
    know."""
    raise yaml.constructor.ConstructorError(
        None, None, f"could not determine a constructor for the tag {node.tag!r}",
        node.start_mark)


CarefulLoader.add_constructor("tag:yaml.org,2002:binary", _refuse)
CarefulLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
CarefulLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_str)
CarefulLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def _structure_problem(value: Any) -> str | None:
    """"alias" when a container is reached twice (an alias), "depth" when nesting exceeds
    MAX_DEPTH, else None. Linear in the number of distinct containers: a bomb is never expanded."""
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                return "alias"
            if depth > MAX_DEPTH:
                return "depth"
            seen.add(id(node))
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return None


_ESCAPE_PROBLEMS = ("escape", "hexdecimal")
"""libyaml's words for a backslash between double quotes that starts no escape it knows:
``"Bureau\\Bamako"`` (unknown escape character), ``"C:\\Users"`` (no hexadecimal number after
``\\U``), ``"\\ud800"`` (invalid Unicode character escape code)."""


def _failure_from_yaml_error(exc: yaml.YAMLError, text: str) -> ParseFailure:
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.position, int):
        line, column = position(text, min(exc.position, len(text)))
        return failure("yaml.syntax", line, column, "control",
                       character=f"U+{exc.character:04X}" if isinstance(exc.character, int)
                       else "?")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = mark_position(text, mark)
    problem = str(getattr(exc, "problem", "") or "")
    if problem.startswith("psea:duplicate-key"):
        return failure("yaml.duplicate-key", line, column)
    if problem.startswith("psea:unhashable-key"):
        return failure("yaml.syntax", line, column, "key")
    if "could not determine a constructor" in problem:
        return failure("yaml.forbidden-tag", line, column)
    if "nesting depth" in problem:
        return failure("yaml.too-deep", line, column)
    context = str(getattr(exc, "context", "") or "")
    context_mark = getattr(exc, "context_mark", None)
    if "quoted" in context and any(w in problem for w in _ESCAPE_PROBLEMS):
        return failure("yaml.syntax", line, column, "escape")
    if context_mark is not None and ("flow" in context or "quoted scalar" in context):
        opened = context_mark.index
        if opened >= len(text.rstrip()):  # said at the end of the file: where the last opens
            opened = max(text.rfind(character) for character in "[{\"'")
        return failure("yaml.syntax", *(position(text, opened) if opened >= 0
                                        else mark_position(text, context_mark)), "unclosed")
    lines = text.splitlines()
    if "\t" in (lines[line - 1] if 0 < line <= len(lines) else "") or "'\\t'" in problem:
        return failure("yaml.tab", line, column)
    if "another document" in problem:
        return failure("yaml.multiple-documents", line, column)
    if line > len(lines) > 0:  # found at the end of the file: its last line is the one to look at
        line, column = len(lines), 1
    return failure("yaml.syntax", line, column)


def _too_deep() -> ParseFailure:
    return failure("yaml.too-deep")


def _alias(text: str) -> ParseFailure:
    alias = _ALIAS.search(text)
    line, column = position(text, alias.start() + 1) if alias else (1, 1)
    return failure("yaml.alias", line, column)


def _scan(text: str) -> list[Any]:
    try:
        return list(yaml.scan(text, Loader=CarefulLoader))
    except (yaml.YAMLError, RecursionError):
        return []


def _first_anchor(text: str) -> tuple[int, int] | None:
    """1-based (line, column) of the first anchor (``&name``), or None: anchors on plain values
    build no shared container, so only the scanner sees them."""
    for token in _scan(text):
        if isinstance(token, yaml.AnchorToken):
            return mark_position(text, token.start_mark)
    return None


def _anchor_failure(text: str) -> ParseFailure | None:
    """An anchor on a plain value: no container is shared, yet it is an anchor (refused)."""
    anchor = _first_anchor(text) if "&" in text else None
    if anchor is None:
        return None
    return failure("yaml.alias", *anchor)


def free_text(text: str) -> list[tuple[int, int, str]]:
    """(line, column, text) of every comment and directive (``%TAG``) of a parsed YAML text:
    what no schema sees. psea's own modeline is left out (``yamlio.free_text`` first
    looks whether there may be any)."""
    found: list[tuple[int, int, str]] = []
    done = 0
    for token in [*_scan(text), None]:
        end = token.start_mark.index if token is not None else len(text)
        for match in _COMMENT.finditer(text, done, max(done, end)):
            line, column = position(text, match.start())
            if not (line == 1 and is_modeline(match.group(0))):
                found.append((line, column, match.group(0)[1:]))
        if isinstance(token, yaml.DirectiveToken):
            line, column = mark_position(text, token.start_mark)
            found.append((line, column, text[token.start_mark.index:token.end_mark.index]))
        if token is not None:
            done = max(done, token.end_mark.index)
    return found


def parse_careful(text: str) -> Any | ParseFailure:
    """The careful path: libyaml composes the text with node marks, so that anything wrong
    (a tag, an alias, a duplicate key, bad syntax) is reported with its line and column."""
    try:
        node = yaml.compose(text, Loader=CarefulLoader)
        data = None if node is None else yamlnodes.plain_data(node, MAX_DEPTH)
        return _anchor_failure(text) or data
    except yaml.YAMLError as exc:
        return _failure_from_yaml_error(exc, text)
    except (RecursionError, yamlnodes.TooDeep):
        return _too_deep()
    except yamlnodes.AliasFound:
        return _alias(text)
    except yamlnodes.ExplicitTag:
        return _parse_with_constructors(text)
    except ValueError:  # an explicit tag on a value it cannot convert: !!float yes
        return _tag_failure(text)


def _tag_failure(text: str) -> ParseFailure:
    tag = next((t for t in _scan(text) if isinstance(t, yaml.TagToken)), None)
    return failure("yaml.forbidden-tag", *mark_position(text, tag.start_mark if tag else None))


def _parse_with_constructors(text: str) -> Any | ParseFailure:
    """PyYAML's own construction: for files with explicit tags, and the reference the fast
    builder is tested against."""
    try:
        data = yaml.load(text, Loader=CarefulLoader)
    except yaml.YAMLError as exc:
        return _failure_from_yaml_error(exc, text)
    except RecursionError:
        return _too_deep()
    except ValueError:
        return _tag_failure(text)
    structure = _structure_problem(data)
    if structure == "depth":
        return _too_deep()
    if structure == "alias":
        return _alias(text)
    return _anchor_failure(text) or data
