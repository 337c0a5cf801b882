"""A plan indicator measured by a median delay: unit ``days``, judged "at most the target".

Hand-computed on the valid fixture, period 2020-S2, as of 2 January 2021:

| case     | received   | referred to the entity | days |
|----------|------------|------------------------|------|
| DE1AY0A1 | 2020-07-01 | 2020-07-05             | 4    |
| DE1AY0A2 | 2020-08-01 | 2020-08-10             | 9    |

The median is 6.5 days: printed 7 days (a half rounded up, as a coordinator rounds), never 6.
Against a target of 10 days a delay of 6.5 is on track (at most 10); against 5 it is behind.
Two cases are too few for shared figures: the shared median stays withheld.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from psea_cli.cli import app

PLAN = Path("data/plan/test-plan/plan.yaml")
AS_OF = ["--as-of", "2021-01-02"]


def _case(ident: str, received: str, referred: str) -> dict[str, Any]:
    return {"id": ident, "received": received, "channel": "hotline", "region": "ML05",
            "incident_month": "2020-06", "allegation": "sexual_exploitation",
            "survivor": {"sex": "female", "age_group": "adult"},
            "perpetrator": {"affiliation": "ingo", "organisation": "alpha"},
            "consent": {"assistance": "no", "investigation": "yes", "reporting": "yes"},
            "events": [{"kind": "acknowledged", "date": received},
                       {"kind": "referred_to_entity", "date": referred,
                        "organisation": "alpha"}]}


def _indicator(ident: str, unit: str, metric: str, target: int | None) -> dict[str, Any]:
    found: dict[str, Any] = {"id": ident, "text": "Délai médian de transmission à l'entité",
                             "text_en": "Median delay to the referral to the entity",
                             "unit": unit, "measured_by": metric}
    if target is not None:
        found["target_source"] = {"kind": "network", "reference": "Réunion du réseau, 2020-03-12"}
        found["targets"] = {"2020": target}
    return found


def _with_indicators(root: Path, *indicators: dict[str, Any]) -> None:
    plan = yaml.safe_load((root / PLAN).read_text(encoding="utf-8"))
    plan["results"][0]["sub_results"][0]["activities"][0]["indicators"] += list(indicators)
    (root / PLAN).write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False),
                             encoding="utf-8")


@pytest.fixture
def network(valid_repo: Path) -> Path:
    cases = valid_repo / "data" / "cases"
    for ident, received, referred in (("DE1AY0A1", "2020-07-01", "2020-07-05"),
                                      ("DE1AY0A2", "2020-08-01", "2020-08-10")):
        (cases / f"{ident}.yaml").write_text(
            yaml.safe_dump(_case(ident, received, referred), sort_keys=False), encoding="utf-8")
    _with_indicators(valid_repo,
                     _indicator("1.1-c", "days", "median_days_to_entity_referral", 10),
                     _indicator("1.1-d", "days", "median_days_to_entity_referral", 5))
    return valid_repo


def _run(runner: CliRunner, root: Path, lang: str, *args: str) -> Any:
    return runner.invoke(app, ["--root", str(root), "--lang", lang, *args],
                         env={"COLUMNS": "150"})


def test_a_days_indicator_is_valid(runner: CliRunner, network: Path) -> None:
    result = _run(runner, network, "en", "validate")
    assert result.exit_code == 0, result.output


def test_json_judges_a_delay_at_most_its_target(runner: CliRunner, network: Path) -> None:
    result = _run(runner, network, "en", "indicators", "2020-S2", *AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    by_id = {i["id"]: i for i in json.loads(result.stdout)["indicators"]}
    assert by_id["1.1-c"]["unit"] == "days"
    assert (by_id["1.1-c"]["value"], by_id["1.1-c"]["target"]) == (6.5, 10)
    assert (by_id["1.1-c"]["status"], by_id["1.1-c"]["target_direction"]) == ("on_track",
                                                                             "at_most")
    assert by_id["1.1-d"]["status"] == "behind"  # 6.5 days is more than 5
    assert by_id["1.1-a"]["target_direction"] == "at_least"


@pytest.mark.parametrize(("lang", "value", "on_track_target", "behind_target", "words"), [
    ("en", "7 days", "at most 10 days", "at most 5 days", ("on track", "behind")),
    ("fr", "7 jours", "au plus 10 jours", "au plus 5 jours", ("en bonne voie", "en retard")),
])
def test_the_table_rounds_half_up_and_says_at_most(
        runner: CliRunner, network: Path, lang: str, value: str, on_track_target: str,
        behind_target: str, words: tuple[str, str]) -> None:
    result = _run(runner, network, lang, "indicators", "2020-S2", *AS_OF)
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines()
            if line.startswith("│ 1.1-")}
    assert value in rows["1.1-c"]
    assert on_track_target in rows["1.1-c"]
    assert words[0] in rows["1.1-c"]
    assert value in rows["1.1-d"]
    assert behind_target in rows["1.1-d"]
    assert words[1] in rows["1.1-d"]
    assert " 6 " not in rows["1.1-c"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_csv_gives_the_unit_and_the_target_direction(runner: CliRunner, network: Path,
                                                     lang: str) -> None:
    result = _run(runner, network, lang, "indicators", "2020-S2", *AS_OF, "--format", "csv")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        result.stdout_bytes.decode("utf-8-sig")))}
    assert (rows["1.1-c"]["unit"], rows["1.1-c"]["value"], rows["1.1-c"]["target"]) == (
        "days", "6.5", "10")
    assert (rows["1.1-c"]["target_direction"], rows["1.1-c"]["status"]) == ("at_most",
                                                                            "on_track")


def test_shared_figures_withhold_a_median_of_too_few_cases(runner: CliRunner,
                                                           network: Path) -> None:
    result = _run(runner, network, "en", "indicators", "2020-S2", *AS_OF, "--suppress",
                  "--format", "json")
    document = json.loads(result.stdout)
    assert document["metrics"]["median_days_to_entity_referral"]["value"] == "x"
    by_id = {i["id"]: i for i in document["indicators"]}
    assert (by_id["1.1-c"]["value"], by_id["1.1-c"]["status"]) == ("x", "no_data")
    assert by_id["1.1-c"]["target_direction"] == "at_most"
    table = _run(runner, network, "en", "indicators", "2020-S2", *AS_OF, "--suppress")
    row = next(line for line in table.stdout.splitlines() if "│ 1.1-c │" in line)
    assert [cell.strip() for cell in row.split("│")][3:7] == ["x", "", "at most 10 days",
                                                              "withheld"]  # not "no data"


def test_a_median_over_no_published_case_is_no_data_not_withheld(
        runner: CliRunner, network: Path) -> None:
    """Withheld says that there are cases, too few to tell; a period none of whose published
    counts holds such a case has no median to withhold: no data."""
    result = _run(runner, network, "en", "indicators", "2020-S1", "--as-of", "2020-07-15",
                  "--suppress", "--format", "json")
    document = json.loads(result.stdout)
    assert document["metrics"]["median_days_to_entity_referral"]["value"] is None


@pytest.mark.parametrize(("lang", "target"), [("en", "At most 10 days"),
                                              ("fr", "Au plus 10 jours")])
def test_the_report_shows_a_delay_target_as_at_most(runner: CliRunner, network: Path,
                                                    tmp_path: Path, lang: str,
                                                    target: str) -> None:
    written = tmp_path / "report.md"
    result = _run(runner, network, lang, "--no-cache", "report", "semester", "2020-S2",
                  "--output", str(written))
    assert written.exists(), result.output
    rows = [line for line in written.read_text(encoding="utf-8").splitlines()
            if line.startswith("| 1.1-c ")]
    assert len(rows) == 1
    assert target in rows[0].replace("\u00a0", " ")


def test_the_plan_view_gives_the_target_direction(runner: CliRunner, network: Path) -> None:
    result = _run(runner, network, "en", "plan", "--format", "json")
    activity = json.loads(result.stdout)["plan"]["results"][0]["sub_results"][0][
        "activities"][0]
    by_id = {i["id"]: i for i in activity["indicators"]}
    assert (by_id["1.1-c"]["unit"], by_id["1.1-c"]["target_direction"]) == ("days", "at_most")
    assert by_id["1.1-c"]["targets"] == {"2020": 10}


@pytest.mark.parametrize(("unit", "metric", "message_en", "message_fr"), [
    ("count", "median_days_to_investigation_opened",
     "indicator 1.1-e is measured by median_days_to_investigation_opened, a median number of "
     "days: its unit must be days",
     "l'indicateur 1.1-e est mesuré par median_days_to_investigation_opened, une médiane en "
     "jours : son unité doit être days"),
    ("days", "cases_received",
     "indicator 1.1-e has the unit days, a delay, but cases_received is not a median delay",
     "l'indicateur 1.1-e a l'unité days, un délai, mais cases_received n'est pas un délai "
     "médian"),
    ("days", "manual",
     "indicator 1.1-e has the unit days, a delay, but manual is not a median delay",
     "l'indicateur 1.1-e a l'unité days, un délai, mais manual n'est pas un délai médian"),
])
def test_a_delay_unit_that_does_not_match_its_metric_is_a_located_error(
        runner: CliRunner, valid_repo: Path, unit: str, metric: str, message_en: str,
        message_fr: str) -> None:
    _with_indicators(valid_repo, _indicator("1.1-e", unit, metric, None))
    text = (valid_repo / PLAN).read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(text, 1) if "1.1-e" in row) + 3  # its unit
    assert text[line - 1].strip() == f"unit: {unit}"
    for lang, message in (("en", message_en), ("fr", message_fr)):
        result = _run(runner, valid_repo, lang, "--no-cache", "validate")
        assert result.exit_code == 1, result.output
        out = " ".join(result.stdout.split())
        assert f"data/plan/test-plan/plan.yaml:{line}:" in out
        assert "plan.delay-unit" in out
        assert message in out


@pytest.mark.parametrize("output", [[], ["--format", "json"], ["--format", "csv", "--sep", ";"],
                                    ["--suppress"]])
def test_a_target_larger_than_28_digits_is_printed(runner: CliRunner, valid_repo: Path,
                                                    output: list[str]) -> None:
    """Rounding a half up in 28 digits, a plan's target of 1e30 (valid: a number) stopped
    psea indicators with an internal error (InvalidOperation)."""
    _with_indicators(valid_repo, _indicator("1.1-c", "days", "median_days_to_entity_referral",
                                            10**30),
                     {**_indicator("1.1-d", "count", "manual", None), "targets": {"2020": 1e300}})
    result = _run(runner, valid_repo, "en", "indicators", "2020-S2", *AS_OF, *output)
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    report = _run(runner, valid_repo, "fr", "report", "semester", "2020-S2", "-o",
                  str(valid_repo / "rapport.md"))
    assert report.exit_code == 0, report.output


def _delays(root: Path, semester: str, *days: int) -> None:
    """Cases of 2020 received in the first month of semester ``A`` (S1) or ``B`` (S2), each
    referred to the entity after its number of ``days``."""
    month = 1 if semester == "A" else 7
    for number, delay in enumerate(days, start=1):
        received = dt.date(2020, month, number)
        case = {**_case(f"DE1AY{semester}{number:02d}", received.isoformat(),
                        (received + dt.timedelta(days=delay)).isoformat()),
                "incident_month": "2019-12"}
        (root / "data" / "cases" / f"DE1AY{semester}{number:02d}.yaml").write_text(
            yaml.safe_dump(case, sort_keys=False), encoding="utf-8")


@pytest.fixture
def delay_network(valid_repo: Path) -> Path:
    """25 cases referred in 2020-S2 within the SOP's 7 days (median 5 days): enough for the
    report's shared figures to give their median, the indicator 1.1-c (its published counts
    guarantee that most were referred in time)."""
    _delays(valid_repo, "B", *[5] * 25)
    _with_indicators(valid_repo, _indicator("1.1-c", "days", "median_days_to_entity_referral",
                                            10))
    return valid_repo


def _change_cell(runner: CliRunner, root: Path, lang: str, path: Path,
                 indicator: str = "1.1-c") -> str:
    """The Change cell of ``indicator`` in the report of 2020-S2 (against 2020-S1)."""
    result = _run(runner, root, lang, "--no-cache", "report", "semester", "2020-S2",
                  "--output", str(path))
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        row = text.split(f'<span class="id">{indicator}</span>')[1].split("</tr>")[0]
        column = {"en": "Change", "fr": "Évolution"}[lang]
        return row.split(f'data-label="{column}"')[1].split('<span class="nb">')[1].split(
            "</span>")[0]
    row = next(line for line in text.splitlines() if line.startswith(f"| {indicator} "))
    return row.split("|")[5].strip()


@pytest.mark.parametrize(("first", "lang", "change"), [
    ((2,) * 25, "en", "+3 days"),
    ((2,) * 25, "fr", "+3 jours"),
    ((6,) * 25, "en", "−1 day"),
    ((6,) * 25, "fr", "−1 jour"),
    ((4,) * 25, "en", "+1 day"),
    ((*[3] * 12, *[5] * 13), "en", "unchanged"),
])
def test_the_report_gives_a_delays_change_in_days(runner: CliRunner, delay_network: Path,
                                                  tmp_path: Path, first: tuple[int, ...],
                                                  lang: str, change: str) -> None:
    """A delay's change says days, as its value and its target do ("5 days" after "2 days" is
    "+3 days", never a bare "+3"); one day is singular, in French too."""
    _delays(delay_network, "A", *first)
    assert _change_cell(runner, delay_network, lang, tmp_path / "report.md") == change


def test_the_html_report_gives_a_delays_change_in_days(runner: CliRunner,
                                                       delay_network: Path,
                                                       tmp_path: Path) -> None:
    _delays(delay_network, "A", *[2] * 25)
    assert _change_cell(runner, delay_network, "fr", tmp_path / "rapport.html") == (
        "+3 jours")


def test_a_count_change_keeps_its_bare_number(runner: CliRunner, delay_network: Path,
                                              tmp_path: Path) -> None:
    _delays(delay_network, "A", *[2] * 25)  # 25 cases, then 26 (the fixture's), shared as 30
    assert _change_cell(runner, delay_network, "en", tmp_path / "report.md", "1.1-a") == "+5"


def test_a_delays_change_is_between_the_whole_days_shown() -> None:
    """A median of 6.5 days reads "7 days": after 4 days it is "+3 days", not "+2.5 days";
    6.4 days after 6.2 both read "6 days": unchanged."""
    from psea_cli.report.plan_section import change_text

    assert change_text("days", 6.5, 4) == "+3 days"
    assert change_text("days", 6.4, 6.2) == "unchanged"
    assert change_text("days", None, 4) == "—"
    assert change_text("percent", 62.5, 50) == "+13 pts"  # 63% after 50%, as shown


def test_a_shares_change_is_between_the_whole_percentages_shown() -> None:
    """58% after 63% is "−5 pts", as a reader subtracts them, not "−5.3 pts"; 99.6%, shown
    ">99%", after 99% is not "unchanged": it says what it was."""
    from psea_cli.report.plan_section import change_text

    assert change_text("percent", 57.9, 63.2) == "−5 pts"
    assert change_text("percent", 99.6, 99.2) == "was: 99%"  # >99% after 99%: it moved
    assert change_text("percent", 0.4, 1.2) == "was: 1%"  # <1% after 1%
    assert change_text("percent", 100, 99.6) == "+1 pt"


@pytest.mark.parametrize(("now", "before", "en", "fr"), [
    (64, 63, "+1 pt", "+1 pt"), (62, 63, "−1 pt", "−1 pt"), (65, 63, "+2 pts", "+2 pts"),
    (13, 63, "−50 pts", "−50 pts")])
def test_a_shares_change_of_one_point_is_singular(now: float, before: float, en: str,
                                                   fr: str) -> None:
    """The report read « +1 pts » in both languages: one point is « pt », as in French."""
    from psea_cli.i18n import set_language
    from psea_cli.report.plan_section import change_text

    shown = {}
    for lang in ("en", "fr"):
        set_language(lang)
        try:
            shown[lang] = change_text("percent", now, before)
        finally:
            set_language("en")
    assert shown == {"en": en, "fr": fr}


@pytest.mark.parametrize(("value", "en", "fr"), [
    (99.5, ">99%", ">99\u202f%"), (100, "100%", "100\u202f%"), (99.4, "99%", "99\u202f%"),
    (0.3, "<1%", "<1\u202f%"), (0, "0%", "0\u202f%"), (62.5, "63%", "63\u202f%"),
])
def test_a_share_that_is_not_all_never_reads_100_percent(value: float, en: str, fr: str) -> None:
    """199 of 200 (99.5%) read "100% · target 100% · behind": a share reads 100% only when it
    is all, 0% only when it is none."""
    from psea_cli.formatting import format_percent

    assert (format_percent(value, "en"), format_percent(value, "fr")) == (en, fr)


@pytest.mark.parametrize(("lang", "said"), [("en", "+32,000\u00a0USD"),
                                            ("fr", "+32\u202f000\u00a0USD")])
def test_an_amounts_change_carries_its_currency(lang: str, said: str) -> None:
    """A budget indicator reads "182,000 USD" against a target in USD: its change since the
    last period says the currency too, not a bare "+32,000"."""
    from psea_cli.i18n import set_language
    from psea_cli.report.plan_section import change_text

    set_language(lang)
    try:
        assert change_text("amount", 182_000, 150_000) == said
        assert change_text("amount", 150_000, 182_000) == said.replace("+", "−")
    finally:
        set_language("en")


def test_an_amounts_change_is_between_the_whole_amounts_shown() -> None:
    """A budget indicator shows whole amounts ("1,001 USD" after "1,000 USD"): its change is
    between those, never "+0 USD" for a change of cents, nor "−0 USD" beside two equal
    values."""
    from psea_cli.report.plan_section import change_text

    assert change_text("amount", 1000.6, 1000.4) == "+1\u00a0USD"  # 1,001 USD after 1,000 USD
    assert change_text("amount", 1000.0, 1000.4) == "unchanged"  # 1,000 USD both times
    assert change_text("amount", 12_500.5, 12_500) == "+1\u00a0USD"  # 12,501 after 12,500
    assert change_text("amount", 182_000, 150_000) == "+32,000\u00a0USD"  # as before


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "1st semester 2020: 2 days; 2nd semester 2020: 5 days; target: at most 10 days"),
    ("fr", "1er semestre 2020\u00a0: 2 jours\u202f; 2e semestre 2020\u00a0: 5 jours"
           "\u202f; cible\u00a0: au plus 10 jours"),
])
def test_a_screen_reader_hears_a_delays_trajectory_in_days(
    runner: CliRunner, delay_network: Path, tmp_path: Path, lang: str, said: str
) -> None:
    """The trend line of the HTML report is read from its description: a delay's points are
    said with their unit, as the table shows them ("5 days", never a bare "5")."""
    _delays(delay_network, "A", *[2] * 25)
    path = tmp_path / "report.html"
    result = _run(runner, delay_network, lang, "--no-cache", "report", "semester", "2020-S2",
                  "--output", str(path))
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    description = text.split('<desc id="spark-1.1-c-d">')[1].split("</desc>")[0]
    assert description == said


def test_a_share_of_thousands_that_is_not_all_is_not_exported_as_100() -> None:
    """4,739 of 4,741 (99.96 %) was written 100 in JSON and CSV, rounded to one decimal before
    the table read it, and the table said "100% · target 100% · behind"."""
    from psea_cli.indicators.export import metric_document
    from psea_cli.indicators.shown import display
    from psea_cli.indicators.values import MetricValue

    almost = MetricValue("response_within_7_days", 100 * 4739 / 4741, 4739, 4741, {}, {})
    value = metric_document(almost)["value"]
    assert value == 99.9
    assert display(value, "percent") == ">99%"
    every = MetricValue("response_within_7_days", 100.0, 4741, 4741, {}, {})
    assert metric_document(every)["value"] == 100


def test_the_audit_reads_a_share_as_the_export_writes_it() -> None:
    """The export writes 9,995 of 10,000 as 99.9 (not all); the audit expected 100.0 and would
    have called the published percentage "not the ratio" of its counts."""
    from psea_cli.audit.attack import _percent_ok

    assert _percent_ok({"value": 99.9, "numerator": 9995, "denominator": 10000}, 5)
    assert _percent_ok({"value": 0.1, "numerator": 5, "denominator": 20000}, 5)
    assert not _percent_ok({"value": 100, "numerator": 9995, "denominator": 10000}, 5)
