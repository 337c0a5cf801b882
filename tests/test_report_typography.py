"""French typography of the report: a no-break space before ``:`` and inside « », a narrow
no-break space before ``;``, ``!`` and ``?``, in every text of a French report (templates,
translated messages, metric definitions, the network's own words), never in code, web
addresses, times or the Markdown syntax, and never in an English report or on the terminal."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import CHANGES, FIXTURE, REVISION, TODAY, render_fixture
from typer.testing import CliRunner

from psea_cli import periods
from psea_cli.cli import app
from psea_cli.i18n import set_language
from psea_cli.report.context import ReportInputs
from psea_cli.report.render import render
from psea_cli.report.typography import french_html, french_markdown, typeset
from psea_cli.validation import load_dataset

NBSP, NNBSP = "\u00a0", "\u202f"
PLAIN_SPACE = re.compile(r"[^\S\u00a0\u202f\n][:;!?»]|«[^\S\u00a0\u202f\n]")
"""A sign after a space a line may break at (or « before one): what French typography
forbids. A line break before a sign is Markdown's own business (a soft break)."""

URL = "https://example.org/cr-reunion?id=3&lang=fr"
NARRATIVE = f"""narrative:
  summary: "Réunion du réseau le 12 novembre à 14:30 : compte rendu sur {URL} ; « validé » !"
  summary_en: "Network meeting on 12 November at 14:30: minutes at {URL}; approved!"
  highlights:
    - "Commande `psea validate ; echo` lancée chaque semaine ? Oui"
    - "«Ligne verte» ouverte : 2 régions"
  highlights_en:
    - "Hotline open : 2 regions ; « quoted »"
"""


class _Text(HTMLParser):
    """The text a reader sees in an HTML document, outside code and the style sheet."""

    _SKIPPED = frozenset({"code", "pre", "kbd", "samp", "style", "script"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipped = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skipped += tag in self._SKIPPED

    def handle_endtag(self, tag: str) -> None:
        self.skipped -= tag in self._SKIPPED

    def handle_data(self, data: str) -> None:
        if not self.skipped:
            self.parts.append(data)


def _visible(document: str, output_format: str) -> str:
    if output_format == "md":
        return re.sub(r"(`+).*?\1", " ", document)  # code spans are code
    reader = _Text()
    reader.feed(document)
    return "|".join(reader.parts)


@pytest.fixture
def network(tmp_path: Path) -> Path:
    """The report fixture with a narrative in both languages: a time, a web address, a code
    span, quotes with and without spaces."""
    root = tmp_path / "network"
    shutil.copytree(FIXTURE, root)
    progress = root / "data" / "plan" / "psea-2020" / "progress" / "2020-S2.yaml"
    progress.write_text(progress.read_text(encoding="utf-8") + NARRATIVE, encoding="utf-8")
    return root


def _report(root: Path, lang: str, output_format: str) -> str:
    set_language(lang)
    dataset, problems = load_dataset(root)
    assert not [p for p in problems if p.severity.value == "error"], problems
    inputs = ReportInputs(periods.parse("2020-S2"), TODAY, REVISION, CHANGES)
    return render(dataset, problems, inputs, output_format)


@pytest.mark.parametrize("output_format", ["md", "html", "pdf"])
def test_every_french_report_format_has_no_breakable_space_before_a_high_sign(
    network: Path, output_format: str
) -> None:
    text = _report(network, "fr", output_format)  # "pdf": the HTML WeasyPrint lays out
    visible = _visible(text, "md" if output_format == "md" else "html")
    assert PLAIN_SPACE.findall(visible) == []
    assert f"Résultat 1{NBSP}: Rapportage sûr et accessible" in visible  # a template's words
    assert f"calculé par psea{NNBSP}" not in visible  # a colon takes the wider space
    assert f"calculé par psea{NBSP}: " in visible  # a translated message with a value
    assert f"{NBSP}»" in visible
    assert f"«{NBSP}" in visible
    assert f"«{NBSP}Ligne verte{NBSP}» ouverte{NBSP}: 2 régions" in visible  # « » closed up
    assert f"à 14:30{NBSP}: compte rendu" in visible  # the network's own words


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_a_narrative_keeps_its_web_address_its_time_and_its_code_as_written(
    network: Path, output_format: str
) -> None:
    text = _report(network, "fr", output_format)
    shown_url = (URL.replace("https:", "https\\:") if output_format == "md"
                 else URL.replace("&", "&amp;"))
    assert f"le 12 novembre à 14:30{NBSP}: compte rendu sur {shown_url}{NNBSP}; " in text
    assert f"«{NBSP}validé{NBSP}»{NNBSP}!" in text
    if output_format == "md":
        assert "`psea validate ; echo` lancée chaque semaine\u202f? Oui" in text
        assert "| --- |" in text
        assert "| ---: |" in text
    else:
        assert "psea validate\u202f; echo" in text  # plain text in HTML, not code


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_an_english_report_keeps_the_spaces_it_was_written_with(
    network: Path, output_format: str
) -> None:
    text = _report(network, "en", output_format)
    assert "Hotline open : 2 regions ; « quoted »" in text
    assert NNBSP not in text  # psea's English has no narrow space at all
    assert typeset(text, f"report.{output_format}.j2", "en") is text


def test_the_golden_french_report_differs_from_before_only_by_its_spaces() -> None:
    """The typography changes spaces into no-break spaces and adds them inside « »: nothing
    else of the document (every other character, in order) moves."""
    for output_format in ("md", "html"):
        text = render_fixture("fr", output_format)
        plain = text.replace(NBSP, " ").replace(NNBSP, " ")
        assert typeset(plain, f"report.{output_format}.j2", "fr").replace(NBSP, " ") \
            .replace(NNBSP, " ") == plain


def test_the_terminal_keeps_plain_spaces(network: Path) -> None:
    """Messages on the terminal are not typeset (terminals show a no-break space badly); a
    Markdown report printed whole is the report, the same bytes as its file."""
    runner = CliRunner()
    result = runner.invoke(app, ["--root", str(network), "--no-cache", "indicators", "2020-S2",
                                 "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert " : " in result.output or " ; " in result.output
    assert NBSP + ":" not in result.output
    printed = runner.invoke(app, ["--root", str(network), "--no-cache", "report", "semester",
                                  "2020-S2", "--lang", "fr"])
    assert printed.exit_code == 0, printed.output
    assert f"Résultat 1{NBSP}: Rapportage" in printed.stdout


@pytest.mark.parametrize(("written", "typeset_as"), [
    ("Note : fin ; oui ! non ?", f"Note{NBSP}: fin{NNBSP}; oui{NNBSP}! non{NNBSP}?"),
    ("« cité » et «collé»", f"«{NBSP}cité{NBSP}» et «{NBSP}collé{NBSP}»"),
    ("à 14:30, https://example.org/a?b=1;c, a@b.org:", "à 14:30, https://example.org/a?b=1;c, "
     "a@b.org:"),
    ("Deux  espaces  :", f"Deux  espaces{NBSP}:"),
    (f"Déjà{NNBSP}; là{NBSP}:", f"Déjà{NNBSP}; là{NBSP}:"),
    ("| :--- | ---: |", "| :--- | ---: |"),
    ("| Cellule | ? |", "| Cellule | ? |"),
    ("- ? une liste", "- ? une liste"),
    ("## ! un titre", "## ! un titre"),
    ("> » une citation", "> » une citation"),
    ("Code `a : b` puis ``x ; `y` ; z`` fin ;", f"Code `a : b` puis ``x ; `y` ; z`` fin{NNBSP};"),
    ("Voir <https://example.org/x> : ok", f"Voir <https://example.org/x>{NBSP}: ok"),
    ("Image ![légende](https://example.org/i.png) !", "Image ![légende](https://example.org/"
     f"i.png){NNBSP}!"),
    ("**Note** : texte", f"**Note**{NBSP}: texte"),
    ("```\ncode ; x\n```\napres ; y", f"```\ncode ; x\n```\napres{NNBSP}; y"),
    ("Texte\n\n    code : indenté", "Texte\n\n    code : indenté"),
    ("fin de ligne\n: début", "fin de ligne\n: début"),
])
def test_markdown_typography(written: str, typeset_as: str) -> None:
    assert french_markdown(written) == typeset_as
    assert french_markdown(typeset_as) == typeset_as  # twice is once


@pytest.mark.parametrize(("written", "typeset_as"), [
    ('<p title="a : b" data-x="c ; d">Texte : <em>mot</em> ?</p>',
     f'<p title="a : b" data-x="c ; d">Texte{NBSP}: <em>mot</em>{NNBSP}?</p>'),
    ("<p><code>a : b</code> <kbd>x ; y</kbd> <pre>p ; q</pre> fin !</p>",
     f"<p><code>a : b</code> <kbd>x ; y</kbd> <pre>p ; q</pre> fin{NNBSP}!</p>"),
    ("<style>a { color: red !important; } b::before { content: ' : '; }</style>x :",
     f"<style>a {{ color: red !important; }} b::before {{ content: ' : '; }}</style>x{NBSP}:"),
    ("<!-- c : d --><a href=\"https://e.org/?a=1\">lien</a> : <q>«mot»</q>",
     f"<!-- c : d --><a href=\"https://e.org/?a=1\">lien</a>{NBSP}: <q>«{NBSP}mot{NBSP}»</q>"),
    ("<title>Rapport : Mali</title><svg><title>Ségou : 3</title><text>a ; b</text></svg>",
     f"<title>Rapport{NBSP}: Mali</title><svg><title>Ségou{NBSP}: 3</title>"
     f"<text>a{NNBSP}; b</text></svg>"),
    ("<td>\n  :</td> à 14:30 &amp; ;", f"<td>{NBSP}:</td> à 14:30 &amp;{NNBSP};"),
])
def test_html_typography(written: str, typeset_as: str) -> None:
    assert french_html(written) == typeset_as
    assert french_html(typeset_as) == typeset_as


def test_only_french_html_and_markdown_documents_are_typeset() -> None:
    text = "Note : fin"
    assert typeset(text, "report.md.j2", "en") == text
    assert typeset(text, "report.txt.j2", "fr") == text
    assert typeset(text, "pathway.html.j2", "fr") == f"Note{NBSP}: fin"


def test_a_long_run_of_spaces_is_typeset_in_one_pass() -> None:
    import time

    start = time.perf_counter()
    assert french_html(" " * 200_000 + "x :") == " " * 200_000 + f"x{NBSP}:"
    assert french_html("<p>" + " \t" * 100_000 + "?</p>") == f"<p>{NNBSP}?</p>"
    assert time.perf_counter() - start < 1  # 2 minutes when tried from each space


def test_a_french_html_report_of_highlights_padded_with_spaces_is_made(tmp_path: Path) -> None:
    # valid data: a thousand highlights of 2,000 characters, mostly spaces; typesetting them
    # ran out of the report's 10 seconds ("refused: took more than 10 seconds")
    root = tmp_path / "network"
    shutil.copytree(FIXTURE, root)
    progress = root / "data" / "plan" / "psea-2020" / "progress" / "2020-S2.yaml"
    padded = "".join(f'    - "x{" " * 1990}y :"\n' for _ in range(1000))
    progress.write_text(progress.read_text(encoding="utf-8")
                        + f'narrative:\n  summary: "S"\n  highlights:\n{padded}', encoding="utf-8")
    text = _report(root, "fr", "html")
    assert text.count(f"y{NBSP}:") == 1000


def test_a_line_that_starts_with_many_blanks_is_typeset_in_one_pass() -> None:
    import time

    start = time.perf_counter()
    assert french_markdown(" \t" * 50_000 + "x :") == " \t" * 50_000 + f"x{NBSP}:"
    assert french_markdown("|" + " " * 50_000 + "- :") == "|" + " " * 50_000 + f"-{NBSP}:"
    assert time.perf_counter() - start < 1  # half a minute when its blanks were shared


@pytest.mark.parametrize("row", ["| --- | :---: | ---: |", "|---|---|", "--- | ---", " :-- |",
                                 "|:-:|:-|-:|"])
def test_a_delimiter_row_is_left_as_written(row: str) -> None:
    assert french_markdown(f"| a | b : |\n{row}") == f"| a | b{NBSP}: |\n{row}"


def test_a_french_markdown_report_of_notes_with_lines_of_blanks_is_made(tmp_path: Path) -> None:
    # valid data: a thousand highlights whose second line starts with 2,000 blanks; the
    # test of a table's delimiter row tried them in every way and ran out of 10 seconds
    root = tmp_path / "network"
    shutil.copytree(FIXTURE, root)
    progress = root / "data" / "plan" / "psea-2020" / "progress" / "2020-S2.yaml"
    item = "x\\n" + " \\t" * 995 + "y :"
    padded = "".join(f'    - "{item}"\n' for _ in range(1000))
    progress.write_text(progress.read_text(encoding="utf-8")
                        + f'narrative:\n  summary: "S"\n  highlights:\n{padded}', encoding="utf-8")
    text = _report(root, "fr", "md")
    assert text.count(f"y{NBSP}:") == 1000


@pytest.mark.parametrize(("lang", "name", "number"), [("fr", f"T3{NBSP}2021{NBSP}:", f"1{NNBSP}150"),
                                                  ("en", f"Q3{NBSP}2021:", "1,150")])
def test_a_quarter_breaks_after_its_colon_never_inside_its_name_or_its_number(
        lang: str, name: str, number: str) -> None:
    """« T3 2021 : 1 150 » in a narrow column: the line may break after « T3 2021 : » and
    put the number on the next line whole, never « 1 1 » / « 50 » (A4, 10,000 cases)."""
    from psea_cli.indicators.shown import quarter_parts, quarters_text

    set_language(lang)
    try:
        text = quarters_text({"2021-Q3": 1150, "2021-Q4": 30})
        parts = quarter_parts({"2021-Q3": 1150})
    finally:
        set_language("en")
    quarters = text.split(" · ")
    assert len(quarters) == 2
    assert quarters[0] == f"{name} {number}"  # one place to break: after the colon
    assert parts == [(name, number)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_indicator_counted_by_quarter_shows_its_total_then_each_quarter_on_a_line(
        lang: str) -> None:
    """1.1-d counts the complaints of each quarter: its cell gives the semester's total as the
    value and each quarter under it, as a fraction is, so the narrow column never holds
    « T4 2020 : 30 (55) » on one line that runs into the target's column on A4."""
    from helpers import shipped_report

    html = shipped_report(lang)
    row = next(part for part in html.split("<tr>") if '<span class="id">1.1-d</span>' in part)
    value = row.split('<td class="num"', 1)[1].split("</td>", 1)[0]
    quarters = re.findall(r'<span class="muted fraction">([^<]*) <span class="whole">'
                          r'([^<]*)</span></span>', value)
    assert [q[0].split("\u00a0")[0] for q in quarters] == [{"fr": "T3", "en": "Q3"}[lang],
                                                          {"fr": "T4", "en": "Q4"}[lang]]
    assert all(re.fullmatch(r"[\d\u202f,]+", q[1]) for q in quarters), quarters
    total = re.search(r'<span class="nb">([^<]*)</span>', value)
    assert total is not None
    assert value.index(total.group(0)) < value.index(quarters[0][0])
    assert "(" not in value  # the total is no longer appended in brackets
