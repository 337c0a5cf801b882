"""Time psea on synthetic repositories and print the table of docs/performance.md.

    python benchmarks/run.py                    # everything, 5 runs per row (a few minutes)
    python benchmarks/run.py --runs 3 --sizes 1000 10000 --no-peer

Each row runs a command as a user would (a new process, the ``psea`` script of this Python
environment) and gives the median, the fastest and the slowest of the runs, and the largest
resident memory any run reached (its worker processes included). The code measured is a copy
of psea_cli/ taken at the start (benchmarks/out/code/), so that edits made meanwhile neither
mix versions nor empty the cache (whose key includes psea's code); it is compiled to bytecode
first, as an installed package is. Repositories are made by
``benchmarks/generate.py`` under benchmarks/out/ the first time they are needed.

Rows: start-up (``--help``, ``--version``); ``validate`` cold (no .psea-cache: the first run
after a clone, which also writes the cache), warm (nothing changed), and after one case file
changed; ``report semester --format html`` warm; cold ``validate`` at each size, to show that
time grows linearly; the same 10,000 cases encrypted (``case_encryption``, three age
recipients): cold ``validate`` with a key, warm with a key, cold without one, beside the
plain store and beside a floor measured in the same run (decrypting the 10,000 files with
pyrage in one process, nothing else); and check-jsonschema, a peer tool, validating the same
case files against psea's exported JSON Schema, with the ratio to psea's cold ``validate``.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import dataclasses
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from generate import REPOSITORY, generate  # benchmarks/generate.py, next to this script

OUT = REPOSITORY / "benchmarks" / "out"
BIN = Path(sys.executable).parent
PSEA = [str(BIN / "psea")] if (BIN / "psea").exists() else [sys.executable, "-m", "psea_cli"]
REPORT_PERIOD = "2021-S2"


class CommandFailed(Exception):
    """A measured command did not exit as expected."""


@dataclasses.dataclass
class Row:
    label: str
    times: list[float]
    peak_kb: int
    note: str = ""

    def cells(self) -> list[str]:
        median = statistics.median(self.times)
        return [self.label, f"{median:.2f} s", f"{min(self.times):.2f} s",
                f"{max(self.times):.2f} s", f"{self.peak_kb / 1024:.0f} MB", self.note]


def snapshot_code() -> str:
    """Copy psea_cli/ aside (the commands run that copy) and say which revision it is."""
    code = OUT / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(REPOSITORY / "psea_cli", code / "psea_cli",
                    ignore=shutil.ignore_patterns("__pycache__"))
    # compiled once, as ``pip install`` does: otherwise, where PYTHONDONTWRITEBYTECODE is set,
    # every run would compile psea from source (about 0.1 s) and no user's run does that
    compileall.compile_dir(code / "psea_cli", quiet=1)
    ENV["PYTHONPATH"] = str(code)
    git = ["git", "-C", str(REPOSITORY)]
    revision = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=False).stdout.strip()
    dirty = subprocess.run([*git, "status", "--porcelain", "psea_cli"], capture_output=True,
                           text=True, check=False).stdout.strip()
    return f"psea at {revision or 'an unknown revision'}" + (" with uncommitted changes"
                                                             if dirty else "")


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


def repository(cases: int, regenerate: bool) -> Path:
    out = OUT / f"cases-{cases}"
    if regenerate or not (out / "data" / "network.yaml").is_file():
        sys.stderr.write(f"generating {out} ...\n")
        generate(out, cases)
    return out


def _no_cache(repo: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(repo / ".psea-cache", ignore_errors=True)


@contextlib.contextmanager
def _one_case_edited(repo: Path) -> Iterator[Callable[[], None]]:
    """A function that changes one case file, as a focal point's commit would; the file is
    restored afterwards."""
    case = min((repo / "data" / "cases").glob("*.yaml"))
    original = case.read_bytes()
    count = [0]

    def edit() -> None:
        count[0] += 1
        case.write_bytes(original + f"# edit {count[0]}\n".encode())

    try:
        yield edit
    finally:
        case.write_bytes(original)


def encrypted_repository(plain: Path, regenerate: bool) -> tuple[Path, Path]:
    """A copy of ``plain`` whose case records are encrypted to three age recipients (the
    second one's key is used), made with psea's own ``sealing``; and that key file."""
    from pyrage import x25519

    from psea_cli.sealing import seal

    out, key = OUT / f"{plain.name}-encrypted", OUT / f"{plain.name}-encrypted.key"
    if not regenerate and key.is_file() and (out / "data" / "network.yaml").is_file():
        return out, key
    sys.stderr.write(f"generating {out} ...\n")
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(plain, out, ignore=shutil.ignore_patterns(".psea-cache", ".git"))
    identities = [x25519.Identity.generate() for _ in range(3)]
    key.write_text(f"{identities[1]}\n", encoding="utf-8")
    keys = [str(i.to_public()) for i in identities]
    network = out / "data" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8") + "case_encryption:\n  recipients:\n"
                       + "".join(f"    - name: member-{n}\n      key: {k}\n"
                                 for n, k in enumerate(keys, 1)), encoding="utf-8")
    for case in (out / "data" / "cases").glob("*.yaml"):
        case.with_suffix(".age").write_bytes(seal(case.read_bytes(), keys, case.stem))
        case.unlink()
    return out, key


def decrypt_floor(repo: Path, key: Path) -> list[str]:
    """A command that only decrypts every case file of ``repo`` with pyrage, in one process:
    the least any reader of these files pays."""
    script = ("import sys, pathlib, pyrage\n"
              "from pyrage import x25519\n"
              "key = [x25519.Identity.from_str(pathlib.Path(sys.argv[2]).read_text().strip())]\n"
              "for f in pathlib.Path(sys.argv[1]).glob('*.age'):\n"
              "    raw = f.read_bytes()\n"
              "    pyrage.decrypt(raw[raw.index(b'-----BEGIN'):], key)\n")
    return [sys.executable, "-c", script, str(repo / "data" / "cases"), str(key)]


def encrypted_rows(plain: Path, cold: float, runs: int, regenerate: bool) -> list[Row]:
    """The floor (decrypting alone) and ``validate`` on the encrypted copy of ``plain``, each
    with its ratio to the plain store's cold validate (``cold``) and to the floor."""
    sealed, key = encrypted_repository(plain, regenerate)
    with_key = [*PSEA, "--root", str(sealed), "--identity", str(key), "validate"]
    floor = measure("floor: decrypt the 10,000 case files (pyrage, one process)",
                    decrypt_floor(sealed, key), sealed, runs)
    floor_median = statistics.median(floor.times)
    encrypted = [
        measure("validate, cold, 10,000 encrypted cases, with the key", with_key, sealed, runs,
                _no_cache(sealed), warm_up=False),
        measure("validate, warm, 10,000 encrypted cases, with the key", with_key, sealed, runs),
        measure("validate, cold, 10,000 encrypted cases, no key", [
            *PSEA, "--root", str(sealed), "validate"], sealed, runs, _no_cache(sealed),
            warm_up=False),
    ]
    for row in encrypted:
        median = statistics.median(row.times)
        row.note = (f"{median / cold:.1f}× the plain store's cold validate; "
                    f"{median / floor_median:.1f}× the decryption floor")
    return [floor, *encrypted]


def case_schema(repo: Path) -> Path:
    """psea's exported schema for case files (generated here if schemas/ is not there yet)."""
    shipped = REPOSITORY / "schemas" / "case.schema.json"
    if shipped.is_file():
        return shipped
    import json

    from psea_cli.models import Case

    target = OUT / "case.schema.json"
    target.write_text(json.dumps(Case.model_json_schema(), indent=2), encoding="utf-8")
    return target


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
    lines = ["| measurement | median | min | max | peak memory | note |",
             "|---|---:|---:|---:|---:|---|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000, 20000])
    parser.add_argument("--no-peer", action="store_true", help="skip check-jsonschema")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--encrypted-only", action="store_true",
                        help="only the plain store's cold validate, the decryption floor and "
                             "the encrypted store's rows")
    options = parser.parse_args(argv)
    runs = options.runs
    header = f"{machine()}; {snapshot_code()}"
    main_repo = repository(10_000, options.regenerate)
    files = sum(1 for _ in (main_repo / "data").rglob("*.yaml"))
    validate = [*PSEA, "--root", str(main_repo), "validate"]
    sys.stderr.write(f"{header}\n")
    rows = [] if options.encrypted_only else [
        measure("psea --help", [*PSEA, "--help"], main_repo, runs),
        measure("psea --version", [*PSEA, "--version"], main_repo, runs)]
    rows.append(measure("validate, cold (no cache)", validate, main_repo, runs,
                        _no_cache(main_repo), warm_up=False,
                        note=f"{files:,} files; also writes the cache"))
    cold = statistics.median(rows[-1].times)
    if options.encrypted_only:
        rows += encrypted_rows(main_repo, cold, runs, options.regenerate)
        print(f"Machine: {header}\n")
        print(table(rows))
        return 0
    rows.append(measure("validate, warm (nothing changed)", validate, main_repo, runs))
    with _one_case_edited(main_repo) as edit:
        rows.append(measure("validate, one case file changed", validate, main_repo, runs, edit))
    report = [*PSEA, "--root", str(main_repo), "report", "semester", REPORT_PERIOD,
              "--format", "html", "--output", str(OUT / "report.html")]
    try:
        rows.append(measure(f"report semester {REPORT_PERIOD} --format html, warm", report,
                            main_repo, runs))
    except CommandFailed as failure:
        rows.append(Row(f"report semester {REPORT_PERIOD} --format html, warm", [0.0], 0,
                        f"FAILED: {failure}"))
    audit = measure("audit (every published case figure attacked), warm",
                    [*PSEA, "--root", str(main_repo), "audit"], main_repo, runs)
    audit.note = (f"{statistics.median(audit.times) / statistics.median(rows[3].times):.1f}× "
                  "warm validate")
    rows.append(audit)
    rows += encrypted_rows(main_repo, cold, runs, options.regenerate)
    previous: tuple[int, float] | None = None
    for size in sorted(options.sizes):
        repo = repository(size, options.regenerate)
        row = measure(f"validate, cold, {size:,} cases", [*PSEA, "--root", str(repo), "validate"],
                      repo, runs, _no_cache(repo), warm_up=False)
        median = statistics.median(row.times)
        if previous is not None:  # the cost of each case added since the previous size
            slope = (median - previous[1]) / (size - previous[0])
            row.note = f"+{slope * 1e6:.0f} µs per case added"
        previous = (size, median)
        rows.append(row)
    if not options.no_peer:
        schema = case_schema(main_repo)
        cases = sorted(str(p) for p in (main_repo / "data" / "cases").glob("*.yaml"))
        peer = measure("check-jsonschema, same 10,000 case files",
                       [str(BIN / "check-jsonschema"), "--schemafile", str(schema), *cases],
                       main_repo, runs, warm_up=False)
        ratio = statistics.median(peer.times) / cold
        peer.note = f"schema checks only; {ratio:.1f}× psea's cold validate"
        rows.append(peer)
    print(f"Machine: {header}\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
