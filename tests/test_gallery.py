"""The problem gallery: one bad file per problem code, with the code and line it must produce.

Each ``tests/gallery/*.yaml`` starts with ``# target: <path in the repository>`` and one or more
``# expect: [<file>:]<line> <code>`` lines; the test writes it over a copy of the valid fixture
and checks that ``psea validate`` reports exactly those problems. Codes that cannot be shown by
a committed file (a 5 MB file, a dangling link) are generated below.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from psea_cli.catalogue import CATALOGUE
from psea_cli.problem_codes import CODES
from psea_cli.validation import load_dataset

GALLERY = Path(__file__).parent / "gallery"
HEADER = re.compile(rb"^# (target|expect): (.+)$")


def _read_entry(path: Path) -> tuple[str, set[tuple[str, int, str]]]:
    target = ""
    expected: set[tuple[str, int, str]] = set()
    for raw in path.read_bytes().splitlines()[:6]:
        match = HEADER.match(raw)
        if not match:
            continue
        value = match.group(2).decode()
        if match.group(1) == b"target":
            target = value
        else:
            where, code = value.split()
            file, _, line = where.rpartition(":")
            expected.add((file or target, int(line), code))
    return target, expected


ENTRIES = sorted(GALLERY.glob("*.yaml"))


@pytest.mark.parametrize("entry", ENTRIES, ids=[p.stem for p in ENTRIES])
def test_gallery_entry_reports_its_problem(entry: Path, valid_repo: Path) -> None:
    target, expected = _read_entry(entry)
    assert target, f"{entry.name} lacks its # target header"
    assert expected, f"{entry.name} lacks its # expect header"
    destination = valid_repo / target
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(entry, destination)

    _dataset, problems = load_dataset(valid_repo)

    found = {(p.file, p.line, p.code) for p in problems}
    assert found == expected
    wrong = {(p.code, p.severity.label) for p in problems
             if p.code in CATALOGUE and p.severity is not CATALOGUE[p.code].severity}
    assert not wrong, f"the catalogue gives these codes another severity: {wrong}"


def test_valid_fixture_has_no_problem(valid_repo: Path) -> None:
    _dataset, problems = load_dataset(valid_repo)
    assert problems == []


def test_file_larger_than_5_mb_is_refused(valid_repo: Path) -> None:
    big = valid_repo / "data" / "focal_points" / "alpha.yaml"
    big.write_text("id: alpha\nname: Alpha\ntype: ngo\n" + "# padding\n" * 600_000)
    _dataset, problems = load_dataset(valid_repo)
    assert [(p.file, p.code) for p in problems] == [("data/focal_points/alpha.yaml", "file.too-large")]


def test_dangling_link_is_reported_not_skipped(valid_repo: Path) -> None:
    (valid_repo / "data" / "focal_points" / "gamma.yaml").symlink_to(valid_repo / "gone.yaml")
    _dataset, problems = load_dataset(valid_repo)
    assert [(p.file, p.line, p.code) for p in problems] == [
        ("data/focal_points/gamma.yaml", 1, "file.unreadable")]


GENERATED = {"file.too-large", "file.unreadable",
             "cases.sealed-stale",  # needs two files: tests/test_case_encryption.py
             "records.duplicate-session"}  # two files: tests/test_records_indicators.py
GENERATED |= {  # shown by generated files in tests/test_hardening_files.py
    "file.not-regular", "file.name-encoding", "network.cases-dir", "cases.store-missing",
    "cases.outside-store", "file.link-outside"}


def test_every_code_has_a_gallery_example() -> None:
    shown = {code for entry in ENTRIES for (_f, _l, code) in _read_entry(entry)[1]}
    missing = sorted(set(CODES) - shown - GENERATED)
    assert missing == [], f"codes without a bad-file example in tests/gallery: {missing}"


def test_gallery_uses_only_catalogued_codes() -> None:
    shown = {code for entry in ENTRIES for (_f, _l, code) in _read_entry(entry)[1]}
    assert shown <= set(CODES)


def test_forbidden_tag_is_never_executed(valid_repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (valid_repo / "data" / "focal_points" / "alpha.yaml").write_text(
        f'id: !!python/object/apply:os.system ["touch {marker}"]\n')
    _dataset, problems = load_dataset(valid_repo)
    assert [p.code for p in problems] == ["yaml.forbidden-tag"]
    assert not marker.exists()
