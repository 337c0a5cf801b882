"""Schema problems say what is wrong without repeating what may identify someone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from psea_cli.validation import load_dataset


def test_an_unknown_key_that_may_hold_a_name_is_said_unnamed_not_as_another_key(
        valid_repo: Path) -> None:
    """A key like ``Jane Doe +223 76 12 34 56`` is not repeated, and the message does not
    name another key in its place (the file's kind, ``organisation``, was shown)."""
    org = sorted((valid_repo / "data" / "focal_points").glob("*.yaml"))[0]
    org.write_text(org.read_text(encoding="utf-8") + '"Jane Doe +223 76 12 34 56": 1\n',
                   encoding="utf-8")
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    found = [p for p in problems if p.code == "schema.unknown-key"]
    assert len(found) == 1
    assert "organisation" not in found[0].message
    assert "Jane" not in found[0].message
    assert "not repeated" in found[0].message


def test_a_text_too_long_says_its_limit_not_the_notes(valid_repo: Path) -> None:
    org = sorted((valid_repo / "data" / "focal_points").glob("*.yaml"))[0]
    text = org.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name:"))
    org.write_text(text.replace(name_line, "name: " + "x" * 2400), encoding="utf-8")
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    found = [p for p in problems if p.code == "schema.too-long"]
    assert len(found) == 1
    assert "at most" in found[0].message
    assert "280" not in found[0].hint


def test_a_number_typed_as_a_key_in_a_case_record_is_never_repeated(valid_repo: Path) -> None:
    """A phone number (``-76123456: x``) or a position (``12.639231: -8.002889``) written as
    a key is not repeated in any message, nor in the verdicts psea keeps (``index`` and
    ``verdict``: the problems; the records' own cache holds what the files hold)."""
    case = sorted((valid_repo / "data" / "cases").glob("*.yaml"))[0]
    text = case.read_text(encoding="utf-8")
    case.write_text(text + "-76123456: x\n12.639231: -8.002889\n", encoding="utf-8")
    _dataset, problems = load_dataset(valid_repo)
    shown = [f"{p.message} {p.hint}" for p in problems if p.file.endswith(case.name)]
    assert len(shown) == 2
    for secret in ("76123456", "12.639231", "8.002889"):
        assert not any(secret in line for line in shown)
        for kept in ("index", "verdict"):
            found = valid_repo / ".psea-cache" / kept
            assert not found.is_file() or secret.encode() not in found.read_bytes()


def test_a_misnamed_organisation_file_is_said_with_its_schema_errors(valid_repo: Path) -> None:
    """One commit is enough to learn every problem of a file: the file name that does not
    match a valid id is said in the same run as the schema's errors, not once they are
    fixed."""
    org = sorted((valid_repo / "data" / "focal_points").glob("*.yaml"))[0]
    text = org.read_text(encoding="utf-8")
    identifier = next(line for line in text.splitlines() if line.startswith("id:")).split()[1]
    misnamed = org.with_name("Solidarité Est.yaml")
    org.rename(misnamed)
    misnamed.write_text(text + "unknown_key: 1\n", encoding="utf-8")
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    codes = sorted(p.code for p in problems if p.file.endswith("Solidarité Est.yaml"))
    assert codes == ["ref.file-name-mismatch", "schema.unknown-key"]
    assert any(f"{identifier}.yaml" in p.hint for p in problems
               if p.code == "ref.file-name-mismatch")


def test_a_key_that_is_no_text_is_said_as_one_at_its_own_line(valid_repo: Path) -> None:
    """A number, true or a day written as a key (``12:``, ``true:``, ``2021-05-01:``) is
    said as a key that is no field name, at its own line: it said "'organisation' has an
    invalid value", ``true:`` at the file's first key."""
    org = sorted((valid_repo / "data" / "focal_points").glob("*.yaml"))[0]
    text = org.read_text(encoding="utf-8")
    lines = len(text.splitlines())
    org.write_text(text + "12: x\ntrue: y\n2021-05-01: z\n", encoding="utf-8")
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    found = [(p.line, p.code, p.message) for p in problems if p.file.endswith(org.name)]
    assert [(line, code) for line, code, _message in found] == [
        (lines + 1, "schema.unknown-key"), (lines + 2, "schema.unknown-key"),
        (lines + 3, "schema.unknown-key")]
    assert all("not as the name of a field" in message and "organisation" not in message
               for _line, _code, message in found)


def test_an_invalid_choice_gives_each_allowed_code_its_meaning(valid_repo: Path) -> None:
    """A focal point reads "nngo — National NGO", not a bare code list; a case record's
    choices are given theirs too."""
    org = sorted((valid_repo / "data" / "focal_points").glob("*.yaml"))[0]
    text = org.read_text(encoding="utf-8")
    kind = next(line for line in text.splitlines() if line.startswith("type:"))
    org.write_text(text.replace(kind, "type: ong"), encoding="utf-8")
    case = sorted((valid_repo / "data" / "cases").glob("*.yaml"))[0]
    record = case.read_text(encoding="utf-8")
    channel = next(line for line in record.splitlines() if line.startswith("channel:"))
    case.write_text(record.replace(channel, "channel: pigeon"), encoding="utf-8")
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    hints = {Path(p.file).parent.name: p.hint for p in problems
             if p.code == "schema.invalid-choice"}
    assert "nngo — National NGO; government — Government" in hints["focal_points"]
    assert "hotline — " in hints["cases"]
    assert "pigeon" not in hints["cases"]


@pytest.mark.parametrize("character", ["\u202e", "\u2066", "\u2028", "\u2029"])
def test_a_bidirectional_override_or_a_line_separator_is_refused_in_a_name(
        valid_repo: Path, character: str) -> None:
    """U+202E turns the rest of a line around (in a report's table, the figures after an
    activity's title); U+2028 breaks a line where an editor shows none. Refused as control
    characters, never repeated; the JSON schema editors use refuses them too."""
    org = sorted((valid_repo / "data" / "focal_points").glob("*.yaml"))[0]
    text = org.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name:"))
    org.write_text(text.replace(name, f'name: "Agence{character}Alpha"'), encoding="utf-8")
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    assert [p.code for p in problems] == ["schema.control-character"]
    schema = json.loads((Path(__file__).resolve().parent.parent / "schemas" /
                         "organisation.schema.json").read_text(encoding="utf-8"))
    pattern = schema["properties"]["name"]["pattern"]
    assert re.match(pattern, f"Agence{character}Alpha") is None
    assert re.match(pattern, "Agence Alpha — مرحبا") is not None
