"""``psea validate --format github``: workflow annotations escaped as GitHub's toolkit does, at
most ten per kind (GitHub drops the rest), every problem in the log and in the job summary."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.console import GITHUB_ANNOTATIONS_PER_KIND, github_annotation, write_github
from psea_cli.problems import Problem, Severity

GOLDEN = Path(__file__).parent / "golden" / "github"


def _problem(line: int, severity: Severity = Severity.ERROR, message: str = "bad value",
             file: str = "data/focal_points/alpha.yaml", hint: str = "") -> Problem:
    return Problem(file, line, 3, "schema.invalid-value", severity, message, hint)


def _check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (pytest --update-golden)"


def test_message_escapes_percent_and_newlines_but_keeps_colons_and_commas() -> None:
    problem = _problem(4, message="50 % of 3,5: too high\r\nsecond line", hint="lower it")
    annotation = github_annotation(problem)
    assert annotation.endswith("::50 %25 of 3,5: too high%0D%0Asecond line — lower it")
    assert "\n" not in annotation
    assert "\r" not in annotation


def test_properties_escape_colons_and_commas() -> None:
    problem = _problem(7, file="data/services/kayes, nioro: 2%.yaml")
    head = github_annotation(problem).split("::")[1]
    assert head == ("error file=data/services/kayes%2C nioro%3A 2%25.yaml,line=7,col=3,"
                    "title=schema.invalid-value")


def test_warnings_are_warning_annotations() -> None:
    assert github_annotation(_problem(1, Severity.WARNING)).startswith("::warning file=")


def test_at_most_ten_annotations_of_each_kind_then_a_notice_and_every_problem_as_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    problems = ([_problem(n, message=f"error {n}") for n in range(1, 14)]
                + [_problem(100 + n, Severity.WARNING, f"warning {n}") for n in range(1, 12)])
    out = io.StringIO()

    write_github(problems, 5, out)

    lines = out.getvalue().splitlines()
    assert sum(line.startswith("::error ") for line in lines) == GITHUB_ANNOTATIONS_PER_KIND
    assert sum(line.startswith("::warning ") for line in lines) == GITHUB_ANNOTATIONS_PER_KIND
    notices = [line for line in lines if line.startswith("::notice::")]
    assert notices == ["::notice::4 more problems are not annotated; see the log below and the "
                       "job summary."]
    for problem in problems:  # every problem in the plain log
        assert f"{problem.file}:{problem.line}:3: {problem.severity.label} " in out.getvalue()
    assert lines[-1] == "13 errors, 11 warnings (5 files checked)"

    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### psea validate: 13 errors, 11 warnings")
    rows = [row for row in text.splitlines() if row.startswith("| data/")]
    assert len(rows) == len(problems)  # the summary carries what the annotations leave off


def test_summary_table_escapes_pipes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write_github([_problem(2, message="a | b")], 1, io.StringIO())
    row = next(r for r in summary.read_text(encoding="utf-8").splitlines() if r.startswith("| data"))
    assert "a \\| b" in row
    assert row.count(" | ") == 4  # five cells, no extra column


def test_no_summary_file_outside_github(tmp_path: Path) -> None:
    out = io.StringIO()
    write_github([_problem(2)], 1, out)
    assert out.getvalue().startswith("::error ")
    assert list(tmp_path.iterdir()) == []


def _break_phones(repo: Path, count: int) -> None:
    """``count`` focal points whose phone has letters in it: one error each."""
    lines = ["# yaml-language-server: $schema=../../schemas/organisation.schema.json",
             "id: gamma", "name: ONG Gamma", "type: nngo", "focal_points:"]
    for n in range(count):
        lines += [f"  - id: fp-{n}", f"    name: Point focal {n}", "    role: focal_point",
                  '    phone: "+223 2O 22 OO OO"']
    (repo / "data" / "focal_points" / "gamma.yaml").write_text("\n".join(lines) + "\n",
                                                               encoding="utf-8")


def test_validate_format_github_end_to_end(valid_repo: Path, tmp_path: Path, runner: CliRunner,
                                           monkeypatch: pytest.MonkeyPatch,
                                           update_golden: bool) -> None:
    _break_phones(valid_repo, 12)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = runner.invoke(app, ["--root", str(valid_repo), "validate", "--format", "github"])
    assert result.exit_code == 1
    _check_golden("validate.txt", result.stdout, update_golden)
    _check_golden("summary.md", summary.read_text(encoding="utf-8"), update_golden)


def test_auto_format_is_github_inside_github_actions(valid_repo: Path, runner: CliRunner,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _break_phones(valid_repo, 1)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["--root", str(valid_repo), "validate"])
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=data/focal_points/gamma.yaml,line=9,")
