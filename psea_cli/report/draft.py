"""``psea report semester PERIOD --draft``: a skeleton of the network's words for the HCT, written
into the period's progress file, for the coordinator to fill in.

The ``narrative:`` block gets every part the file does not have yet: the summary (French and
English) starting from the period's key figures, and empty lists for highlights, challenges,
decisions requested and priorities. Text already written is never changed, comments and key
order are kept, and a file is created (with its schema line) when the period has none.
"""

from __future__ import annotations

import dataclasses
import io
import posixpath
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from psea_cli import yamledit
from psea_cli.models.progress import Narrative
from psea_cli.safe_input import read_regular
from psea_cli.safe_output import data_target

KEYS: tuple[str, ...] = tuple(Narrative.model_fields)


@dataclasses.dataclass(frozen=True)
class Draft:
    file: str
    """Repository-relative path of the progress file."""
    text: str | None
    """The new text of the file; None when nothing was missing."""
    added: tuple[str, ...]
    created: bool


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def progress_file(plan_file: str, period_key: str, known: str | None) -> str:
    """The period's own progress file: the one read, else where the plan's progress files go."""
    return known or posixpath.join(posixpath.dirname(plan_file), "progress", f"{period_key}.yaml")


def draft(root: Path, label: str, period_key: str, summaries: dict[str, str],
          header: str) -> Draft:
    """The progress file at ``label`` with the missing parts of its narrative added.

    ``summaries`` gives the starting summary in each language (``summary``, ``summary_en``);
    ``header`` is the first line of a new file (its schema modeline)."""
    path = data_target(root / label, root)  # never read or written through a link
    created = not path.exists()
    yaml = _yaml()
    document: Any = (CommentedMap(period=period_key) if created
                     else yamledit.load(yaml.load, read_regular(path), label))
    if not isinstance(document, CommentedMap):
        raise ValueError("a progress file is a mapping")
    narrative = document.get("narrative")
    if not isinstance(narrative, CommentedMap):
        narrative = CommentedMap()
        position = list(document).index("example") + 1 if "example" in document else 1
        document.insert(min(position, len(document)), "narrative", narrative)
    added = []
    for key in KEYS:
        if key in narrative:
            continue
        narrative[key] = summaries.get(key, "") if key.startswith("summary") else CommentedSeq()
        if key.startswith("summary") and not narrative[key]:
            del narrative[key]
            continue
        added.append(key)
    if not added and not created:
        return Draft(label, None, (), False)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    text = buffer.getvalue()
    if created:
        text = header + "\n" + text
    return Draft(label, text, tuple(added), created)
