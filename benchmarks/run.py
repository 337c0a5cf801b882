"""Time psea on synthetic repositories and print the tables of docs/performance.md.

    python benchmarks/run.py                          # 1,000 and 10,000 cases, 5 runs a row
    python benchmarks/run.py --runs 3 --sizes 10000 --no-encrypted --no-peer   # quicker
    python benchmarks/run.py --sizes 100000 --runs 2 --cold-runs 1 --no-encrypted

Each row runs a command as a user would (a new process, the ``psea`` script of this Python
environment) and gives the median, the fastest and the slowest of the runs, the ratio of the
median to three floors measured in the same run — starting Python (``python -c pass``),
reading every data file, and ``json.loads`` of the same records, one per file — and the
largest resident memory any run reached (its worker processes included). Read the ratios: on
a busy or slower machine the absolute times change, the ratios much less. The code measured is
a copy of psea_cli/ taken at the start (benchmarks/out/code/), compiled to bytecode first, as
an installed package is. Repositories are made by ``benchmarks/generate.py`` under
benchmarks/out/ the first time they are needed.

Rows, for each size: the floors; ``validate`` cold (no .psea-cache: the first run after a
clone, which also writes the cache), warm (nothing changed), after one case file changed and
after one organisation's directory file changed;
``report semester --format html`` cold and warm. At 10,000 cases also: ``--help``,
``--version``; the same cases encrypted (``case_encryption``, three age recipients) with a
decryption floor; and check-jsonschema, a peer tool, validating the same case files against
psea's exported JSON Schema.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from generate import REPOSITORY, generate  # benchmarks/generate.py, next to this script
from timing import ENV, Row, machine, measure, table  # benchmarks/timing.py

OUT = REPOSITORY / "benchmarks" / "out"
BIN = Path(sys.executable).parent
PSEA = [str(BIN / "psea")] if (BIN / "psea").exists() else [sys.executable, "-m", "psea_cli"]
REPORT_PERIOD = "2021-S2"


def snapshot_code() -> str:
    """Copy psea_cli/ aside (the commands run that copy) and say which revision it is."""
    code = OUT / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(REPOSITORY / "psea_cli", code / "psea_cli",
                    ignore=shutil.ignore_patterns("__pycache__"))
    # the report templates, where an installed psea has them (the wheel copies them there)
    shutil.copytree(REPOSITORY / "templates", code / "psea_cli" / "templates")
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


def repository(cases: int, regenerate: bool) -> Path:
    out = OUT / f"cases-{cases}"
    if regenerate or not (out / "data" / "network.yaml").is_file():
        sys.stderr.write(f"generating {out} ...\n")
        generate(out, cases)
    return out


def _no_cache(repo: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(repo / ".psea-cache", ignore_errors=True)


@contextlib.contextmanager
def _one_file_edited(path: Path) -> Iterator[Callable[[], None]]:
    """A function that changes ``path`` (a comment added at its end, so that it stays valid),
    as a commit would; the file is restored afterwards."""
    original = path.read_bytes()
    count = [0]

    def edit() -> None:
        count[0] += 1
        path.write_bytes(original + f"# edit {count[0]}\n".encode())

    try:
        yield edit
    finally:
        path.write_bytes(original)


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


_READ = ("import os, sys\n"
         "for folder, _dirs, names in os.walk(sys.argv[1]):\n"
         "    for name in names:\n"
         "        if name.endswith('.yaml'):\n"
         "            with open(os.path.join(folder, name), 'rb') as f:\n"
         "                f.read()\n")
_JSON = ("import json, sys\n"
         "with open(sys.argv[1], encoding='utf-8') as f:\n"
         "    for line in f:\n"
         "        json.loads(line)\n")


def records_as_json(repo: Path) -> Path:
    """Every data file's records as one JSON text per line (the JSON floor reads them)."""
    target = OUT / f"{repo.name}.jsonl"
    if target.is_file():
        return target
    import json

    import yaml

    with target.open("w", encoding="utf-8") as out:
        for folder, _dirs, names in os.walk(repo / "data"):
            for name in sorted(names):
                if name.endswith(".yaml"):
                    text = (Path(folder) / name).read_text(encoding="utf-8")
                    data = yaml.load(text, Loader=yaml.CSafeLoader)
                    out.write(json.dumps(data, default=str, ensure_ascii=False) + "\n")
    return target


def floors(repo: Path, runs: int) -> tuple[list[Row], tuple[float, float, float]]:
    """The three floors, measured now: starting Python, reading the files, parsing JSON."""
    rows = [
        measure("floor: python -c pass", [sys.executable, "-c", "pass"], repo, runs),
        measure("floor: read every data file", [sys.executable, "-c", _READ,
                                                str(repo / "data")], repo, runs),
        measure("floor: json.loads of the same records, one per file",
                [sys.executable, "-c", _JSON, str(records_as_json(repo))], repo, runs),
    ]
    medians = (rows[0].median, rows[1].median, rows[2].median)
    for row in rows:
        row.floors = medians
    return rows, medians


def size_rows(repo: Path, size: int, runs: int, cold_runs: int) -> list[Row]:
    """Floors, then validate (cold, warm, one file changed) and the HTML report (cold, warm)."""
    files = sum(1 for _ in (repo / "data").rglob("*.yaml"))
    rows, medians = floors(repo, runs)
    validate = [*PSEA, "--root", str(repo), "validate"]
    report = [*PSEA, "--root", str(repo), "report", "semester", REPORT_PERIOD, "--format",
              "html", "--output", str(OUT / "report.html")]
    rows.append(measure(f"validate, cold (no cache), {size:,} cases", validate, repo, cold_runs,
                        _no_cache(repo), warm_up=False,
                        note=f"{files:,} files; also writes the cache"))
    rows.append(measure("validate, warm (nothing changed)", validate, repo, runs))
    with _one_file_edited(min((repo / "data" / "cases").glob("*.yaml"))) as edit:
        rows.append(measure("validate, one case file changed", validate, repo, runs, edit))
    with _one_file_edited(min((repo / "data" / "focal_points").glob("*.yaml"))) as edit:
        rows.append(measure("validate, one focal point file changed", validate, repo, runs,
                            edit, note="an organisation's directory entry"))
    rows.append(measure(f"report semester {REPORT_PERIOD} --format html, cold (no cache)",
                        report, repo, cold_runs, _no_cache(repo), warm_up=False))
    rows.append(measure(f"report semester {REPORT_PERIOD} --format html, warm", report, repo,
                        runs))
    for row in rows:
        row.floors = medians
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=3, help="runs of each cold row")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-peer", action="store_true", help="skip check-jsonschema")
    parser.add_argument("--no-encrypted", action="store_true", help="skip the encrypted store")
    parser.add_argument("--regenerate", action="store_true")
    options = parser.parse_args(argv)
    runs = options.runs
    header = f"{machine()}; {snapshot_code()}"
    sys.stderr.write(f"{header}\n")
    print(f"Machine: {header}\n")
    for size in sorted(options.sizes):
        repo = repository(size, options.regenerate)
        rows = size_rows(repo, size, runs, options.cold_runs)
        medians = rows[0].floors
        if size == 10_000:
            start = [measure("psea --help", [*PSEA, "--help"], repo, runs),
                     measure("psea --version", [*PSEA, "--version"], repo, runs)]
            cold = rows[3].median
            extra = [] if options.no_encrypted else encrypted_rows(
                repo, cold, runs, options.regenerate)
            if not options.no_peer:
                extra.append(peer_row(repo, cold, options.cold_runs))
            for row in [*start, *extra]:
                row.floors = medians
            rows[3:3] = start
            rows += extra
        print(f"### {size:,} cases\n")
        print(table(rows))
        print()
        sys.stdout.flush()
    return 0


def peer_row(repo: Path, cold: float, runs: int) -> Row:
    """check-jsonschema on the same case files, with psea's cold validate beside it."""
    schema = case_schema(repo)
    cases = sorted(str(p) for p in (repo / "data" / "cases").glob("*.yaml"))
    peer = measure("check-jsonschema, same 10,000 case files",
                   [str(BIN / "check-jsonschema"), "--schemafile", str(schema), *cases],
                   repo, runs, warm_up=False)
    peer.note = (f"schema checks only; psea's cold validate is {peer.median / cold:.1f}× "
                 "faster")
    return peer


if __name__ == "__main__":
    sys.exit(main())
