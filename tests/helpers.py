"""Helpers shared by several test modules: the report fixture and the fuzz suite's budget.

pytest puts the tests folder on ``sys.path`` (it holds conftest.py and no ``__init__.py``),
so test modules import this one as ``helpers``, under plain ``pytest`` as under
``python -m pytest``; importing ``tests.<module>`` works only under the latter.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import random
import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

from psea_cli import periods
from psea_cli.dataset import Dataset
from psea_cli.directory.history import Change
from psea_cli.gitrepo import Revision
from psea_cli.i18n import set_language
from psea_cli.report.context import ReportInputs
from psea_cli.report.render import render
from psea_cli.validation import load_dataset

TESTS = Path(__file__).parent
REPO = TESTS.parent
SHIPPED = REPO
"""The repository itself: the data psea ships (the Mali plan)."""

# The report's fixture network (tests/test_report_golden.py and the report tests).
FIXTURE = TESTS / "data" / "report"
TODAY = dt.date(2021, 1, 15)
REVISION = Revision("3f1c0de5b2a94e7d8c6f0a1b2c3d4e5f60718293", "3f1c0de5", dirty=False,
                    committed_on="2021-01-12")
CHANGES = [
    Change("focal_point", "amal/fp-1", "data/focal_points/amal.yaml", "added", (), "a" * 40,
           dt.date(2020, 9, 10)),
    Change("service", "tombouctou-legal", "data/services/tombouctou.yaml", "removed", (),
           "b" * 40, dt.date(2020, 11, 3)),
    Change("service", "mopti-medical", "data/services/mopti.yaml", "modified", ("phone",),
           "c" * 40, dt.date(2020, 10, 1)),
]


@functools.cache
def render_fixture(lang: str, output_format: str, period: str = "2020-S2") -> str:
    """The fixture's report as the golden files hold it: fixed day, revision and history
    (rendered once per test session: several tests read the same report)."""
    set_language(lang)
    dataset, problems = load_dataset(FIXTURE)
    inputs = ReportInputs(periods.parse(period), TODAY, REVISION, CHANGES)
    return render(dataset, problems, inputs, output_format)


@functools.cache
def shipped_report(lang: str) -> str:
    """The HTML report of the data psea ships (the Mali plan), 2020-S2."""
    set_language(lang)
    dataset, problems = load_dataset(SHIPPED)
    inputs = ReportInputs(periods.parse("2020-S2"), dt.date(2021, 1, 15), None, None)
    return render(dataset, problems, inputs, "html")


# The fuzz suite's budget (tests/test_fuzz.py): PSEA_FUZZ=ci in CI, "dev" figures otherwise.
FUZZ_EXAMPLES = {"dev": 4, "ci": 150}
COMMAND_EXAMPLES = {"dev": 2, "ci": 40}
"""Every command on every example costs 5 s: fewer examples for that test."""
BUDGET = os.environ.get("PSEA_FUZZ", "dev")
EXAMPLES = FUZZ_EXAMPLES.get(BUDGET, FUZZ_EXAMPLES["dev"])
SEED = int(os.environ.get("PSEA_FUZZ_SEED") or random.SystemRandom().randrange(2**32))


def fuzz_header() -> str:
    commands = COMMAND_EXAMPLES.get(BUDGET, COMMAND_EXAMPLES["dev"])
    return (f"psea fuzz: budget {BUDGET}, {EXAMPLES} examples a test ({commands} for every "
            f"command), seed {SEED} (replay: PSEA_FUZZ_SEED={SEED})")

ENGLISH = re.compile(r"Usage|Error|Invalid|Aborted|Missing|Try '|No such|Show this message|"
                     r"env var|default:|\[required\]|Commands|\bCOMMAND\b|Input should|"
                     r"\b(?:error|warning|the|or|is|not|of)\b")
"""English words that must not appear; a code or an option name may hold none of them."""


def tagged_clone(target: Path) -> str:
    """A clone of this repository at ``target`` whose commit (HEAD's) carries the release tag
    of this version, as psea's repository will once it is released: the ``file://`` URL a
    network made by ``psea init --psea-source`` installs psea from. HEAD, not the working tree."""
    from psea_cli import __version__

    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True,
                          check=True, timeout=60).stdout.strip()
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO), str(target)], check=True,
                   timeout=300)
    subprocess.run(["git", "fetch", "-q", str(REPO), head], cwd=target, check=True, timeout=300)
    # -f: a clone of a released psea already has the tag, on the release's commit; HEAD is tested
    subprocess.run(["git", "tag", "-f", f"v{__version__}", head], cwd=target, check=True, timeout=60)
    return target.resolve().as_uri()


# Runs of the console script as a user starts it (tests/test_instant.py, test_report_replay.py).
FRAMEWORK = ("typer", "click", "pydantic", "rich", "yaml", "ruamel", "jinja2", "git",
             "psea_cli.models", "psea_cli.pipeline", "psea_cli.cli", "psea_cli.checking")
"""What an answer from ``psea_cli.launch`` never imports."""

_LAUNCH = (
    "import contextlib, io, os, sys\n"
    "sys.argv = ['psea', *sys.argv[1:]]\n"
    "import psea_cli.instant, psea_cli.launch\n"
    "psea_cli.instant.RACY_MARGIN_NS = int(os.environ['TEST_RACY_MARGIN_NS'])\n"
    "out, err = io.StringIO(), io.StringIO()\n"
    "code = 0\n"
    "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
    "    try:\n"
    "        psea_cli.launch.main()\n"
    "    except SystemExit as exit:\n"
    "        code = exit.code or 0\n"
    "loaded = [m for m in FRAMEWORK if any(n == m or n.startswith(m + '.') for n in sys.modules)]\n"
    "print(repr((out.getvalue(), err.getvalue(), code, loaded)))\n"
)


def launch(repo: Path, *args: str, margin: int = 0, **env: str
           ) -> tuple[str, str, int, list[str]]:
    """(standard output, standard error, exit code, ``FRAMEWORK`` modules imported) of one
    ``psea`` run in a new process, started in ``repo`` as the console script starts it.
    ``margin`` is how recent a change must be for a print not to be filed (psea's is two
    seconds, longer than a test should wait). Environment variables that change psea's
    choices are cleared unless given in ``env``."""
    import ast
    import sys

    environment = {**os.environ, "PYTHONPATH": str(REPO), "HOME": str(repo.parent),
                   "TEST_RACY_MARGIN_NS": str(margin), **env}
    for name in ("PSEA_NO_CACHE", "PSEA_LANG", "PSEA_IDENTITY", "PSEA_ROOT", "GITHUB_ACTIONS",
                 "PSEA_TODAY"):
        if name not in env:
            environment.pop(name, None)
    result = subprocess.run([sys.executable, "-c", f"FRAMEWORK = {FRAMEWORK!r}\n" + _LAUNCH,
                             *args], capture_output=True, text=True, check=True,
                            env=environment, cwd=repo)
    out, err, code, loaded = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    return out, err, code, loaded


def committed(folder: Path, message: str = "data") -> Path:
    """``folder`` made a git repository with one commit of everything in it (a test user as
    the author), as a network's checkout is."""
    import git

    repository = git.Repo.init(folder)
    with repository.config_writer() as config:
        config.set_value("user", "name", "Test").set_value("user", "email", "t@example.org")
    repository.git.add(A=True)
    repository.index.commit(message)
    return folder


def read_terminal(leader: int) -> bytes:
    """Everything written to the pseudo-terminal whose leader end is ``leader``, until it is
    closed (its follower end must be closed in this process first); ``leader`` is closed."""
    chunks = []
    try:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once read out
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    return b"".join(chunks)


def write_cases(root: Path, cases: list[dict[str, Any]]) -> None:
    """Make ``cases`` (plain records) the only case records of the network at ``root``."""
    store = root / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    for record in cases:
        (store / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                                   encoding="utf-8")


def network_of(root: Path, cases: list[dict[str, Any]], today: dt.date) -> Dataset:
    """The network at ``root`` with ``cases`` as its only case records (``write_cases``),
    loaded on ``today`` without a cache."""
    write_cases(root, cases)
    dataset, _problems = load_dataset(root, today=today, use_cache=False)
    assert len(dataset.cases) == len(cases)
    return dataset
