"""``psea report --format pdf``: the A4 PDF, checked from its own layout with pdfplumber.

Runs when the optional ``pdf`` extra (WeasyPrint) is installed, and is skipped otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import CHANGES, FIXTURE, REVISION, TODAY
from typer.testing import CliRunner

from psea_cli import periods
from psea_cli.cli import app
from psea_cli.i18n import set_language
from psea_cli.report.context import ReportInputs
from psea_cli.report.render import render_pdf
from psea_cli.validation import load_dataset

pytestmark = pytest.mark.slow  # WeasyPrint lays out whole reports: seconds each

pytest.importorskip("weasyprint", reason="the optional pdf extra (WeasyPrint) is not installed")
pdfplumber = pytest.importorskip("pdfplumber")

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
MARGINS = {"top": 14 * MM, "right": 13 * MM, "bottom": 18 * MM, "left": 13 * MM}
"""The report's ``@page`` margins (templates/style.css)."""
EDGE = 8 * MM
"""What a printer cannot print: nothing, not even the page number, may come this close."""
SHIPPED = Path(__file__).resolve().parent.parent


def _pdf(root: Path, lang: str, tmp_path: Path, period: str = "2020-S2",
         today: dt.date = TODAY) -> Path:
    set_language(lang)
    dataset, problems = load_dataset(root)
    inputs = ReportInputs(periods.parse(period), today, REVISION,
                          CHANGES if root == FIXTURE else None)
    path = tmp_path / f"report-{lang}.pdf"
    path.write_bytes(render_pdf(dataset, problems, inputs))
    return path


@pytest.mark.parametrize(("root", "lang"), [(FIXTURE, "fr"), (SHIPPED, "en")],
                         ids=["fixture-fr", "shipped-en"])
def test_no_text_lies_outside_the_printable_area_and_every_page_is_numbered(
        root: Path, lang: str, tmp_path: Path) -> None:
    with pdfplumber.open(_pdf(root, lang, tmp_path)) as pdf:
        assert len(pdf.pages) >= 3
        for number, page in enumerate(pdf.pages, start=1):
            assert (round(page.width), round(page.height)) == (round(A4[0]), round(A4[1]))
            body_bottom = page.height - MARGINS["bottom"]
            footer = []
            for char in page.chars:
                if char["bottom"] > body_bottom + 1:  # the running footer, in the margin
                    footer.append(char)
                if char["text"].isspace():
                    continue
                where = f"page {number}: {char['text']!r} at ({char['x0']:.0f}, {char['top']:.0f})"
                assert char["x0"] >= MARGINS["left"] - 1, where
                assert char["x1"] <= page.width - MARGINS["right"] + 1, where
                assert char["top"] >= MARGINS["top"] - 1, where
                assert char["bottom"] <= page.height - EDGE, where
            footer_text = "".join(c["text"] for c in sorted(footer, key=lambda c: c["x0"]))
            assert re.search(rf"(?<!\d){number} / {len(pdf.pages)}$", footer_text), (
                number, footer_text)


def _overlapping_words(page: Any) -> list[tuple[str, str]]:
    """Pairs of words on the page whose boxes cross: text running over other text."""
    level = page.filter(lambda o: o.get("object_type") != "char" or abs(o["matrix"][1]) < 1e-6)
    words = level.extract_words(x_tolerance=1.5)  # the map's slanted column names left out
    found = []
    for index, first in enumerate(words):
        for second in words[index + 1:]:
            across = min(first["x1"], second["x1"]) - max(first["x0"], second["x0"])
            down = min(first["bottom"], second["bottom"]) - max(first["top"], second["top"])
            if across > 1 and down > 2:
                found.append((first["text"], second["text"]))
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_long_values_wrap_in_their_column_instead_of_running_over_the_next(
        lang: str, tmp_path: Path) -> None:
    # The shipped 2021-S2 has the long cells: "T3 2021 : 25 · T4 2021 : 30 (55)" as a value,
    # "100 % (cible d'exemple)" as a target, "Behind (against an example target)" as a status,
    # "Voir Sous-Cluster VBG" as a budget; each used to be drawn over its neighbour.
    with pdfplumber.open(_pdf(SHIPPED, lang, tmp_path, "2021-S2", dt.date(2022, 1, 15))) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages[:6])
        quarter = {"fr": "T4 2021 :", "en": "Q4 2021:"}[lang]
        assert quarter in text.replace("\xa0", " ")  # a quarter's name is never broken
        overlaps = {number: found for number, page in enumerate(pdf.pages, start=1)
                    if (found := _overlapping_words(page))}
    assert overlaps == {}


def test_the_printed_table_of_contents_gives_page_numbers(tmp_path: Path) -> None:
    with pdfplumber.open(_pdf(FIXTURE, "en", tmp_path)) as pdf:
        first = pdf.pages[0].extract_text()
        pages = len(pdf.pages)
        texts = [page.extract_text() for page in pdf.pages]
    line = next(line for line in first.splitlines() if "Annex: definitions and rules" in line)
    annex_page = int(re.findall(r"(\d+)\s*$", line)[-1])
    assert 1 < annex_page <= pages
    assert "Annex: definitions and rules" in texts[annex_page - 1]


def test_cli_writes_a_pdf_named_after_the_period(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--root", str(FIXTURE), "report", "semester", "2020-S2",
                                      "--format", "pdf", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "rapport-psea-2020-S2.pdf"
    assert result.stdout.strip() == written.name
    assert written.read_bytes().startswith(b"%PDF-")
    with pdfplumber.open(written) as pdf:
        assert "Rapport d'avancement PSEA" in pdf.pages[0].extract_text()


def test_the_pdf_reads_nothing_from_outside(tmp_path: Path) -> None:
    """A network template naming a style sheet or an image gets nothing read into the PDF."""
    from psea_cli.report.pdf import html_to_pdf

    sheet = tmp_path / "hide.css"
    sheet.write_text("p.shown { display: none }", encoding="utf-8")
    html = (f'<html><head><link rel="stylesheet" href="file://{sheet}"></head>'
            f'<body><p class="shown">still here</p><img src="file:///etc/hostname" alt="">'
            f'<img src="http://example.invalid/x.png" alt=""></body></html>')
    written = tmp_path / "out.pdf"
    written.write_bytes(html_to_pdf(html))
    with pdfplumber.open(written) as pdf:
        assert "still here" in pdf.pages[0].extract_text()
