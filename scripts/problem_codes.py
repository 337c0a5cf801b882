"""Regenerate the problem-code table in docs/problem-codes.md from psea_cli/problem_codes.py.

    python scripts/problem_codes.py          # rewrite the table between the markers
    python scripts/problem_codes.py --check  # exit 1 if the table is out of date (used by a test)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from psea_cli.i18n import _, set_language  # noqa: E402
from psea_cli.problem_codes import CODES  # noqa: E402

BEGIN = "<!-- problem-codes:begin -->"
END = "<!-- problem-codes:end -->"


def table() -> str:
    lines = ["| code | meaning (English) | signification (français) |", "|---|---|---|"]
    for code, meaning in CODES.items():
        set_language("fr")
        french = _(meaning)
        set_language("en")
        lines.append(f"| `{code}` | {meaning} | {french} |")
    return "\n".join(lines)


def render(document: str) -> str:
    head, _sep, rest = document.partition(BEGIN)
    _old, _sep2, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{table()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    path = ROOT / "docs" / "problem-codes.md"
    current = path.read_text(encoding="utf-8")
    wanted = render(current)
    if "--check" in argv:
        return 0 if wanted == current else 1
    path.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
