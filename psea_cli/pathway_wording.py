"""The poster's fixed wording in one language: psea's built-in text, then the network's own.

The built-in French and English wording ships in ``psea_cli/wording/``. A network
file ``data/pathway/<language>.yaml`` (read and validated by the pipeline like every data file)
replaces any key of a built-in language, or gives a new language its whole wording. A key a
language still lacks is reported by ``psea validate`` (``pathway.missing-translation``) and,
on the poster, is taken from the network's first language so that nothing is left blank.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psea_cli import yamlio
from psea_cli.models.pathway import PathwayWording

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset

BUILTIN_DIR = Path(__file__).resolve().parent / "wording"
KEYS: tuple[str, ...] = tuple(PathwayWording.model_fields)
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a text uses (``{{`` and ``}}`` are literal braces)."""
    return {m.group(1) for m in _PLACEHOLDER.finditer(text) if m.group(1) is not None}


def fill(text: str, values: dict[str, object]) -> str:
    """``text`` with its ``{names}`` replaced by ``values``. Only plain names are replaced:
    a wording file is data from the repository, so ``{x.attr}`` or ``{x[0]}`` (which
    ``str.format`` would evaluate) stay as written, and nothing here can fail."""
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group(0)[0]
        return str(values[name]) if name in values else match.group(0)

    return _PLACEHOLDER.sub(replace, text)


@functools.cache
def builtin(lang: str) -> dict[str, Any]:
    """psea's own wording for ``lang`` (empty for a language psea does not ship)."""
    path = BUILTIN_DIR / f"{lang}.yaml"
    if not path.is_file():
        return {}
    data = yamlio.parse(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def builtin_languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml")))


def network_wording(dataset: Dataset, lang: str) -> dict[str, Any]:
    """The keys the network's ``data/pathway/<lang>.yaml`` sets (empty when it has none)."""
    found = dataset.pathway_wordings.get(lang)
    return found.value.model_dump(exclude_none=True) if found is not None else {}


def missing_keys(dataset: Dataset, lang: str) -> list[str]:
    """The keys neither psea nor the network gives in ``lang``."""
    known = builtin(lang).keys() | network_wording(dataset, lang).keys()
    return [key for key in KEYS if key not in known]


def available_languages(dataset: Dataset) -> tuple[str, ...]:
    """Languages a poster can be made in: psea's own and those the network gives wording for."""
    return tuple(sorted(set(builtin_languages()) | set(dataset.pathway_wordings)))


@dataclasses.dataclass(frozen=True)
class Wording:
    """One language's wording, complete: missing keys come from the fallback language."""

    lang: str
    texts: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.texts[key]

    def get(self, key: str, **values: object) -> str:
        return fill(str(self.texts[key]), values)

    def date(self, day: dt.date) -> str:
        return format_day(day, self.lang)


def wording(dataset: Dataset, lang: str) -> Wording:
    """The wording for ``lang``: the network's keys over psea's, then the fallback language's
    (the network's first language psea ships, else English) for any key still missing."""
    first = dataset.network.languages[0] if dataset.network else "en"
    fallback = first if first in builtin_languages() else "en"
    texts: dict[str, Any] = {}
    for layer in (builtin(fallback), network_wording(dataset, fallback),
                  builtin(lang), network_wording(dataset, lang)):
        texts.update(layer)
    return Wording(lang, texts)


def format_day(day: dt.date, lang: str) -> str:
    """``12 mars 2026`` in the poster's language when CLDR knows it, else ``2026-03-12``."""
    from babel.core import Locale, UnknownLocaleError
    from babel.dates import format_date

    try:
        return format_date(day, format="long", locale=Locale.parse(lang))
    except (UnknownLocaleError, ValueError):
        return day.isoformat()


def language_names(codes: list[str], lang: str) -> str:
    """``fr, bm`` → ``français, bambara`` in the poster's language (codes CLDR does not know stay)."""
    from psea_cli.languages import language_table

    names = language_table(lang)
    return ", ".join(names.get(code, code) for code in codes)
