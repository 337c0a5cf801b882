"""The attacks of issue 12, run as a reader of psea's own shared outputs would, on the shipped
data: across periods, across --as-of days, inside one output, the survivor's refusal to be
counted, and case file names in the report. Each uses only the command line, so that the same
file shows them succeeding on the release before the protected view (see docs/disclosure.md).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app

SHIPPED = Path(__file__).parent.parent / "data"
AS_OF = "2022-01-15"
THRESHOLD = 5
SEMESTERS = {f"{y}-S{s}": [f"{y}-Q{2 * s - 1}", f"{y}-Q{2 * s}"]
             for y in (2019, 2020, 2021) for s in (1, 2) if (y, s) != (2019, 1)}
YEARS = {"2020": ["2020-S1", "2020-S2"], "2021": ["2021-S1", "2021-S2"]}
QUARTER_YEARS = {"2020": ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"],
                 "2021": ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"]}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(SHIPPED, root / "data")
    return root


def _run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["--root", str(root), "--lang", "en", *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@functools.cache
def _document(root: str, period: str, suppress: bool, as_of: str = AS_OF) -> dict[str, Any]:
    args = [period, "--format", "json", "--as-of", as_of, *(["--suppress"] if suppress else [])]
    out = _run(Path(root), "indicators", *args)
    document: dict[str, Any] = json.loads(out)
    return document


def _cells(document: dict[str, Any]) -> dict[str, object]:
    """Every count of cases_received's breakdowns and of the case metrics' details."""
    found: dict[str, object] = {}
    for name, metric in document["metrics"].items():
        if name == "cases_received":
            found[f"{name}.value"] = metric["value"]
            for dim, counts in metric["breakdowns"].items():
                if dim != "quarter":
                    found.update({f"{name}.{dim}.{k}": v for k, v in counts.items()})
    return found


def _number(shown: object) -> int | None:
    return shown if isinstance(shown, int) and not isinstance(shown, bool) else None


def _recovered(derived: int, truth: object) -> bool:
    """The attack worked: a small count (1 to threshold - 1) worked out exactly."""
    return 0 < derived < THRESHOLD and derived == truth


@pytest.mark.slow
def test_across_periods_no_withheld_count_comes_back_by_subtraction(shipped: Path) -> None:
    """A semester less its shown quarter, a year less its shown semester (or quarters): the
    protected one must not come back as its true small count."""
    root = str(shipped)
    recovered = []
    splits = {**SEMESTERS, **YEARS, **QUARTER_YEARS}
    for parent, children in splits.items():
        whole = _cells(_document(root, parent, True))
        parts = [_cells(_document(root, child, True)) for child in children]
        truths = [_cells(_document(root, child, False)) for child in children]
        for path, shown in whole.items():
            total = _number(shown)
            hidden = [i for i, p in enumerate(parts) if _number(p.get(path, 0)) is None]
            if total is None or len(hidden) != 1:
                continue
            derived = total - sum(_number(p.get(path, 0)) or 0 for p in parts)
            if _recovered(derived, truths[hidden[0]].get(path)):
                recovered.append(f"{children[hidden[0]]} {path} = {derived}")
    assert recovered == []


def test_across_days_the_day_a_case_arrives_cannot_be_seen(shipped: Path) -> None:
    """2021-S2 read on 15 and on 16 November 2021 (a case was received on the 16th): the shared
    case figures must not move."""
    root = str(shipped)
    day_before = _cells(_document(root, "2021-S2", True, "2021-11-15"))
    day_after = _cells(_document(root, "2021-S2", True, "2021-11-16"))
    moved = {path: (day_before[path], day_after.get(path)) for path in day_before
             if day_before[path] != day_after.get(path)}
    assert moved == {}


def test_inside_one_output_no_small_count_comes_back_from_its_neighbours(shipped: Path) -> None:
    """late = denominator - numerator; declined = survivors - denominator - pending: neither
    may give back a small count exactly, in any period."""
    root = str(shipped)
    recovered = []
    for period in [*SEMESTERS, *YEARS, *(q for qs in SEMESTERS.values() for q in qs)]:
        shown = _document(root, period, True)["metrics"]
        truth = _document(root, period, False)["metrics"]
        timely = shown["response_within_7_days"]
        num, den = _number(timely["numerator"]), _number(timely["denominator"])
        late = truth["response_within_7_days"]["details"]["late"]
        if (num is not None and den is not None and _number(timely["details"]["late"]) is None
                and _recovered(den - num, late)):
            recovered.append(f"{period} late = {den - num}")
        referral = shown["assistance_referral_within_72h"]
        known = [_number(v) for v in (shown["cases_received"]["details"]["survivors"],
                                      referral["denominator"], referral["details"]["pending"])]
        if None not in known and _number(referral["details"]["declined"]) is None:
            survivors, denominator, pending = (int(v or 0) for v in known)
            derived = survivors - denominator - pending
            if _recovered(derived, truth["assistance_referral_within_72h"]["details"]
                          ["declined"]):
                recovered.append(f"{period} declined = {derived}")
    assert recovered == []


def _without_refused(root: Path, target: Path) -> int:
    """A copy of the repository without the cases whose survivor refused to be counted."""
    shutil.copytree(root / "data", target / "data")
    removed = 0
    for case in (target / "data" / "cases").glob("*.yaml"):
        if re.search(r"^  reporting: (\"no\"|'no'|no)$", case.read_text(encoding="utf-8"),
                     re.MULTILINE):
            case.unlink()
            removed += 1
    return removed


def test_a_survivor_who_refused_to_be_counted_is_not_counted(shipped: Path,
                                                             tmp_path: Path) -> None:
    """Removing every case with consent.reporting: no changes no shared figure."""
    assert _without_refused(shipped, tmp_path) >= 6
    for period in ("2021-S2", "2021", "2020-S2"):
        with_refused = _document(str(shipped), period, True)["metrics"]
        without = _document(str(tmp_path), period, True)["metrics"]
        assert with_refused == without, period
    report = [line for line in _run(shipped, "report", "semester", "2021-S2").splitlines()
              if line.startswith("|")]
    report_without = [line for line in _run(tmp_path, "report", "semester", "2021-S2")
                      .splitlines() if line.startswith("|")]
    assert report == report_without


@pytest.mark.parametrize("form", ["symlink", "absolute"])
def test_the_report_never_locates_a_case_file(shipped: Path, tmp_path: Path,
                                              form: str) -> None:
    """With the case store elsewhere, a broken case file and referrals without consent: no
    case file name (a case id) and no path to the store appears in the report."""
    root = tmp_path / "repo"
    shutil.copytree(shipped / "data", root / "data")
    store = tmp_path / "store"
    shutil.move(root / "data" / "cases", store)
    if form == "symlink":
        (root / "data" / "cases").symlink_to(store)
    else:
        network = root / "data" / "network.yaml"
        network.write_text(network.read_text(encoding="utf-8")
                           + f"cases_dir: {store}\n", encoding="utf-8")
    broken = sorted(store.glob("*.yaml"))[0]
    broken.write_text(broken.read_text(encoding="utf-8").replace("channel:", "chanel:", 1),
                      encoding="utf-8")
    report = _run(root, "report", "semester", "2021-S2")
    assert "Complaints" in report
    ids = [case.stem for case in store.glob("*.yaml")]
    assert [case_id for case_id in ids if case_id in report] == []
    assert str(store) not in report
    assert "store/" not in report


def test_the_report_and_the_suppressed_json_publish_the_same_case_figures(shipped: Path) -> None:
    """What the audit reads (the JSON) is what the report prints: same regions, same total."""
    import yaml

    network = yaml.safe_load((shipped / "data" / "network.yaml").read_text(encoding="utf-8"))
    names = {r["pcode"]: r["name"] for r in network["regions"]}
    today = _run(shipped, "report", "semester", "2021-S2").split("## Complaints", 1)[1]
    region_table = today.split("### By region", 1)[1].split("###", 1)[0]
    printed = {cells[0]: cells[1] for line in region_table.splitlines()
               if line.startswith("|") and "---" not in line
               for cells in [[c.strip().replace("&lt;", "<") for c in line.strip("|").split("|")]]}
    import datetime as dt

    document = _document(str(shipped), "2021-S2", True, dt.date.today().isoformat())
    received = document["metrics"]["cases_received"]
    names["unlisted"] = "Region not listed"  # printed when its published figure is not 0
    assert {names[k]: str(v) for k, v in received["breakdowns"]["region"].items()
            if k != "unlisted" or v not in (0, "<5")} == {
        k: v for k, v in printed.items() if k not in ("Region", "Total")}
    assert printed["Total"] == str(received["value"])
