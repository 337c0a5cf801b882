"""What the ``psea case`` commands read from people: dates, choices, regions, missing values.

A value missing on the command line is asked for when the command runs in a terminal (or with
``--interactive``), with its choices listed and numbered in the user's language, on standard
error: standard output keeps only the result (a new case id), for scripts. Otherwise the
command stops with an error naming every missing option (exit 2). Messages never repeat
what was typed: it may be a case detail.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import typer

from psea_cli import click_texts, option_types
from psea_cli.i18n import _, ngettext
from psea_cli.problems import PseaError

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.models.network import Network

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")

parse_day_or_time = option_types.day_or_time
parse_day = option_types.day
parse_month = option_types.month


def interactive(flag: bool | None) -> bool:
    """``--interactive`` / ``--no-interactive``, else whether standard input is a terminal."""
    return sys.stdin.isatty() if flag is None else flag


def folded(text: str) -> str:
    """Lower case, accents and punctuation dropped: what a typed word is compared by."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c if c.isalnum() else " " for c in plain
                            if not unicodedata.combining(c)).split())


def _numbered(text: str, choices: Sequence[str], labels: dict[str, str] | None = None) -> str:
    """A choice typed as its number in the list shown, its code, ``o``/``y``/``n`` for yes or
    no, or the start of its meaning in the user's language (``femme``, ``oui``, ``ligne``)
    when only one meaning starts so."""
    answer = text.strip().lower()
    if re.fullmatch(r"[0-9]{1,3}", answer) and 1 <= int(answer) <= len(choices):  # never "²"
        return choices[int(answer) - 1]
    if answer in choices:
        return answer
    for code, words in (("yes", YES), ("no", NO)):  # o and n, as at the last question
        if answer in words and code in choices:
            return code
    typed = folded(text)
    if typed and labels:
        meanings = {code: folded(_(labels[code])) for code in choices if code in labels}
        exact = [code for code, words in meanings.items() if words == typed]
        starting = [code for code, words in meanings.items() if words.startswith(typed)]
        if len(exact) == 1 or (not exact and len(starting) == 1 and len(typed) >= 3):
            return (exact or starting)[0]
    raise typer.BadParameter(_("type a number from 1 to {n}, or one of the codes shown").format(
        n=len(choices)))


def _question(ask: Callable[P, R]) -> Callable[P, R]:
    """Ctrl-C while a question is asked stops the command as Ctrl-D does: nothing was
    written, and it says so (``click_texts.Interrupted``, exit 130)."""
    @functools.wraps(ask)
    def asking(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return ask(*args, **kwargs)
        except KeyboardInterrupt:
            raise click_texts.Interrupted() from None
    return asking


def list_choices(question: str, choices: Sequence[str], labels: dict[str, str]) -> None:
    """The question, then the choices numbered, each with its meaning."""
    typer.echo(question, err=True)
    width = max(len(c) for c in choices)
    for number, code in enumerate(choices, start=1):
        meaning = _(labels[code]) if code in labels else ""
        meaning = "" if meaning == code else meaning
        typer.echo(f"  {number:>2}  {code:<{width}}  {meaning}".rstrip(), err=True)


chosen = _numbered
"""The choice an answer to a listed question names (a usage error when none)."""


@_question
def ask_choice(question: str, choices: Sequence[str], labels: dict[str, str]) -> str:
    """List the choices, numbered, with their meaning; accept a number or a code."""
    list_choices(question, choices, labels)
    return ask_text(_("Choice"), lambda text: _numbered(text, choices, labels))


@_question
def ask_text(question: str, convert: Callable[[str], T], default: str | None = None) -> T:
    """Ask until ``convert`` accepts the answer (it raises ``typer.BadParameter`` otherwise).
    An empty answer without a default is judged by ``convert`` too, so that pressing Enter
    says what is expected instead of asking again in silence."""
    while True:
        prompt = (_("{question} [{default}]: ").format(question=question, default=default)
                  if default else _("{question}: ").format(question=question))
        typer.echo(prompt, nl=False, err=True)
        line = _line()
        answer = line.rstrip("\r\n").strip() or default or ""
        try:
            return convert(answer)
        except typer.BadParameter as exc:
            typer.echo(exc.message, err=True)  # click's "Invalid value:" is English


def _line() -> str:
    """One answer (not click.prompt: it writes a space to standard output)."""
    line = sys.stdin.readline()
    if not line:
        raise typer.Abort()
    return line


YES = frozenset({"y", "yes", "o", "oui"})
NO = frozenset({"n", "no", "non"})
NOT_ASKED = frozenset({"not asked", "pas demande", "non demande"})


def consent_option(text: str | None, option: str) -> str | None:
    """A consent given as an option, in the words its question takes: ``yes``, ``no`` or
    ``not_asked``, in English or French (``oui``, ``non``, « pas demandé »), any case."""
    if text is None:
        return None
    typed = folded(text)
    for code, words in (("yes", YES), ("no", NO), ("not_asked", NOT_ASKED)):
        if typed in words:
            return code
    raise typer.BadParameter(_("write yes, no or not_asked (in French: oui, non, pas "
                               "demandé)"), param_hint=option)


@_question
def confirm(question: str) -> bool:
    """A yes/no question without a default (a key pressed by mistake after ten answers must
    not throw them away); yes and no in English or French (y, o, n)."""
    while True:
        typer.echo(_("{question} [y/n]: ").format(question=question), nl=False, err=True)
        line = _line()
        answer = line.strip().lower()
        if answer in YES:
            return True
        if answer in NO:
            return False
        typer.echo(_("answer y (yes) or n (no)"), err=True)


def refuse_missing(missing: Sequence[str], asks: bool = True) -> None:
    """Stop with a usage error naming the options that are missing, if any. ``asks``: the
    command asks for them in a terminal (the hint says so only then)."""
    if missing:
        raise PseaError(_("missing {options}").format(options=", ".join(missing)),
                        ngettext("Give it, or run the command in a terminal to be asked for it.",
                                 "Give them, or run the command in a terminal to be asked for "
                                 "them.", len(missing)) if asks else
                        ngettext("Give it: see the command's --help.",
                                 "Give them: see the command's --help.", len(missing)))


def missing_argument(ctx: typer.Context, name: str) -> Exception:
    """The usage error of an argument left out (exit 2, "missing argument KIND"), as click
    gives it for a required one: for an argument asked for only in a terminal."""
    missing = sys.modules[typer.BadParameter.__module__].MissingParameter
    param = next(p for p in ctx.command.params if p.name == name)
    error: Exception = missing(ctx=ctx, param=param)
    return error


def network(dataset: Dataset) -> Network:
    """The network settings, or a data error (exit 1) when network.yaml is invalid."""
    if dataset.network is None:
        raise PseaError(_("data/network.yaml has problems, so cases cannot be recorded"),
                        _("Run 'psea validate' and correct network.yaml first."), exit_code=1)
    return dataset.network


def region(network: Network, text: str, option: str) -> str:
    """The p-code of the region written ``text``; a usage error listing the regions if none."""
    from psea_cli.cases.query import resolve_region

    found = resolve_region(network, text)
    if found is None:
        known = ", ".join(f"{r.name} ({r.pcode})" for r in network.regions)
        raise typer.BadParameter(
            _("not a region of data/network.yaml; regions: {known}").format(known=known),
            param_hint=option)
    return found.pcode
