"""Every command has help text and is in the README; every document stands on its own (links resolve
inside the repository, nothing sends the reader to a file outside it)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer.main

from psea_cli.cli import app
from psea_cli.scaffold import STATIC_FILES

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


# -- The documents stand on their own --------------------------------------------------------

REPO = Path(__file__).parent.parent
DOCUMENTS = sorted([REPO / "README.md", REPO / "DEVELOPING.md", *REPO.glob("CONTRIBUTING*.md"),
                    *(REPO / "docs").glob("*.md")])
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$", re.MULTILINE)
# The background documents the project was written from live outside the repository: no
# reader can open them, so no document may send a reader there.
OUTSIDE = ["shared/reference", "accountability-notes", "domain-notes", "ecosystem-conventions",
           "architecture-anchors", "performance-notes", "plan-psea-mali-2019-2021.txt"]
ISSUE = re.compile(r"\b(issue|ticket) #?\d+", re.IGNORECASE)
REPO_PATH = re.compile(r"(?<![\w/.-])((?:docs|tests|scripts|psea_cli|templates|benchmarks|schemas"
                       r"|\.github|\.ci)/[^\s`)\]'\"]*[\w}>*])")
GENERATED = ("benchmarks/out",)  # written by benchmarks/generate.py, ignored by git


def _prose(path: Path) -> str:
    """The document without its code blocks: a link inside a shell example is not a link."""
    return FENCE.sub("", path.read_text(encoding="utf-8"))


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).lower()
    text = "".join(c for c in text if c.isalnum() or c in " -_")
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    found: set[str] = set()
    for heading in HEADING.findall(_prose(path)):
        slug, n = _slug(heading), 1
        while slug in found:
            slug, n = f"{_slug(heading)}-{n}", n + 1
        found.add(slug)
    return found


def _relative_links(path: Path) -> list[str]:
    return [t for t in LINK.findall(CODE_SPAN.sub("", _prose(path)))
            if not re.match(r"^[a-z][a-z0-9+.-]*:", t)]  # http:, https:, mailto:


def test_the_documents_are_found() -> None:
    names = {p.relative_to(REPO).as_posix() for p in DOCUMENTS}
    assert {"README.md", "DEVELOPING.md", "CONTRIBUTING.md", "CONTRIBUTING.fr.md",
            "CONTRIBUTING.en.md", "docs/README.md", "docs/cases.md"} <= names


@pytest.mark.parametrize("document", DOCUMENTS, ids=[p.relative_to(REPO).as_posix() for p in DOCUMENTS])
def test_every_relative_link_resolves_inside_the_repository(document: Path) -> None:
    broken = []
    for target in _relative_links(document):
        file_part, _hash, anchor = target.partition("#")
        resolved = (document.parent / file_part).resolve() if file_part else document
        if not resolved.is_relative_to(REPO) or not resolved.exists():
            broken.append(f"{target}: no such file in the repository")
        elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
            broken.append(f"{target}: no heading with that anchor")
    assert broken == []


@pytest.mark.parametrize("document", DOCUMENTS, ids=[p.relative_to(REPO).as_posix() for p in DOCUMENTS])
def test_no_document_sends_the_reader_outside_the_repository(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    assert [name for name in OUTSIDE if name in text] == []
    assert ISSUE.findall(text) == [], "the reader cannot open the project's issue tracker"
    missing = sorted({p for p in (m.split("::")[0] for m in REPO_PATH.findall(text))
                      if not any(c in p for c in "<*{") and not (REPO / p).exists()
                      and not p.startswith(GENERATED) and p not in STATIC_FILES.values()})
    assert missing == [], "paths that are neither in the repository nor written by psea init"


def test_the_link_check_catches_a_broken_link(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Title\n\nSee [a](missing.md), [b](#title), [c](#nowhere), "
                    "[d](https://example.org) and `[e](code.md)`.\n\n```\n[f](fenced.md)\n```\n",
                    encoding="utf-8")
    assert _relative_links(page) == ["missing.md", "#title", "#nowhere"]
    assert _anchors(page) == {"title"}


def test_the_quick_start_is_two_commands_and_ci_runs_the_second_verbatim() -> None:
    """The README promises two commands that work on a fresh clone; .ci/run proves the second."""
    section = README.split("\n## Quick start\n")[1].split("\n## ")[0]
    commands = re.findall(r"```sh\n(.*?)\n```", section, re.DOTALL)
    assert len(commands) == 2, "the Quick start has exactly two commands"
    report, tests = commands
    assert report.endswith("psea report semester")
    assert "pytest" in tests
    assert tests in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_the_docs_index_lists_every_page() -> None:
    index = (REPO / "docs" / "README.md").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (REPO / "docs").glob("*.md") if p.name != "README.md")
    assert [name for name in pages if f"]({name})" not in index] == [], (
        "say in docs/README.md who reads the new page")


def test_the_readme_says_why_for_every_runtime_dependency() -> None:
    """The brief: every library psea adds is chosen by measurement and the README says why."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    section = README.split("\n## Dependencies and why\n")[1].split("\n## ")[0].lower()
    requirements = [*project["dependencies"], *project["optional-dependencies"]["pdf"]]
    names = {re.split(r"[<>=!;\[ ]", r, maxsplit=1)[0].lower() for r in requirements}
    names = {n.removesuffix(".clib") for n in names}  # ruamel.yaml's C part goes with it
    assert sorted(n for n in names if n not in section) == []


def test_the_report_example_of_the_docs_is_the_golden_report() -> None:
    """docs/report.md shows an excerpt of the French golden report: every line of it is a line
    of that report, so that the example follows what psea makes (it showed unrounded counts
    long after disclosure control rounded them)."""
    docs = (REPO / "docs" / "report.md").read_text(encoding="utf-8")
    example = docs.split("$ psea --root tests/data/report report semester 2020-S2 --lang fr\n",
                         1)[1].split("```", 1)[0]
    golden = set((REPO / "tests" / "golden" / "report" / "semester-2020-S2.fr.md")
                 .read_text(encoding="utf-8").splitlines())
    lines = [line for line in example.splitlines() if line and line != "…"]
    assert len(lines) > 20
    assert [line for line in lines if line not in golden] == []
