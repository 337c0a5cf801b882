"""Regenerate the problem-code tables from the catalogue (psea_cli/catalogue/): the list in
docs/problem-codes.md and the fix tables of CONTRIBUTING.en.md and CONTRIBUTING.fr.md, and of
the copies ``psea init`` ships (each between its markers, so either file can hold them).

    python scripts/problem_codes.py          # rewrite the tables between the markers
    python scripts/problem_codes.py --check  # exit 1 if one is out of date (used by a test)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from psea_cli.catalogue import CATALOGUE, SECTIONS  # noqa: E402
from psea_cli.i18n import N_, _, set_language  # noqa: E402
from psea_cli.problem_codes import CODES, NOT_YET_CATALOGUED  # noqa: E402

BEGIN = "<!-- problem-codes:begin -->"
END = "<!-- problem-codes:end -->"
HEADERS = {"en": ("Code", "What it means", "How to fix it"),
           "fr": ("Code", "Ce que cela veut dire", "Comment corriger")}
OTHER = N_("Other")


def table() -> str:
    """docs/problem-codes.md: every code, with an anchor, and its meaning in both languages."""
    lines = ["| code | meaning (English) | signification (français) |", "|---|---|---|"]
    for code, meaning in CODES.items():
        set_language("fr")
        french = _(meaning)
        set_language("en")
        lines.append(f'| <a id="{code}"></a>`{code}` | {meaning} | {french} |')
    return "\n".join(lines)


def fix_tables(lang: str) -> str:
    """A CONTRIBUTING file's tables: one per section, code, meaning and fix in ``lang``."""
    set_language(lang)
    head = "| {} | {} | {} |".format(*HEADERS[lang])
    blocks = []
    for section in SECTIONS:
        rows = [f"| `{e.code}` | {_(e.meaning)} | {_(e.fix)} |"
                for e in CATALOGUE.values() if e.section == section]
        blocks.append("\n".join([f"### {_(section.title)}", "", head, "|---|---|---|", *rows]))
    if NOT_YET_CATALOGUED:
        rows = [f"| `{code}` | {_(meaning)} | — |" for code, meaning in NOT_YET_CATALOGUED.items()]
        blocks.append("\n".join([f"### {_(OTHER)}", "", head, "|---|---|---|", *rows]))
    set_language("en")
    return "\n\n".join(blocks)


def replace_between(document: str, begin: str, end: str, body: str) -> str:
    head, found, rest = document.partition(begin)
    if not found:
        return document
    _old, _sep, tail = rest.partition(end)
    return f"{head}{begin}\n{body}\n{end}{tail}"


def targets() -> dict[Path, list[tuple[str, str, str]]]:
    return {
        ROOT / "docs" / "problem-codes.md": [(BEGIN, END, table())],
        **{folder / f"CONTRIBUTING.{lang}.md": [(f"<!-- problem-codes:{lang}:start -->",
                                                  f"<!-- problem-codes:{lang}:end -->",
                                                  fix_tables(lang))]
           for lang in ("en", "fr") for folder in (ROOT, ROOT / "psea_cli" / "scaffold" / "files")},
    }


def main(argv: list[str]) -> int:
    stale = []
    for path, blocks in targets().items():
        current = path.read_text(encoding="utf-8")
        wanted = current
        for begin, end, body in blocks:
            wanted = replace_between(wanted, begin, end, body)
        if wanted != current:
            stale.append(path)
            if "--check" not in argv:
                path.write_text(wanted, encoding="utf-8")
    if "--check" in argv:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python scripts/problem_codes.py")
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
