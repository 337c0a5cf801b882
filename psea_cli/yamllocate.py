"""Where a finding is in its file: the line and column of a path of keys and indexes, found by
composing the file once on the careful path (``yamlcareful``, which imports PyYAML: only a run
that has a finding to locate imports it); only files with findings are read this way.

    line, column = Locator(text).locate(("events", 2, "date"))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from psea_cli.yamlfailure import mark_position

if TYPE_CHECKING:
    import yaml


def _compose(text: str) -> yaml.Node | None:
    import yaml

    from psea_cli.yamlcareful import CarefulLoader

    try:
        return yaml.compose(text, Loader=CarefulLoader)
    except (yaml.YAMLError, RecursionError):
        return None


class Locator:
    """Finds the line and column of paths in one file, composing it once: a file with
    thousands of findings is located in linear time (each mapping's keys are indexed the first
    time a path goes through it)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.node = _compose(text) if text else None
        self._keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}

    def _entry(self, node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        import yaml

        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    index.setdefault(key_node.value, (key_node, value_node))
            self._keys[id(node)] = index
        return index.get(key)

    def locate(self, path: Sequence[str | int]) -> tuple[int, int]:
        """1-based (line, column) of the deepest node along ``path`` that exists in the file.

        For a key, the key's own position; for a missing key, the mapping that should hold it.
        """
        import yaml

        node = self.node
        if node is None:
            return 1, 1
        line, column = mark_position(self.text, node.start_mark)
        for part in path:
            if isinstance(node, yaml.MappingNode):
                entry = next(filter(None, (self._entry(node, key) for key in _spelt(part))),
                             None)
                if entry is None:
                    return line, column
                key_node, node = entry
                line, column = mark_position(self.text, key_node.start_mark)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return line, column
                node = node.value[part]
                line, column = mark_position(self.text, node.start_mark)
            else:
                return line, column
        return line, column


def _spelt(part: object) -> tuple[str, ...]:
    """How a key of the parsed data may be written in the file: a key YAML read as true,
    false or null is found by its spellings (``str(True)`` is no YAML)."""
    if part is True or part is False:
        word = str(part).lower()
        return word, word.capitalize(), word.upper()
    if part is None:
        return "null", "~", "Null", "NULL", ""
    return (str(part),)


def locate(text: str, path: Sequence[str | int]) -> tuple[int, int]:
    """1-based (line, column) of the deepest node along ``path`` that exists in the file
    (see ``Locator``, which composes the file once for many paths)."""
    return Locator(text).locate(path)
