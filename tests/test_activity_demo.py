"""``psea activity demo``: the synthetic prevention records are drawn from the network's own
regions, organisations and plan activities, so that any valid network gets records that pass
``psea validate``; they are written whole or not at all, and what the command says is true.
Real files and git."""

from __future__ import annotations

import shutil
from pathlib import Path

import git
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.validation import load_dataset

REPO = Path(__file__).parent.parent
RECORD_FOLDERS = ("sessions", "meetings", "complaint_mechanisms", "risk_assessments",
                  "agency_assessments")


def _run(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "activity", "demo", *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def _records(repo: Path) -> dict[str, bytes]:
    return {str(p.relative_to(repo)): p.read_bytes() for folder in RECORD_FOLDERS
            for p in sorted((repo / "data" / folder).glob("*.yaml"))}


def _commit(repo: Path, message: str) -> None:
    repository = git.Repo(repo)
    repository.git.add(A=True)
    repository.index.commit(message)


def _errors(repo: Path) -> list[str]:
    return [f"{p.file} {p.code}" for p in load_dataset(repo, use_cache=False)[1]
            if p.severity.name == "ERROR"]


def test_the_demo_fills_the_test_network_with_records_that_pass_validate(
        runner: CliRunner, repo: Path) -> None:
    """The fixture network has two organisations, no ML07 and a plan of its own: the demo
    crashed there (``empty range for randrange``) after writing 65 files."""
    assert _errors(repo) == []
    code, output = _run(runner, repo)
    assert code == 0, output
    written = _records(repo)
    assert output == f"wrote {len(written)} synthetic records\n"
    assert {Path(label).parts[1] for label in written} == set(RECORD_FOLDERS)
    assert _errors(repo) == []
    dataset, _problems = load_dataset(repo, use_cache=False)
    assert all(r.value.synthetic for r in dataset.records.all())
    assert {o for m in dataset.records.meetings for o in m.value.organisations} <= {"alpha",
                                                                                    "beta"}
    assert {m.value.region for m in dataset.records.mechanisms} <= {"ML05", "ML06",
                                                                             "ML09"}
    code, output = _run(runner, repo)  # again: its own records replaced by the same
    assert code == 0, output
    assert _records(repo) == written
    code, output = _run(runner, repo, "--remove")
    assert (code, output) == (0, f"removed {len(written)} synthetic records\n")
    assert _records(repo) == {}


def test_one_organisation_is_enough(runner: CliRunner, repo: Path) -> None:
    network = repo / "data" / "network.yaml"
    network.write_text(network.read_text().replace("members: [alpha, beta]", "members: [alpha]"))
    plan = repo / "data" / "plan" / "test-plan" / "plan.yaml"
    plan.write_text(plan.read_text().replace("responsible: [beta]", "responsible: [alpha]"))
    (repo / "data" / "focal_points" / "beta.yaml").unlink()
    assert _errors(repo) == []
    code, output = _run(runner, repo)
    assert code == 0, output
    assert _errors(repo) == []


def test_no_organisation_is_refused_before_anything_is_written(
        runner: CliRunner, repo: Path) -> None:
    for name in ("alpha", "beta"):
        (repo / "data" / "focal_points" / f"{name}.yaml").unlink()
    _commit(repo, "no organisation")
    code, output = _run(runner, repo)
    assert code == 1, output
    assert "the network has no organisation (data/focal_points/)" in output
    assert "nothing was written" in output
    assert not git.Repo(repo).is_dirty(untracked_files=True)


def test_the_shipped_records_are_the_demo_s_own(runner: CliRunner, tmp_path: Path) -> None:
    """Drawn from the network's own data, the shipped network's records are still the ones
    the demo always wrote: the same seed gives the same files."""
    root = tmp_path / "network"
    shutil.copytree(REPO / "data", root / "data")
    shipped = _records(root)
    for folder in RECORD_FOLDERS:
        shutil.rmtree(root / "data" / folder)
    code, output = _run(runner, root)
    assert code == 0, output
    assert _records(root) == shipped


def test_a_real_record_under_a_demo_name_is_never_replaced(
        runner: CliRunner, repo: Path) -> None:
    assert _run(runner, repo)[0] == 0
    written = _records(repo)
    assert _run(runner, repo, "--remove")[0] == 0
    label = sorted(label for label in written if "/meetings/" in label)[0]
    (repo / label).write_bytes(written[label].replace(b"synthetic: true\n", b""))
    _commit(repo, "a real meeting, named as the demo names one")
    code, output = _run(runner, repo)
    assert code == 1, output
    assert f"{label} exists and is not a synthetic record" in output
    assert "nothing was written" in output
    assert not git.Repo(repo).is_dirty(untracked_files=True)


def test_a_write_that_fails_takes_back_every_record_written_before_it(
        runner: CliRunner, repo: Path) -> None:
    """The risk assessments cannot be written (a file stands where their folder goes), after
    the sessions, meetings and mechanisms were: those are taken back, a record the run
    replaced gets its former bytes again, and the message says that nothing changed."""
    assert _run(runner, repo)[0] == 0
    session = next(iter(sorted((repo / "data" / "sessions").glob("*.yaml"))))
    session.write_text(session.read_text() + "# kept by the coordinator\n")
    shutil.rmtree(repo / "data" / "risk_assessments")
    (repo / "data" / "risk_assessments").write_text("not a folder\n")
    _commit(repo, "before")
    code, output = _run(runner, repo)
    assert code == 1, output
    assert "the demonstration records written before it were removed, and nothing changed" \
        in output
    assert "internal error" not in output
    assert not git.Repo(repo).is_dirty(untracked_files=True)
    assert session.read_text().endswith("# kept by the coordinator\n")
