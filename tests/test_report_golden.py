"""The report on a fixed fixture network, compared with reviewed golden files.

The metric definitions of the annex are the indicator registry's docstrings, owned and
reworded by the indicators area: the golden files hold a placeholder for each, and
``test_report.py`` checks that every definition is printed in full.

Regenerate after an intended change with:

    python -m pytest tests/test_report_golden.py --update-golden

then review the diff of tests/golden/report/ before committing it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import pytest

from psea_cli import periods
from psea_cli.directory.history import Change
from psea_cli.gitrepo import Revision
from psea_cli.i18n import set_language
from psea_cli.pipeline import load_dataset
from psea_cli.report.context import ReportInputs
from psea_cli.report.render import render

FIXTURE = Path(__file__).parent / "data" / "report"
GOLDEN = Path(__file__).parent / "golden" / "report"

TODAY = dt.date(2021, 1, 15)
REVISION = Revision("3f1c0de5b2a94e7d8c6f0a1b2c3d4e5f60718293", "3f1c0de5", dirty=False,
                    committed_on="2021-01-12")
CHANGES = [
    Change("focal_point", "amal/fp-1", "data/focal_points/amal.yaml", "added", (), "a" * 40,
           dt.date(2020, 9, 10)),
    Change("service", "tombouctou-legal", "data/services/tombouctou.yaml", "removed", (),
           "b" * 40, dt.date(2020, 11, 3)),
    Change("service", "mopti-medical", "data/services/mopti.yaml", "modified", ("phone",),
           "c" * 40, dt.date(2020, 10, 1)),
]


@functools.cache
def render_fixture(lang: str, output_format: str, period: str = "2020-S2") -> str:
    """The fixture's report as the golden files hold it: fixed day, revision and history
    (rendered once per test session: several tests read the same report)."""
    set_language(lang)
    dataset, problems = load_dataset(FIXTURE)
    inputs = ReportInputs(periods.parse(period), TODAY, REVISION, CHANGES)
    return render(dataset, problems, inputs, output_format)


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
