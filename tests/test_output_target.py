"""``-o``/``--output`` of reports and exports never overwrites the network's data or git's
files, never replaces a device, a FIFO or a folder, and writes through a link to a regular
file (atomically, the link kept): each refusal is a usage error (exit 2) that says why.
Real processes, real files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import launch

REPORT = ("--lang", "en", "report", "semester", "2021-S2")
EXPORT = ("--lang", "en", "directory", "--format", "csv")


@pytest.fixture
def network(shipped_network: Path) -> Path:
    subprocess.run(["git", "init", "-q"], cwd=shipped_network, check=True)
    return shipped_network


@pytest.mark.parametrize("command", [REPORT, EXPORT])
@pytest.mark.parametrize("where", ["data/network.yaml", "data/new.md", ".git/config",
                                   "data-link/network.yaml"])
def test_an_output_inside_data_or_git_is_refused(network: Path, command: tuple[str, ...],
                                                 where: str) -> None:
    (network / "data-link").symlink_to(network / "data")
    before = {p: p.read_bytes() for p in [network / "data" / "network.yaml",
                                         network / ".git" / "config"]}
    _out, err, code, _loaded = launch(network, *command, "-o", where)
    assert code == 2, err
    assert "will not write" in err
    assert "data/" in err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in before} == before
    assert not (network / "data" / "new.md").exists()
    launch(network, *command, "-o", "fine.txt")  # made once, so that the kept report is
    assert launch(network, *command, "-o", where)[2] == 2  # tried too: still refused


@pytest.mark.parametrize("command", [REPORT, EXPORT])
def test_an_output_over_the_networks_own_template_is_refused(network: Path,
                                                             command: tuple[str, ...]) -> None:
    """``-o templates/report.md.j2`` overwrote the network's own report template."""
    template = network / "templates" / "report.md.j2"
    template.parent.mkdir()
    template.write_text("{{ period }}\n", encoding="utf-8")
    _out, err, code, _loaded = launch(network, *command, "-o", "templates/report.md.j2")
    assert code == 2, err
    assert "templates/" in err
    assert template.read_text(encoding="utf-8") == "{{ period }}\n"


@pytest.mark.parametrize("command", [REPORT, EXPORT])
@pytest.mark.parametrize("kind", ["fifo", "folder", "link-to-fifo"])
def test_an_output_that_is_not_a_regular_file_is_refused_and_left_as_it_is(
        network: Path, tmp_path: Path, command: tuple[str, ...], kind: str) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    target = {"fifo": fifo, "folder": tmp_path, "link-to-fifo": tmp_path / "link"}[kind]
    if kind == "link-to-fifo":
        target.symlink_to(fifo)
    _out, err, code, _loaded = launch(network, *command, "-o", str(target))
    assert code == 2, err
    assert "not a regular file" in err or "folder" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    if kind == "link-to-fifo":
        assert target.is_symlink()


@pytest.mark.parametrize("command", [REPORT, EXPORT])
@pytest.mark.parametrize("where", ["outside", "inside"])
def test_an_output_link_to_a_regular_file_is_written_through_and_kept(
        network: Path, tmp_path: Path, command: tuple[str, ...], where: str) -> None:
    """A link of the user's own, outside any clone, or one in the repository to one of its
    own files."""
    real = tmp_path / "real.txt" if where == "outside" else network / "reports" / "real.txt"
    real.parent.mkdir(exist_ok=True)
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "out.txt" if where == "outside" else network / "out.txt"
    link.symlink_to(real)
    _out, err, code, _loaded = launch(network, *command, "-o", str(link))
    assert code in (0, 1), err
    assert link.is_symlink()
    assert link.readlink() == real
    assert real.read_text(encoding="utf-8") != "old\n"


@pytest.mark.parametrize("command", [REPORT, EXPORT])
@pytest.mark.parametrize("tracked", [".github/workflows/release.yml", ".pre-commit-config.yaml",
                                     "scripts/i18n.py"])
def test_an_output_a_link_in_the_clone_leads_to_one_of_its_tracked_files_is_refused(
        network: Path, command: tuple[str, ...], tracked: str) -> None:
    """A pull request can carry ``report.md`` → ``.github/workflows/release.yml``: the report
    replaced the repository's CI, its hooks or its scripts with the network's text."""
    target = network / tracked
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("# the repository's own\n", encoding="utf-8")
    subprocess.run(["git", "add", "--", tracked], cwd=network, check=True)
    (network / "report.md").symlink_to(tracked)
    subprocess.run(["git", "add", "--", "report.md"], cwd=network, check=True)
    _out, err, code, _loaded = launch(network, *command, "-o", "report.md")
    assert code == 2, err
    assert "a file of the repository" in err
    assert target.read_text(encoding="utf-8") == "# the repository's own\n"
    assert (network / "report.md").is_symlink()
    # git refusing the repository ("dubious ownership": a container, a shared drive) cannot
    # say which links are committed: the link is taken as one
    subprocess.run(["git", "rm", "-q", "--cached", "--", "report.md"], cwd=network, check=True)
    _out, err, code, _loaded = launch(network, *command, "-o", "report.md",
                                      GIT_TEST_ASSUME_DIFFERENT_OWNER="1")
    assert code == 2, err
    assert target.read_text(encoding="utf-8") == "# the repository's own\n"


@pytest.mark.parametrize("command", [REPORT, EXPORT])
def test_an_output_through_the_user_s_own_link_to_a_kept_report_is_written(
        network: Path, command: tuple[str, ...]) -> None:
    """``latest.md`` → ``reports/2020-Q3.md``, a report the network keeps in git: the link is
    the user's (not committed), and is written through as before."""
    report = network / "reports" / "2020-Q3.md"
    report.parent.mkdir()
    report.write_text("old\n", encoding="utf-8")
    subprocess.run(["git", "add", "--", "reports"], cwd=network, check=True)
    (network / "latest.md").symlink_to("reports/2020-Q3.md")
    _out, err, code, _loaded = launch(network, *command, "-o", "latest.md")
    assert code in (0, 1), err
    assert report.read_text(encoding="utf-8") != "old\n"
    assert (network / "latest.md").is_symlink()


@pytest.mark.parametrize("command", [REPORT, EXPORT])
@pytest.mark.parametrize("where", ["../beside.txt", "sub/../../beside.txt"])
def test_an_output_beside_the_clone_by_a_relative_path_is_written(
        network: Path, command: tuple[str, ...], where: str) -> None:
    """``..`` is no link: a report written next to the clone is ordinary use."""
    (network / "sub").mkdir()
    _out, err, code, _loaded = launch(network, *command, "-o", where)
    assert code in (0, 1), err
    assert (network.parent / "beside.txt").is_file()


@pytest.mark.parametrize("command", [REPORT, EXPORT])
@pytest.mark.parametrize("planted", ["report.md", "reports/report.md", "other-clone"])
def test_an_output_a_link_in_the_clone_leads_out_of_it_is_refused(
        network: Path, tmp_path: Path, command: tuple[str, ...], planted: str) -> None:
    """A pull request can carry ``report.md`` → ``~/.bashrc`` (or a folder link): writing
    through it would put the network's text in a file of the user's that runs code."""
    victim = tmp_path / "home" / ".bashrc"
    victim.parent.mkdir()
    victim.write_text("# my shell\n", encoding="utf-8")
    if planted == "report.md":
        (network / "report.md").symlink_to(victim)
    elif planted == "other-clone":  # a folder that is a clone of its own
        subprocess.run(["git", "init", "-q", str(victim.parent)], check=True)
        (network / "reports").symlink_to(victim.parent)
        planted = "reports/.bashrc"
    else:
        (network / "reports").symlink_to(victim.parent)
        planted = "reports/.bashrc"
    _out, err, code, _loaded = launch(network, *command, "-o", planted)
    assert code == 2, err
    assert "leads it outside the repository" in err
    assert victim.read_text(encoding="utf-8") == "# my shell\n"
    done = subprocess.run([sys.executable, "-m", "psea_cli", *command, "-o", "-"], cwd=network,
                          capture_output=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)})
    out, code = done.stdout, done.returncode
    assert out.strip()
    assert code in (0, 1)
