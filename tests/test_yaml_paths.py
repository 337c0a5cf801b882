"""The bulk YAML path (yaml-rs) and the careful path (libyaml with marks) agree on every file.

``test_bulk_and_careful_paths_read_generated_yaml_alike`` is the differential property test:
it writes YAML documents of every kind (booleans in every spelling, numbers in every base,
dates valid and not, strings that need quotes, duplicate keys, tags, anchors and aliases,
deep nesting, unicode, CRLF, block and flow styles, every escape of double-quoted text as
PyYAML's ``safe_dump`` and JSON write it and as no writer should, and text that is barely YAML
at all) and
checks that for each one the bulk path either declines it (the careful path reads it) or reads
it to the very same data, and never accepts a file the careful path refuses; whatever
yaml-rs refuses goes to the careful path, so psea refuses exactly the files the careful path
refuses (the first assertion). Run it with
``--hypothesis-show-statistics`` to see how many files each path compared.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
import yaml_rs
from hypothesis import event, given, settings
from hypothesis import strategies as st

from psea_cli import yamlfast, yamlio

REPOSITORY = Path(__file__).resolve().parent.parent

_WORDS = [
    "yes", "no", "on", "off", "y", "n", "Yes", "NO", "true", "True", "TRUE", "tRue", "false",
    "False", "FALSE", "~", "null", "Null", "NULL", "nULL", "", "0", "-1", "+12", "012", "0o12",
    "0o8", "-0o7", "0x1F", "0xg", "+0x1", "1_000", "1__0", "0b101", "1e3", "1E3", "1.5e-3",
    "1.5", ".5", "1.", "-.5", "+.inf", "-.Inf", ".INF", ".NaN", ".nan", "1:20", "190:20:30",
    "9" * 30, "-0", "-0.0", "2021-05-01", "2021-13-45", "2021-5-1", "2021-05-01T10:00:00Z",
    "2021-05-01 10:00:00", ": x", "a: b", "#x", "x #y", "x#y", "- a", "-a", "[a", "{a", "a]",
    "'", '"', "@x", "`x", "%x", "!x", "&x", "*x", "?x", "? x", "| x", "> x", ", x", "x ",
    " x", "é", "Bamako, Mali", "中文", "🙂", "\u00a0", "\u2028", "\x85", "a\\nb", "C'est",
    "R&D", "5 * 3", "Attention !", "x_1", "age_band", "SEA-2021-0001", "+22320009019",
]
_TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!binary", "!!set", "!!omap",
         "!!timestamp", "!!python/object/apply:os.getcwd", "!custom", "!", "!<tag:x>"]
_KEYS = ["id", "name", "date", "a", "b", "yes", "on", "1", "0x1", "null", "~", "x y", "é",
         "key: x", "#k", "- k", "[k]", "? k", "k_1"]


def _plain(text: str) -> str:
    return text


def _single(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _double(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _double_ascii(text: str) -> str:
    return json.dumps(text)


_STYLES = [_plain, _plain, _plain, _single, _double, _double_ascii]
_scalar_text = st.one_of(st.sampled_from(_WORDS), st.text(max_size=12))


@st.composite
def _scalar(draw: st.DrawFn) -> str:
    rendered = draw(st.sampled_from(_STYLES))(draw(_scalar_text))
    decoration = draw(st.sampled_from(["", "", "", "", "tag", "anchor", "alias"]))
    if decoration == "tag":
        rendered = f"{draw(st.sampled_from(_TAGS))} {rendered}"
    elif decoration == "anchor":
        rendered = f"&a{draw(st.integers(0, 2))} {rendered}"
    elif decoration == "alias":
        rendered = f"*a{draw(st.integers(0, 2))}"
    return rendered


def _key(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(_STYLES[:4]))(draw(st.sampled_from(_KEYS)))


@st.composite
def _node(draw: st.DrawFn, depth: int = 0) -> tuple[str, Any]:
    """A node as ("scalar", text), ("map", [(key, node)]) or ("seq", [node])."""
    kind = draw(st.sampled_from(["scalar", "scalar", "map", "seq"]) if depth < 4
                else st.just("scalar"))
    if kind == "scalar":
        return "scalar", draw(_scalar())
    children = draw(st.lists(_node(depth + 1), min_size=0, max_size=4))
    if kind == "seq":
        return "seq", children
    return "map", [(_key(draw), child) for child in children]


def _flow(node: tuple[str, Any]) -> str:
    kind, value = node
    if kind == "scalar":
        return str(value)
    if kind == "seq":
        return "[" + ", ".join(_flow(child) for child in value) + "]"
    return "{" + ", ".join(f"{key}: {_flow(child)}" for key, child in value) + "}"


def _block(node: tuple[str, Any], indent: int, step: int, flow_at: int) -> list[str]:
    """Lines of ``node`` in block style at ``indent`` (flow style below depth ``flow_at``)."""
    kind, value = node
    pad = " " * indent
    if kind == "scalar" or not value or flow_at <= 0:
        return [pad + _flow(node)]
    lines: list[str] = []
    for item in value:
        key, child = item if kind == "map" else ("-", item)
        head = f"{pad}{key}:" if kind == "map" else f"{pad}-"
        if child[0] == "scalar" or not child[1] or flow_at <= 1:
            lines.append(f"{head} {_flow(child)}")
        else:
            lines.append(head)
            lines += _block(child, indent + step, step, flow_at - 1)
    return lines


@st.composite
def _document(draw: st.DrawFn) -> str:
    root = draw(_node())
    if draw(st.booleans()):
        root = ("map", [(_key(draw), root), *[(_key(draw), draw(_node(3)))
                                              for _ in range(draw(st.integers(0, 3)))]])
    step = draw(st.integers(1, 4))
    lines = _block(root, 0, step, draw(st.integers(0, 6)))
    if draw(st.integers(0, 9)) == 0:  # a comment, a directive or a document marker
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(
            ["# comment", "---", "...", "%YAML 1.2\n---", "x: 1 # trailing", "  # indented"])))
    ending = draw(st.sampled_from(["\n", "\n", "\n", "\r\n"]))
    return ending.join(lines) + draw(st.sampled_from([ending, ""]))


@st.composite
def _deep(draw: st.DrawFn) -> str:
    """One chain nested 1 to 80 levels, in block or flow style or both."""
    levels = draw(st.integers(1, 80))
    node: tuple[str, Any] = ("scalar", "x")
    for _ in range(levels):
        node = draw(st.sampled_from([("map", [("k", node)]), ("seq", [node])]))
    return "\n".join(_block(node, 0, draw(st.integers(1, 3)), draw(st.integers(0, 90)))) + "\n"


@st.composite
def _block_scalars(draw: st.DrawFn) -> str:
    """Block scalars (``|``, ``>``, chomping and indentation indicators) with blank,
    whitespace-only, indented and dedented lines."""
    lines = []
    for key in ("a", "b", "c")[:draw(st.integers(1, 3))]:
        header = draw(st.sampled_from(["|", ">", "|-", ">-", "|+", ">+", "|2", ">1-", "|#c",
                                       "| # c", ">\t"]))
        lines.append(f"{key}: {header}")
        lines += draw(st.lists(st.sampled_from(["", " ", "  ", "  x", "   y z", "  - a", " b",
                                                "  # c", "\t", "    deep", "x: 1"]),
                               max_size=5))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


_YAML_ISH = st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"\n\t\r#,?~0123456789._eExnulTtFfoy+")),
                    max_size=80)


_ESCAPES = [
    "\\0", "\\a", "\\b", "\\t", "\\n", "\\v", "\\f", "\\r", "\\e", "\\ ", '\\"', "\\/", "\\\\",
    "\\N", "\\_", "\\L", "\\P", "\\x00", "\\x7F", "\\x85", "\\xA0", "\\xE9", "\\xe9", "\\xFF",
    "\\u0000", "\\u00e9", "\\u2028", "\\uFEFF", "\\uFFFE", "\\uFFFF", "\\U000000E9", "\\U0001F600",
    "\\U0010FFFF", "\\\n", "\\\n  ", "\\\r\n", "\\\n  \\ ",
    # escapes libyaml refuses or yaml-rs reads otherwise (surrogate pairs joined), and no escape
    "\\ud800", "\\uDFFF", "\\ud83d\\ude00", "\\uD83D\\uDE00", "\\U0000D800", "\\U00110000",
    "\\UFFFFFFFF", "\\q", "\\x4", "\\u12", "\\x", "\\\t", "\\", "\\\\ud800",
]
_HEX = st.text(alphabet="0123456789abcdefABCDEF", min_size=1, max_size=9)


@st.composite
def _escaped(draw: st.DrawFn) -> str:
    """A scalar made of text and backslash escapes, in double quotes (where they are escapes)
    or in single quotes or plain (where a backslash is itself)."""
    pieces = draw(st.lists(st.one_of(
        st.sampled_from(_ESCAPES), st.sampled_from(["x", "é", " ", "S", "gou", "'", '"', "#", ": "]),
        st.builds(lambda kind, digits: f"\\{kind}{digits}", st.sampled_from("xuU"), _HEX)),
        min_size=1, max_size=6))
    body = "".join(pieces)
    quote = draw(st.sampled_from(['"', '"', '"', "'", ""]))
    return f"{quote}{body}{quote}"


@st.composite
def _escapes_document(draw: st.DrawFn) -> str:
    """Keys and values with escapes, in block or flow style, with LF or CRLF line ends."""
    pairs = [(draw(st.one_of(st.sampled_from(["a", "b", "note"]), _escaped())), draw(_escaped()))
             for _ in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        lines = [f"{key}: {value}" for key, value in pairs]
    else:
        lines = ["{" + ", ".join(f"{key}: {value}" for key, value in pairs) + "}"]
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines) + "\n"


@st.composite
def _flow_over_lines(draw: st.DrawFn) -> str:
    """A flow mapping or sequence broken over lines at random places, keys and values plain or
    quoted: a key split over two lines is one key to yaml-rs and an error to libyaml."""
    words = st.text(alphabet="ab é1:-", min_size=1, max_size=4)
    quoted = st.one_of(words, words.map(lambda w: f'"{w}"'), words.map(lambda w: f"'{w}'"))
    pairs = draw(st.lists(st.tuples(quoted, quoted), min_size=1, max_size=3))
    flow = ("{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}" if draw(st.booleans())
            else "[" + ", ".join(v for _k, v in pairs) + "]")
    for _break in range(draw(st.integers(1, 3))):
        at = draw(st.integers(1, len(flow) - 1))
        flow = flow[:at] + "\n" + " " * draw(st.integers(0, 3)) + flow[at:]
    return f"x: {flow}\n"


@st.composite
def _dumped(draw: st.DrawFn) -> str:
    """What a third party's tool writes: PyYAML's ``safe_dump`` without ``allow_unicode``
    (``\\xE9``, ``\\U0001F642``, long lines folded with an escaped line break) or with it,
    and JSON with ``\\u00e9`` and escaped surrogate pairs."""
    data = draw(st.dictionaries(st.text(max_size=6), st.one_of(st.text(max_size=120), st.lists(
        st.text(max_size=20), max_size=3)), max_size=3))
    writer = draw(st.sampled_from(["pyyaml", "pyyaml", "pyyaml unicode", "json"]))
    if writer == "json":
        return json.dumps(data, indent=draw(st.sampled_from([None, 2]))) + "\n"
    return yaml.safe_dump(data, allow_unicode=writer == "pyyaml unicode",
                          width=draw(st.integers(10, 100)),
                          default_flow_style=draw(st.sampled_from([False, None, True])))


def _careful(text: str) -> tuple[str, str]:
    result = yamlio.parse_careful(text)
    return ("refused", "") if isinstance(result, yamlio.ParseFailure) else ("read", repr(result))


def _bulk(text: str) -> tuple[str, str]:
    """What yaml-rs alone makes of ``text`` (no fallback): refused, or read to some data."""
    try:
        data = yaml_rs.loads(text, parse_datetime=False,
                             duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except (yaml_rs.YAMLDecodeError, ValueError):
        return "refused", ""
    return "read", repr(data)  # repr: 1, 1.0 and True differ, nan equals nan


@settings(max_examples=int(os.environ.get("PSEA_YAML_EXAMPLES", "300")), deadline=None)
@given(st.one_of(_document(), _document(), _deep(), _block_scalars(), _flow_over_lines(),
                 _YAML_ISH))
def test_bulk_and_careful_paths_read_generated_yaml_alike(text: str) -> None:
    _read_alike(text)


@settings(max_examples=int(os.environ.get("PSEA_YAML_EXAMPLES", "300")), deadline=None)
@given(st.one_of(_escapes_document(), _dumped()))
def test_bulk_and_careful_paths_read_escapes_alike(text: str) -> None:
    """The same differential test on double-quoted escapes, as writers write them and not."""
    _read_alike(text)


def _read_alike(text: str) -> None:
    whole = yamlio.parse(text)
    if isinstance(whole, yamlio.ParseFailure) and whole.code == "file.empty":
        event("empty")
        return
    careful = _careful(text)
    assert _careful_or_failure(whole) == careful  # the reader's answer is the careful one
    if not yamlfast.takes(text):
        event(f"declined by the bulk path, careful path {careful[0]}")
        return
    bulk = _bulk(text)
    if bulk[0] == "refused" and careful[0] == "read":  # the reader used the careful reading
        event("compared: yaml-rs refused, the careful path read (and was used)")
        return
    event(f"compared: both paths {careful[0]}")
    assert bulk == careful


def _careful_or_failure(value: Any) -> tuple[str, str]:
    return ("refused", "") if isinstance(value, yamlio.ParseFailure) else ("read", repr(value))


def test_the_bulk_path_takes_the_files_psea_writes() -> None:
    """The speed of a large network rests on its many files going through yaml-rs: the
    shipped case records, organisations, services and records as psea writes them (the
    network settings and the plan, one file each, may take the careful path)."""
    files = [p for p in (REPOSITORY / "data").rglob("*.yaml")
             if p.name not in ("network.yaml", "plan.yaml")]
    assert len({p.parent.name for p in files}) >= 8
    declined = [p.relative_to(REPOSITORY).as_posix() for p in files
                if not yamlfast.takes(p.read_text(encoding="utf-8"))]
    assert declined == []


def test_the_bulk_path_declines_what_it_would_read_differently() -> None:
    for text in ("a: !!python/object/apply:os.getcwd []\n", "a: !x 1\n", "a: &x [1]\nb: *x\n",
                 "a: 1\n---\nb: 2\n", "a: 1_000\n", "? [a]\n: b\n", "[a]: b\n", "a:\n\t- b\n",
                 "%YAML 1.2\n---\na: 1\n", "{id: ?}\n", "[?, a]\n", "a:\n" + "".join(" " * (i + 1) + "b:\n"
                                                            for i in range(30)) + " " * 31 + "c\n"):
        assert not yamlfast.takes(text), text
        assert yamlfast.load(text) is yamlfast.NOT_TAKEN
    # escaped surrogates (yaml-rs joins a pair, libyaml refuses it), what YAML does not escape,
    # and a line break escaped in flow style (a quoted key on two lines: libyaml refuses it)
    for text in ('a: "\\ud83d\\ude00"\n', 'a: "\\U0000D800"\n', 'a: "\\q"\n', '{"a\\\n b": 1}\n'):
        assert not yamlfast.takes(text), text
    # a key split over two lines in flow style (yaml-rs reads "a b", libyaml refuses it)
    for text in ("x: {a\n b: 1}\n", 'x: {"a\n b": 1}\n', "x: {'a\n b': 1}\n"):
        assert not yamlfast.takes(text), text
        assert isinstance(yamlio.parse(text), yamlio.ParseFailure), text
    assert yamlio.parse("a: 1_000\n") == {"a": "1_000"}  # YAML 1.2: text, as the careful path
    # found by the differential test at 3,000 examples: libyaml takes "?" before "}" as an
    # explicit key (and refuses the file), yaml-rs read it as the text "?"
    assert isinstance(yamlio.parse("{id: ?}\n"), yamlio.ParseFailure)


def test_explicit_core_tags_on_values_they_cannot_hold_are_refused_not_a_crash() -> None:
    """Found by the differential test: the careful path raised on these."""
    for text, line in (("a: 1\nb: !!float yes\n", 2), ("# comment\n!!bool \n", 2),
                       ("a: !!bool yes\n", 1)):
        failure = yamlio.parse(text)
        assert isinstance(failure, yamlio.ParseFailure), text
        assert (failure.code, failure.line) == ("yaml.forbidden-tag", line)
    assert yamlio.parse("a: !!bool true\nb: !!float 1\n") == {"a": True, "b": 1.0}


def test_a_value_hidden_in_base64_is_refused_as_a_tag() -> None:
    """``!!binary`` turns base64 text into bytes, which a text field takes as text: a value
    nobody reviewing a pull request's diff can read (a phone number, a name). Refused, with
    its line, on both paths."""
    text = "id: 05BHA47Y\nnote: !!binary QXBwZWxlciBBd2EgYXUgKzIyMyA3Ng==\n"
    failure = yamlio.parse(text)
    assert isinstance(failure, yamlio.ParseFailure)
    assert (failure.code, failure.line) == ("yaml.forbidden-tag", 2)
    assert "QXBw" not in failure.message + failure.hint
    assert not yamlfast.takes(text)  # the bulk path hands it to the careful one


def test_the_bulk_path_takes_accents_escaped_as_pyyaml_and_json_write_them() -> None:
    """PyYAML's ``safe_dump`` without ``allow_unicode`` writes « Ségou » as ``"S\\xE9gou"`` and
    folds a long note with an escaped line break; JSON writes ``"S\\u00e9gou"``: a network
    written by such a tool is read by the bulk path, to the careful path's data."""
    note = ("Survivante orientée vers le CSRef, suivi psychosocial assuré par le partenaire, "
            "transport pris en charge (5 000 FCFA) et rappel prévu.")
    record = {"id": "05BHA47Y", "region": "Ségou", "note": note, "tags": ["à suivre"]}
    for text in (yaml.safe_dump(record), json.dumps(record),
                 yaml.safe_dump(record).replace("\n", "\r\n")):
        assert "\\" in text
        assert yamlfast.takes(text), text
        assert yamlfast.load(text) == yamlio.parse_careful(text) == record
    assert "\\\n" in yaml.safe_dump(record)  # the escaped line break is there
    # indented JSON is a flow collection over several lines: the careful path reads it alike
    indented = json.dumps(record, indent=2)
    assert not yamlfast.takes(indented)
    assert yamlio.parse(indented) == record


@pytest.mark.parametrize("character", ["\x0b", "\x1b", "\x07", "\x7f", "\x9b", "\ufffe"])
def test_a_control_character_is_said_at_its_line_and_column(character: str) -> None:
    """Word's line break (U+000B) and other characters YAML refuses were "not valid YAML" at
    line 1, column 1: the line and column are the character's, and the message says what
    it is."""
    text = f"id: ajm\nname: \"Association des Juristes{character}Maliennes\"\n"
    found = yamlio.parse(text)
    assert isinstance(found, yamlio.ParseFailure)
    assert (found.code, found.line, found.column) == ("yaml.syntax", 2, 32)
    assert f"U+{ord(character):04X}" in found.message
    assert "control character" in found.message


def test_an_error_found_at_the_end_of_the_file_is_said_on_its_last_line() -> None:
    """libyaml finds a missing colon on the last line at the end of the file, a line after
    it: GitHub cannot annotate a line the file does not have."""
    text = ('id: test-org\nname: "x"\nfocal_points:\n  - id: fp-1\n    name: "y"\n'
            "role focal_point\n")
    found = yamlio.parse(text)
    assert isinstance(found, yamlio.ParseFailure)
    assert (found.code, found.line) == ("yaml.syntax", 6)
