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
