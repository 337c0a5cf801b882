"""Timing a command as a user runs it (a new process), and the table the rows make: the part of
``benchmarks/run.py`` that measures, apart from what it measures.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path


class CommandFailed(Exception):
    """A measured command did not exit as expected."""


@dataclasses.dataclass
class Row:
    label: str
    times: list[float]
    peak_kb: int
    note: str = ""
    tree_kb: int = 0
    """Peak of the proportional memory (PSS) of the command's whole process tree, its worker
    processes included: what the machine gives it (Linux only; 0 elsewhere)."""
    floors: tuple[float, float, float] | None = None
    """Medians of the floors measured in the same run: ``python -c pass``, reading the files,
    ``json.loads`` of the same records."""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def cells(self) -> list[str]:
        ratios = ["", "", ""] if self.floors is None else [
            f"{self.median / floor:.1f}×" for floor in self.floors]
        return [self.label, f"{self.median:.3f} s", f"{min(self.times):.3f} s",
                f"{max(self.times):.3f} s", *ratios, f"{self.peak_kb / 1024:.0f} MB",
                f"{self.tree_kb / 1024:.0f} MB" if self.tree_kb else "", self.note]


ENV = {**os.environ, "PSEA_LANG": "en"}


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux's /proc)."""
    found = [pid]
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text(encoding="ascii").split():
                found += _tree(int(child))
    return found


def _pss_kb(pid: int) -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii").splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


class _TreeMemory(threading.Thread):
    """Samples the PSS of a process tree every 50 ms until ``stop``; ``peak`` in kB (reading
    ``smaps_rollup`` walks the process's memory: more often would slow what is measured)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, sum(_pss_kb(pid) for pid in _tree(self.pid)))


def _run_once(command: Sequence[str], cwd: Path, ok: Sequence[int]) -> tuple[float, int, int]:
    """Wall-clock seconds, peak resident memory of the largest process (kB) and peak of the
    whole process tree's PSS (kB, 0 without /proc) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=ENV)
    sampler = _TreeMemory(process.pid)
    if Path("/proc/self/smaps_rollup").exists():
        sampler.start()
    assert process.stderr is not None
    errors = process.stderr.read()
    sampler.done.set()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if sampler.is_alive():
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in ok:
        raise CommandFailed(f"{' '.join(command[:6])} … exited with {process.returncode}: "
                            f"{errors.decode(errors='replace')[-300:].strip()}")
    return elapsed, usage.ru_maxrss, sampler.peak


def measure(label: str, command: Sequence[str], cwd: Path, runs: int,
            before: Callable[[], None] = lambda: None, warm_up: bool = True,
            ok: Sequence[int] = (0,), note: str = "") -> Row:
    if warm_up:
        before()
        _run_once(command, cwd, ok)
    times, peak, tree = [], 0, 0
    for _ in range(runs):
        before()
        elapsed, rss, tree_kb = _run_once(command, cwd, ok)
        times.append(elapsed)
        peak, tree = max(peak, rss), max(tree, tree_kb)
    row = Row(label, times, peak, note, tree_kb=tree)
    sys.stderr.write(f"  {' | '.join(row.cells())}\n")
    return row


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, IndexError, ValueError):
        kb = int(Path("/proc/meminfo").read_text(encoding="utf-8").split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = f", load average {os.getloadavg()[0]:.1f} at start" if hasattr(os, "getloadavg") else ""
    import yaml

    return (f"{cpu}, {cores} cores{memory}{load}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, PyYAML {yaml.__version__} "
            f"(libyaml {'yes' if yaml.__with_libyaml__ else 'no'})")


def table(rows: list[Row]) -> str:
    lines = ["| measurement | median | min | max | × `python -c pass` | × read the files "
             "| × `json.loads` of the records | peak memory (largest process) "
             "| peak memory (all its processes) | note |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)
