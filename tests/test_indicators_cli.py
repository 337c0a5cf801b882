"""``psea indicators``: formats, languages, disclosure control, periods and exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_indicators_cases import CASES
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.indicators import METRIC_NAMES

GOLDEN = Path(__file__).parent / "golden" / "indicators"
AS_OF = ["--as-of", "2021-01-02"]
WIDE = {"COLUMNS": "150"}


@pytest.fixture
def repo(valid_repo: Path) -> Path:
    """The valid repository with the 14 hand-computed cases of test_indicators_cases."""
    cases = valid_repo / "data" / "cases"
    for old in cases.glob("*.yaml"):
        old.unlink()
    for record in CASES:
        data = record.model_dump(mode="json", exclude_defaults=True)
        (cases / f"{record.id}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return valid_repo


def run(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str, str]:
    """Run in English (the fixture network speaks French first) unless ``args`` say otherwise."""
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "indicators", *args],
                           env=WIDE)
    return result.exit_code, result.stdout, result.stderr


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_table_matches_golden_file(runner: CliRunner, repo: Path, update_golden: bool,
                                   lang: str) -> None:
    code, out, err = run(runner, repo, "2020-S2", "--lang", lang, *AS_OF)
    assert (code, err) == (0, "")
    check_golden(f"2020-S2.{lang}.txt", out, update_golden)


def test_suppressed_table_matches_golden_file(runner: CliRunner, repo: Path,
                                              update_golden: bool) -> None:
    code, out, _ = run(runner, repo, "2020-S2", "--suppress", "--lang", "en", *AS_OF)
    assert code == 0
    check_golden("2020-S2.suppressed.en.txt", out, update_golden)


def test_json_has_the_documented_shape(runner: CliRunner, repo: Path,
                                       update_golden: bool) -> None:
    code, out, _ = run(runner, repo, "2020-S2", "--format", "json", *AS_OF)
    assert code == 0
    document = json.loads(out)
    assert list(document) == ["notice", "period", "as_of", "metrics", "indicators"]
    assert document["notice"].startswith("NOT FOR SHARING")
    assert (document["period"], document["as_of"]) == ("2020-S2", "2021-01-02")
    assert list(document["metrics"]) == list(METRIC_NAMES)
    for metric in document["metrics"].values():
        assert list(metric) == ["value", "numerator", "denominator", "breakdowns", "details"]
    for indicator in document["indicators"]:
        assert list(indicator) == ["id", "activity", "text", "metric", "unit", "value",
                                   "numerator", "denominator", "target", "target_direction",
                                   "status", "source", "target_source", "target_reference"]
    received = document["metrics"]["cases_received"]
    assert received["value"] == 9
    assert received["breakdowns"]["quarter"] == {"2020-Q3": 5, "2020-Q4": 4}
    timely = document["metrics"]["response_within_7_days"]
    assert (timely["value"], timely["numerator"], timely["denominator"]) == (75, 6, 8)
    assert timely["details"] == {"on_time": 6, "late": 2, "pending": 1}
    coverage = document["metrics"]["regions_with_service_coverage"]["details"]
    every = ["medical", "psychosocial", "social", "legal"]
    assert coverage == {"gaps": {"ML01": every, "ML04": every,
                                 "ML05": ["psychosocial", "social", "legal"],
                                 "ML06": every, "ML09": every},
                        "high_risk_zones": {"covered": 0, "assessed": 2}}
    assert document["metrics"]["plan_budgeted"]["details"]["met"] is True
    check_golden("2020-S2.json", out, update_golden)


def _case_counts(document: dict[str, Any]) -> list[object]:
    """Every count of the case metrics of a JSON document (values of percentages apart)."""
    found: list[object] = []
    for name in ("cases_received", "response_within_7_days", "assistance_referral_within_72h",
                 "investigation_referral_with_consent", "legal_information_given",
                 "survivor_satisfaction"):
        metric = document["metrics"][name]
        if name == "cases_received":
            found.append(metric["value"])
        found += [metric["numerator"], metric["denominator"], *metric["details"].values()]
        found += [n for counts in metric["breakdowns"].values() for n in counts.values()]
    return [n for n in found if n is not None]


def test_json_suppress_protects_case_figures_only(runner: CliRunner, repo: Path,
                                                  update_golden: bool) -> None:
    code, out, _ = run(runner, repo, "2020-S2", "--format", "json", "--suppress", *AS_OF)
    assert code == 0
    document = json.loads(out)
    assert "notice" not in document
    assert document["protection"] == {
        "method": "cell-key controlled rounding", "base": 5, "read_on": "2020-12-31",
        "quarters": ["2020-Q3", "2020-Q4"], "left_out_without_consent": None}
    counts = _case_counts(document)
    assert counts
    assert all(n == "<5" or (isinstance(n, int) and n % 5 == 0) for n in counts), counts
    metrics = document["metrics"]
    # organisations are not people: no suppression of directory figures
    assert metrics["orgs_with_focal_point"]["numerator"] == 1
    check_golden("2020-S2.suppressed.json", out, update_golden)


def test_csv_opens_in_excel_and_cannot_carry_formulas(runner: CliRunner, repo: Path) -> None:
    plan = repo / "data" / "plan" / "test-plan" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        'text: "# de cas rapportés par trimestre"', 'text: "=HYPERLINK(1)"'), encoding="utf-8")
    result = runner.invoke(app, ["--root", str(repo), "indicators", "2020-S2", "--format", "csv",
                                 *AS_OF])
    assert result.exit_code == 0
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["plan", "id", "activity", "text"]
    assert rows[1][:7] == ["test-plan", "1.1-a", "1.1.1", "'=HYPERLINK(1)", "cases_received",
                           "count", "9"]
    assert rows[3][-4:] == ["on_track", "Compte rendu de l'EHP", "2020-S2", "at_least"]


def test_csv_for_french_excel_has_semicolons_and_decimal_commas(runner: CliRunner,
                                                                 tmp_path: Path) -> None:
    """French Excel reads a CSV by the separator ';' and the decimal comma: the CSV with ','
    and decimal points opened as one column per row (the shipped plan's percentages, 73.1)."""
    shutil.copytree(Path(__file__).parent.parent / "data", tmp_path / "data")
    args = ["--root", str(tmp_path), "indicators", "2021-S2", "--format", "csv", "--as-of",
            "2022-01-15"]
    default = runner.invoke(app, args)
    comma = runner.invoke(app, [*args, "--sep", ","])
    french = runner.invoke(app, [*args, "--sep", ";"])
    assert default.exit_code == comma.exit_code == french.exit_code == 0, french.output
    assert comma.stdout_bytes == default.stdout_bytes
    points = list(csv.reader(io.StringIO(default.stdout_bytes.decode("utf-8-sig"))))
    raw = french.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == len(points)
    assert rows[0] == points[0]
    decimals = [(a, b) for row, was in zip(rows, points, strict=True)
                for a, b in zip(row, was, strict=True) if a != b]
    assert decimals, "a decimal figure in the fixture"
    assert all(b.replace(".", ",") == a and float(b) % 1 for a, b in decimals), decimals


def test_csv_separator_is_checked(runner: CliRunner, repo: Path) -> None:
    code, out, err = run(runner, repo, "2020-S2", "--format", "csv", "--sep", "|")
    assert code == 2
    assert out == ""
    assert "choose ',' or ';' or 'tab'" in err


def test_default_period_is_the_last_complete_semester_of_the_plan(
        runner: CliRunner, repo: Path) -> None:
    code, out, _ = run(runner, repo, "--format", "json")
    assert code == 0
    assert json.loads(out)["period"] == "2021-S2"


def test_quarter_year_and_whole_plan(runner: CliRunner, repo: Path) -> None:
    for period, count in (("2020-Q4", 4), ("2020", 10), ("test-plan", 11)):
        code, out, _ = run(runner, repo, period, "--format", "json", "--as-of", "2022-01-01")
        assert code == 0
        assert json.loads(out)["metrics"]["cases_received"]["value"] == count, period


@pytest.mark.parametrize(("args", "message"), [
    (["2020-S3"], "'2020-S3' is not a period"),
    (["2020-S3"], "a semester (2020-S2"),
    (["2030"], "period 2030 is outside every plan (plans: test-plan 2020-01-01..2021-12-31)"),
    (["2020", "--as-of", "15/01/2021"], "not a valid date: write YYYY-MM-DD"),
    (["2020", "--format", "xlsx"], "choose table, json or csv"),
    (["2020", "--lang", "de"], "choose one of: fr, en"),
])
def test_usage_errors_exit_2_with_an_example(runner: CliRunner, repo: Path, args: list[str],
                                             message: str) -> None:
    code, out, err = run(runner, repo, *args)
    assert code == 2
    assert out == ""
    assert message in " ".join(err.split())


def test_french_error_message(runner: CliRunner, repo: Path) -> None:
    code, _, err = run(runner, repo, "2030", "--lang", "fr")
    assert code == 2
    assert "en dehors de tout plan" in err


def test_data_errors_still_print_figures_and_exit_1(runner: CliRunner, repo: Path) -> None:
    (repo / "data" / "cases" / "BROKEN00.yaml").write_text("id: [\n", encoding="utf-8")
    code, out, err = run(runner, repo, "2020-S2", "--format", "json", *AS_OF)
    assert code == 1
    assert json.loads(out)["metrics"]["cases_received"]["value"] == 9
    assert "psea validate" in err


def test_help_lists_the_options(runner: CliRunner) -> None:
    result = runner.invoke(app, ["indicators", "--help"], env=WIDE)
    assert result.exit_code == 0
    for option in ("--format", "--as-of", "--suppress", "--lang"):
        assert option in result.stdout
    listed = " ".join(result.stdout.split())
    for name in METRIC_NAMES:  # 'psea validate' sends plan authors here for the names
        assert name in listed


def test_no_plan_is_a_usage_error_with_a_way_out(runner: CliRunner, repo: Path) -> None:
    plan = repo / "data" / "plan" / "test-plan" / "plan.yaml"
    plan.write_text("id: [\n", encoding="utf-8")
    code, _, err = run(runner, repo, "2020-S2")
    assert code == 2
    assert "no readable plan" in err
    assert "psea validate" in err
    for path in sorted(plan.parent.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    plan.parent.rmdir()
    code, _, err = run(runner, repo)
    assert code == 2
    assert "data/plan/<plan-id>/plan.yaml" in err


def test_a_withheld_share_is_shown_without_its_counts(runner: CliRunner, valid_repo: Path
                                                      ) -> None:
    """Ten complaints acknowledged in time and two late: "late" is published ``<5`` (0 to 4),
    so the share is withheld; "x │ 10/10" beside it read as 100 %."""
    from helpers import write_cases

    def case(n: int, answered: str) -> dict[str, Any]:
        return {"id": f"WH0000{n:02d}", "received": "2020-07-10", "channel": "hotline",
                "region": "ML05", "allegation": "sexual_abuse",
                "survivor": {"sex": "female", "age_group": "adult"},
                "perpetrator": {"affiliation": "nngo"},
                "consent": {"assistance": "yes", "investigation": "yes", "reporting": "yes"},
                "events": [{"kind": "acknowledged", "date": answered}]}

    write_cases(valid_repo, [case(n, "2020-07-12" if n < 10 else "2020-08-30")
                             for n in range(12)])
    code, out, _ = run(runner, valid_repo, "2020-Q3", "--suppress", "--as-of", "2020-10-15",
                       "--format", "json")
    assert code == 0
    response = json.loads(out)["metrics"]["response_within_7_days"]
    assert response["value"] == "x"
    assert response["numerator"] == response["denominator"] == 10
    code, out, _ = run(runner, valid_repo, "2020-Q3", "--suppress", "--as-of", "2020-10-15")
    row = next(line for line in out.splitlines() if "1.1-b" in line)
    assert "withheld" in row
    assert "10/10" not in row
