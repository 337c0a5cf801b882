"""Readers' words in the HTML report: what an HCT member reads has no Markdown, no YAML, no
metric id, no French label in the English report, and no number broken across lines."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import SHIPPED, render_fixture, shipped_report

from psea_cli.indicators.registry import METRICS
from psea_cli.indicators.titles import METRIC_TITLES
from psea_cli.validation import load_dataset


class VisibleText(HTMLParser):
    """The text a reader sees, by section: no style sheet, no attribute; ``small_print``
    (the annex's metric identifiers) is kept apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, str]] = []
        self.text: list[tuple[str, str]] = []
        self.small_print: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("br", "col", "meta", "wbr", "rect", "line", "path", "circle", "polyline"):
            return
        section = found.get("id") if tag == "section" else None
        parent = self.stack[-1][1] if self.stack else ""
        self.stack.append((tag, section or parent, found.get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not data.strip() or any(t == "style" for t, _, _ in self.stack):
            return
        if any("metric-id" in c.split() for _, _, c in self.stack):
            if self.small_print and self.small_print[-1].endswith("_"):  # split by <wbr>
                self.small_print[-1] += data
            else:
                self.small_print.append(data)
            return
        self.text.append((self.stack[-1][1] if self.stack else "", data))


def visible(html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(html)
    return parser


REPORTS = [("fixture", "fr"), ("fixture", "en"), ("shipped", "fr"), ("shipped", "en")]


def _report(which: str, lang: str) -> str:
    return render_fixture(lang, "html") if which == "fixture" else shipped_report(lang)


YAML_KEY = re.compile(r"\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\s*:\s")


@pytest.mark.parametrize(("which", "lang"), REPORTS)
def test_no_markdown_or_yaml_syntax_reaches_the_visible_text(which: str, lang: str) -> None:
    seen = visible(_report(which, lang))
    assert seen.text
    for section, data in seen.text:
        assert "*" not in data, (section, data)
        assert "**" not in data, (section, data)
        assert "`" not in data, (section, data)
        if section != "quality":  # file paths of validation problems are named as they are
            assert "_" not in data, (section, data)
        assert not YAML_KEY.search(data), (section, data)


@pytest.mark.parametrize(("which", "lang"), REPORTS)
def test_metric_ids_appear_only_in_the_annex_small_print(which: str, lang: str) -> None:
    seen = visible(_report(which, lang))
    words = set(re.findall(r"[a-z0-9_]+", " ".join(d for _, d in seen.text)))
    assert not words & set(METRICS)
    assert set(" ".join(seen.small_print).split()) >= set(METRICS)


def test_every_metric_has_a_human_title_in_both_languages() -> None:
    from psea_cli.i18n import load_translations

    french = load_translations("fr")
    assert set(METRICS) <= set(METRIC_TITLES), "give the new metric a title in titles.py"
    for name, title in METRIC_TITLES.items():
        assert "_" not in title
        assert name not in title
        assert french.gettext(title) != title, f"no French title for {name}"



def test_every_field_name_in_a_definition_is_said_in_words_of_both_languages() -> None:
    # A field name the glossary does not know is shown as its English words ("survivor count",
    # "ehp member") in the French annex too.
    from psea_cli.i18n import load_translations
    from psea_cli.report.words import GLOSSARY

    french = load_translations("fr")
    for name, metric in METRICS.items():
        for definition in (metric.definition, french.gettext(metric.definition)):
            for code in re.findall(r"``([^`]+)``", definition):
                assert code in GLOSSARY, f"{name}: give ``{code}`` words in report/words.py"
    for code, words in GLOSSARY.items():
        assert french.gettext(words) != words, f"no French for ``{code}``"


def _source_cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(
        r'<td class="source"[^>]*>(.*?)</td>', html, flags=re.DOTALL)]


def test_the_english_reports_source_column_has_no_french_label_left() -> None:

    cells = _source_cells(shipped_report("en"))
    assert len(cells) > 40
    dataset, _problems = load_dataset(SHIPPED)
    french = {record.source for bundle in dataset.plans
              for located in bundle.progress.values()
              for record in located.value.indicators.values()}
    assert french
    for cell in cells:
        assert cell not in french, cell
        assert not re.search(r"calculé|Rapport|Compte rendu|Enquête|Suivi|réseau", cell), cell
    assert any(c.startswith("computed by psea: ") for c in cells)


def test_the_french_reports_source_column_is_in_french() -> None:
    cells = _source_cells(shipped_report("fr"))
    assert any(c.startswith("calculé par psea\u00a0: ") for c in cells)
    assert "Network semester report (example)" not in cells


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_amounts_and_values_never_break_inside_a_number(lang: str) -> None:
    html = shipped_report(lang)
    figures = re.findall(r'<span class="value">([^<]*)</span>', html)
    amounts = [f for f in figures if "USD" in f]
    assert amounts
    for amount in amounts:
        assert " " not in amount  # only non-breaking spaces between digits and currency
    css = html[html.index("<style>"):html.index("</style>")]
    rule = re.search(r"\.figures \.value \{([^}]*)\}", css)
    assert rule is not None
    # a value in words wraps at its spaces (a nowrap "withheld (under 5 cases in it or outside it)" ran out
    # of its card and made a phone's page scroll sideways); a word is never cut
    assert "white-space: normal" in rule.group(1)
    assert "overflow-wrap" not in rule.group(1)
    assert "overflow-wrap: anywhere" not in css


@pytest.mark.parametrize(("which", "lang"), REPORTS)
def test_periods_are_named_in_words_not_as_file_keys(which: str, lang: str) -> None:
    # "2021-Q3" is how data files and the command line name a quarter; a reader of the
    # French report reads "T3 2021" (trimestre), of the English one "Q3 2021"
    seen = visible(_report(which, lang))
    text = " ".join(d for _, d in seen.text).replace("\xa0", " ")
    assert not re.search(r"\b\d{4}-[QSHT][1-4]\b", text)
    quarter = {"fr": r"\bT[1-4] \d{4} : ", "en": r"\bQ[1-4] \d{4}: "}[lang]
    assert re.search(quarter, text) or which == "fixture"  # its plan counts no quarter


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_figure_before_its_words_is_a_number_and_a_withheld_one_comes_after_them(
        lang: str) -> None:
    # "**masqué (…)** des plaintes transmises…" is no sentence: a figure that is not a number
    # is said after what it is ("Délai médian … : **masqué (…)**")
    report = render_fixture(lang, "md")
    before = re.findall(r"^- \*\*([^*]+)\*\* ", report, re.MULTILINE)
    assert before
    assert all(re.match(r"[\d<—]", value) for value in before), before
    after = re.findall(r"^- ([^*\n]+?) ?: \*\*([^*]+)\*\*$", report, re.MULTILINE)
    withheld = {"fr": "masqué pour protéger les personnes survivantes (une de ses parts "
                      "compte moins de 5 cas)",
                "en": "withheld to protect survivors (a part of it counts fewer than 5 "
                      "cases)"}[lang]
    assert withheld in [value for _name, value in after]
    assert all(name[0].isupper() for name, _value in after)
    percent = {"fr": "%** des plaintes ont reçu", "en": "%** of complaints acknowledged"}[lang]
    assert percent in report


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_metric_identifier_wraps_after_its_underscores(lang: str) -> None:
    """Printed on A4, a metric's identifier in the annex wrapped anywhere
    (``investigation_outcome`` / ``s``): it now offers a break after each underscore, and
    reads whole when copied (a <wbr> is no character)."""
    html = shipped_report(lang)
    assert "<code>investigation_<wbr>outcomes</code>" in html
    assert "<code>median_<wbr>days_<wbr>to_<wbr>investigation_<wbr>opened</code>" in html
    assert "word-break: break-all" not in html


@pytest.mark.parametrize(("lang", "head", "reason"), [
    ("fr", "masqué pour protéger les personnes survivantes",
     "une de ses parts compte moins de 5 cas"),
    ("en", "withheld to protect survivors", "a part of it counts fewer than 5 cases")])
def test_a_card_withheld_says_it_in_its_headline_and_why_below(lang: str, head: str,
                                                               reason: str) -> None:
    """A withheld share's whole sentence was a card's headline, five lines on a phone (an HCT
    member's reading): the headline says it is withheld, the line below why."""
    report = render_fixture(lang, "html")
    assert (f'<span class="value words">{head}</span><span class="reason">{reason}</span>'
            in report)
    assert f'<span class="value words">{head} ({reason})</span>' not in report


def test_an_empty_directory_is_not_said_verified(tmp_path: Path) -> None:
    """A new network's report said « Every entry was verified recently » of a directory that
    held no entry at all (found by a hostile review)."""
    from typer.testing import CliRunner

    from psea_cli.cli import app

    runner = CliRunner()
    made = runner.invoke(app, ["--lang", "en", "init", str(tmp_path / "net")])
    assert made.exit_code == 0, made.output
    report = runner.invoke(app, ["--root", str(tmp_path / "net"), "--lang", "en", "report",
                                 "semester", "--format", "md", "-o", "-"])
    assert report.exit_code == 0, report.output
    section = report.stdout.split("### Entries not verified for more than 180 days", 1)[1]
    section = section.split("###", 1)[0]
    assert "No member organisation is in the directory yet." in section
    assert "Every entry was verified recently." not in section
