"""``psea validate`` as users and CI run it: formats, exit codes, languages, repository discovery."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app

GOLDEN = Path(__file__).parent / "golden" / "validate"


def _break(repo: Path) -> None:
    """Three problems in two files: an unknown key, an unquoted phone, an unknown responsible."""
    alpha = repo / "data" / "focal_points" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    text = text.replace("acronym: ALPHA", "acronym: ALPHA\nsigle: ALPHA")
    text = text.replace('phone: "+223 20 00 00 01"', "phone: +22320000001")
    alpha.write_text(text, encoding="utf-8")
    plan = repo / "data" / "plan" / "test-plan" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "responsible: [beta]", "responsible: [beta, sc-vbg]"), encoding="utf-8")


def _golden(name: str, text: str, update: bool, repo: Path) -> None:
    text = text.replace(str(repo), "<repo>")
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_valid_repository_exits_0(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "validate"])
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings (7 files checked)" in result.stdout


def test_messages_follow_the_network_language_unless_overridden(
    runner: CliRunner, valid_repo: Path
) -> None:
    network_default = runner.invoke(app, ["--root", str(valid_repo), "validate"])
    from_environment = runner.invoke(app, ["--root", str(valid_repo), "validate"],
                                     env={"PSEA_LANG": "en"})
    assert "0 erreur, 0 avertissement (7 fichiers vérifiés)" in network_default.stdout
    assert "0 errors, 0 warnings (7 files checked)" in from_environment.stdout


def test_text_output_lists_every_problem_with_position_and_hint(
    runner: CliRunner, valid_repo: Path, update_golden: bool
) -> None:
    _break(valid_repo)
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "validate",
                                 "--format", "text"])
    assert result.exit_code == 1
    _golden("broken.en.txt", result.stdout, update_golden, valid_repo)


def test_text_output_in_french(runner: CliRunner, valid_repo: Path, update_golden: bool) -> None:
    _break(valid_repo)
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "fr", "validate"])
    assert result.exit_code == 1
    _golden("broken.fr.txt", result.stdout, update_golden, valid_repo)


def test_json_output_has_problems_and_summary(runner: CliRunner, valid_repo: Path) -> None:
    _break(valid_repo)
    result = runner.invoke(app, ["--root", str(valid_repo), "validate", "--format", "json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["summary"] == {"errors": 3, "warnings": 0, "files": 7}
    assert {(p["file"], p["line"], p["code"]) for p in document["problems"]} == {
        ("data/focal_points/alpha.yaml", 4, "schema.unknown-key"),
        ("data/focal_points/alpha.yaml", 17, "directory.phone-not-quoted"),
        ("data/plan/test-plan/plan.yaml", 45, "plan.unknown-responsible"),
    }
    for problem in document["problems"]:
        assert set(problem) == {"file", "line", "column", "code", "severity", "message", "hint"}


def test_github_format_is_chosen_automatically_in_actions(
    runner: CliRunner, valid_repo: Path
) -> None:
    _break(valid_repo)
    result = runner.invoke(app, ["--root", str(valid_repo), "validate"],
                           env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=data/focal_points/alpha.yaml,line=4,col=1,")


def test_warning_passes_unless_strict(runner: CliRunner, valid_repo: Path) -> None:
    plan = valid_repo / "data" / "plan" / "test-plan" / "plan.yaml"
    plan.write_text(plan.read_text().replace("stated_total_usd: 45000", "stated_total_usd: 46000"))
    relaxed = runner.invoke(app, ["--root", str(valid_repo), "validate"])
    strict = runner.invoke(app, ["--root", str(valid_repo), "validate", "--strict"])
    assert (relaxed.exit_code, strict.exit_code) == (0, 1)
    assert "[plan.budget-total-mismatch]" in relaxed.stdout


def test_root_is_found_from_a_subfolder(
    runner: CliRunner, valid_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(valid_repo / "data" / "focal_points")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0


def test_root_from_environment(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["validate"], env={"PSEA_ROOT": str(valid_repo)})
    assert result.exit_code == 0


def test_no_repository_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "no data/network.yaml found" in result.stderr
    assert "Traceback" not in result.output


def test_root_without_network_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--root", str(tmp_path), "validate"])
    assert result.exit_code == 2
    assert "is not a network repository" in result.stderr


@pytest.mark.parametrize("args", [["validate", "--format", "xml"], ["--lang", "de", "validate"],
                                  ["validate", "--no-such-option"], ["no-such-command"]])
def test_bad_options_exit_2(runner: CliRunner, valid_repo: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), *args])
    assert result.exit_code == 2


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("psea ")


def test_invalid_network_file_is_reported_not_fatal(runner: CliRunner, valid_repo: Path) -> None:
    (valid_repo / "data" / "network.yaml").write_text("- just\n- a list\n")
    result = runner.invoke(app, ["--root", str(valid_repo), "validate", "--format", "json"])
    assert result.exit_code == 1
    codes = [p["code"] for p in json.loads(result.stdout)["problems"]]
    assert codes == ["schema.wrong-type"]


def test_an_unknown_key_in_a_case_file_is_not_repeated(runner: CliRunner, valid_repo: Path) -> None:
    case = valid_repo / "data" / "cases" / "7KQ2M9AB.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "Fatoumata: survivante\n", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "validate"])
    assert result.exit_code == 1
    assert "data/cases/7KQ2M9AB.yaml:21:1: error [schema.unknown-key]" in result.stdout
    assert "Fatoumata" not in result.output


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("quoted", ['"Bureau\\Bamako"', '"C:\\Users\\psea"', '"\\ud800"'])
def test_a_backslash_between_double_quotes_is_said_as_such(
        runner: CliRunner, valid_repo: Path, lang: str, quoted: str) -> None:
    """A backslash that starts no escape YAML knows is not an unclosed quote."""
    alpha = valid_repo / "data" / "focal_points" / "alpha.yaml"
    lines = alpha.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("name: "))
    lines[at] = f"name: {quoted}\n"
    alpha.write_text("".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", lang, "--no-cache",
                                 "validate"])
    assert result.exit_code == 1, result.output
    said = {"en": "between double quotes starts an escape YAML does not know",
            "fr": "entre guillemets doubles commence un échappement que YAML ne connaît pas"}
    assert f"data/focal_points/alpha.yaml:{at + 1}:" in result.stdout
    assert said[lang] in result.stdout
    assert "never closed" not in result.stdout
    assert "jamais fermé" not in result.stdout
    assert ("single quotes" if lang == "en" else "entre apostrophes") in result.stdout


def test_a_file_whose_lines_end_with_a_carriage_return_alone_is_read_not_empty(
        runner: CliRunner, valid_repo: Path) -> None:
    """YAML ends a line at a lone CR (old Mac files): the file starts with a comment, and was
    said to be empty ("the file is empty", file.empty) whatever it held."""
    alpha = valid_repo / "data" / "focal_points" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    alpha.write_bytes(("# Agence Alpha\n" + text).replace("\n", "\r").encode())
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "--no-cache",
                                 "validate"])
    assert result.exit_code == 0, result.output
    lines = ("# Agence Alpha\n" + text.replace("role: focal_point", "role: chief", 1)).split("\n")
    alpha.write_bytes("\r".join(lines).encode())
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "--no-cache",
                                 "validate"])
    assert result.exit_code == 1, result.output
    at = next(i for i, line in enumerate(lines) if "role: chief" in line) + 1
    assert f"data/focal_points/alpha.yaml:{at}:" in result.stdout
    assert "[schema.invalid-choice]" in result.stdout
    assert "file.empty" not in result.stdout


def test_a_file_of_many_blank_lines_before_its_first_value_is_read_at_once(
        runner: CliRunner, valid_repo: Path) -> None:
    """Under the size limit, 3,000,000 blank lines then the file's values: each line looked
    for the next line break of each kind up to the file's end (about a minute for this file,
    more than three for 4 MB), and ``psea validate`` seemed to hang."""
    alpha = valid_repo / "data" / "focal_points" / "alpha.yaml"
    alpha.write_bytes(b"\n" * 3_000_000 + alpha.read_bytes())
    started = time.monotonic()
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "--no-cache",
                                 "validate"])
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 15
