"""The report on a fixed fixture network, compared with reviewed golden files.

The metric definitions of the annex are the indicator registry's docstrings, owned and
reworded by the indicators area: the golden files hold a placeholder for each, and
``test_report.py`` checks that every definition is printed in full.

Regenerate after an intended change with:

    python -m pytest tests/test_report_golden.py --update-golden

then review the diff of tests/golden/report/ before committing it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import render_fixture

GOLDEN = Path(__file__).parent / "golden" / "report"


def without_definitions(text: str) -> str:
    """The report with each metric definition replaced by ``…`` (Markdown rows, HTML dd)."""
    text = re.sub(r"^\| ([a-z0-9_]+) \| .* \|$", r"| \1 | … |", text, flags=re.MULTILINE)
    return re.sub(r"<dd>.*?</dd>", "<dd>…</dd>", text, flags=re.DOTALL)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("output_format", ["md", "html"])
def test_report_matches_golden_file(lang: str, output_format: str, update_golden: bool) -> None:
    text = without_definitions(render_fixture(lang, output_format))
    path = GOLDEN / f"semester-2020-S2.{lang}.{output_format}"
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
