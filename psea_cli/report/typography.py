"""French typography of a rendered document: the spaces a French reader expects.

French puts a space before ``:``, ``;``, ``!``, ``?`` and ``»`` and after ``«``, and a line
never starts with one of those signs: the space is a no-break space (U+00A0) inside « » and
before ``:``, a narrow no-break space (U+202F) before ``;``, ``!`` and ``?`` (psea writes the
same narrow space before ``%`` and between thousands, ``psea_cli.formatting``).

The catalogues, the metric definitions and a network's own texts are written with plain
spaces, which a browser or WeasyPrint may break at, leaving ``»`` or ``:`` alone at the start
of a line. Instead of asking every translator and every network to type invisible characters,
the finished French document is made right once (``render_template`` calls ``typeset``),
whatever wrote its text: a template's own words (a network's template too), translated
messages, metric definitions, values built in Python, the network's narrative and names. A
Jinja ``finalize`` would miss a template's literal text and could not tell a value printed
inside a code span or an attribute from one printed in a sentence; the rendered document
can, by its syntax. The terminal's messages keep plain spaces.

Only plain spaces already there become no-break spaces (and « » get one where they have
none): a sign with no space before it is left as written, so a web address (``https://``), a
time (``14:30``), an e-mail address or an identifier never changes. The document's structure
is never touched: in HTML, tags and their attributes, comments and the contents of
``<style>``, ``<script>``, ``<textarea>``, ``<code>``, ``<pre>``, ``<kbd>``, ``<samp>``,
``<var>`` and ``<tt>`` are left byte for byte, and only text between tags changes; in
Markdown, code spans and code blocks, table delimiter rows (``| :--- |``) and a table's
column padding, a line's indentation and its quote, list or heading marker, tags and
autolinks (``<…>``), link targets and images (``![``) are left as they are, and a line break
is never replaced.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NBSP = "\u00a0"
NNBSP = "\u202f"

_BEFORE = {":": NBSP, "»": NBSP, ";": NNBSP, "!": NNBSP, "?": NNBSP}
"""The space each sign takes before it."""

_BREAKABLE = r"[^\S\u00a0\u202f\u2007]"
"""White space a line may break at: every space but the no-break ones."""
_QUOTES = (r"|(?P<open>«){space}+"                  # « followed by spaces
           r"|(?P<bare_open>«)(?=[^\s«»|])"          # « with no space after it
           r"|(?<=[^\s«»|])(?P<bare_close>»)")       # » with no space before it
_HTML_SIGNS = re.compile(
    r"(?P<kept><!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<(?i:(style|script|textarea|code|pre|kbd|samp|var|tt))\b"  # code, and raw text
    r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*(?<!/)>.*?(?:</(?i:\2)\s*>|\Z)"
    r"|<[A-Za-z/!?](?:[^>\"']|\"[^\"]*\"|'[^']*')*>)"   # a tag, its attributes with it
    rf"|(?<!{_BREAKABLE}){_BREAKABLE}+(?P<sign>[:;?!»])" + _QUOTES.format(space=_BREAKABLE),
    re.DOTALL)
"""In HTML, markup (tags with their attributes, comments) and the contents of code, a
style sheet or a script are left as they are. A run of spaces is tried from its first space
only: tried from each of its spaces, a text of 2,000 spaces cost 25 ms, and a report of a
thousand such highlights ran out of its 10 seconds."""
_MD_SIGNS = re.compile(
    r"(?P<kept>^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]+)?"
    r"|(?<!`)(`+)(?!`).*?(?<!`)\2(?!`)"          # a code span: backquotes to the same run
    r"|<[A-Za-z/!?][^<>]*>"                      # an autolink or a tag
    r"|\]\([^()\s]*(?:[ \t]+\"[^\"]*\")?\))"     # a link's or an image's target
    r"|(?<=[^\s|])[ \t]+(?P<sign>[:;?»]|!(?!\[))"  # ![ opens an image
    + _QUOTES.format(space=r"[ \t]"))
"""In Markdown a space never crosses a line, and a line's own syntax (its indentation, a
quote, a list item's or a heading's marker), a table's column padding, code spans, tags and
link targets are left as they are."""

_HAS_SIGN = re.compile(r"[:;!?«»]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DELIMITER_ROW = re.compile(r"^\s*(?:\|\s*)?:?-+:?(?:\s*\|\s*:?-+:?)*\s*(?:\|\s*)?$")
r"""A table's delimiter row (``| :--- | ---: |``). Each run of blanks has one place in the
pattern: two in a row (``\s*\|?\s*``) were tried in every way they share a line's leading
blanks, and a French report of a thousand notes with a line of 2,000 blanks ran out of its
10 seconds."""


def _spaced(match: re.Match[str]) -> str:
    found = match.groupdict()
    if found.get("kept") is not None:
        return match.group(0)
    if found["sign"] is not None:
        return _BEFORE[found["sign"]] + found["sign"]
    if found["bare_close"] is not None:
        return NBSP + "»"
    return "«" + NBSP


def french_html(document: str) -> str:
    """``document`` (HTML) with French spaces in its text, its markup left byte for byte."""
    return _HTML_SIGNS.sub(_spaced, document)


def french_markdown(document: str) -> str:
    """``document`` (Markdown) with French spaces in its text, its syntax left as it is."""
    lines = document.split("\n")
    fence: str | None = None
    in_code_block = False
    previous_blank = True
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                    and not line[opened.end():].strip():
                fence = None
        elif opened:
            fence = opened.group(1)
        elif line.startswith(("    ", "\t")) and (previous_blank or in_code_block):
            in_code_block = True  # an indented code block (or a list's paragraph: left alone)
        elif line.strip():
            in_code_block = False
            if _HAS_SIGN.search(line) and not _DELIMITER_ROW.match(line):
                lines[index] = _MD_SIGNS.sub(_spaced, line)
        previous_blank = not line.strip()
    return "\n".join(lines)


_BY_FORMAT: dict[str, Callable[[str], str]] = {"html": french_html, "md": french_markdown}


def typeset(document: str, template: str, language: str) -> str:
    """``document`` rendered from ``template`` with the typography of ``language``: French
    spaces for a French HTML (``*.html.j2``) or Markdown (``*.md.j2``) document, anything
    else as it is."""
    if language != "fr":
        return document
    for suffix, typeset_as in _BY_FORMAT.items():
        if template.endswith(f".{suffix}.j2"):
            return typeset_as(document)
    return document
