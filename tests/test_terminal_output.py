"""Nothing a clone holds reaches the terminal or a CI log as itself: a file named with an escape
sequence, a line break or a direction override (git allows all three), a network's own
template, a name in an error. ``psea`` runs in a real terminal (a pseudo-terminal: a pipe
would have click drop some escape sequences itself), on a real git repository; every message
is escaped where it is written out (``cli_support.err``/``say``, ``console``), JSON stays
valid and exact, and tables keep their own styles."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import read_terminal

from psea_cli.cli_support import err, say
from psea_cli.console import format_error, github_annotation
from psea_cli.printable import printable_document, printable_json
from psea_cli.problems import Problem, Severity

REPO = Path(__file__).parent.parent
SCREEN = "data/focal_points/\x1b[2J\x1b]0;pwned\x07x.yaml"
FORGED = "data/focal_points/new\n::warning::forged.yaml"
REVERSED = "data/meetings/m\u202eexe.yaml"
TEMPLATE = "EVIL \x1b[2J\x1b]0;pwned\x07 done\n"
RAW = re.compile("\x1b(?!\\[[0-9;]*m)|\x07|\u202e|\x9b")
"""What must never be written: an escape sequence other than a style (rich's bold in a table
header), a bell, a direction override, a C1 control."""


def _commit(repo: Path) -> None:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm",
                    "hostile names"], cwd=repo, check=True)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped network in git, with an organisation file copied under a name that clears
    the screen and retitles the terminal, one under a name that starts a forged workflow
    command on a new line, and a meeting under a name that reverses the text."""
    repo = tmp_path_factory.mktemp("hostile") / "network"
    shutil.copytree(REPO / "data", repo / "data")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    organisation = repo / "data" / "focal_points" / "ocha.yaml"
    meeting = next((repo / "data" / "meetings").glob("*.yaml"))
    for name, source in ((SCREEN, organisation), (FORGED, organisation), (REVERSED, meeting)):
        shutil.copyfile(source, repo / name)
    _commit(repo)
    return repo


def _terminal(repo: Path, *args: str) -> tuple[str, int]:
    """What ``psea ARGS`` writes to a terminal (standard output and error), and its exit."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "200",
           "HOME": str(repo.parent)}
    for name in ("PSEA_NO_CACHE", "PSEA_LANG", "PSEA_ROOT", "PSEA_TODAY", "GITHUB_ACTIONS",
                 "FORCE_COLOR"):
        env.pop(name, None)
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "psea_cli", "--lang", "en", *args],
                               stdin=subprocess.DEVNULL, stdout=follower, stderr=follower,
                               cwd=repo, env=env)
    os.close(follower)
    written = read_terminal(leader)
    code = process.wait(timeout=120)
    return written.decode("utf-8", "replace").replace("\r\n", "\n"), code


def _safe(text: str) -> None:
    found = RAW.search(text)
    assert found is None, repr(text[max(0, found.start() - 80):found.end() + 40])
    assert not [line for line in text.splitlines() if line.startswith(("::warning::forged",
                                                                       "forged.yaml"))]


@pytest.mark.parametrize("args", [("validate",), ("validate", "--format", "github"),
                                  ("validate", "--format", "json"), ("directory", "check"),
                                  ("directory",), ("changes",)])
def test_hostile_file_names_reach_no_terminal_as_themselves(hostile: Path,
                                                            args: tuple[str, ...]) -> None:
    text, code = _terminal(hostile, *args)
    assert code in (0, 1), text
    assert "Traceback" not in text
    _safe(text)
    if args[0] == "validate" or args == ("directory", "check"):
        assert "\\x1b[2J\\x1b]0;pwned\\x07x.yaml" in text or "\\u001b[2J" in text
        assert "new\\n::warning::forged.yaml" in text or "new%0A::warning::forged" in text


def test_validate_json_stays_valid_and_names_each_file_exactly(hostile: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "psea_cli", "--lang", "en", "validate",
                           "--format", "json"], cwd=hostile, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, check=False)
    assert done.returncode == 1, done.stderr
    _safe(done.stdout)
    files = {problem["file"] for problem in json.loads(done.stdout)["problems"]}
    assert {SCREEN, FORGED, REVERSED} <= files


def test_a_network_template_s_escapes_reach_no_terminal_on_either_path(hostile: Path) -> None:
    """A report template is the network's, and arrives with a pull request: its escape
    sequences are written as escapes when the report is printed, made or kept."""
    partial = hostile / "templates" / "partials" / "summary.md.j2"
    partial.parent.mkdir(parents=True)
    partial.write_text(TEMPLATE, encoding="utf-8")
    try:
        for _attempt in ("made", "kept"):
            text, code = _terminal(hostile, "report", "semester", "2021-S2")
            assert code in (0, 1), text
            _safe(text)
            assert "EVIL \\x1b[2J\\x1b]0;pwned\\x07 done" in text
        partial.write_text('{% include "\x1b]0;pwned\x07" %}\n', encoding="utf-8")
        text, code = _terminal(hostile, "report", "semester", "2021-S2")
        assert code == 1, text
        assert "no template named \\x1b]0;pwned\\x07" in text
        _safe(text)
    finally:
        shutil.rmtree(hostile / "templates")


def test_messages_are_escaped_where_they_are_written(capsys: pytest.CaptureFixture[str]) -> None:
    err("written: a\x1b]0;x\x07b", "second line")
    say("org \u202eevil", "next\n::error::forged")
    captured = capsys.readouterr()
    assert captured.err == "written: a\\x1b]0;x\\x07b\nsecond line\n"
    assert captured.out == "org \\u202eevil\nnext\\n::error::forged\n"
    error = format_error("no template named \x1b[2J\nrow 2", "rename \x1b]0;x\x07\nit")
    assert error == "error: no template named \\x1b[2J\nrow 2\n    → rename \\x1b]0;x\\x07\\nit"


def test_github_annotations_hold_no_escape_sequence() -> None:
    problem = Problem("data/focal_points/\x1b[2Jx.yaml", 8, 1, "ref.file-name-mismatch",
                      Severity.ERROR, "also in data/\x1b]0;t\x07.yaml\r\nnext", "")
    annotation = github_annotation(problem)
    assert "\x1b" not in annotation
    assert "\x07" not in annotation
    assert "\n" not in annotation
    assert "file=data/focal_points/\\x1b[2Jx.yaml," in annotation
    assert annotation.endswith("::also in data/\\x1b]0;t\\x07.yaml%0D%0Anext")


def test_json_text_is_escaped_losslessly() -> None:
    document = {"file": "a\x1b[2J\u202e\x85\u2028\ufeff\u200bb", "n": [1, "\t\n"]}
    text = printable_json(json.dumps(document, ensure_ascii=False, indent=2))
    assert json.loads(text) == document
    assert RAW.search(text) is None
    assert "\u2028" not in text


def test_a_document_keeps_its_lines_and_tabs() -> None:
    assert printable_document("a\tb\r\nc\x1b[2J\r\x0c") == "a\tb\r\nc\\x1b[2J\\r\\x0c"
