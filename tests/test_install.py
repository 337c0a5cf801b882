"""psea as a user installs it: no symbolic link in the repository (a Windows checkout breaks on
them), and a built wheel carries the built-in templates, the scaffold and the catalogues."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import REPO


def test_the_repository_holds_no_symbolic_link() -> None:
    listed = subprocess.run(["git", "ls-files", "-s"], cwd=REPO, capture_output=True, text=True,
                            check=True, timeout=60).stdout
    links = [line.split("\t", 1)[1] for line in listed.splitlines() if line.startswith("120000")]
    assert links == []


def test_a_source_checkout_reads_the_top_level_templates() -> None:
    from psea_cli.report.environment import BUILTIN_TEMPLATES

    assert BUILTIN_TEMPLATES == REPO / "templates"


@pytest.mark.slow
def test_the_wheel_carries_the_templates_as_they_are_in_the_repository(tmp_path: Path) -> None:
    source = tmp_path / "source"  # the files git would hold, as they are now: no build/ left over
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, check=True, timeout=60).stdout
    for name in filter(None, listed.decode().split("\0")):
        path = REPO / name
        if path.is_file() and not path.is_symlink():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_bytes(path.read_bytes())
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path / "dist"), str(source)], check=True, timeout=600)
    wheel = next((tmp_path / "dist").glob("psea-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name.removeprefix("psea_cli/templates/"): archive.read(name)
                   for name in archive.namelist()
                   if name.startswith("psea_cli/templates/") and not name.endswith("/")}
        names = set(archive.namelist())
    expected = {path.relative_to(REPO / "templates").as_posix(): path.read_bytes()
                for path in (REPO / "templates").rglob("*") if path.is_file()}
    assert shipped.keys() == expected.keys()
    assert [name for name in expected if shipped[name] != expected[name]] == []
    assert {"psea_cli/scaffold/files/CONTRIBUTING.md", "psea_cli/scaffold/countries/MLI.yaml",
            "psea_cli/locale/fr/LC_MESSAGES/core.mo"} <= names
