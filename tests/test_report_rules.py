"""General rules of the report, checked on many inputs: escaping, charts, disclosure control."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from helpers import FIXTURE
from hypothesis import given, settings
from hypothesis import strategies as st

from psea_cli import periods
from psea_cli.dataset import Located
from psea_cli.i18n import set_language
from psea_cli.models import Case
from psea_cli.report import charts
from psea_cli.report.context import ReportInputs, build_context
from psea_cli.report.environment import md_cell
from psea_cli.validation import load_dataset

HOSTILE = "<script>alert('x')</script> & \"quotes\" | pipe"


@given(st.text())
def test_a_markdown_cell_never_breaks_its_row_or_carries_raw_html(text: str) -> None:
    cell = md_cell(text)
    assert "\n" not in cell
    assert "\r" not in cell
    assert re.search(r"<[A-Za-z/!?]", cell) is None  # no tag can start
    assert cell.replace("\\|", "").count("|") == 0


def test_every_chart_is_an_accessible_image_with_escaped_text() -> None:
    images = [
        charts.bar_chart("c1", [(HOSTILE, 7), ("Q2", "<5")], HOSTILE, HOSTILE, 5),
        charts.status_chart("c2", [(HOSTILE, {"on_track": 2, "behind": 1})],
                            {"on_track": HOSTILE, "behind": "b", "no_target": "n",
                             "no_data": "d"}, HOSTILE, HOSTILE),
        charts.coverage_heatmap("c3", [HOSTILE], [HOSTILE, "legal"], [[0, 3]], HOSTILE,
                                HOSTILE),
    ]
    for svg in images:
        assert svg.startswith("<svg ")
        assert 'role="img"' in svg
        assert "<title id=" in svg
        assert "<desc id=" in svg
        assert "<script" not in svg
        assert "&lt;script&gt;" in svg


def test_a_withheld_count_is_drawn_as_a_dashed_bar_labelled_with_its_mark() -> None:
    svg = charts.bar_chart("c", [("Q3", 12), ("Q4", "x")], "t", "d", 5)
    assert svg.count('class="bar withheld"') == 1
    assert ">x</text>" in svg
    assert ">12</text>" in svg


@pytest.mark.parametrize(("lang", "written"), [("en", "1,150"), ("fr", "1\u202f150")])
def test_a_charts_counts_are_written_as_the_tables_write_them(lang: str, written: str) -> None:
    """A 10,000-case network's bar read « 1150 » over the table's « 1,150 » (« 1 150 »)."""
    set_language(lang)
    try:
        images = [charts.bar_chart("c", [("Q3", 1150), ("Q4", "<5")], "t", "d", 5),
                  charts.status_chart("s", [("R1", {"on_track": 1150})],
                                      {"on_track": "o", "behind": "b", "no_target": "n",
                                       "no_data": "d"}, "t", "d"),
                  charts.coverage_heatmap("h", ["R"], ["legal"], [[1150]], "t", "d")]
    finally:
        set_language("en")
    for svg in images:
        assert f">{written}</text>" in svg
        assert "1150" not in svg
    assert "&lt;5</text>" in images[0]


def test_a_quarter_under_the_threshold_is_never_drawn_as_a_tall_bar() -> None:
    """Every quarter ``<5`` (a network with no case yet) drew dashed bars the whole height of
    the chart: read as a large count. They stand at a quarter of it."""
    svg = str(charts.bar_chart("c", [("Q1", "<5"), ("Q2", "<5")], "t", "d", 5))
    heights = [float(h) for h in re.findall(r'height="([\d.]+)" class="bar withheld"', svg)]
    assert len(heights) == 2
    assert max(heights) <= (220 - 20 - 40) / 4  # the chart's height less its margins


_CASE = st.fixed_dictionaries({
    "day": st.dates(dt.date(2020, 7, 1), dt.date(2020, 12, 31)),
    "region": st.sampled_from(["ML04", "ML05", "ML06", "ML09"]),
    "channel": st.sampled_from(["hotline", "cbcm", "focal_point", "other"]),
    "allegation": st.sampled_from(["sexual_exploitation", "sexual_abuse", "other"]),
    "sex": st.sampled_from(["female", "male", "unknown"]),
    "age": st.sampled_from(["child", "adult", "unknown"]),
})
_DATASET = load_dataset(FIXTURE)[0]


@settings(max_examples=25, deadline=None)
@given(st.lists(_CASE, max_size=40))
def test_case_tables_never_show_a_small_count(cases: list[dict[str, object]]) -> None:
    """Whatever the cases, every count of the case tables is "<5" (0 to 4) or a multiple of the
    threshold, and the national total is within 4 per quarter of the truth."""
    dataset = _DATASET
    records = [Located(Case.model_validate({
        "id": f"{i:08d}".replace("0", "A"), "received": c["day"], "channel": c["channel"],
        "region": c["region"], "allegation": c["allegation"],
        "survivor": {"sex": c["sex"], "age_group": c["age"]}}), f"data/cases/{i}.yaml")
        for i, c in enumerate(cases)]
    original = dataset.cases
    dataset.cases = records
    try:
        context = build_context(dataset, [], dataset.plans[0], ReportInputs(
            periods.parse("2020-S2"), dt.date(2021, 1, 15), None, None))
    finally:
        dataset.cases = original
    threshold = context["threshold"]
    sea = [c for c in cases if c["allegation"] in ("sexual_exploitation", "sexual_abuse")]
    # other misconduct is counted apart; the total is rounded to protect small numbers
    assert abs(context["cases"]["total"] - len(sea)) <= 2 * (threshold - 1)
    for table in context["cases"]["tables"]:
        for row in table["rows"]:
            for cell in row[1:]:
                assert cell == f"<{threshold}" or cell % threshold == 0, table["title"]



_LINKY = st.text(alphabet="[]()!<>:/.x hwtps@5\\", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_LINKY, _LINKY)
def test_a_network_text_never_becomes_a_link_or_an_image_in_markdown(before: str,
                                                                    after: str) -> None:
    """A name or a note of the data, through a real CommonMark parser: never a link, an image
    or raw HTML, however it is written (``[x](https://…)``, ``![x](…)``, ``<https://…>``)."""
    from markdown_it import MarkdownIt

    from psea_cli.report.environment import md_text

    for text in (f"{before}[clic](https://evil.example){after}",
                 f"{before}![x](https://evil.example/t.png){after}",
                 f"{before}<https://evil.example>{after}", before + after):
        html = MarkdownIt("commonmark").render(md_text(text))
        assert "<a " not in html
        assert "<img" not in html
        # the parser's own structure (a paragraph, a list from "5.") is fine; no other tag
        assert re.search(r"<(?!/?(?:p|pre|code|em|strong|br|ol|ul|li|h[1-6]|blockquote|hr)\b)"
                         r"[A-Za-z/!?]", html) is None, html
        cell = MarkdownIt("commonmark").render(f"| a |\n|---|\n| {md_cell(text)} |\n")
        assert "<a " not in cell
        assert "<img" not in cell


@settings(max_examples=200, deadline=None)
@given(_LINKY, _LINKY)
def test_a_file_name_in_a_code_span_never_becomes_a_link(before: str, after: str) -> None:
    """A data file's name is shown as code in the quality section: a backquote in it closed
    the span and let a link or an image follow."""
    from markdown_it import MarkdownIt

    from psea_cli.report.environment import md_code

    name = f"data/services/q{before}`[click](javascript:alert(1))![i](https:x.png)`{after}.yaml"
    html = MarkdownIt("commonmark").render(f"- `{md_code(name)}` error\n")
    assert "<a " not in html
    assert "<img" not in html


def test_a_greater_than_sign_reads_as_written_and_never_starts_a_quote() -> None:
    """« >99 % » was written « &gt;99 % » in the Markdown report; a « > » that starts a line
    of a network's text would start a quote."""
    from markdown_it import MarkdownIt

    from psea_cli.report.environment import md_text

    written = md_text("> not a quote\nok >99% of cases")
    assert ">99% of cases" in written
    html = MarkdownIt("commonmark").render(written)
    assert "<blockquote>" not in html
    assert "&gt; not a quote" in html


@pytest.mark.parametrize(("lang", "said"), [
    ("en", ["The small lines of the “Change” column (1st semester 2020 – 2nd semester 2020):",
            "the indicator's value in each period, the last one the larger dot",
            "its target (dashed orange line)"]),
    ("fr", ["Les petites courbes de la colonne «\u00a0Évolution\u00a0» (1er semestre 2020 – "
            "2e semestre 2020)\u00a0:",
            "la valeur de l'indicateur à chaque période, la dernière en plus gros point",
            "\u202f;", "sa cible (ligne orange en tirets)"])])
def test_the_small_lines_of_the_change_column_are_explained_once_above_the_tables(
        lang: str, said: list[str]) -> None:
    """The small line under each change, and its dashed orange line, were said only in the
    SVG's description, which a printed page never shows: a legend says once, above the
    indicator tables, which periods they cover and what each line is, drawn as in them."""
    from helpers import render_fixture

    page = render_fixture(lang, "html")
    assert 'class="spark"' in page
    legends = re.findall(r'<p class="spark-legend">(.*?)</p>', page, re.S)
    assert len(legends) == 1
    assert page.index('<p class="spark-legend">') < page.index('<table class="cards indicators')
    text = html.unescape(re.sub(r"<svg.*?</svg>", "", legends[0]))
    for words in said:
        assert words in text, text
    samples = re.findall(r"<svg.*?</svg>", legends[0])
    assert 'stroke="#2166ac"' in samples[0]  # the value's line, as sparkline() draws it
    assert 'stroke="#e66100"' in samples[1]
    assert 'stroke-dasharray="3 2"' in samples[1]  # the target's
    first = render_fixture(lang, "html", "2020-S1")  # the plan's first period: no line yet
    assert 'class="spark"' not in first
    assert 'class="spark-legend"' not in first
