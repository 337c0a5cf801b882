"""What an HCT member reading the report found contradictory. The map counts the services the
plan's indicator of regions covered names, so that the key figure beside it never contradicts
it (« 0/4 regions with medical, psychosocial, social and legal services » sat beside a map
showing Borno 4/4, which counted shelter in place of social support); a region's name stays
inside its square; a semester not over shows no change in its complaints."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.report import maps

FIXTURE = Path(__file__).parent / "data" / "report"
KEY_FIGURE = re.compile(r'<span class="value">(\d+)/(\d+)</span><span class="label">regions with')
TILE_VALUE = re.compile(r'font-weight="700" fill="#[0-9a-f]+">([^<]+)</text>')


@pytest.fixture
def network(tmp_path: Path) -> Path:
    target = tmp_path / "network"
    shutil.copytree(FIXTURE, target)
    return target


def _report(runner: CliRunner, network: Path) -> str:
    result = runner.invoke(app, ["--root", str(network), "--lang", "en", "report", "semester",
                                 "2020-S2", "--format", "html", "-o", "-"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _coverage(html: str) -> tuple[tuple[int, int], list[str]]:
    figure = KEY_FIGURE.search(html)
    assert figure is not None
    start = html.index('id="map-coverage-t"')
    tiles = TILE_VALUE.findall(html[start:html.index("</svg>", start)])
    return (int(figure.group(1)), int(figure.group(2))), tiles


def test_the_map_and_the_key_figure_count_the_same_services(runner: CliRunner,
                                                             network: Path) -> None:
    """Mopti has medical care, psychosocial support, legal aid and a shelter: the plan's
    « social » is missing, so Mopti is not covered, and the map says 3/4, not 4/4."""
    (covered, regions), tiles = _coverage(_report(runner, network))
    assert (covered, regions) == (0, 4)
    assert tiles.count("4/4") == covered
    assert "3/4" in tiles
    services = network / "data" / "services" / "mopti.yaml"
    services.write_text(services.read_text(encoding="utf-8") + (
        "  - id: mopti-case-management\n    provider: amal\n    type: case_management\n"
        "    name: Gestion de cas\n    region: ML05\n    status: active\n"
        "    verified_on: 2020-10-20\n"), encoding="utf-8")
    html = _report(runner, network)
    (covered, regions), tiles = _coverage(html)
    assert (covered, regions) == (1, 4)
    assert tiles.count("4/4") == covered
    assert "Social support (GBV case management or livelihood)" in html


def test_a_region_without_any_service_is_a_gap_not_missing_data(runner: CliRunner,
                                                                network: Path) -> None:
    """Ségou has no service while the network records others: 0/4, as the key figure counts
    it (not covered), never hatched « no data »."""
    _figure, tiles = _coverage(_report(runner, network))
    assert "—" not in tiles
    assert tiles.count("0/4") >= 1


def test_every_region_has_no_data_while_only_example_services_are_recorded(
        runner: CliRunner, network: Path) -> None:
    for path in (network / "data" / "services").glob("*.yaml"):
        path.write_text(re.sub(r"(  - id: \S+\n)", r"\1    example: true\n",
                               path.read_text(encoding="utf-8")), encoding="utf-8")
    html = _report(runner, network)
    assert KEY_FIGURE.search(html) is None  # « 0/4 regions with… » beside a map of no data
    assert re.search(r'<span class="value">—</span><span class="label">regions with', html)
    start = html.index('id="map-coverage-t"')
    assert set(TILE_VALUE.findall(html[start:html.index("</svg>", start)])) == {"—"}


@pytest.mark.parametrize("name", ["Federal Capital Territory", "Khyber Pakhtunkhwa",
                                  "Bahr el Ghazal du Nord", "Saint-Louis-de-Bretagne-Nord",
                                  "Nasarawa-Plateau-Benue-Kogi"])
def test_a_long_region_name_stays_inside_its_square(name: str) -> None:
    """« Federal Capital Territ » ran into the next square, at every width and in print."""
    svg = maps.tile_map("m", [maps.Tile(name, 0, 0, "4/4", 4)], "t", "d", [])
    lines = re.findall(r'<text x="[^"]+" y="[^"]+" text-anchor="middle" font-size="(\d+)" '
                       r'fill="[^"]+"( textLength="\d+")?[^>]*>([^<]+)</text>', str(svg))
    names = [(size, squeezed, text) for size, squeezed, text in lines if text != "4/4"]
    joined = ""
    for _size, _squeezed, text in names:  # split at a space, or after a hyphen
        joined += text if not joined or joined.endswith("-") else " " + text
    assert joined == name  # every word, in order
    assert len(names) == (1 if len(name) <= maps.FITS_AT_12 else 2)
    for size, squeezed, text in names:
        fits = maps.FITS_AT_12 if size == "12" else maps.FITS_AT_10
        assert len(text) <= fits or squeezed, (text, size)


@pytest.mark.parametrize(("counted", "trend"), [(("2020-Q3",), ""),
                                                (("2020-Q3", "2020-Q4"), "+10 since")])
def test_a_semester_not_over_shows_no_change_in_its_complaints(counted: tuple[str, ...],
                                                               trend: str) -> None:
    """Its third quarter's complaints beside the whole of the semester before read « −10 since
    1st semester »: no change is shown until every quarter of it is counted."""
    import datetime as dt

    from psea_cli import periods
    from psea_cli.indicators.values import IndicatorReport, MetricValue, Protection
    from psea_cli.report.context import _with_trends

    def shared(period: str, received: int, quarters: tuple[str, ...]) -> IndicatorReport:
        value = MetricValue("cases_received", float(received), None, None, {}, {},
                            published=True)
        return IndicatorReport(periods.parse(period), dt.date(2020, 11, 15),
                               {"cases_received": value}, [], 5,
                               Protection(5, dt.date(2020, 9, 30), quarters, 0))

    now = shared("2020-S2", 20, counted)
    before = shared("2020-S1", 10, ("2020-Q1", "2020-Q2"))
    figures = _with_trends([{"value": "20"}], now, before, 5)
    assert figures[0]["trend"].startswith(trend)
    assert bool(figures[0]["trend"]) is bool(trend)


@pytest.mark.parametrize(("languages", "lang", "said"), [
    ("[fr, en]", "en", "The plan's wording (1.1-a, in French):"),
    ("[fr, en]", "fr", "Le libellé du plan (1.1-a) :"),
    ("[en, fr]", "en", "The plan's wording (1.1-a):"),
    ("[en, fr]", "fr", "Le libellé du plan (1.1-a, en anglais) :")])
def test_the_annex_names_the_language_the_plan_is_written_in(
        runner: CliRunner, network: Path, languages: str, lang: str, said: str) -> None:
    """A Nigerian network's English plan was quoted « in French »."""
    path = network / "data" / "network.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("languages: [fr, en]",
                                                             f"languages: {languages}"),
                    encoding="utf-8")
    result = runner.invoke(app, ["--root", str(network), "--lang", lang, "report", "semester",
                                 "2020-S2", "--format", "md"])
    assert result.exit_code == 0, result.output
    text = result.stdout.replace("\u00a0", " ")
    assert said in text


def test_an_english_report_names_groups_and_other_funding_in_english(
        runner: CliRunner, shipped_network: Path) -> None:
    """The activity table of the shipped plan's English report read « Sous-Cluster VBG »,
    « Acteurs humanitaires », « Voir Sous-Cluster VBG »."""
    english = runner.invoke(app, ["--root", str(shipped_network), "--lang", "en", "report",
                                  "semester", "2021-S2", "--format", "md"])
    rows = [line for line in english.stdout.splitlines() if line.startswith("| 2.1.")]
    assert rows
    table = "\n".join(rows)
    assert "GBV Sub-Cluster" in table
    assert "Sous-Cluster VBG" not in table
    french = runner.invoke(app, ["--root", str(shipped_network), "--lang", "fr", "report",
                                 "semester", "2021-S2", "--format", "md"])
    assert "Sous-Cluster VBG" in french.stdout
    plan = runner.invoke(app, ["--root", str(shipped_network), "--lang", "en", "plan"],
                         env={"COLUMNS": "400"})
    assert "See the GBV Sub-Cluster" in plan.stdout  # `psea plan` read « Voir Sous-Cluster VBG »
    assert "Voir Sous-Cluster VBG" not in plan.stdout
