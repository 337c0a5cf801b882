"""The fuzz suite: random bytes, random YAML, random Unicode in every text field and in file
and folder names, random symbolic links — psea answers with problems or a usage error, never
an internal error, within a time bound and bounded memory.

Budget: ``PSEA_FUZZ=ci`` (the CI workflow) runs each test with ``helpers.FUZZ_EXAMPLES["ci"]``
examples (``COMMAND_EXAMPLES`` for the one that runs every command), a local run with the
``"dev"`` figures; the seed is ``PSEA_FUZZ_SEED`` or a fresh
one, printed in pytest's header and in every failure, so that a failure can be replayed:
``PSEA_FUZZ_SEED=<seed> python -m pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import faulthandler
import os
import shutil
import stat
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import BUDGET, COMMAND_EXAMPLES, EXAMPLES, SEED
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from psea_cli.cases.privacy import RULES, screen
from psea_cli.cli import app
from psea_cli.problems import Severity
from psea_cli.validation import load_dataset

VALID = Path(__file__).parent / "data" / "valid"
SECONDS = 30.0
"""No input may take longer than this to load (a hang fails the test, not the machine)."""
MEGABYTES = 256
"""No input may make loading allocate more than this at its peak."""



def _settings(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, print_blob=True, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


FUZZ = _settings(EXAMPLES)

DATA_FILES = ["data/network.yaml", "data/plan/test-plan/plan.yaml",
              "data/plan/test-plan/progress/2020-S2.yaml", "data/focal_points/alpha.yaml",
              "data/services/mopti.yaml", "data/cases/7KQ2M9AB.yaml"]
YAML_PIECES = st.sampled_from([
    ":", "- ", "  ", "\n", "\t", "&a ", "*a", "!!python/object:os.system ", "!!binary ", "%TAG ",
    "---\n", "...\n", "[", "]", "{", "}", "\"", "'", "#", "|", ">", "? ", "<<: *a", "\ufeff",
    "\x00", "\u2028", "null", "~", "1e400", "0x", "2020-13-45", "\\", "@", "`"])


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "network"
    shutil.copytree(VALID, root)
    return root


def _restore(root: Path) -> None:
    """The workspace as the valid fixture again (files, folders and links added are gone)."""
    for folder in ("data/focal_points", "data/services", "data/cases"):
        shutil.rmtree(root / folder)
        shutil.copytree(VALID / folder, root / folder, symlinks=True)
    for target in DATA_FILES:
        shutil.copyfile(VALID / target, root / target)


def _bounded(action: Callable[[], Any]) -> Any:
    """Run ``action`` and check its time and memory against the bounds. A hang (a blocking
    read never returns) is caught by a watchdog: at twice the bound the process prints every
    thread's stack and exits, failing the run with the seed in its header."""
    faulthandler.dump_traceback_later(2 * SECONDS, exit=True)
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = action()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        faulthandler.cancel_dump_traceback_later()
    elapsed = time.monotonic() - started
    assert elapsed < SECONDS, f"took {elapsed:.1f} s (seed {SEED})"
    assert peak < MEGABYTES * 2**20, f"peaked at {peak / 2**20:.0f} MB (seed {SEED})"
    return result


def _load(root: Path) -> list[Any]:
    _dataset, problems = _bounded(lambda: load_dataset(root, use_cache=False))
    for problem in problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message
        assert isinstance(problem.severity, Severity)
    return problems


@pytest.mark.parametrize("target", DATA_FILES)
@seed(SEED)
@FUZZ
@given(raw=st.binary(max_size=2000))
def test_random_bytes_in_any_data_file(workspace: Path, target: str, raw: bytes) -> None:
    try:
        (workspace / target).write_bytes(raw)
        _load(workspace)
    finally:
        _restore(workspace)


@pytest.mark.parametrize("target", DATA_FILES)
@seed(SEED)
@FUZZ
@given(data=st.data())
def test_random_yaml_text_spliced_into_valid_files(workspace: Path, target: str,
                                                   data: st.DataObject) -> None:
    text = (VALID / target).read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        piece = data.draw(st.one_of(YAML_PIECES, st.text(max_size=12)))
        cut = data.draw(st.integers(0, 3))
        text = text[:at] + piece + text[at + cut:]
    try:
        (workspace / target).write_text(text, encoding="utf-8", errors="surrogatepass")
        _load(workspace)
    finally:
        _restore(workspace)


def _strings(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*path, index))
    elif isinstance(node, str):
        yield path


def _set(node: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


UNICODE = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)


@pytest.mark.slow
@seed(SEED)
@_settings(COMMAND_EXAMPLES.get(BUDGET, COMMAND_EXAMPLES["dev"]))
@given(data=st.data())
def test_random_unicode_in_every_text_field_and_every_command(
        workspace: Path, runner: CliRunner, data: st.DataObject) -> None:
    """Every text value of every file replaced by any Unicode text; then every reading
    command: located problems or a usage error (exit 0, 1 or 2), never an internal error."""
    try:
        for target in DATA_FILES:
            document = yaml.safe_load((VALID / target).read_text(encoding="utf-8"))
            for path in _strings(document):
                if data.draw(st.integers(0, 2)) == 0:
                    _set(document, path, data.draw(UNICODE))
            (workspace / target).write_text(yaml.safe_dump(document, allow_unicode=True),
                                            encoding="utf-8")
        _load(workspace)
        for command in (["validate"], ["directory"], ["services"], ["services", "matrix"],
                        ["plan"], ["indicators", "2020-S2"], ["case", "list"],
                        ["report", "semester", "2020-S2", "-o", "-"]):
            result = _bounded(lambda c=command: runner.invoke(  # type: ignore[misc]
                app, ["--root", str(workspace), "--no-cache", *c]))
            assert result.exit_code in (0, 1, 2), (command, result.output, SEED)
            assert "internal error" not in result.output, (command, result.output, SEED)
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                command, repr(result.exception), SEED)
    finally:
        _restore(workspace)


NAMES = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="/\x00"),
                min_size=1, max_size=30).filter(lambda n: n not in (".", ".."))
LINK_TARGETS = st.sampled_from(["/dev/zero", "/dev/null", "/nonexistent", ".", "..", "self",
                                "fifo", "/etc/passwd", "../../network.yaml"])


@seed(SEED)
@FUZZ
@given(data=st.data())
def test_random_file_and_folder_names_and_links(workspace: Path, data: st.DataObject,
                                                tmp_path_factory: pytest.TempPathFactory) -> None:
    fifo = tmp_path_factory.getbasetemp() / "fuzz-fifo"
    if not fifo.exists():
        os.mkfifo(fifo)
    try:
        for _ in range(data.draw(st.integers(1, 5))):
            folder = workspace / data.draw(st.sampled_from(
                ["data/focal_points", "data/services", "data/cases"]))
            if data.draw(st.booleans()):
                folder = folder / data.draw(NAMES)
                try:
                    folder.mkdir(exist_ok=True)
                except OSError:
                    continue
            name = data.draw(NAMES) + data.draw(st.sampled_from(["", ".yaml", ".yml", ".xlsx"]))
            path = folder / name
            try:
                if data.draw(st.booleans()):
                    target = data.draw(LINK_TARGETS)
                    path.symlink_to({"self": str(path), "fifo": str(fifo)}.get(target, target))
                else:
                    path.write_bytes(data.draw(st.binary(max_size=200)))
            except OSError:  # a name too long, one that exists already
                continue
        _load(workspace)
    finally:
        _restore(workspace)


@seed(SEED)
@FUZZ
@given(text=st.one_of(
    st.text(max_size=300),
    st.text(alphabet="0123456789 .,-_+()@:/#°'\"MmeDrNSEW\u200b\u3000", max_size=3000)))
def test_the_note_screening_takes_any_text_in_bounded_time(text: str) -> None:
    broken = _bounded(lambda: screen(text))
    assert set(broken) <= set(RULES)
    assert broken == sorted(broken, key=RULES.index)


def test_a_fifo_named_like_a_folder_item_is_not_waited_for(workspace: Path) -> None:
    fifo = workspace / "data" / "services" / "fifo.yaml"
    os.mkfifo(fifo)
    try:
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
        problems = _load(workspace)
        assert [p.code for p in problems] == ["file.not-regular"]
    finally:
        _restore(workspace)
