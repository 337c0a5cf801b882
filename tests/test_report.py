"""``psea report``: what a coordinator relies on, beyond the golden files.

Survivor safety (no case id, note or admin-2 in any report), escaping of everything a focal
point types, a self-contained HTML file, periods, output files, templates a network overrides,
and the warnings for broken or uncommitted data.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURE, render_fixture
from typer.testing import CliRunner

from psea_cli.cli import app

FORMATS = [(lang, fmt) for lang in ("fr", "en") for fmt in ("md", "html")]


@pytest.fixture
def network(tmp_path: Path) -> Path:
    """A copy of the report fixture that a test may change."""
    target = tmp_path / "network"
    shutil.copytree(FIXTURE, target)
    return target


def _cases() -> list[dict[str, object]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((FIXTURE / "data" / "cases").glob("*.yaml"))]


def test_the_fixture_has_the_secrets_the_safety_tests_look_for() -> None:
    cases = _cases()
    assert len(cases) >= 20
    assert sum(1 for c in cases if c.get("note")) >= 5
    assert sum(1 for c in cases if c.get("admin2")) >= 5


@pytest.mark.parametrize(("lang", "output_format"), FORMATS)
def test_no_case_id_note_or_admin2_appears_in_any_report(lang: str, output_format: str) -> None:
    text = render_fixture(lang, output_format)
    for case in _cases():
        assert str(case["id"]) not in text
        if case.get("note"):
            assert str(case["note"]) not in text
            assert "confidentielle" not in text
        if case.get("admin2"):
            assert str(case["admin2"]) not in text


@pytest.mark.parametrize(("lang", "output_format"), FORMATS)
def test_no_small_count_is_shown_in_the_case_tables(lang: str, output_format: str) -> None:
    """Between the cases heading and the directory, every count cell is a multiple of 5 or
    "<5" (0 to 4): no exact small count, nothing that differencing could turn into one."""
    text = render_fixture(lang, output_format)
    if output_format == "md":
        heading = {"fr": "## Plaintes et allégations d'EAS",
                   "en": "## Complaints and allegations of SEA"}[lang]
        start = text.index(heading)
        end = text.index("\n## ", start)
        cells = [c.strip() for line in text[start:end].splitlines() if line.startswith("|")
                 for c in line.strip("|").split("|")]
    else:
        section = text[text.index('id="cases"'):text.index('id="directory"')]
        cells = re.findall(r"<td[^>]*>([^<]*)</td>", section)
    assert cells
    counts = [c for c in cells if c.replace("\u202f", "").isdigit() or c == "&lt;5" or c == "<5"]
    assert "<5" in counts or "&lt;5" in counts
    assert not [c for c in counts if c[0].isdigit() and int(c.replace("\u202f", "")) % 5]


def test_a_focal_point_named_like_a_script_is_escaped_in_html() -> None:
    html = render_fixture("en", "html")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markup_in_plan_titles_and_sources_cannot_break_the_reports(network: Path) -> None:
    plan = network / "data" / "plan" / "psea-2020" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "title_en: Safe and accessible reporting",
        'title_en: "Safe <b onmouseover=x()>reporting</b> | pipe"'), encoding="utf-8")
    runner = CliRunner()
    html = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                               "--lang", "en", "--format", "html", "-o", "-"]).stdout
    markdown = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                   "--lang", "en"]).stdout
    assert "<b onmouseover" not in html
    assert "&lt;b onmouseover=x()&gt;reporting&lt;/b&gt; | pipe" in html
    assert "<b onmouseover" not in markdown
    assert "| 1.1-b" in markdown  # the table still has its rows
    assert "Rapports des relais \\| radios communautaires" in markdown


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_html_is_one_self_contained_file(lang: str) -> None:
    html = render_fixture(lang, "html")
    assert html.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}">' in html
    for forbidden in ("<script", "src=", "<link", "@import", 'href="http'):
        assert forbidden not in html
    assert not re.search(r"url\((?!#)", html)  # only the map's own hatch pattern
    assert html.count("<svg") >= 5  # status, cases per quarter, coverage, two maps
    keys = html.count('<svg class="spark-key"')  # drawn beside the words that say them
    assert keys == html.count('<svg class="spark-key" viewBox="0 0 28 12" width="28" '
                              'height="12" aria-hidden="true"')
    assert html.count('role="img"') + keys == html.count("<svg")
    assert "@page { size: A4" in html
    assert "thead { display: table-header-group; }" in html


def test_evidence_links_are_never_clickable() -> None:
    """A progress file's evidence URL is data, not a resource the report loads or links."""
    for lang, output_format in FORMATS:
        assert "https://example.org" not in render_fixture(lang, output_format)


def test_french_report_writes_numbers_dates_and_periods_the_french_way() -> None:
    text = render_fixture("fr", "md")
    assert "2e semestre 2020" in text
    assert "1er juillet 2020" in text
    assert "60\u202f000\u00a0USD" in text  # narrow no-break space between thousands (CLDR)
    assert "Rapport d'avancement PSEA" in text
    assert "Résultat 1\u00a0: Rapportage sûr et accessible" in text  # no-break space before :


def test_cli_report_defaults_to_the_last_complete_semester_of_the_plan(
    runner: CliRunner, network: Path
) -> None:
    result = runner.invoke(app, ["--root", str(network), "report", "semester", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "**2nd semester 2021**" in result.stdout


@pytest.mark.parametrize(("command", "period", "label"), [
    ("quarter", "2020-Q4", "4th quarter 2020"), ("year", "2020", "**2020**")])
def test_cli_quarter_and_year_reports(runner: CliRunner, network: Path, command: str,
                                      period: str, label: str) -> None:
    result = runner.invoke(app, ["--root", str(network), "report", command, period,
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert label in result.stdout


def test_a_quarter_may_be_typed_the_french_way(runner: CliRunner, network: Path) -> None:
    """T for *trimestre*: ``2020-T3`` on the command line is the quarter ``2020-Q3``."""
    reports = [runner.invoke(app, ["--root", str(network), "--no-cache", "report", "quarter",
                                   period, "--lang", "fr"]) for period in ("2020-T3", "2020-Q3")]
    assert [r.exit_code for r in reports] == [0, 0], reports[0].output
    assert reports[0].stdout == reports[1].stdout
    indicators = runner.invoke(app, ["--root", str(network), "--no-cache", "indicators",
                                     "2020-t3", "--format", "json"])
    assert indicators.exit_code == 0, indicators.output
    assert '"2020-Q3"' in indicators.stdout


def test_a_period_outside_every_plan_is_refused_with_the_plans_spans(
    runner: CliRunner, network: Path
) -> None:
    result = runner.invoke(app, ["--root", str(network), "report", "semester", "2019-S1",
                                 "--lang", "en"])
    assert result.exit_code == 2
    assert "psea-2020" in result.stderr
    assert "2020-01-01" in result.stderr
    assert "2021-12-31" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("period", ["2020-Q3", "2020", "S2", "2020-S3"])
def test_a_period_of_the_wrong_kind_is_a_usage_error(runner: CliRunner, network: Path,
                                                     period: str) -> None:
    result = runner.invoke(app, ["--root", str(network), "report", "semester", period,
                                 "--lang", "en"])
    assert result.exit_code == 2
    assert "not a semester" in result.stderr


def test_html_goes_to_a_file_named_after_the_period_in_the_report_language(
    runner: CliRunner, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    french = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                 "--format", "html", "--lang", "fr"])
    english = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                  "--format", "html", "--lang", "en"])
    assert french.exit_code == 0
    assert english.exit_code == 0
    assert french.stdout.strip() == "rapport-psea-2020-S2.html"
    assert english.stdout.strip() == "psea-report-2020-S2.html"
    assert (tmp_path / "rapport-psea-2020-S2.html").read_text(encoding="utf-8").startswith(
        "<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "psea-report-2020-S2.html", "rapport-psea-2020-S2.html"]


def test_output_file_is_replaced_whole_and_a_bad_folder_writes_nothing(
    runner: CliRunner, network: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "report.md"
    missing = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                  "-o", str(target)])
    assert missing.exit_code == 2
    assert "Traceback" not in missing.output
    assert not target.parent.exists()
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    written = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                  "--lang", "en", "-o", str(target)])
    assert written.exit_code == 0
    assert written.stdout.strip() == str(target)
    assert target.read_text(encoding="utf-8").startswith("# PSEA progress report")
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]


def test_data_with_errors_still_gives_a_report_that_says_so(runner: CliRunner,
                                                           network: Path) -> None:
    org = network / "data" / "focal_points" / "amal.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "sigle: AMAL\n", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert result.exit_code == 1
    assert "psea validate" in result.stderr
    assert "> **Warning: the data has 1 error; the figures below may be wrong." in result.stdout
    assert "data/focal_points/amal.yaml:" in result.stdout


def test_problems_in_case_files_are_neither_listed_nor_counted(runner: CliRunner,
                                                                network: Path) -> None:
    """A problem code in a case record says that some record holds such an event (an identity
    shared without consent): the report says nothing of them, not even a rounded count; the
    person making it is told on the terminal, and the exit code says the data has errors."""
    args = ["--root", str(network), "report", "semester", "2020-S2", "--lang", "en"]
    clean = runner.invoke(app, args)
    case = sorted((network / "data" / "cases").glob("*.yaml"))[0]
    case.write_text(case.read_text(encoding="utf-8") + "name: someone\n", encoding="utf-8")
    result = runner.invoke(app, args)
    assert (clean.exit_code, result.exit_code) == (0, 1)
    quality = result.stdout.partition("## Data quality")[2]
    assert quality
    assert quality == clean.stdout.partition("## Data quality")[2]
    assert case.stem not in result.stdout
    assert "schema.unknown-key" not in result.stdout
    assert ("Validation of the network, plan, directory and service files: 0 errors, "
            "0 warnings.") in result.stdout
    assert "says nothing of case records" in result.stderr


def test_a_network_template_overrides_the_built_in_one(runner: CliRunner,
                                                       network: Path) -> None:
    (network / "templates").mkdir()
    (network / "templates" / "report.md.j2").write_text(
        "{{ network.name }} / {{ period.label }} / {{ _('Key figures') }}\n", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                 "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Réseau PSEA de démonstration / 2e semestre 2020 / Chiffres clés\n"
    html = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                               "--format", "html", "-o", "-"])
    assert html.stdout.startswith("<!DOCTYPE html>")  # other templates stay built in


@pytest.mark.parametrize(("template", "expected"), [
    ("{% if %}\n", "report.md.j2, line 1"),
    ("line one\n{{ no_such_name }}\n", "report.md.j2, line 2"),
])
def test_a_broken_template_is_named_with_its_line(runner: CliRunner, network: Path,
                                                  template: str, expected: str) -> None:
    (network / "templates").mkdir()
    (network / "templates" / "report.md.j2").write_text(template, encoding="utf-8")
    result = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert result.exit_code == 1  # the template is the repository's data
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_the_built_in_templates_are_found() -> None:
    from psea_cli.report.environment import BUILTIN_TEMPLATES

    for name in ("report.md.j2", "report.html.j2", "style.css", "partials/text.j2"):
        assert (BUILTIN_TEMPLATES / name).is_file()


def test_a_written_report_gets_ordinary_file_permissions(tmp_path: Path) -> None:
    import os

    from psea_cli.safe_output import write_atomically

    target = tmp_path / "report.md"
    previous = os.umask(0o022)
    try:
        write_atomically(target, "text")
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o777 == 0o644
    assert target.read_text(encoding="utf-8") == "text"


def test_the_language_defaults_to_the_network_first_one(runner: CliRunner,
                                                        network: Path) -> None:
    result = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Rapport d'avancement PSEA")


def test_a_period_not_over_yet_is_marked_provisional() -> None:
    import datetime as dt

    from psea_cli import periods
    from psea_cli.i18n import set_language
    from psea_cli.report.context import ReportInputs
    from psea_cli.report.render import render
    from psea_cli.validation import load_dataset

    set_language("en")
    dataset, problems = load_dataset(FIXTURE)
    inputs = ReportInputs(periods.parse("2020-S2"), dt.date(2020, 11, 1), None, None)
    text = render(dataset, problems, inputs, "md")
    assert "This period is not over yet: the figures are provisional." in text
    assert "This period is not over yet" not in render_fixture("en", "md")


@pytest.mark.parametrize("option", [["--format", "docx"], ["--lang", "de"]])
def test_a_bad_option_is_a_usage_error_and_writes_nothing(
    runner: CliRunner, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    option: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                 *option])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert [p for p in tmp_path.iterdir() if p.is_file()] == []


@pytest.mark.parametrize(("lang", "output_format"), FORMATS)
def test_the_annex_defines_every_computed_metric_with_its_docstring_in_the_reports_language(
    lang: str, output_format: str
) -> None:
    import html

    from psea_cli.i18n import load_translations, set_language
    from psea_cli.indicators.registry import METRICS
    from psea_cli.report.typography import typeset
    from psea_cli.report.words import definition_parts

    text = render_fixture(lang, output_format)
    annex = text[text.index('id="annex"' if output_format == "html" else "## Annex"
                            if lang == "en" else "## Annexe"):]
    if output_format == "html":  # in readers' words: field names as words, no Markdown
        annex = html.unescape(re.sub(r"</?(em|code)>|<wbr>", "", annex))
    catalogue = load_translations(lang)
    for name, metric in METRICS.items():
        assert name in annex
        english = metric.definition
        assert " ".join(metric.doc.split()) == english
        shown = catalogue.gettext(english)
        assert (shown == english) == (lang == "en")
        set_language(lang)  # field names as words, in italics in Markdown: no code in either
        parts = definition_parts(shown.replace("``", "`"))
        shown = "".join(part["text"] if output_format == "html" or not part["em"]
                        else f"*{part['text']}*" for part in parts)
        assert "`" not in shown
        assert typeset(shown, f"report.{output_format}.j2", lang) in annex
        if lang != "en":
            assert english.replace("``", "`") not in annex


def test_demonstration_data_is_announced_on_the_cover_and_real_data_is_not(
    runner: CliRunner, network: Path
) -> None:
    def cover(lang: str) -> str:
        result = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                     "--lang", lang])
        assert result.exit_code == 0, result.output
        return result.stdout.split("## ", 1)[0]

    assert "Some cases of this period are synthetic" in cover("en")
    assert "cas de la période sont synthétiques" in cover("fr")
    for case_file in (network / "data" / "cases").glob("*.yaml"):
        text = case_file.read_text(encoding="utf-8")
        case_file.write_text(text.replace("synthetic: true\n", ""), encoding="utf-8")
    assert "Demonstration data" not in cover("en")


def test_compiled_templates_are_reused_never_stale_and_skipped_under_no_cache(
    runner: CliRunner, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jinja keeps compiled templates in a private folder of the temporary directory: a second
    report reuses them and is the same; an edited template is compiled again; a damaged cache
    file is ignored; --no-cache uses none."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()

    def report(*options: str) -> str:
        result = runner.invoke(app, ["--root", str(network), *options, "report", "semester",
                                     "2020-S2", "--lang", "en"])
        assert result.exit_code == 0, result.output
        return result.stdout

    first = report()
    cached = sorted((tmp_path / "tmp").rglob("psea-*.cache"))
    assert cached
    assert report() == first
    for path in cached:
        path.write_bytes(b"damaged")
    assert report() == first
    templates = network / "templates"
    templates.mkdir(exist_ok=True)
    built_in = Path(__file__).parent.parent / "templates" / "report.md.j2"
    (templates / "report.md.j2").write_text(
        "EDITED " + built_in.read_text(encoding="utf-8"), encoding="utf-8")
    assert report().startswith("EDITED")
    for path in (tmp_path / "tmp").rglob("psea-*.cache"):
        path.unlink()
    report("--no-cache")
    assert not list((tmp_path / "tmp").rglob("psea-*.cache"))


@pytest.mark.parametrize(("name", "start"), [("r.html", "<!DOCTYPE html>"),
                                             ("r.md", "# PSEA progress report"),
                                             ("r.txt", "# PSEA progress report")])
def test_the_output_file_name_chooses_the_format_when_none_is_given(
        runner: CliRunner, network: Path, tmp_path: Path, name: str, start: str) -> None:
    """``-o r.html`` without ``--format`` writes HTML, not Markdown in a file named .html, on
    the first run and when the kept report is given again."""
    for _run in range(2):
        target = tmp_path / name
        result = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                     "--lang", "en", "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert target.read_text(encoding="utf-8").startswith(start)
        target.unlink()


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_a_note_the_network_wrote_only_in_french_is_marked_so_in_an_english_report(
    runner: CliRunner, network: Path, output_format: str
) -> None:
    progress = next((network / "data" / "plan").glob("*/progress/2020-S2.yaml"))
    text = progress.read_text(encoding="utf-8")
    progress.write_text(text.replace("    note: Reportée à cause de l'accès\n",
                                     "    note: Reportée à cause de l'accès\n"
                                     "    note_en: Postponed for lack of access\n"),
                        encoding="utf-8")
    reports = {}
    for lang in ("en", "fr"):
        result = runner.invoke(app, ["--root", str(network), "--no-cache", "--lang", lang,
                                     "report", "semester", "2020-S2", "--format",
                                     output_format, "-o", "-"])
        assert result.exit_code == 0, result.output
        reports[lang] = result.stdout
    english = reports["en"]
    french_only = "Ligne verte opérationnelle dans deux régions"
    marker = "<em class=\"in-lang\">(in French)</em> <span lang=\"fr\">" if output_format == \
        "html" else "(in French) "
    assert f"{marker}{french_only}" in english
    assert "Postponed for lack of access" in english
    assert "Reportée" not in english
    assert english.count(marker) == 1
    assert "(en français)" not in reports["fr"]
    assert "(in French)" not in reports["fr"]
    assert french_only in reports["fr"]



@pytest.mark.parametrize(("lang", "said"), [("en", "Markdown, HTML or PDF"),
                                            ("fr", "Markdown, HTML ou PDF")])
def test_the_help_names_every_format_the_report_takes(lang: str, said: str) -> None:
    """``psea report --help`` said "Markdown or HTML" above sub-commands that offer PDF too."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "psea_cli", "--lang", lang, "report",
                             "--help"], capture_output=True, text=True, check=False,
                            cwd=Path(__file__).parent.parent, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert said in " ".join(result.stdout.split())


def _services_section(runner: CliRunner, network: Path, output: Path, lang: str) -> str:
    """The service map section of the network's 2020-S2 report written to ``output`` (its
    format from the name), apostrophes unescaped."""
    output_format = output.suffix[1:]
    result = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                 "--format", output_format, "--lang", lang, "-o", str(output)])
    assert result.exit_code == 0, result.output
    text = output.read_text(encoding="utf-8").replace("&#39;", "'")
    start = (text.index('<section id="services">') if output_format == "html" else
             text.index({"fr": "\n## Cartographie des services VBG",
                         "en": "\n## GBV service map"}[lang]))
    return text[start:text.index({"md": "\n## ", "html": "</section>"}[output_format],
                                 start + 1)]


@pytest.mark.parametrize(("lang", "output_format"), FORMATS)
def test_a_network_without_services_is_told_how_to_add_one_not_shown_a_matrix_of_gaps(
    runner: CliRunner, network: Path, tmp_path: Path, lang: str, output_format: str
) -> None:
    """A new network has no service yet: its service map says so in one sentence, naming the
    folder and the example to copy, instead of a region × type matrix of zeros."""
    shutil.rmtree(network / "data" / "services")
    (network / "data" / "services").mkdir()
    services = _services_section(runner, network, tmp_path / f"report.{output_format}", lang)
    said = {"fr": "Aucun service n'est encore enregistré", "en": "No service is recorded yet"}
    assert said[lang] in services
    assert "data/services/README.md" in services
    assert {"fr": "0 signale un manque", "en": "0 marks a gap"}[lang] not in services
    assert 'class="gap"' not in services  # no pink cell of a gap
    assert "| 0 |" not in services


@pytest.mark.parametrize(("lang", "output_format"), FORMATS)
def test_a_network_with_only_example_services_is_told_to_replace_them_not_shown_gaps(
    runner: CliRunner, network: Path, tmp_path: Path, lang: str, output_format: str
) -> None:
    """The shipped data's services are examples (fictitious numbers), never counted: the map
    shows their regions as having no data, so the service section says to replace them
    rather than show a matrix of zeros marked as gaps that contradicts the map."""
    for path in (network / "data" / "services").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^(  - id: .*)$", r"\1\n    example: true", text,
                               flags=re.MULTILINE), encoding="utf-8")
    services = _services_section(runner, network, tmp_path / f"report.{output_format}", lang)
    said = {"fr": "Seules des entrées d'exemple sont enregistrées",
            "en": "Only example entries are recorded"}
    assert said[lang] in " ".join(services.split())
    assert {"fr": "0 signale un manque", "en": "0 marks a gap"}[lang] not in services
    assert 'class="gap"' not in services


def test_a_narrative_cannot_make_a_heading_a_list_or_a_table_in_the_markdown_report(
        shipped_network: Path) -> None:
    """A summary holding ``# Complaints: 0`` on a line of its own made a section heading of
    the report, a ``- `` line a list: rendered by a real Markdown reader, the narrative stays
    the network's words in one paragraph."""
    from markdown_it import MarkdownIt

    path = shipped_network / "data" / "plan" / "mali-2019-2021" / "progress" / "2021-S2.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith("summary_en:"))
    forged = 'summary_en: "Calm semester.\\n# Complaints: 0\\n- none\\n| a | b |\\n|---|---|"'
    path.write_text(text.replace(line.strip(), forged), encoding="utf-8")
    markdown = CliRunner().invoke(app, ["--root", str(shipped_network), "report", "semester",
                                        "2021-S2", "--lang", "en", "-o", "-"]).stdout
    assert "Calm semester." in markdown
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<h1>Complaints: 0</h1>" not in html
    assert "<li>none</li>" not in html
    assert "<td>a</td>" not in html
    assert "Calm semester.<br />" in html  # its line breaks kept


@pytest.mark.parametrize("forged", [
    "Received | 0\n:-- | :--\nGao | 3",      # a table (delimiter row with colons)
    "Calm.\n\n        Nothing to say.",     # an indented code block
    "Calm.\n___\nMore.",                     # a rule
])
def test_no_narrative_makes_a_table_a_code_block_or_a_rule(forged: str) -> None:
    from markdown_it import MarkdownIt

    from psea_cli.markdown_text import md_text

    html = MarkdownIt("commonmark").enable("table").render(md_text(forged))
    for made in ("<table", "<pre", "<code", "<hr"):
        assert made not in html, (forged, made)


def _map_note(runner: CliRunner, network: Path, tmp_path: Path) -> str:
    output = tmp_path / "report.html"
    result = runner.invoke(app, ["--root", str(network), "--lang", "en", "report", "semester",
                                 "2020-S2", "--format", "html", "-o", str(output)])
    assert result.exit_code == 0, result.output
    text = output.read_text(encoding="utf-8").replace("&#39;", "'")
    section = text[text.index('<section id="map"'):]
    return section[:section.index("</section>")]


def test_regions_without_a_position_are_said_as_the_map_draws_them(
        runner: CliRunner, network: Path, tmp_path: Path) -> None:
    """With no region placed, the map is rows of squares: « drawn below the others » said
    of every region was not so."""
    note = _map_note(runner, network, tmp_path)
    assert "drawn in rows, in the order of data/network.yaml" in note
    assert "below the others" not in note
    path = network / "data" / "network.yaml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"- pcode: (\w+)\n", text)
    assert first is not None
    path.write_text(text.replace(first.group(0), first.group(0) + "    tile: [0, 0]\n", 1),
                    encoding="utf-8")
    placed = _map_note(runner, network, tmp_path)
    assert "have no position on the map and are drawn below the others" in placed


@pytest.mark.parametrize(("lang", "said", "not_said"), [
    ("fr", "(+20 depuis 2020)", "depuis le 2020"), ("en", "(+20 since 2020)", "\\+20")])
def test_a_year_reports_trend_names_the_year_as_the_language_does(
        runner: CliRunner, shipped_network: Path, lang: str, said: str, not_said: str) -> None:
    """« depuis le {period} » gave « depuis le 2020 » in a year's report, and the Markdown
    escaped the « + » of the change as if it began a list."""
    result = runner.invoke(app, ["--root", str(shipped_network), "--lang", lang, "report",
                                 "year", "2021", "--format", "md"])
    assert said in result.stdout
    assert not_said not in result.stdout


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_annex_says_each_definition_in_its_own_words(lang: str) -> None:
    """The English annex quoted « no data » the French way, and the code name ``unlisted``
    turned back into its label gave « a region network.yaml does not list counts as *a
    region network.yaml does not list* »: only the plan's own wording is quoted « », and no
    term in italics repeats the words beside it in its aside."""
    from helpers import SHIPPED

    result = CliRunner().invoke(app, ["--root", str(SHIPPED), "--lang", lang, "report",
                                      "semester", "2021-S2", "--output", "-"])
    assert result.exit_code in (0, 1), result.output
    rows = [line for line in result.stdout.splitlines()
            if re.match(r"\| .* \([a-z0-9_]+\) \| ", line)]
    assert len(rows) > 30
    quote = {"en": r"The plan's wording \([^)]*\): « [^»]* »",
             "fr": r"Le libellé du plan \([^)]*\)\u00a0: «\u00a0[^»]*\u00a0»"}[lang]
    for row in rows:
        definition = re.sub(quote, "", row.split(" | ", 1)[1])
        if lang == "en":
            assert not re.search("[«»]", definition), row
        for aside in re.findall(r"\([^()]*\)", definition):  # "(a region … counts as *…*)"
            for term in re.findall(r"\*([^*]+)\*", aside):
                if len(term.split()) >= 3:  # a phrase; "other than *other*" reads well
                    assert term not in aside.replace(f"*{term}*", ""), aside


@pytest.mark.parametrize(("lang", "between"), [("en", "»; The plan's wording (1.1-e1"),
                                               ("fr", "»\u202f; Le libellé du plan (1.1-e1)")])
def test_the_annex_separates_two_plan_wordings_as_its_language_does(lang: str,
                                                                    between: str) -> None:
    """cases_received measures 1.1-d and 1.1-e1: the English annex read « … » ; The plan's
    wording…, a French space in an English sentence."""
    from helpers import SHIPPED

    result = CliRunner().invoke(app, ["--root", str(SHIPPED), "--lang", lang, "report",
                                      "semester", "2021-S2", "--output", "-"])
    assert result.exit_code in (0, 1), result.output
    assert between in result.stdout.replace("\u00a0", " ")
    assert " ; The plan's" not in result.stdout
