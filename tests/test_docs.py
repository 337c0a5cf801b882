"""Every command has help text and every top-level command appears in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
import typer.main

from psea_cli.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Command, prefix: str = "psea") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in getattr(group, "commands", {}).items():
        path = f"{prefix} {name}"
        found.append((path, command))
        found.extend(_commands(command, path))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def test_the_command_tree_is_complete() -> None:
    names = {path for path, _command in COMMANDS}
    assert {"psea validate", "psea plan", "psea case add", "psea indicators",
            "psea report semester", "psea directory", "psea services", "psea changes",
            "psea schema", "psea init"} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _c in COMMANDS])
def test_every_command_has_help(path: str, command: click.Command) -> None:
    assert (command.help or command.short_help or "").strip(), f"{path} has no help text"


@pytest.mark.parametrize("path", sorted({p.split(" ")[1] for p, _c in COMMANDS}))
def test_every_top_level_command_is_in_the_readme(path: str) -> None:
    assert f"psea {path}" in README
