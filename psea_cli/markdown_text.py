"""A network's text written into Markdown (a report, a directory table) so that it shows as
written: no raw HTML, no link, no image, and in a table cell no column or line break.

    md_cell(text)   # inside a table cell
    md_text(text)   # in a paragraph
    md_code(text)   # inside a code span (a file's name)
"""

from __future__ import annotations

import re

_MD_INLINE = {"[": "\\[", "]": "\\]", "\\": "\\\\"}
"""What a network's text may not do in a Markdown report: raw HTML, links and images
(``[text](url)``, ``![x](url)``); the characters show as written. ``<`` is escaped where it
could open a tag (``_TAG_START``), so that ``<5`` reads as written in the plain text, and
``>`` where it starts a quote (``_BLOCK_START``), so that ``>99 %`` does too."""
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_MD_SPECIAL = str.maketrans({"|": "\\|", "\r": " ", "\n": " ", **_MD_INLINE})
_MD_TEXT = str.maketrans({"|": "\\|", **_MD_INLINE})
_BARE_LINK = re.compile(r"(?i)(?<![a-z0-9])(https?|ftp|www)(:|\.)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (a terminal escape among them) are dropped from a network's text."""


def _escaped(value: object, table: dict[int, str]) -> str:
    """``value`` as Markdown text: control characters dropped, ``table``'s characters escaped,
    a ``<`` that could open a tag and a bare web address made plain text."""
    return _unlinked(_TAG_START.sub("&lt;", _CONTROL.sub("", str(value)).translate(table)))


def _unlinked(text: str) -> str:
    """A web address that a Markdown reader would turn into a link by itself, shown as text
    (``https\\://``, ``www\\.``: the backslash is not shown)."""
    return _BARE_LINK.sub(lambda found: f"{found.group(1)}\\{found.group(2)}", text)


def md_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: no column break, no line break, no raw HTML,
    no link or image."""
    return _escaped(value, _MD_SPECIAL)


def md_code(value: object) -> str:
    """Text shown inside a Markdown code span (a file's name): a backquote would end the span
    and let the rest become a link, so it is shown as a quote."""
    return _CONTROL.sub("", str(value)).replace("`", "'").replace("\n", " ").replace("\r", " ")


_BLOCK_START = re.compile(r"(?m)^([#=+*_:>-]|\d+[.)]|`{3}|~{3})")
"""What starts a heading, a quote, a list, a rule, a table's delimiter row or a code block at the
start of a line (after its indentation, dropped: four spaces would start a code block)."""
_INDENT = re.compile(r"(?m)^[ \t]+")
_LINE_END = re.compile(r"[ \t]*\r?\n")


def md_text(value: object) -> str:
    """Text safe in a Markdown paragraph, shown as written: user text cannot inject raw HTML,
    a link or an image, nor start a heading, a list, a rule, a table or a code block on a line
    of its own (a narrative's ``# Cases: 0`` would read as a section of the report); its line
    breaks are kept (a hard break), its blank lines part paragraphs."""
    text = _INDENT.sub("", _escaped(value, _MD_TEXT))
    text = _BLOCK_START.sub(_escape_block, text)
    return _LINE_END.sub(lambda found: "  \n", text.strip("\n"))


def _escape_block(found: re.Match[str]) -> str:
    mark = found.group(1)
    if mark[0].isdigit():  # 12. or 12): the dot or the bracket makes the list
        return f"{mark[:-1]}\\{mark[-1]}"
    return f"\\{mark}"
