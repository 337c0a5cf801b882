"""Reading at scale gives the same answers as reading one file at a time: the synthetic
repository of the benchmarks is valid, parallel parsing equals serial parsing (and falls back
cleanly), the fast YAML builder equals PyYAML's constructors, and start-up stays light."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from psea_cli import layout, reading, yamlcareful, yamlio
from psea_cli.cli import app
from psea_cli.dataset import Dataset
from psea_cli.validation import load_dataset

REPOSITORY = Path(__file__).resolve().parent.parent
SMALL = ["--cases", "120", "--organisations", "30", "--focal-points", "60", "--services", "40"]


def _generate(out: Path, *extra: str) -> Path:
    subprocess.run([sys.executable, str(REPOSITORY / "benchmarks" / "generate.py"), *SMALL,
                    *extra, "--out", str(out)], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate(tmp_path_factory.mktemp("generated") / "network")


def _snapshot(dataset: Dataset) -> list[tuple[str, object]]:
    return ([(c.file, c.value.model_dump()) for c in dataset.cases]
            + [(o.file, o.value.model_dump()) for o in dataset.organisations]
            + [(s.file, s.value.model_dump()) for s in dataset.services])


def test_the_benchmark_repository_is_valid(generated: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["--root", str(generated), "--lang", "en", "--no-cache",
                                 "validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("0 errors") or "\n0 errors," in result.stdout
    assert len(list((generated / "data" / "cases").rglob("*.yaml"))) == 120
    focal_points = sum(text.count("- id: fp-") for text in (
        p.read_text(encoding="utf-8") for p in (generated / "data" / "focal_points").iterdir()))
    assert focal_points == 60


def test_the_generator_is_reproducible(generated: Path, tmp_path: Path) -> None:
    again = _generate(tmp_path / "again")
    files = sorted(p.relative_to(generated) for p in (generated / "data").rglob("*.yaml"))
    assert files == sorted(p.relative_to(again) for p in (again / "data").rglob("*.yaml"))
    assert all((generated / f).read_bytes() == (again / f).read_bytes() for f in files)


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated repository with a YAML error, a schema error and a reference error."""
    repo = _generate(tmp_path_factory.mktemp("broken") / "network", "--seed", "7")
    cases = sorted((repo / "data" / "cases").rglob("*.yaml"))
    cases[0].write_text(cases[0].read_text(encoding="utf-8") + "events: [\n", encoding="utf-8")
    cases[1].write_text(cases[1].read_text(encoding="utf-8").replace("channel:", "canal:"),
                        encoding="utf-8")
    cases[2].write_text(cases[2].read_text(encoding="utf-8").replace("region: ML", "region: XX"),
                        encoding="utf-8")
    return repo


def test_parallel_parsing_reads_exactly_what_serial_parsing_reads(
    broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial, serial_problems = load_dataset(broken, use_cache=False)
    assert {p.code for p in serial_problems} >= {"yaml.syntax", "schema.unknown-key"}
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    parallel, parallel_problems = load_dataset(broken, use_cache=False)
    assert parallel_problems == serial_problems
    assert _snapshot(parallel) == _snapshot(serial)
    assert parallel.files_read == serial.files_read


def test_parallel_parsing_falls_back_to_one_process(
    broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_dataset(broken, use_cache=False)[1]
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)

    def no_processes(*args: object, **kwargs: object) -> None:
        raise OSError("no processes in this sandbox")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_processes)
    assert load_dataset(broken, use_cache=False)[1] == expected
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert load_dataset(broken, use_cache=False)[1] == expected


_YAML_ISH = st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"\n#,?~0123456789.eExnulTtFf+")),
                    max_size=80)


@settings(max_examples=400, deadline=None)
@given(_YAML_ISH)
def test_the_fast_builder_reads_what_pyyaml_constructs(text: str) -> None:
    fast = yamlio.parse(text)
    if isinstance(fast, yamlio.ParseFailure) and fast.code == "file.empty":
        return
    reference = yamlcareful._parse_with_constructors(text)
    assert repr(fast) == repr(reference)  # repr: nan == nan, and 1 vs 1.0 vs True differ


def test_yaml_scalars_keep_their_yaml_1_2_types() -> None:
    data = yamlio.parse("a: 0x1F\nb: 0o17\nc: -.inf\nd: 1e3\ne: ~\nf: FALSE\ng: 1_000\n"
                        f"h: {'9' * 5000}\n")
    assert data == {"a": 31, "b": 15, "c": float("-inf"), "d": 1000.0, "e": None, "f": False,
                    "g": "1_000", "h": "9" * 5000}


def test_help_and_version_import_no_heavy_library() -> None:
    """`psea --help` must start in a blink: pydantic, YAML, jinja2, git, babel and rich are
    imported by the commands that use them, never at start-up."""
    code = (
        "import contextlib, io, sys\n"
        "heavy = {'pydantic', 'pydantic_core', 'yaml', 'ruamel', 'jinja2', 'git', 'babel',\n"
        "         'rich', 'openpyxl'}\n"
        "for argv in (['--help'], ['--version']):\n"
        "    sys.argv = ['psea', *argv]\n"
        "    import psea_cli.cli\n"
        "    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "        psea_cli.cli.main()\n"
        "    print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=REPOSITORY / "tests")
    assert result.stdout.splitlines() == ["[]", "[]"]


def test_one_edit_rewrites_at_most_two_record_shards(generated: Path, tmp_path: Path) -> None:
    repo = tmp_path / "network"
    shutil.copytree(generated, repo)
    load_dataset(repo)
    shards = repo / ".psea-cache" / "records"
    before = {p.name: p.stat().st_ino for p in shards.iterdir()}
    assert len(before) > 50
    case = min((repo / "data" / "cases").glob("*.yaml"))
    case.write_text(case.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    load_dataset(repo)
    after = {p.name: p.stat().st_ino for p in shards.iterdir()}
    rewritten = {name for name in before.keys() | after.keys()
                 if before.get(name) != after.get(name)}
    assert 1 <= len(rewritten) <= 2  # the edited file's new record, and its old one dropped


def test_a_first_run_read_by_the_workers_fills_the_cache_as_one_read_here(
    broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a first run the workers read and hash the files themselves (the survey only stats
    them): the next run finds every digest and every parsed record in the cache."""
    repo = tmp_path / "network"
    shutil.copytree(broken, repo)
    (repo / "data" / "cases" / "ghost.yaml").symlink_to(repo / "nowhere.yaml")
    expected = load_dataset(repo, use_cache=False)[1]
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    first = load_dataset(repo)[1]
    assert first == expected
    assert any(p.file == "data/cases/ghost.yaml" for p in first)

    unparsable = {p.file for p in first if p.code.startswith("yaml.")}  # never cached
    parsed_again: list[str] = []
    parse_many = reading._parse_many

    def parse_only_what_failed(todo: list[reading.FileState], as_json: list[bool],
                               screen: reading.Screen | None
                               ) -> Iterator[tuple[bytes | None, object, object]]:
        parsed_again.extend(state.label for state in todo)
        return parse_many(todo, as_json, screen)

    monkeypatch.setattr(reading, "_parse_many", parse_only_what_failed)
    dataset, again = load_dataset(repo)
    assert again == expected
    assert unparsable
    # every parsed record came from the cache; the unparsable ones, never cached, are not
    # read again either: their problems are their outcome's (``outcomes``)
    assert parsed_again == []
    assert len(dataset.cases) > 100


_NAME = st.text(alphabet="ab.-_/ é0", min_size=1, max_size=6).filter(
    lambda name: "/" not in name and name not in (".", ".."))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_NAME, min_size=1, max_size=3).map("/".join), max_size=20))
def test_files_are_listed_in_the_order_of_their_paths(labels: list[str]) -> None:
    """The listing's one-string sort key orders labels as Path objects do, folder by folder."""
    sources = [(label, label) for label in labels]
    assert sorted(sources, key=layout._path_order) == sorted(
        sources, key=lambda source: PurePosixPath(source[0]).parts)
