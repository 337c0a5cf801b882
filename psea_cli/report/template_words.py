"""What a network's report template did wrong, in the user's language: Jinja says it in
English (``'foo' is undefined``, ``Unexpected end of template``), Python by an error's class
name (``ZeroDivisionError``); ``report.environment`` says it with the template's line."""

from __future__ import annotations

import re

import jinja2

from psea_cli.i18n import N_, _
from psea_cli.report.template_guard import Refused

_JINJA_WORDS = (
    (re.compile(r"'(?P<name>[^']*)' is undefined"), N_("{name} is not a name the report provides")),
    (re.compile(r"'[^']*' has no attribute '(?P<name>[^']*)'"),
     N_("this value has no field {name}")),
    (re.compile(r".* has no element (?P<name>.*)"), N_("this value has no element {name}")),
    (re.compile(r"access to attribute '(?P<name>[^']*)' of '[^']*' object is unsafe\."),
     N_("a template may not read {name}")),
    (re.compile(r".* is not safely callable"), N_("a template may not call this")),
    (re.compile(r"Unexpected end of template\..*", re.DOTALL),
     N_("the template ends before a block it opens is closed")),
    (re.compile(r"Encountered unknown tag '(?P<name>end[^']*)'.*", re.DOTALL),
     N_("{name} closes a block that is not open here")),
    (re.compile(r"Encountered unknown tag '(?P<name>[^']*)'.*", re.DOTALL),
     N_("{name} is not a tag templates know")),
    (re.compile(r"No filter named '(?P<name>[^']*)'.*", re.DOTALL),
     N_("there is no filter named {name}")),
    (re.compile(r"No test named '(?P<name>[^']*)'.*", re.DOTALL),
     N_("there is no test named {name}")),
    (re.compile(r"(?:unexpected '(?P<name>[^']*)'|expected token '[^']*', got '[^']*'"
                r"|Expected an expression, got '[^']*'|unexpected char .*)", re.DOTALL),
     N_("the template's syntax is wrong here")),
)
"""Jinja's own words (English) for a template's mistake, and psea's in the user's language."""


def jinja_words(exc: jinja2.TemplateError) -> str:
    """What a template did wrong, in the user's language: psea's own refusals as they are
    said, Jinja's messages translated, and any other in general words."""
    if isinstance(exc, Refused):
        return str(exc)
    message = exc.message or ""
    for pattern, words in _JINJA_WORDS:
        found = pattern.fullmatch(message)
        if found is not None:
            return _(words).format(name=found.groupdict().get("name") or "")
    if isinstance(exc, jinja2.exceptions.FilterArgumentError):
        return _("a filter is given an argument it does not accept")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return _("the template's syntax is wrong here")
    return _("a construct report templates may not use")


_FAILURES = (
    (ArithmeticError, N_("a calculation that cannot be done (a division by zero, a number too "
                         "large)")),
    (LookupError, N_("an element or a key that the value does not have")),
    (TypeError, N_("an operation on a value of the wrong kind (text where a number is "
                   "expected)")),
    (ValueError, N_("a value a filter or a function does not accept")),
)
"""Python's errors a template's mistake raises, in words (the class name said nothing to a
French-speaking coordinator)."""


def failure_words(exc: BaseException) -> str:
    """A template's mistake that is no Jinja error, in general words."""
    for kind, words in _FAILURES:
        if isinstance(exc, kind):
            return _("the template failed: {what}").format(what=_(words))
    return _("the template failed")
