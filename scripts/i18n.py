"""Message catalogue tooling (needs Babel, a runtime dependency of psea).

    python scripts/i18n.py missing            # msgids used in code/templates with no French translation,
                                              # printed as .po entries to paste into an area's catalogue
    python scripts/i18n.py compile            # every psea_cli/locale/*/LC_MESSAGES/*.po -> .mo
    python scripts/i18n.py prune              # remove the msgids no code or template uses any more

Catalogues are split by area (core.po, cases.po, report.po…) so that areas are translated
independently; at run time every .mo of a language is merged.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "psea_cli" / "locale"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
METHODS = [("psea_cli/**.py", "python"), ("templates/**.j2", "jinja2")]
OPTIONS = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}


def used_messages() -> dict[str | tuple[str, ...], list[str]]:
    found: dict[str | tuple[str, ...], list[str]] = {}
    for folder, methods in ((ROOT / "psea_cli", [("**.py", "python")]),
                            (ROOT / "templates", [("**.j2", "jinja2")])):
        if not folder.is_dir():
            continue
        options = {"**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
        for filename, lineno, message, _comments, _context in extract_from_dir(
            folder, methods, options_map=options, keywords=KEYWORDS
        ):
            if isinstance(message, tuple):
                key: str | tuple[str, ...] = tuple(m for m in message if m)
                if len(key) == 1:
                    key = key[0]
            else:
                key = message
            found.setdefault(key, []).append(f"{folder.name}/{filename}:{lineno}")
    from psea_cli.indicators.registry import METRICS  # definitions: the metrics' docstrings

    for metric in METRICS.values():
        found.setdefault(metric.definition, []).append(f"docstring of metric {metric.name}")
    return found


def catalogues(lang: str) -> list[Path]:
    return sorted((LOCALE / lang / "LC_MESSAGES").glob("*.po"))


def translated(lang: str) -> dict[str, object]:
    result: dict[str, object] = {}
    for po in catalogues(lang):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            if all(strings) and not message.fuzzy:
                result[key] = message.string
    return result


def missing(lang: str = "fr") -> list[tuple[str | tuple[str, ...], list[str]]]:
    done = translated(lang)
    out = []
    for key, places in used_messages().items():
        first = key if isinstance(key, str) else key[0]
        if first not in done:
            out.append((key, places))
    return out


def _po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def compile_all() -> None:
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        lang = po.parent.parent.name
        with po.open("rb") as handle:
            catalog: Catalog = read_po(handle, locale=lang)
        with po.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        print(f"compiled {po.relative_to(ROOT)}")


def prune(lang: str = "fr") -> int:
    """Remove from every catalogue the messages no code or template uses any more; returns how
    many. The header of each catalogue is kept as written."""
    used = {key if isinstance(key, str) else key[0] for key in used_messages()}
    removed = 0
    for po in catalogues(lang):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        dead = [m.id for m in catalog
                if m.id and (m.id if isinstance(m.id, str) else m.id[0]) not in used]
        if not dead:
            continue
        for message_id in dead:
            del catalog[message_id]
        text = po.read_text(encoding="utf-8")
        header = text[:text.index("\n\n") + 2]
        with po.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=False)
        written = po.read_text(encoding="utf-8")
        po.write_text(header + written[written.index("\n\n") + 2:], encoding="utf-8")
        removed += len(dead)
        print(f"{po.relative_to(ROOT)}: {len(dead)} unused removed")
    return removed


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "missing"
    if command == "compile":
        compile_all()
        return 0
    if command == "prune":
        prune(argv[1] if len(argv) > 1 else "fr")
        return 0
    if command == "missing":
        gaps = missing(argv[1] if len(argv) > 1 else "fr")
        for key, places in gaps:
            print(f"#: {places[0]}")
            if isinstance(key, tuple):
                print(f"msgid {_po_quote(key[0])}\nmsgid_plural {_po_quote(key[1])}")
                print('msgstr[0] ""\nmsgstr[1] ""\n')
            else:
                print(f"msgid {_po_quote(key)}\nmsgstr \"\"\n")
        print(f"# {len(gaps)} missing", file=sys.stderr)
        return 1 if gaps else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
