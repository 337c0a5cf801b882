"""The problem catalogue: one entry per code, one wording per message, filled and translated."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from psea_cli import catalogue
from psea_cli.catalogue import CATALOGUE, SECTIONS
from psea_cli.i18n import set_language
from psea_cli.problem_codes import CODES, NOT_YET_CATALOGUED
from psea_cli.problems import Severity
from psea_cli.yamlio import parse

PACKAGE = Path(__file__).resolve().parent.parent / "psea_cli"
WORDED = [entry for entry in CATALOGUE.values() if entry.message or entry.variants]


def test_every_code_is_catalogued_once_with_a_section_a_meaning_and_a_fix() -> None:
    assert set(CODES) == set(CATALOGUE) | set(NOT_YET_CATALOGUED)
    assert not set(CATALOGUE) & set(NOT_YET_CATALOGUED)
    for code, entry in CATALOGUE.items():
        assert re.fullmatch(r"[a-z0-9]+\.[a-z0-9-]+", code), code
        assert entry.code == code
        assert entry.section in SECTIONS
        assert entry.meaning.strip()
        assert entry.fix.strip()
        assert entry.anchor == f"docs/problem-codes.md#{code}"


def _python_sources() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")
                     if p.parent.name != "catalogue")


@pytest.mark.parametrize("entry", WORDED, ids=[e.code for e in WORDED])
def test_a_catalogued_message_is_worded_only_in_the_catalogue(entry: catalogue.Entry) -> None:
    sources = _python_sources()
    texts = [entry.message, entry.hint, *(t for pair in entry.variants.values() for t in pair)]
    for text in filter(None, texts):
        assert f'"{text}"' not in sources, f"{entry.code}: '{text}' is written outside the catalogue"


def test_yaml_too_deep_is_worded_once() -> None:
    """It was worded four times (yamlio twice, the loader, the schema errors)."""
    assert _python_sources().count("nests too deeply") == 0


def test_texts_fill_the_parameters_in_the_user_language() -> None:
    set_language("fr")
    severity, message, _hint = catalogue.texts("file.not-regular", kind="FIFO")
    assert severity is Severity.ERROR
    assert "FIFO" in message
    assert message != "this is not a regular file but a FIFO; psea does not read it"
    set_language("en")
    assert catalogue.texts("file.not-regular", kind="FIFO")[1] == (
        "this is not a regular file but a FIFO; psea does not read it")


def test_a_variant_has_its_own_wording() -> None:
    plain = catalogue.texts("yaml.syntax")
    unclosed = catalogue.texts("yaml.syntax", "unclosed")
    assert plain[1] == "the file is not valid YAML"
    assert unclosed[1] == "a bracket or quote opened here is never closed"


def test_the_parser_speaks_through_the_catalogue() -> None:
    failure = parse("a:\n  b: [1, 2\n")
    assert not isinstance(failure, (dict, list))
    assert (failure.code, failure.message) == (  # type: ignore[union-attr]
        "yaml.syntax", "a bracket or quote opened here is never closed")


def test_a_problem_is_located_and_worded() -> None:
    found = catalogue.problem("yaml.too-deep", "data/x.yaml", 3, 4)
    assert (found.file, found.line, found.column, found.code) == ("data/x.yaml", 3, 4,
                                                                 "yaml.too-deep")
    assert found.severity is Severity.ERROR
    assert found.hint == "Data files need only a few levels of indentation."


def test_a_code_without_wording_refuses_to_be_worded() -> None:
    uncatalogued = next(e.code for e in CATALOGUE.values() if not e.message)
    with pytest.raises(KeyError):
        catalogue.texts(uncatalogued)


def test_every_entry_has_its_wording() -> None:
    """Every catalogued code is emitted through the catalogue: it has a message or variants."""
    assert [code for code, e in CATALOGUE.items() if not (e.message or e.variants)] == []


def _literal_emissions(path: Path) -> list[str]:
    """``Finding(…, "a.code", …)``, ``Problem(…)`` or ``ParseFailure(…)`` with a literal code."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in ("Finding", "Problem", "ParseFailure"):
                found.extend(arg.value for arg in node.args
                             if isinstance(arg, ast.Constant) and arg.value in CATALOGUE)
    return found


def test_catalogued_codes_are_not_built_by_hand() -> None:
    """A catalogued code is emitted with ``Finding.of``, ``catalogue.problem`` or
    ``yamlio.failure``, never by writing its severity and texts at the emitter (a code in
    ``NOT_YET_CATALOGUED`` still may)."""
    found = {f"{path.relative_to(PACKAGE)}: {code}" for path in PACKAGE.rglob("*.py")
             for code in _literal_emissions(path)}
    assert found == set()


def test_the_emission_scan_sees_a_hand_built_problem(tmp_path: Path) -> None:
    source = tmp_path / "bad.py"
    source.write_text('Finding("f", (), "yaml.tab", Severity.ERROR, "m", "h")\n'
                      'Problem("f", 1, 1, "not.a-code", Severity.ERROR, "m")\n')
    assert _literal_emissions(source) == ["yaml.tab"]
