"""Case records are validated from JSON text (``record_json.json_text``), not from dictionaries:
the text is taken only where JSON holds the data exactly, and validating it accepts, refuses
and builds exactly what validating the parsed data does; the strict check tried first builds
what the lax one builds."""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from psea_cli import cache, record_json, yamlio
from psea_cli.models import Case
from psea_cli.validation import load_dataset

REPOSITORY = Path(__file__).resolve().parent.parent
SHIPPED_CASES = sorted((REPOSITORY / "data" / "cases").glob("*.yaml"))


def _shipped(index: int) -> dict[str, Any]:
    data = yamlio.parse(SHIPPED_CASES[index].read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _nested(depth: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for _level in range(depth):
        data = {"a": data}
    return data


@pytest.mark.parametrize("data", [
    {1: "a"}, {"a": {None: 1}}, {"a": float("nan")}, {"a": [float("inf")]},
    {"a": "\ud800"}, {"a": b"bytes"}, {"a": (1, 2)},
    {"a": _nested(17)}, {"a": 10 ** 4400}, {"a": [-(10 ** 4400)]},
])
def test_data_json_cannot_hold_exactly_keeps_its_parsed_form(data: Any) -> None:
    assert record_json.json_text(data) is None


def test_every_shipped_case_is_kept_as_json_text_that_reads_back_equal() -> None:
    for index in range(len(SHIPPED_CASES)):
        data = _shipped(index)
        text = record_json.json_text(data)
        assert text is not None
        assert json.loads(text) == data


_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 2000), st.integers(), st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["2020-07-15", "2020-07-15T14:30", "2020-07-15T00:00", " 2020-07-15 ",
                     "2020-13-45", "2020-02-30", "20200715", "2020-07-15T14:30:00+01:00",
                     "yes", "no", "not_asked", "female", "child", "hotline", "ML05", "ml05",
                     "medical", "closed", "1", "1.0", "true", "", "A3F9K2QZ", "2020-07"]),
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(
        ["kind", "date", "sex", "age_group", "count", "service", "value", "x"]), inner,
        max_size=3)), max_leaves=6)
_PATHS = st.sampled_from([
    ("received",), ("channel",), ("region",), ("admin2",), ("incident_month",), ("synthetic",),
    ("note",), ("survivor", "count"), ("survivor", "sex"), ("survivor",), ("consent",),
    ("consent", "assistance"), ("perpetrator", "organisation"), ("events",),
    ("events", 0, "date"), ("events", 0, "kind"), ("events", 1, "service"), ("events", 0),
    ("events", 2, "value"), ("id",), ("unknown",),
])


def _with(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(data))
    target: Any = copy
    for position, step in enumerate(path):
        holds = (step in target if isinstance(target, dict)
                 else isinstance(step, int) and step < len(target) if isinstance(target, list)
                 else False)
        if position == len(path) - 1 and isinstance(target, dict | list) and (
                holds or isinstance(target, dict)):
            target[step] = value
        elif not holds:
            break
        else:
            target = target[step]
    return copy


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(st.integers(0, len(SHIPPED_CASES) - 1),
       st.lists(st.tuples(_PATHS, _VALUES), min_size=1, max_size=3))
def test_validating_the_json_text_equals_validating_the_data(
    index: int, edits: list[tuple[tuple[str | int, ...], Any]]
) -> None:
    data = _shipped(index)
    for path, value in edits:
        data = _with(data, path, value)
    text = record_json.json_text(data)
    assume(text is not None)  # an infinite float: kept as parsed data, validated as such
    assert text is not None
    try:
        from_data: Case | None = Case.model_validate(data)
    except ValidationError:
        from_data = None
    try:
        from_text: Case | None = Case.model_validate_json(text)
    except ValidationError:
        from_text = None
    assert (from_text is None) == (from_data is None)
    if from_data is not None and from_text is not None:
        assert from_text == from_data
        assert repr(from_text) == repr(from_data)  # date and datetime, 1 and True, all alike
        assert from_text.model_fields_set == from_data.model_fields_set
    try:  # the loader tries strict first: whatever strict takes, it builds as lax does
        strict: Case | None = Case.model_validate_json(text, strict=True)
    except ValidationError:
        strict = None
    if strict is not None:
        assert from_text is not None
        assert repr(strict) == repr(from_text)
        assert strict.model_fields_set == from_text.model_fields_set


def test_records_as_psea_writes_them_pass_the_strict_check() -> None:
    """Every shipped case takes the fast path, and so does one with times of day."""
    for index in range(len(SHIPPED_CASES)):
        text = record_json.json_text(_shipped(index))
        assert text is not None
        Case.model_validate_json(text, strict=True)
    timed = _with(_with(_shipped(0), ("received",), "2020-07-15T14:30"),
                  ("events", 0, "date"), "2020-07-16 09:05")
    case = Case.model_validate_json(record_json.json_text(timed) or b"", strict=True)
    assert case.received == dt.datetime(2020, 7, 15, 14, 30)
    assert case.events[0].date == dt.datetime(2020, 7, 16, 9, 5)


def test_fresh_cold_and_warm_loads_build_the_same_cases_and_problems(
    valid_repo: Path
) -> None:
    """A case that is valid, one with a schema error, one that is not JSON-exact (an integer
    key) and one that does not parse: the same records and problems, read fresh, while the
    cache is written, and from the cache."""
    root = valid_repo
    shutil.rmtree(root / cache.CACHE_DIR, ignore_errors=True)
    cases = root / "data" / "cases"
    template = sorted(cases.glob("*.yaml"))[0].read_text(encoding="utf-8")
    (cases / "BADKEY01.yaml").write_text(template.replace("channel:", "canal:"), encoding="utf-8")
    (cases / "INTKEY01.yaml").write_text(template + "1: one\n", encoding="utf-8")
    (cases / "BROKEN01.yaml").write_text(template + "events: [\n", encoding="utf-8")
    (cases / "WRONGDT1.yaml").write_text(template.replace("received: ", "received: 2020-13-45 #"),
                                         encoding="utf-8")
    fresh = load_dataset(root, use_cache=False)
    cold = load_dataset(root)
    warm = load_dataset(root)
    codes = {p.code for p in fresh[1]}
    assert {"schema.unknown-key", "yaml.syntax", "schema.invalid-date"} <= codes
    for dataset, problems in (cold, warm):
        assert problems == fresh[1]
        assert [(c.file, repr(c.value)) for c in dataset.cases] == [
            (c.file, repr(c.value)) for c in fresh[0].cases]


def _reference_exact(value: object, depth: int = 0) -> bool:
    """What JSON holds exactly, said plainly (one call per value), for the differential test."""
    if type(value) is dict:
        return depth < record_json.MAX_JSON_DEPTH and all(
            type(k) is str and _reference_exact(v, depth + 1) for k, v in value.items())
    if type(value) is list:
        return depth < record_json.MAX_JSON_DEPTH and all(_reference_exact(v, depth + 1)
                                                      for v in value)
    if type(value) is float:
        return math.isfinite(value)
    if type(value) is int:
        try:
            return json.loads(str(value)) == value
        except ValueError:  # more digits than Python converts from text
            return False
    return type(value) in (str, bool) or value is None


_LEAF = st.one_of(st.text(max_size=5), st.integers(), st.floats(), st.booleans(), st.none(),
                  st.integers(4298, 4301).map(lambda digits: 10 ** digits),  # about the limit
                  st.binary(max_size=2), st.tuples(st.integers()))
_KEY = st.one_of(st.text(max_size=3), st.text(max_size=3), st.integers(), st.booleans(),
                 st.none())
_NESTED = st.recursive(_LEAF, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(_KEY, inner, max_size=3)),
                       max_leaves=40)


@settings(max_examples=500, deadline=None)
@given(_NESTED)
def test_json_text_is_given_exactly_when_json_holds_the_data(data: object) -> None:
    text = record_json.json_text(data)
    assert (text is not None) == _reference_exact(data)
    if text is not None:
        assert json.loads(text) == data


def test_json_text_refuses_data_nested_deeper_than_its_limit() -> None:
    data: object = "leaf"
    for _level in range(record_json.MAX_JSON_DEPTH):
        data = [data]
    assert record_json.json_text(data) is not None
    assert record_json.json_text([data]) is None
    assert record_json.json_text({"a": data}) is None


def test_a_case_record_with_an_integer_too_long_to_read_back_is_said_where_it_is(
        valid_repo: Path) -> None:
    """A number of 4,400 digits in a case record stopped every command of the network with
    an internal error (``json.loads`` refuses it): it is now said at its line, exit 1."""
    from typer.testing import CliRunner

    from psea_cli.cli import app

    record = next((valid_repo / "data" / "cases").glob("*.yaml"))
    record.write_text(record.read_text(encoding="utf-8") + "extra: 1" + "0" * 4400 + "\n",
                      encoding="utf-8")
    for command in (["validate"], ["case", "list"]):
        result = CliRunner().invoke(app, ["--root", str(valid_repo), "--lang", "en", *command])
        assert "internal error" not in result.output
        assert result.exit_code == 1 or command != ["validate"], result.output
    result = CliRunner().invoke(app, ["--root", str(valid_repo), "--lang", "en", "validate"])
    assert f"{record.relative_to(valid_repo)}:" in result.output
    assert "[schema.unknown-key]" in result.output
