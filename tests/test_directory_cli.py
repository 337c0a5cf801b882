"""``psea directory`` (lookup and filters) and ``psea directory check`` (freshness)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from psea_cli.cli import app

OVERLAY = Path(__file__).parent / "data" / "directory"
GOLDEN = Path(__file__).parent / "golden" / "directory"
ACTOR = git.Actor("Coordination PSEA", "coordination@example.org")


@pytest.fixture
def repo(valid_repo: Path) -> Path:
    """The valid fixture plus organisations and services with awkward values."""
    shutil.copytree(OVERLAY, valid_repo, dirs_exist_ok=True)
    return valid_repo


def run(runner: CliRunner, repo: Path, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(repo), "--lang", lang, *args])
    return result.exit_code, result.stdout, result.stderr


def names(csv_text: str) -> list[str]:
    """The focal points' names in a CSV export (fourth column)."""
    import csv
    import io

    return [row[3] for row in csv.reader(io.StringIO(csv_text.lstrip("\ufeff")))][1:]


def compare_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "expected"), [
    ([], ["Point focal PSEA (exemple)", "'=HYPERLINK(\"http://evil.example\",\"clic\")",
          "Suppléant·e; Ménaka, \"nuit\"", "Point focal Tombouctou (exemple)"]),
    (["--org", "Gamma"], ["'=HYPERLINK(\"http://evil.example\",\"clic\")",
                          "Suppléant·e; Ménaka, \"nuit\"", "Point focal Tombouctou (exemple)"]),
    (["--org", "ALPHA"], ["Point focal PSEA (exemple)"]),
    (["--role", "alternate"], ["Suppléant·e; Ménaka, \"nuit\""]),
    # a focal point with no region listed covers the whole country
    (["--region", "menaka"], ["'=HYPERLINK(\"http://evil.example\",\"clic\")",
                              "Suppléant·e; Ménaka, \"nuit\""]),
    (["--region", "bamako"], ["Point focal PSEA (exemple)", "Suppléant·e; Ménaka, \"nuit\""]),
    (["--region", "ML05", "--role", "focal_point", "--org", "gamma"],
     ["'=HYPERLINK(\"http://evil.example\",\"clic\")"]),
])
def test_filters(runner: CliRunner, repo: Path, args: list[str], expected: list[str]) -> None:
    code, out, _err = run(runner, repo, "directory", *args, "--format", "csv")
    assert code == 0
    assert names(out) == expected


@pytest.mark.parametrize(("args", "message"), [
    (["--org", "unknown"], "unknown organisation 'unknown'"),
    (["--region", "Gao"], "unknown region 'Gao'"),
    (["--role", "boss"], "--role: 'boss' is not one of: focal_point, alternate"),
    (["--format", "pdf"], "choose table, md, csv, xlsx, hxl, vcf"),
    (["--sep", "|"], "choose ',' or ';' or 'tab'"),
    (["--output", "x.txt"], "a table is for the screen; choose a file format"),
])
def test_usage_errors_exit_2(runner: CliRunner, repo: Path, args: list[str], message: str) -> None:
    code, out, err = run(runner, repo, "directory", *args)
    assert code == 2
    assert message in " ".join(err.split())
    assert out == ""


def test_unknown_region_lists_the_known_ones(runner: CliRunner, repo: Path) -> None:
    _code, _out, err = run(runner, repo, "directory", "--region", "Gao")
    assert "Known regions: Kayes (ML01), Ségou (ML04), Mopti (ML05)" in " ".join(err.split())


def test_table_marks_example_entries(runner: CliRunner, repo: Path) -> None:
    code, out, err = run(runner, repo, "directory", "--region", "tombouctou")
    assert code == 0
    assert "EXAMPLE" in out
    assert "Entries marked EXAMPLE are placeholders" in err


def test_output_file_is_written_whole(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "directory.vcf"
    target.write_text("old content")
    code, out, _err = run(runner, repo, "directory", "--format", "vcf", "-o", str(target))
    assert code == 0
    assert out == ""
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCARD")
    assert [p.name for p in target.parent.iterdir()] == ["directory.vcf"]  # no temporary file


def test_unwritable_output_is_exit_2(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    code, _out, err = run(runner, repo, "directory", "--format", "csv",
                          "-o", str(tmp_path / "missing" / "x.csv"))
    assert code == 2
    assert "cannot write" in err


def test_data_errors_exit_1_after_the_output(runner: CliRunner, repo: Path) -> None:
    (repo / "data" / "focal_points" / "broken.yaml").write_text("id: [", encoding="utf-8")
    code, out, err = run(runner, repo, "directory", "--format", "csv")
    assert code == 1
    assert "GAMMA" in out
    assert "psea validate" in err


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_check_matches_golden_file(runner: CliRunner, repo: Path, lang: str,
                                   update_golden: bool) -> None:
    code, out, _err = run(runner, repo, "directory", "check", "--as-of", "2021-01-15", lang=lang)
    assert code == 0  # findings alone do not fail without --strict
    compare_golden(f"check.{lang}.txt", out, update_golden)


def test_check_strict_fails_on_findings(runner: CliRunner, repo: Path) -> None:
    code, _out, _err = run(runner, repo, "directory", "check", "--strict", "--as-of", "2021-01-15")
    assert code == 1


def test_check_strict_passes_on_a_clean_directory(runner: CliRunner, valid_repo: Path) -> None:
    alpha = valid_repo / "data" / "focal_points" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace(
        "name: Point focal PSEA (exemple)", "name: Awa Traoré"), encoding="utf-8")
    beta = valid_repo / "data" / "focal_points" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("focal_points: []", (
        "focal_points:\n  - id: fp-1\n    name: Moussa Keïta\n    role: focal_point\n"
        "    email: psea@beta.example.org\n    phone: \"+223 20 00 90 15\"\n"
        "    verified_on: 2020-11-02\n")), encoding="utf-8")
    code, out, _err = run(runner, valid_repo, "directory", "check", "--strict",
                          "--as-of", "2020-12-01")
    assert (code, out.strip()) == (
        0, "The directory is complete and up to date as of 1 December 2020.")


def test_check_json_and_days(runner: CliRunner, repo: Path) -> None:
    code, out, _err = run(runner, repo, "directory", "check", "--format", "json",
                          "--as-of", "2021-01-15", "--days", "30")
    assert code == 0
    document = json.loads(out)
    assert document["threshold_days"] == 30
    assert [m["organisation"] for m in document["without_focal_point"]] == ["beta"]
    stale = {s["id"]: s for s in document["stale"]}
    assert stale["gamma/fp-2"]["days"] == 625
    assert stale["gamma/fp-1"]["verified_on"] == "2020-12-01"  # 45 days: stale with --days 30
    assert stale["gamma/fp-1"]["file_last_changed"] is None  # not a git repository
    assert [e["id"] for e in document["examples"]] == ["gamma/fp-3", "menaka-shelter-example"]
    assert "phone" not in out.replace('"phone"', "")  # no contact value ever
    assert "+223" not in out


def test_check_shows_the_last_commit_of_each_stale_file(runner: CliRunner, repo: Path) -> None:
    repository = git.Repo.init(repo)
    repository.git.add("-A")
    first = repository.index.commit("Initial data", author=ACTOR, committer=ACTOR,
                                    author_date="2020-06-01T10:00:00",
                                    commit_date="2020-06-01T10:00:00")
    gamma = repo / "data" / "focal_points" / "gamma.yaml"
    gamma.write_text(gamma.read_text(encoding="utf-8").replace("fr, bm", "fr, bm, ff"),
                     encoding="utf-8")
    repository.git.add("-A")
    second = repository.index.commit("Gamma: languages", author=ACTOR, committer=ACTOR,
                                     author_date="2020-11-20T10:00:00",
                                     commit_date="2020-11-20T10:00:00")
    code, out, _err = run(runner, repo, "directory", "check", "--as-of", "2021-01-15")
    assert code == 0
    assert (f"data/focal_points/gamma.yaml: last changed on 20 November 2020 "
            f"({second.hexsha[:8]})") in out
    assert f"data/services/menaka.yaml: last changed on 1 June 2020 ({first.hexsha[:8]})" in out
    (repo / "data" / "services" / "new.yaml").write_text(
        "services:\n  - id: new-medical\n    provider: alpha\n    type: medical\n"
        "    name: Nouveau\n    region: ML05\n", encoding="utf-8")
    _code, out, _err = run(runner, repo, "directory", "check", "--as-of", "2021-01-15")
    assert "data/services/new.yaml: not committed yet" in out
