"""Item 1 of the hardening issue: a template that arrives with a clone is never executed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import FIXTURE
from typer.testing import CliRunner

from psea_cli.cli import app


@pytest.fixture
def network(tmp_path: Path) -> Path:
    target = tmp_path / "network"
    shutil.copytree(FIXTURE, target)
    return target


ATTACKS = [
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
    "{% set x = network.__dict__ %}{{ x }}",
    "{{ self._TemplateReference__context }}",
    "{% set l = [] %}{{ l.append(1) }}",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_network_template_cannot_run_commands_and_is_named_in_a_clear_error(
        runner: CliRunner, network: Path, attack: str) -> None:
    marker = network / "MARKER"
    (network / "templates").mkdir()
    (network / "templates" / "report.md.j2").write_text(
        "title\n" + attack.replace("MARKER", str(marker)) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert not marker.exists()
    assert "uid=" not in result.output
    assert result.exit_code == 1, result.output
    assert "report.md.j2, line 2" in result.stderr
    assert "internal error" not in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("lang", "fmt"), [("fr", "md"), ("en", "md"), ("fr", "html"),
                                           ("en", "html")])
def test_every_shipped_template_renders_in_the_sandbox(runner: CliRunner, network: Path,
                                                       lang: str, fmt: str) -> None:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from psea_cli.report.environment import make_environment

    assert isinstance(make_environment(network), ImmutableSandboxedEnvironment)
    result = runner.invoke(app, ["--root", str(network), "report", "semester", "2020-S2",
                                 "--lang", lang, "--format", fmt, "-o", "-"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout) > 2000
