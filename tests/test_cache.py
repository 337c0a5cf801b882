"""The content-keyed cache under .psea-cache/: never stale, safe to delete, corrupt or copy,
holding no more than the files hold, and invisible in what psea reports."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli import cache, reading
from psea_cli.cli import app
from psea_cli.dataset import Dataset, Finding
from psea_cli.i18n import set_language
from psea_cli.problems import Problem, Severity
from psea_cli.validation import check_repository, load_dataset

CASE = "data/cases/7KQ2M9AB.yaml"


@pytest.fixture
def repo(valid_repo: Path) -> Path:
    """The valid repository without any cache a test run may have left in the fixture."""
    shutil.rmtree(valid_repo / cache.CACHE_DIR, ignore_errors=True)
    return valid_repo


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many files were parsed (not served from the cache) since the fixture was set up."""
    count = [0]
    original = reading.parse_bytes

    def counting(raw: bytes) -> object:
        count[0] += 1
        return original(raw)

    monkeypatch.setattr(reading, "parse_bytes", counting)
    return count


def _cache_bytes(repo: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted((repo / cache.CACHE_DIR).rglob("*"))
                    if p.is_file())


def _break(repo: Path) -> None:
    """Problems of every kind: YAML syntax, schema (nested), a cross-file reference."""
    (repo / "data" / "focal_points" / "gamma.yaml").write_text(
        "id: gamma\nname: [Gamma\n", encoding="utf-8")
    alpha = repo / "data" / "focal_points" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace(
        "    role: focal_point", "    role: focal_point\n    sigle: X"), encoding="utf-8")
    case = repo / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("region: ML05", "region: ML99"),
                    encoding="utf-8")


def _positions(problems: list[Problem]) -> list[tuple[str, int, int, str]]:
    return [(p.file, p.line, p.column, p.code) for p in problems]


def test_a_changed_file_is_never_served_from_the_cache_even_with_same_size_and_mtime(
    repo: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[int]
) -> None:
    monkeypatch.setattr(cache, "RACY_MARGIN_NS", 0)  # trust signatures at once: the fast path
    load_dataset(repo)
    load_dataset(repo)
    assert parsed[0] == 7  # the second run parsed nothing: every file came from the cache
    case = repo / CASE
    before = case.stat()
    case.write_text(case.read_text(encoding="utf-8").replace("channel: hotline",
                                                             "channel: hotlinx"),
                    encoding="utf-8")
    os.utime(case, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = case.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)

    dataset, problems = load_dataset(repo)

    assert parsed[0] == 8  # the changed file, and only it, was parsed again
    assert [(p.file, p.code) for p in problems] == [(CASE, "schema.invalid-choice")]
    assert dataset.cases == []
    _files, problems = check_repository(repo)  # the verdict of the earlier content is not reused
    assert [(p.file, p.code) for p in problems] == [(CASE, "schema.invalid-choice")]


def test_where_ctime_is_not_a_change_time_every_file_is_hashed(
    repo: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[int]
) -> None:
    """On Windows st_ctime is the creation time: a signature proves nothing there."""
    monkeypatch.setattr(cache, "STAT_MEANS_CONTENT", False)
    monkeypatch.setattr(cache, "RACY_MARGIN_NS", 0)
    monkeypatch.setattr(reading, "signature", lambda st: (st.st_size, st.st_mtime_ns, 0, 0, 0))
    load_dataset(repo)
    case = repo / CASE
    before = case.stat()
    case.write_text(case.read_text(encoding="utf-8").replace("hotline", "hotlinx"),
                    encoding="utf-8")
    os.utime(case, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert [p.code for p in check_repository(repo)[1]] == ["schema.invalid-choice"]
    assert parsed[0] == 8  # the other files were hashed, found unchanged, and not parsed


def test_a_file_changed_back_and_forth_is_always_read_as_it_is_now(repo: Path) -> None:
    case = repo / CASE
    original = case.read_text(encoding="utf-8")
    for text, expected in [(original.replace("ML05", "ML99"), ["ref.unknown-region"]),
                           (original, []),
                           (original.replace("ML05", "ML99"), ["ref.unknown-region"])]:
        case.write_text(text, encoding="utf-8")
        assert [p.code for p in check_repository(repo)[1]] == expected
        assert [p.code for p in load_dataset(repo)[1]] == expected


def test_nothing_is_parsed_again_when_nothing_changed(repo: Path, parsed: list[int]) -> None:
    first = check_repository(repo)
    assert parsed[0] == 7
    assert check_repository(repo) == first
    dataset, problems = load_dataset(repo)
    assert parsed[0] == 7
    assert (dataset.files_read, problems) == first
    assert [c.value.id for c in dataset.cases] == ["7KQ2M9AB"]


def test_problems_keep_their_line_and_column_on_every_path(
    repo: Path, parsed: list[int]
) -> None:
    _break(repo)
    fresh = load_dataset(repo, use_cache=False)[1]
    assert {p.code for p in fresh} >= {"yaml.syntax", "schema.unknown-key", "ref.unknown-region"}
    assert load_dataset(repo)[1] == fresh          # parsed, cache written
    assert check_repository(repo)[1] == fresh      # the cached verdict
    parsed_before = parsed[0]
    set_language("fr")                             # another verdict key: records from the cache
    french = load_dataset(repo)[1]
    assert parsed[0] == parsed_before + 1          # only the file that does not parse
    assert _positions(french) == _positions(fresh)
    assert french != fresh                         # the messages are French


def test_a_cache_from_another_version_of_psea_is_ignored(
    repo: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[int]
) -> None:
    load_dataset(repo)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another version of the schemas")
    assert load_dataset(repo)[1] == []
    assert parsed[0] == 14  # every file parsed again


def test_a_corrupt_cache_is_ignored(repo: Path, runner: CliRunner, parsed: list[int]) -> None:
    load_dataset(repo)
    folder = repo / cache.CACHE_DIR
    for path in [folder / "index", *sorted((folder / "records").iterdir())[:2]]:
        path.write_bytes(path.read_bytes()[:-7] + b"garbage")
    result = runner.invoke(app, ["--root", str(repo), "validate"])
    assert result.exit_code == 0, result.output
    assert parsed[0] == 14
    (folder / "index").write_bytes(b"\x00" * 3)
    assert check_repository(repo) == (7, [])


def test_a_copied_cache_is_not_trusted(repo: Path, tmp_path: Path, parsed: list[int]) -> None:
    """A cache that arrives with a copy (or a commit) of the repository is wiped, not used."""
    check_repository(repo)
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy)
    case = copy / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("ML05", "ML99"), encoding="utf-8")
    _files, problems = check_repository(copy)
    assert [p.code for p in problems] == ["ref.unknown-region"]
    assert parsed[0] == 14


def test_cache_files_from_a_copy_are_never_unmarshalled(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache file is checked with a digest keyed by its folder's binding before
    ``marshal.loads`` sees it: bytes that came with a copy or a pull request (a tiny forged
    file can make marshal allocate gigabytes) are refused unread, while this clone's own
    files still serve it."""
    check_repository(repo)
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy)
    unmarshalled: list[int] = []
    loads = cache.marshal.loads

    def counting(payload: bytes) -> object:
        unmarshalled.append(len(payload))
        return loads(payload)

    monkeypatch.setattr(cache.marshal, "loads", counting)
    foreign = cache.Cache.open(copy)
    foreign._load_index(copy / cache.CACHE_DIR)
    assert unmarshalled == []
    assert foreign.knows_nothing
    from psea_cli import instant

    assert instant.read_filed(copy, "verdict") is None
    assert unmarshalled == []
    own = cache.Cache.open(repo)
    own._load_index(repo / cache.CACHE_DIR)
    assert unmarshalled
    assert not own.knows_nothing


def test_an_edit_leaves_no_trace_of_the_old_content(repo: Path) -> None:
    """After a note is corrected (or a file deleted), the old text is nowhere in the cache."""
    case = repo / CASE
    case.write_text(case.read_text(encoding="utf-8") + "note: Suivi CANARY-TOKEN-7\n",
                    encoding="utf-8")
    load_dataset(repo)
    assert b"CANARY-TOKEN-7" in _cache_bytes(repo)
    case.write_text(case.read_text(encoding="utf-8").replace("CANARY-TOKEN-7", "assuré"),
                    encoding="utf-8")
    check_repository(repo)
    assert b"CANARY-TOKEN-7" not in _cache_bytes(repo)
    load_dataset(repo)
    assert b"CANARY-TOKEN-7" not in _cache_bytes(repo)
    case.unlink()
    load_dataset(repo)
    assert b"assur" not in _cache_bytes(repo)


def test_the_cache_folder_is_private_and_ignored_by_git_and_backups(repo: Path) -> None:
    load_dataset(repo)
    folder = repo / cache.CACHE_DIR
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")
    assert folder.stat().st_mode & 0o077 == 0
    assert all(p.stat().st_mode & 0o077 == 0 for p in (folder / "records").iterdir())


def test_no_cache_option_neither_reads_nor_writes_the_cache(
    repo: Path, runner: CliRunner, parsed: list[int]
) -> None:
    result = runner.invoke(app, ["--root", str(repo), "--no-cache", "validate"])
    assert result.exit_code == 0, result.output
    assert not (repo / cache.CACHE_DIR).exists()
    runner.invoke(app, ["--root", str(repo), "validate"])
    result = runner.invoke(app, ["--root", str(repo), "validate"], env={"PSEA_NO_CACHE": "1"})
    assert result.exit_code == 0
    assert parsed[0] == 21  # the cached run in between did not stop the last one parsing


def test_an_unwritable_cache_is_harmless(repo: Path, runner: CliRunner) -> None:
    (repo / cache.CACHE_DIR).write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(repo), "validate"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_a_cache_folder_that_is_a_link_is_never_followed(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / cache.CACHE_DIR).symlink_to(elsewhere)
    assert check_repository(repo) == (7, [])
    assert list(elsewhere.iterdir()) == []


def test_deleting_the_cache_is_safe(repo: Path) -> None:
    first = load_dataset(repo)[1]
    shutil.rmtree(repo / cache.CACHE_DIR)
    assert load_dataset(repo)[1] == first
    shutil.rmtree(repo / cache.CACHE_DIR / "records")
    assert check_repository(repo) == (7, first)
    assert load_dataset(repo)[1] == first


def test_a_case_store_outside_the_repository_is_never_copied_into_the_cache(
    repo: Path, tmp_path: Path, parsed: list[int]
) -> None:
    store = tmp_path / "private-cases"
    shutil.move(repo / "data" / "cases", store)
    network = repo / "data" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8") + "cases_dir: ../private-cases\n",
                       encoding="utf-8")
    assert check_repository(repo) == (7, [])
    assert check_repository(repo) == (7, [])
    dataset, _problems = load_dataset(repo)
    assert [c.file for c in dataset.cases] == ["../private-cases/7KQ2M9AB.yaml"]
    assert b"7KQ2M9AB" not in _cache_bytes(repo)
    assert b"ML05" in _cache_bytes(repo)  # the repository's own files are cached
    assert parsed[0] == 7 + 1 + 1  # the outside case file is parsed on every run


def test_the_verdict_of_another_day_or_another_set_of_checks_is_not_reused(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from psea_cli import clock, validation

    monkeypatch.setattr(clock, "today", lambda: dt.date(2020, 7, 16))  # before the referral
    assert "cases.future-date" in {p.code for p in check_repository(repo)[1]}
    monkeypatch.setattr(clock, "today", lambda: dt.date(2021, 1, 1))
    assert check_repository(repo)[1] == []
    monkeypatch.setattr(validation, "ACROSS_CASES", [*validation.ACROSS_CASES, _every_case_is_suspect])
    assert [p.code for p in check_repository(repo)[1]] == ["ref.duplicate-id"]


def _every_case_is_suspect(dataset: Dataset) -> Iterator[Finding]:
    for case in dataset.case_entries:
        yield Finding(case.file, ("id",), "ref.duplicate-id", Severity.ERROR, "test", "")


def test_a_root_reached_through_a_link_names_files_from_the_root(
    repo: Path, tmp_path: Path, parsed: list[int]
) -> None:
    link = tmp_path / "link-to-network"
    link.symlink_to(repo)
    (repo / CASE).write_text((repo / CASE).read_text(encoding="utf-8").replace("ML05", "ML99"),
                             encoding="utf-8")
    for _ in range(2):
        dataset, problems = load_dataset(link)
        assert [c.file for c in dataset.cases] == [CASE]
        assert [(p.file, p.line, p.code) for p in problems] == [(CASE, 4, "ref.unknown-region")]
    assert parsed[0] == 7  # the case store, reached through the link, is cached too


def test_a_file_dropped_into_the_case_store_is_seen_even_when_nothing_else_changed(
    repo: Path
) -> None:
    """The cached verdict answers for the YAML files; a spreadsheet dropped among the case
    records must still stop the commit (cases.stray-file), and a README must not."""
    assert check_repository(repo)[1] == []
    (repo / "data" / "cases" / "README.md").write_text("Anonymised case records only.\n",
                                                       encoding="utf-8")
    (repo / "data" / "cases" / ".gitkeep").write_text("", encoding="utf-8")
    assert check_repository(repo)[1] == []
    (repo / "data" / "cases" / "2020").mkdir()
    (repo / "data" / "cases" / "2020" / "plaintes.xlsx").write_bytes(b"PK\x03\x04")
    problems = check_repository(repo)[1]
    assert [(p.file, p.line, p.code) for p in problems] == [
        ("data/cases/2020/plaintes.xlsx", 1, "cases.stray-file")]
    (repo / "data" / "cases" / "2020" / "plaintes.xlsx").unlink()
    assert check_repository(repo)[1] == []
