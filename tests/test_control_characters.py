"""Control characters in the data: an escape sequence in a name committed by a pull request
would drive the terminal of whoever prints the directory (retitle the window, clear the
screen, hide text), a line break would forge a line. ``psea validate`` refuses them in every
one-line text, and in notes and narratives anything but newlines and tabs, located and without
repeating the value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app

REPO = Path(__file__).parent.parent
SHIPPED = '    name: "Point focal PSEA (exemple)"'
HOSTILE = '    name: "X\\u001b]0;PWN\\u0007\\u001b[2J\\u001b[8mHIDDEN"'


def validate(runner: CliRunner, root: Path) -> object:
    return runner.invoke(app, ["--root", str(root), "--lang", "en", "--no-cache", "validate"])


def test_an_escape_sequence_in_a_name_is_refused_at_its_line_and_never_printed(
        runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "network"
    shutil.copytree(REPO / "data", root / "data")
    path = root / "data" / "focal_points" / "ajm.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith(SHIPPED))
    lines[number - 1] = lines[number - 1].replace(SHIPPED, HOSTILE)
    path.write_text("".join(lines), encoding="utf-8")
    result = validate(runner, root)
    assert result.exit_code == 1, result.output
    assert (f"data/focal_points/ajm.yaml:{number}:5: error [schema.control-character] 'name' "
            "holds a control character") in result.output
    assert "\x1b" not in result.output
    assert "\x07" not in result.output
    assert "HIDDEN" not in result.output
    assert "PWN" not in result.output


@pytest.mark.parametrize(("old", "new"), [
    ("    name: Point focal PSEA (exemple)", '    name: "Point focal\\r\\nPSEA"'),
    ("    name: Point focal PSEA (exemple)", '    name: "Point focal\\tPSEA"'),
    ('    phone: "+223 20 00 00 01"', '    phone: "+223 20 00 00 01\\n"'),
    ("    email: psea.alpha@example.org", '    email: "psea.alpha@example.org\\x9b2J"'),
    ("acronym: ALPHA", 'acronym: "ALPHA\\x7f"'),
])
def test_a_one_line_text_holds_no_control_character(runner: CliRunner, valid_repo: Path,
                                                     old: str, new: str) -> None:
    path = valid_repo / "data" / "focal_points" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = validate(runner, valid_repo)
    assert result.exit_code == 1, result.output
    assert "[schema.control-character]" in result.output


def test_a_note_may_hold_newlines_and_tabs_but_no_escape(runner: CliRunner,
                                                         valid_repo: Path) -> None:
    assert validate(runner, valid_repo).exit_code == 0
    cases = sorted((valid_repo / "data" / "cases").glob("*.yaml"))
    case = cases[0]
    original = case.read_text(encoding="utf-8")
    assert "\nnote:" not in original
    case.write_text(original + 'note: "Première ligne\\n\\tdeuxième ligne"\n', encoding="utf-8")
    assert validate(runner, valid_repo).exit_code == 0, validate(runner, valid_repo).output
    case.write_text(original + 'note: "texte\\e[2J"\n', encoding="utf-8")
    result = validate(runner, valid_repo)
    assert result.exit_code == 1
    assert "[schema.control-character]" in result.output
    assert "texte" not in result.output


HOSTILE_VALUE = "X\x1b]0;PWN\x07\x1b[2J\x1b[8mHIDDEN\r\x9b"


def test_a_value_that_slipped_through_reaches_no_terminal_raw(
        capsys: pytest.CaptureFixture[str]) -> None:
    """The second line: the terminal table (directory, services) and the Markdown table write
    every control character of a value as an escape, as file names are."""
    from rich.table import Table

    from psea_cli.console import terminal
    from psea_cli.directory.export_md import md_cell

    table = Table("Name")
    table.add_row(HOSTILE_VALUE)
    terminal().print(table)
    shown = capsys.readouterr().out
    assert "HIDDEN" in shown
    for raw in ("\x1b", "\x07", "\r", "\x9b"):
        assert raw not in shown
    assert "\\x1b]0;PWN" in shown  # rich itself drops the bell and the return
    cell = md_cell(HOSTILE_VALUE)
    assert "\x1b" not in cell
    assert "\x07" not in cell
    from markdown_it import MarkdownIt

    assert "\\x1b[2J" in MarkdownIt("commonmark").render(cell)  # shown as an escape
