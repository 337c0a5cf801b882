"""The report's print layout, from its style sheet's rules, without a PDF renderer: what an A4
page gives each column, measured against the words the shipped plan puts there."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from helpers import REPO, shipped_report

STYLE = (REPO / "templates" / "style.css").read_text(encoding="utf-8")
FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
         Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
         Path("/Library/Fonts/DejaVuSans.ttf")]
"""The report's first font (DejaVu Sans), where Debian, Arch and macOS put it."""
MM_PER_PT = 25.4 / 72


def _print_rules() -> str:
    start = STYLE.index("@media print {")
    return STYLE[start:]


def _column_mm(name: str) -> float:
    """The text width of a column of the activities table on A4: its share of the page between
    the side margins, less the cell's padding."""
    share = float(re.search(rf"col\.{name} {{ width: (\d+)%; }}", STYLE).group(1)) / 100
    sides = re.search(r"@page \{ size: A4; margin: [\d.]+mm ([\d.]+)mm", STYLE)
    page = 210 - 2 * float(sides.group(1))
    root = float(re.search(r"html, body \{[^}]*font-size: ([\d.]+)pt", _print_rules()).group(1))
    padding = float(re.search(r"th, td \{[^}]*padding: [\d.]+rem ([\d.]+)rem", STYLE).group(1))
    return page * share - 2 * padding * root * MM_PER_PT


def test_no_word_of_the_responsible_column_is_cut_on_a4() -> None:
    """"Mécanismes communautaires de plaintes" printed "communautaire / s", and "(UNICEF/MINUSMA/
    UNFPA" "MINUS / MA", in the 14 % column: each word, cut after any slash, fits whole."""
    pil = pytest.importorskip("PIL.ImageFont")
    font_file = next((f for f in FONTS if f.is_file()), None)
    if font_file is None:
        pytest.skip("DejaVu Sans is not installed")
    size = float(re.search(r"  table \{ font-size: ([\d.]+)pt; \}", _print_rules()).group(1))
    font = pil.truetype(str(font_file), 100)
    width = _column_mm("c-responsible")
    cells = re.findall(r'<td data-label="Responsables">(.*?)</td>', shipped_report("fr"))
    assert len(cells) > 20
    words = {word for cell in cells
             for word in html.unescape(cell.replace("<wbr>", " ")).split()}
    too_wide = {w: round(font.getlength(w) / 100 * size * MM_PER_PT, 1) for w in words
                if font.getlength(w) / 100 * size * MM_PER_PT > width}
    assert not too_wide, f"wider than the column's {width:.1f} mm: {too_wide}"


def test_a_short_table_is_printed_whole_with_its_heading() -> None:
    """"Par trimestre" printed its heading, header and first quarter at a page's foot and the
    second quarter and the total overleaf: a table of up to 12 rows is marked ``keep``, which
    the print rules never break inside, and the line that introduces a table is not broken
    either, so the page breaks before the heading."""
    rules = _print_rules()
    assert re.search(r"\n  [^{}/]*\.keep \{ break-inside: avoid; \}", rules)
    assert re.search(r"h3 \+ p[^{]*\{[^}]*break-inside: avoid", rules)
    report = shipped_report("fr")
    tables = re.findall(r'<table class="cards([^"]*)">.*?<tbody>(.*?)</tbody>', report, re.S)
    short = [(classes, body.count("<tr")) for classes, body in tables
             if not {"indicators", "activities", "matrix"} & set(classes.split())]
    assert len(short) > 10
    for classes, rows in short:
        assert (" keep" in classes) == (rows <= 12), (classes, rows)


def test_the_plans_french_wording_is_quoted_the_french_way() -> None:
    """The annex quotes the plan's French wording in a ``<q lang="fr">``, which Chromium drew
    «# de fonctionnaires…» and others “…”: the style gives French quotation marks their
    no-break spaces, as the Markdown report writes them."""
    assert '<q lang="fr">' in shipped_report("en")
    rule = re.search(r'^q:lang\(fr\) \{ quotes: "«\\0000a0" "\\0000a0»"', STYLE, re.M)
    assert rule, "no French quotation marks for q:lang(fr)"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_quarters_count_of_thousands_is_never_cut_on_a4(lang: str) -> None:
    """A 10,000-case network printed 1.1-d's quarters « Q3 2021: 1,1 » / « 50 » in the 12 %
    value column: « Q3 2021: 1,150 » as one unbreakable run was cut inside its number by
    ``overflow-wrap``. The line now breaks after the colon, each part fits the column whole,
    and the number sits in a span that is never cut."""
    pil = pytest.importorskip("PIL.ImageFont")
    font_file = next((f for f in FONTS if f.is_file()), None)
    if font_file is None:
        pytest.skip("DejaVu Sans is not installed")
    from psea_cli.i18n import set_language
    from psea_cli.indicators.shown import quarter_parts

    set_language(lang)
    try:
        (name, number), = quarter_parts({"2021-Q3": 12150})
    finally:
        set_language("en")
    root = float(re.search(r"html, body \{[^}]*font-size: ([\d.]+)pt", _print_rules()).group(1))
    size = root * float(re.search(r"td\.num \.fraction \{[^}]*font-size: ([\d.]+)rem",
                                  STYLE).group(1))
    font = pil.truetype(str(font_file), 100)
    width = _column_mm("c-value")
    for part in (name, number):
        assert font.getlength(part) / 100 * size * MM_PER_PT <= width, (part, width)
    rule = re.search(r"^\.whole \{([^}]*)\}", STYLE, re.M)
    assert rule, "no rule keeps a quarter's number whole"
    assert "white-space: nowrap" in rule.group(1)
    assert "overflow-wrap: normal" in rule.group(1)
    cell = next(part for part in shipped_report(lang).split("<tr>")
                if '<span class="id">1.1-d</span>' in part)
    assert re.search(r'<span class="muted fraction">[^<]*:\s<span class="whole">\d+</span>',
                     cell), cell
