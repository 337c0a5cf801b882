"""The YAML reader: YAML 1.2 scalars, no traceback for any bytes, positions for paths."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from psea_cli import yamlio, yamllocate


def test_yes_no_on_off_stay_text_and_dates_stay_strings() -> None:
    data = yamlio.parse("a: yes\nb: no\nc: on\nd: 2020-07-15\ne: true\nf: 010\n")
    assert data == {"a": "yes", "b": "no", "c": "on", "d": "2020-07-15", "e": True, "f": 10}


def test_unquoted_phone_is_a_number_so_the_schema_can_say_quote_it() -> None:
    assert yamlio.parse("phone: +22320009019\n") == {"phone": 22320009019}


def test_locate_points_at_the_key_of_a_nested_path() -> None:
    text = "a:\n  b:\n    - c: 1\n      d: 2\n"
    assert yamllocate.locate(text, ("a", "b", 0, "d")) == (4, 7)
    assert yamllocate.locate(text, ("a", "b", 0)) == (3, 7)
    # a key that is not there: the deepest mapping that exists
    assert yamllocate.locate(text, ("a", "missing")) == (1, 1)


def test_unclosed_bracket_points_where_it_opens() -> None:
    failure = yamlio.parse("id: x\nacronym: [A\nname: y\n")
    assert isinstance(failure, yamlio.ParseFailure)
    assert (failure.code, failure.line, failure.column) == ("yaml.syntax", 2, 10)


def test_non_utf8_position_is_reported() -> None:
    failure = yamlio.decode(b"id: x\nname: caf\xe9\n")
    assert isinstance(failure, yamlio.ParseFailure)
    assert (failure.code, failure.line, failure.column) == ("file.encoding", 2, 10)


def test_byte_order_mark_is_accepted() -> None:
    text = yamlio.decode("\ufeffid: x\n".encode())
    assert text == "id: x\n"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_data_or_a_located_failure(raw: bytes) -> None:
    text = yamlio.decode(raw)
    result = text if isinstance(text, yamlio.ParseFailure) else yamlio.parse(text)
    if isinstance(result, yamlio.ParseFailure):
        assert result.line >= 1
        assert result.column >= 1
        assert result.code.startswith(("file.", "yaml."))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"\n\t#,?%@`0123456789.")),
               max_size=120))
def test_any_yaml_like_text_never_raises(text: str) -> None:
    result = yamlio.parse(text)
    if isinstance(result, yamlio.ParseFailure):
        assert result.line >= 1


@given(st.lists(st.sampled_from(["\x85", "\u2028", "\u2029", "a", " "]), max_size=6),
       st.sampled_from(["\n", "\r\n"]))
def test_lines_are_counted_as_an_editor_counts_them(inside: list[str], newline: str) -> None:
    """NEL, U+2028 and U+2029 inside a quoted value break no line in an editor (nor in YAML
    1.2), though libyaml counts them: a finding and a syntax error after them are said at
    the line the editor shows."""
    text = newline.join(['name: "A' + "".join(inside) + 'B"', "region: ML05",
                         "events:", "  - kind: x", "    date: [", ""])
    failure = yamlio.parse_careful(text)
    assert isinstance(failure, yamlio.ParseFailure)
    assert (failure.code, failure.line) == ("yaml.syntax", 5)
    fixed = text.replace("date: [", "date: 2021-01-05")
    assert yamllocate.locate(fixed, ("region",)) == (2, 1)
    assert yamllocate.locate(fixed, ("events", 0, "date")) == (5, 5)
