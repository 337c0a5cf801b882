"""The demonstration cases: reproducible, plausible, marked synthetic, and what the repo ships."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli.cases import deadlines, demo
from psea_cli.cli import app
from psea_cli.validation import load_dataset

REPO = Path(__file__).parent.parent
SHIPPED = REPO / "data" / "cases"


def _network_without_cases(tmp_path: Path) -> Path:
    root = tmp_path / "network"
    shutil.copytree(REPO / "data", root / "data", ignore=shutil.ignore_patterns("cases"))
    shutil.copytree(REPO / "schemas", root / "schemas")
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml"))}


def _demo(root: Path, *options: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--lang", "en", "--root", str(root), "case", "demo", *options])
    return result.exit_code, result.stdout, result.stderr


def test_the_shipped_cases_are_what_the_generator_writes(tmp_path: Path) -> None:
    root = _network_without_cases(tmp_path)
    assert _demo(root)[:2] == (0, "wrote 300 synthetic cases to data/cases\n")
    assert _files(root / "data" / "cases") == _files(SHIPPED), (
        "data/cases/ is stale: run psea case demo")


def test_another_seed_gives_other_cases(tmp_path: Path) -> None:
    root = _network_without_cases(tmp_path)
    assert _demo(root, "--seed", "7", "--count", "20")[0] == 0
    generated = _files(root / "data" / "cases")
    assert len(generated) == 20
    assert not set(generated) & set(_files(SHIPPED))


def test_the_shipped_cases_are_plausible() -> None:
    dataset, problems = load_dataset(REPO)
    cases = [c.value for c in dataset.cases]
    assert len(cases) == demo.DEFAULT_COUNT
    assert all(c.synthetic and c.note is None for c in cases)
    assert not [p.code for p in problems if p.file.startswith("data/cases/")]
    days = [c.received_day for c in cases]
    assert min(days) >= dt.date(2019, 7, 1)
    assert max(days) <= dt.date(2021, 12, 31)
    per_semester = Counter((d.year, d.month > 6) for d in days)
    assert len(per_semester) == 5
    acknowledged = [c for c in cases if c.first("acknowledged")]
    on_time = [c for c in acknowledged
               if (c.first("acknowledged").day - c.received_day).days <= 7]  # type: ignore[union-attr]
    assert 0.8 < len(on_time) / len(acknowledged) < 0.97
    assert sum(c.is_closed for c in cases) / len(cases) > 0.75
    assert Counter(c.allegation for c in cases)["not_sea"] > 0


def test_a_handful_of_shipped_cases_are_overdue() -> None:
    dataset, _ = load_dataset(REPO)
    assert dataset.network is not None
    late = deadlines.overdue(dataset.cases, dataset.network.sop, dt.date.today())
    assert 3 <= len({o.case_id for o in late}) <= 6


def test_remove_deletes_only_synthetic_cases(valid_repo: Path) -> None:
    (valid_repo / "data/cases/8KQ2M9AB.yaml").write_text(
        (valid_repo / "data/cases/7KQ2M9AB.yaml").read_text().replace(
            "id: 7KQ2M9AB", "id: 8KQ2M9AB\nsynthetic: true"))
    assert _demo(valid_repo, "--remove")[:2] == (0, "removed 1 synthetic case\n")
    assert [p.name for p in (valid_repo / "data/cases").iterdir()] == ["7KQ2M9AB.yaml"]


def test_demonstration_data_is_never_written_next_to_real_cases(
    valid_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PSEA_LANG", "en")
    code, _out, err = _demo(valid_repo, "--count", "5")
    assert code == 2
    assert "real cases" in err
    assert [p.name for p in (valid_repo / "data/cases").iterdir()] == ["7KQ2M9AB.yaml"]


def test_demonstration_data_is_never_written_next_to_encrypted_records(
    valid_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PSEA_LANG", "en")
    (valid_repo / "data/cases/7KQ2M9AB.yaml").unlink()
    sealed = valid_repo / "data/cases/8KQ2M9AB.age"
    sealed.write_text("-----BEGIN AGE ENCRYPTED FILE-----\n")  # no key here reads it
    code, _out, err = _demo(valid_repo, "--count", "5")
    assert code == 2
    assert "real cases" in err
    assert [p.name for p in (valid_repo / "data/cases").iterdir()] == ["8KQ2M9AB.age"]


def test_demonstration_cases_are_written_all_or_none(tmp_path: Path) -> None:
    """Should one file fail half-way (here a name already taken by a file that is no case
    record), the new demonstration cases are removed and the former ones written back: the
    store is as it was. Before, the former ones were gone and half of the new ones written."""
    root = _network_without_cases(tmp_path)
    assert _demo(root, "--count", "20", "--seed", "1")[0] == 0
    store = root / "data" / "cases"
    before = _files(store)
    dataset, _problems = load_dataset(root, today=dt.date(2026, 12, 3), use_cache=False)
    taken = demo.generate(dataset, 20, 2)[12]["id"]
    (store / f"{taken}.yaml").write_text("not: a case\n", encoding="utf-8")
    code, _out, err = _demo(root, "--count", "20", "--seed", "2")
    assert code == 1, err
    assert f"data/cases/{taken}.yaml exists already" in err
    after = _files(store)
    assert after.pop(f"{taken}.yaml") == b"not: a case\n"
    assert after == before
