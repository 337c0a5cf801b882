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
                f"{max(self.times):.3f} s", *ratios, f"{self.peak_kb / 1024:.0f} MB", self.note]


ENV = {**os.environ, "PSEA_LANG": "en"}


def _run_once(command: Sequence[str], cwd: Path, ok: Sequence[int]) -> tuple[float, int]:
    """Wall-clock seconds and peak resident memory (kB) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=ENV)
    assert process.stderr is not None
    errors = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in ok:
        raise CommandFailed(f"{' '.join(command[:6])} … exited with {process.returncode}: "
                            f"{errors.decode(errors='replace')[-300:].strip()}")
    return elapsed, usage.ru_maxrss


def measure(label: str, command: Sequence[str], cwd: Path, runs: int,
            before: Callable[[], None] = lambda: None, warm_up: bool = True,
            ok: Sequence[int] = (0,), note: str = "") -> Row:
    if warm_up:
        before()
        _run_once(command, cwd, ok)
    times, peak = [], 0
    for _ in range(runs):
        before()
        elapsed, rss = _run_once(command, cwd, ok)
        times.append(elapsed)
        peak = max(peak, rss)
    row = Row(label, times, peak, note)
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
             "| × `json.loads` of the records | peak memory | note |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)
