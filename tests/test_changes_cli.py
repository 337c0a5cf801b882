"""``psea changes`` on a temporary git repository with three commits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import git
import pytest
from git_history import commit_all, edit
from typer.testing import CliRunner

from psea_cli.cli import app


@pytest.fixture
def history(valid_repo: Path) -> tuple[Path, list[str]]:
    """January: the initial data. March: a focal point's phone and a service's hours change,
    an organisation joins. June: a service is removed and a plan activity is reassigned."""
    repo = git.Repo.init(valid_repo)
    data = valid_repo / "data"
    first = commit_all(repo, "Initial data", "2020-01-15")
    edit(data / "focal_points" / "alpha.yaml", "+223 20 00 00 01", "+223 20 00 00 07")
    edit(data / "services" / "mopti.yaml", "hours: 24 h / 24", "hours: 8 h - 18 h")
    (data / "focal_points" / "gamma.yaml").write_text(
        "id: gamma\nname: ONG Gamma\ntype: nngo\nmembership:\n  since: 2020-03-01\n"
        "focal_points:\n  - id: fp-1\n    name: Point focal\n    role: focal_point\n"
        "    phone: \"+223 20 00 90 12\"\n", encoding="utf-8")
    second = commit_all(repo, "March update", "2020-03-10")
    (data / "services" / "mopti.yaml").write_text("services: []\n", encoding="utf-8")
    edit(data / "plan" / "test-plan" / "plan.yaml", "responsible: [beta]",
            "responsible: [alpha]")
    third = commit_all(repo, "June update", "2020-06-05")
    return valid_repo, [first, second, third]


def run(runner: CliRunner, root: Path, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), "--lang", lang, "changes", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_between_two_dates(runner: CliRunner, history: tuple[Path, list[str]]) -> None:
    root, (_first, second, third) = history
    code, out, _err = run(runner, root, "--since", "2020-02-01", "--until", "2020-06-30",
                          "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert (document["since"], document["until"]) == ("2020-02-01", "2020-06-30")
    rows = [(c["date"], c["commit"], c["kind"], c["entity"], c["id"], c["fields"])
            for c in document["changes"]]
    assert rows == [
        ("2020-03-10", second, "added", "organisation", "gamma", []),
        ("2020-03-10", second, "modified", "focal_point", "alpha/fp-1", ["phone"]),
        ("2020-03-10", second, "added", "focal_point", "gamma/fp-1", []),
        ("2020-06-05", third, "removed", "service", "mopti-medical", []),
        ("2020-06-05", third, "modified", "activity", "2.1.1", ["responsible"]),
    ]
    assert "+223" not in out  # field names only, never a contact


def test_revisions_and_one_area(runner: CliRunner, history: tuple[Path, list[str]]) -> None:
    root, (first, second, _third) = history
    code, out, _err = run(runner, root, "--since", first, "--until", second, "--area",
                          "services", "--format", "json")
    assert code == 0
    assert [(c["kind"], c["id"], c["fields"]) for c in json.loads(out)["changes"]] == [
        ("modified", "mopti-medical", ["hours"])]


def test_table_and_markdown(runner: CliRunner, history: tuple[Path, list[str]]) -> None:
    root, (_first, _second, third) = history
    code, out, _err = run(runner, root, "--since", "2020-06-01")
    assert code == 0
    assert third[:8] in out
    assert "removed" in out
    assert "mopti-medical" in out
    code, out, _err = run(runner, root, "--since", "2020-06-01", "--format", "md", lang="fr")
    assert code == 0
    assert out.splitlines()[0] == "## Modifications"
    assert (f"| 2020-06-05 | {third[:8]} | supprimé | service | mopti-medical |  | "
            "data/services/mopti.yaml |") in out


def test_nothing_in_range(runner: CliRunner, history: tuple[Path, list[str]]) -> None:
    root, _commits = history
    code, out, _err = run(runner, root, "--since", "2021-01-01")
    assert (code, out.strip()) == (0, "No change in this range.")


@pytest.mark.parametrize(("args", "message"), [
    (["--since", "2020-02-30"], "--since: 2020-02-30 is not a valid date"),
    (["--until", "v9"], "--until: v9 is neither a date nor a known git revision"),
    (["--area", "cases"], "choose directory, services or plan"),
    (["--format", "csv"], "choose table, md or json"),
])
def test_usage_errors_exit_2(runner: CliRunner, history: tuple[Path, list[str]],
                             args: list[str], message: str) -> None:
    root, _commits = history
    code, out, err = run(runner, root, *args)
    assert code == 2
    assert message in " ".join(err.split())
    assert out == ""


def test_outside_git_is_exit_2(runner: CliRunner, valid_repo: Path) -> None:
    code, _out, err = run(runner, valid_repo)
    assert code == 2
    assert "is not a git repository" in err


def test_changed_fields_are_named_by_their_titles(runner: CliRunner,
                                                 history: tuple[Path, list[str]]) -> None:
    # a coordinator reads "Téléphone" and "Horaires", not the file's keys "phone" and "hours"
    root, (_first, second, third) = history
    rows = {}
    for lang in ("fr", "en"):
        code, out, _err = run(runner, root, "--since", "2020-02-01", "--format", "md", lang=lang)
        assert code == 0
        rows[lang] = {cells[4]: cells[5] for line in out.splitlines()
                      if (cells := [c.strip() for c in line.split("|")[1:-1]])
                      and len(cells) == 7 and cells[1] in (second[:8], third[:8])}
    assert rows["fr"]["alpha/fp-1"] == "Téléphone"
    assert rows["en"]["alpha/fp-1"] == "Phone"
    assert rows["fr"]["mopti-medical"] == ""  # removed: no field
    assert "responsible" not in " ".join(rows["fr"].values())


def test_changes_without_git_on_the_path_says_git_is_missing_not_the_repository(
        valid_repo: Path, tmp_path: Path) -> None:
    git.Repo.init(valid_repo).git.add(A=True)
    empty = tmp_path / "no-git"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_PYTHON")}
    result = subprocess.run(
        [sys.executable, "-m", "psea_cli", "--root", str(valid_repo), "--lang", "en", "changes"],
        capture_output=True, text=True, timeout=60, check=False,
        env={**env, "PATH": str(empty), "PYTHONPATH": str(Path(__file__).parent.parent)})
    assert result.returncode == 2, result.stderr
    assert "git is not installed" in result.stderr
    assert "is not a git repository" not in result.stderr


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_file_left_unreadable_is_said_not_passed_over(
        runner: CliRunner, history: tuple[Path, list[str]], lang: str) -> None:
    """A commit that leaves a service file broken (a bracket never closed) is no "No
    change": the command says which file psea cannot read from which commit on."""
    root, _commits = history
    repo = git.Repo(root)
    path = root / "data" / "services" / "mopti.yaml"
    path.write_text("services: [\n  - id: mopti-legal\n", encoding="utf-8")
    broken = commit_all(repo, "Add a service", "2020-07-01")
    code, out, err = run(runner, root, "--since", "2020-06-30", lang=lang)
    assert code == 0
    assert "data/services/mopti.yaml" in err
    assert broken[:10] in err
    assert ("cannot be read as YAML" if lang == "en" else "YAML") in err
    code, out, _err = run(runner, root, "--since", "2020-06-30", "--format", "json")
    assert json.loads(out)["unreadable"] == [{"file": "data/services/mopti.yaml",
                                              "commit": broken}]
    path.write_text("services: []\n", encoding="utf-8")  # repaired: nothing to say
    commit_all(repo, "Repair", "2020-07-02")
    code, out, err = run(runner, root, "--since", "2020-06-30")
    assert "mopti.yaml" not in err


def test_a_range_that_ends_before_it_starts_is_a_usage_error(
        runner: CliRunner, history: tuple[Path, list[str]]) -> None:
    root, _commits = history
    code, out, err = run(runner, root, "--since", "2020-06-01", "--until", "2020-01-01")
    assert code == 2
    assert "--since 2020-06-01 comes after --until 2020-01-01" in err
    assert "No change" not in out
