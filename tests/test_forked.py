"""Forked workers (``psea_cli.forked``): the same results as one process, in order; a worker
that fails leaves its shares to this process; and Ctrl-C, or a caller that stops reading,
ends them at once, silently, with no process left behind. (Ctrl-C during the first
``psea validate`` of a large network once hung on the worker pool, or printed its threads'
tracebacks.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import REPO

from psea_cli import forked

pytestmark = pytest.mark.skipif(forked.workers() < 2, reason="one processor: no worker")


def _square(value: int) -> int:
    return value * value


def _fails_in_a_worker(value: int) -> int:
    if value == 37 and os.getpid() != PARENT:
        raise RuntimeError("a worker fails")
    return -value


PARENT = os.getpid()


def test_workers_give_every_result_in_order() -> None:
    items = list(range(1000))
    assert list(forked.each(_square, items, parallel=True)) == [i * i for i in items]
    assert list(forked.each(_square, [], parallel=True)) == []
    assert list(forked.each(_square, [3], parallel=True)) == [9]


def test_a_share_a_worker_cannot_do_is_done_here() -> None:
    items = list(range(200))
    assert list(forked.each(_fails_in_a_worker, items, parallel=True)) == [-i for i in items]


def _children(*, zombies: bool = False) -> set[int]:
    """The processes whose parent is this one, zombies too if ``zombies`` (Linux's /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid() and (zombies or fields[0] != "Z"):
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_caller_that_stops_reading_leaves_no_worker_behind() -> None:
    before = _children()
    results = forked.each(_slow, list(range(400)), parallel=True)
    assert next(results) == 0
    results.close()
    assert _children() == before


def _slow(value: int) -> int:
    time.sleep(0.01)
    return value


SCRIPT = textwrap.dedent("""
    import sys, time
    from psea_cli import forked

    def slow(value):
        time.sleep(0.05)
        return value

    try:
        for value in forked.each(slow, list(range(2000)), parallel=True, shares_per_worker=200):
            if value == 0:
                print("started", flush=True)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\\n")
        sys.exit(130)
""")


@pytest.mark.parametrize("wait", [0.0, 0.3])
def test_ctrl_c_ends_the_workers_at_once_and_silently(wait: float) -> None:
    """Ctrl-C goes to the whole process group, the workers included."""
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)}, start_new_session=True, text=True)
    assert process.stdout is not None
    assert process.stdout.readline() == "started\n"
    time.sleep(wait)
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    try:
        _out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    assert time.monotonic() - started < 10  # 2000 items of 0.05 s: 50 s if waited for
    assert process.returncode == 130
    assert err == "interrupted\n"


def _any_children() -> set[int]:
    """The processes whose parent is this one, zombies included (Linux's /proc)."""
    return _children(zombies=True)


FORKED_THEN_CTRL_C = textwrap.dedent("""
    import os, signal, sys
    from psea_cli import forked

    real_fork = os.fork

    def fork():  # Ctrl-C reaches the worker the moment it is forked
        pid = real_fork()
        if pid == 0:
            os.kill(os.getpid(), signal.SIGINT)
        return pid

    def square(value):
        return value * value

    os.fork = fork
    print("before")  # still in this process's buffer: a worker must never write it
    try:
        print(sum(forked.each(square, list(range(100)), parallel=True)))
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\\n")
        sys.exit(130)
""")


def test_a_worker_interrupted_as_it_is_forked_never_runs_this_process_s_code(
        tmp_path: Path) -> None:
    """It ends silently, and this process does its shares: it neither says "interrupted" nor
    writes this process's buffered output a second time."""
    out = tmp_path / "out.txt"
    with out.open("w") as stdout:
        process = subprocess.run([sys.executable, "-c", FORKED_THEN_CTRL_C], stdout=stdout,
                                 stderr=subprocess.PIPE, text=True, timeout=60,
                                 env={**os.environ, "PYTHONPATH": str(REPO)})
    assert (process.returncode, process.stderr) == (0, "")
    assert out.read_text() == f"before\n{sum(i * i for i in range(100))}\n"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_the_moment_a_worker_is_forked_leaves_no_worker_behind(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            os.kill(os.getpid(), signal.SIGINT)
        return pid

    before = _any_children()
    monkeypatch.setattr(os, "fork", fork)
    with pytest.raises(KeyboardInterrupt):
        list(forked.each(_slow, list(range(400)), parallel=True))
    assert _any_children() == before


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_while_the_workers_are_ended_leaves_none_a_zombie(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real_waitpid = os.waitpid
    interrupted: list[bool] = []

    def waitpid(pid: int, options: int) -> tuple[int, int]:
        if not interrupted:  # Ctrl-C as the first worker is waited for
            interrupted.append(True)
            os.kill(os.getpid(), signal.SIGINT)
        return real_waitpid(pid, options)

    before = _any_children()
    results = forked.each(_slow, list(range(400)), parallel=True)
    assert next(results) == 0
    monkeypatch.setattr(os, "waitpid", waitpid)
    with pytest.raises(KeyboardInterrupt):
        results.close()
    monkeypatch.undo()
    assert _any_children() == before


class _Unloadable(Exception):
    """Pickled by a worker, but its ``__init__`` wants two arguments: loading it fails."""

    def __init__(self, first: int, second: int) -> None:
        super().__init__(first)
        self.second = second


def _unloadable_in_a_worker(value: int) -> object:
    if os.getpid() != PARENT:
        return _Unloadable(value, value)
    return value


def test_a_result_this_process_cannot_load_is_done_here() -> None:
    items = list(range(100))
    assert list(forked.each(_unloadable_in_a_worker, items, parallel=True)) == items


def _pids_inside(_value: int) -> set[int]:
    return set(forked.each(_own_pid, list(range(8)), parallel=True, shares_per_worker=1))


def _own_pid(_value: int) -> int:
    return os.getpid()


def test_a_worker_does_its_own_batches_itself_never_in_workers_of_its_own() -> None:
    """A function run in a worker that asks for workers again (a nested batch) gets its
    results from that worker alone: a grandchild would outlive the Ctrl-C and the stop that
    end its parent."""
    inside = list(forked.each(_pids_inside, list(range(4)), parallel=True,
                              shares_per_worker=1))
    assert all(len(pids) == 1 for pids in inside)  # each batch done by one process...
    assert os.getpid() not in set.union(*inside)  # ...its worker, not this one


IGNORED_CTRL_C = textwrap.dedent("""
    import os, time
    from psea_cli import forked

    def slow(value):
        time.sleep(0.01)
        return value, os.getpid()

    values = forked.each(slow, list(range(300)), parallel=True, shares_per_worker=30)
    print("started", next(values)[0], flush=True)
    rest = list(values)
    print("sum", sum(v for v, _pid in rest), "done here", sum(p == os.getpid() for _v, p in rest),
          flush=True)
""")


def test_a_background_job_that_ignores_ctrl_c_keeps_its_workers_on_ctrl_c() -> None:
    """psea started with Ctrl-C ignored (a job put in the background by a script, nohup):
    a Ctrl-C at the terminal reaches its workers too, which ignore it as psea does, and
    the job ends with every result, from them (before, they ended and psea did their
    shares itself, one after the other)."""
    process = subprocess.Popen(
        [sys.executable, "-c", IGNORED_CTRL_C], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)}, start_new_session=True, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    assert process.stdout is not None
    assert process.stdout.readline() == "started 0\n"
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (0, f"sum {sum(range(300))} done here 0\n", "")


def _pid() -> int:
    return os.getpid()


def _fails_outside_this_process() -> int:
    if os.getpid() != PARENT:
        raise RuntimeError("a worker fails")
    return 7


def test_later_gives_what_its_worker_computed_meanwhile() -> None:
    """The checks beside the case records run in one worker while they are judged."""
    with forked.Later(_pid) as later:
        assert later.result() not in (os.getpid(), 0)
    with forked.Later(_fails_outside_this_process) as failing:
        assert failing.result() == 7  # done here after all


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_later_result_nobody_asks_for_leaves_no_worker_behind() -> None:
    """A verdict found in the cache meanwhile: the worker is ended, not waited for."""
    before = _children()
    with forked.Later(lambda: time.sleep(30)):
        assert len(_children() - before) == 1
    assert _children(zombies=True) == before


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_begun_workers_work_before_the_first_result_is_asked_for() -> None:
    """A cold validate forks the case records' parsers first, then reads the plan and the
    directory while they parse; a stream let go unread leaves no worker behind."""
    before = _children()
    results = forked.begun(_slow, list(range(100)), parallel=True)
    assert len(_children(zombies=True) - before) == forked.workers()  # at work, or done
    assert list(results) == list(range(100))
    unread = forked.begun(_slow, list(range(400)), parallel=True)
    assert _children() - before
    unread.close()
    assert _children(zombies=True) == before
