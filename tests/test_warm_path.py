"""The warm path: a `psea validate` with nothing changed answers from the last verdict without
importing the models or any heavy library, and never answers from a stale one."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent

HEAVY = ("git", "babel", "jinja2", "openpyxl", "scipy", "pyrage", "weasyprint", "phonenumbers",
         "yaml", "ruamel", "psea_cli.models", "psea_cli.pipeline", "psea_cli.checks")
"""Imported by the commands that need them, never by a warm ``validate``. (pydantic is: typer
itself imports it to convert the options of any command, so it is not listed.)"""

_RUN = (
    "import contextlib, io, sys\n"
    "sys.argv = ['psea', *sys.argv[1:]]\n"
    "import psea_cli.cli\n"
    "out = io.StringIO()\n"
    "with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):\n"
    "    psea_cli.cli.main()\n"
    "heavy = [h for h in HEAVY if any(m == h or m.startswith(h + '.') for m in sys.modules)]\n"
    "print(repr((out.getvalue().splitlines()[-1:], heavy)))\n"
)


def _psea(repo: Path, *args: str) -> tuple[list[str], list[str]]:
    """(last line printed, heavy modules imported) of one `psea` run in a new process."""
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "PSEA_LANG": "en",
           "HOME": str(repo.parent)}  # no user key file: the warm path is allowed
    env.pop("PSEA_NO_CACHE", None)
    result = subprocess.run([sys.executable, "-c", f"HEAVY = {HEAVY!r}\n" + _RUN, "--root",
                             str(repo), *args], capture_output=True, text=True, check=True,
                            env=env, cwd=repo)
    line, heavy = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    return line, heavy


@pytest.fixture
def network(shipped_network: Path) -> Path:
    return shipped_network


def test_a_warm_validate_imports_no_model_and_no_heavy_library(network: Path) -> None:
    cold_line, cold_heavy = _psea(network, "validate")
    assert "psea_cli.models" in cold_heavy  # the first run reads and checks everything
    warm_line, warm_heavy = _psea(network, "validate")
    assert warm_line == cold_line
    assert warm_heavy == []


def test_a_warm_validate_never_answers_from_a_stale_verdict(network: Path) -> None:
    before, _heavy = _psea(network, "validate")
    assert before
    assert before[0].startswith("0 errors")
    organisation = min((network / "data" / "focal_points").glob("*.yaml"))
    organisation.write_text(organisation.read_text(encoding="utf-8") + "unknown_key: 1\n",
                            encoding="utf-8")
    after, heavy = _psea(network, "validate")
    assert not after[0].startswith("0 errors")
    assert "psea_cli.models" in heavy  # the changed file was read and checked again
    again, heavy = _psea(network, "validate")
    assert again == after
    assert heavy == []  # and the new verdict is the warm answer from then on


def test_a_validate_after_one_case_record_changed_imports_no_careful_yaml_parser(
        network: Path) -> None:
    """One case record changed (a comment added, as an editor or a commit leaves one): it is
    read on the bulk path and has no problem to locate, so PyYAML (libyaml's careful path)
    is not imported; a file that needs the careful path still gets it."""
    _psea(network, "validate")
    case = min((network / "data" / "cases").glob("*.yaml"))
    case.write_text(case.read_text(encoding="utf-8") + "# relu le 3 mars\n", encoding="utf-8")
    line, heavy = _psea(network, "validate")
    assert line[0].startswith("0 errors")
    assert "psea_cli.models" in heavy  # it was read and checked again
    assert "yaml" not in heavy
    case.write_text(case.read_text(encoding="utf-8") + "note: [unclosed\n", encoding="utf-8")
    line, heavy = _psea(network, "validate")
    assert line[0].startswith("1 error")
    assert "yaml" in heavy  # located by the careful path


def test_the_html_report_imports_neither_gitpython_nor_the_editing_libraries(
        network: Path, tmp_path: Path) -> None:
    """The report reads git with git itself (gitpython costs more to import than a warm
    report's reading of 10,000 files), and needs no YAML editing, audit or PDF library."""
    subprocess.run(["git", "init", "-q", str(network)], check=True)
    subprocess.run(["git", "-C", str(network), "add", "data"], check=True)
    subprocess.run(["git", "-C", str(network), "-c", "user.name=t", "-c", "user.email=t@t",
                    "commit", "-qm", "data"], check=True)
    output = tmp_path / "report.html"
    _psea(network, "report", "semester", "2021-S2", "--format", "html", "--output", str(output))
    _line, heavy = _psea(network, "report", "semester", "2021-S2", "--format", "html",
                         "--output", str(output))
    assert output.stat().st_size > 10_000
    assert [h for h in heavy if h in ("git", "ruamel", "scipy", "openpyxl", "weasyprint")] == []


def test_a_withheld_file_name_keeps_the_warm_path(network: Path) -> None:
    """A case file whose name may identify someone is left unread and reported; the warm
    path leaves it out as the full check does, so its key is the same."""
    case = min((network / "data" / "cases").glob("*.yaml"))
    (network / "data" / "cases" / "Aminata Traore 76123456.yaml").write_bytes(case.read_bytes())
    first, _heavy = _psea(network, "validate")
    assert not first[0].startswith("0 errors")
    again, heavy = _psea(network, "validate")
    assert again == first
    assert heavy == []
