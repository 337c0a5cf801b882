"""Usage errors (an unknown option, a missing argument, a bad value) in the user's language.

Click, on which typer builds, writes them in English after a usage line
(``Error: No such option: --bogus``). psea's root command (``PseaGroup``) turns every one of
them into psea's own form, in French or in English, still with exit code 2::

    erreur : option inconnue --bogus
        → Utilisation : psea report semester [OPTIONS] [PERIOD] ; aide : psea report semester -h

Click's exceptions are told apart by class name and read through their documented
attributes: depending on its version, typer either depends on click or carries its own copy.
Usage errors never repeat a value or an argument the user typed (one may be a name typed by
mistake), only option and command names.
"""

from __future__ import annotations

import re
import sys
from typing import IO, Any

import typer
from typer.core import TyperGroup

from psea_cli import click_texts, global_options
from psea_cli.i18n import N_, _, ngettext

_UsageError: type[Exception] = typer.BadParameter.__mro__[1]
"""Click's UsageError, whichever click typer uses."""

_ENV_VAR = re.compile(r"\(env var: (?P<name>[^)]+)\)")
_NOT_ONE_OF = re.compile(r"is not one of (?P<choices>.+?)\.?$")
_NEEDS_VALUE = re.compile(r"^Option '(?P<option>[^']+)' requires an? (?:argument|value)")
_TAKES_NO_VALUE = re.compile(r"^Option '(?P<option>[^']+)' does not take a value")
_EXTRA = re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$")
_NO_COMMAND = re.compile(
    r"^No such command '(?P<name>[^']+)'\.(?: Did you mean '(?P<guess>[^']+)'\?)?")


class LocalisedUsageError(typer.BadParameter):
    """A usage error put in psea's words; click shows it through ``show`` and exits with 2."""

    def __init__(self, message: str, hint: str, ctx: Any) -> None:
        super().__init__(message, ctx)
        self.hint = hint

    def format_message(self) -> str:
        return self.message

    def show(self, file: IO[Any] | None = None) -> None:
        from psea_cli.console import colour_wanted, format_error

        out = file or sys.stderr
        out.write(format_error(self.message, self.hint, colour_wanted(out)) + "\n")


def _names(exc: Any) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _from_environment(ctx: Any, name: str | None) -> bool:
    """True when the value of parameter ``name`` came from its environment variable (the
    command line, when given, wins over it)."""
    getter = getattr(ctx, "get_parameter_source", None)
    source = getter(name) if getter is not None and name else None
    return getattr(source, "name", None) == "ENVIRONMENT"


def option_hint(ctx: Any, name: str) -> str:
    """Option ``name`` of ``ctx``'s command as the user gave it: ``--identity``, or
    ``--identity (environment variable PSEA_IDENTITY)`` when its value came from there."""
    param = next((p for p in getattr(getattr(ctx, "command", None), "params", ())
                  if p.name == name), None)
    option = param.opts[0] if param is not None and param.opts else f"--{name}"
    envvar = getattr(param, "envvar", None)
    if isinstance(envvar, str) and _from_environment(ctx, name):
        return f"{option} " + _("(environment variable {name})").format(name=envvar)
    return str(option)


def _parameter(exc: Any) -> str:
    """The option or argument at fault, as the user types it (``--format``, ``CASE_ID``),
    with its environment variable only when the value came from there."""
    hint = getattr(exc, "param_hint", None)
    param = getattr(exc, "param", None)
    if not hint and param is not None:
        try:  # click takes the context; typer's own copy of click does not
            hint = param.get_error_hint(exc.ctx)
        except TypeError:
            hint = param.get_error_hint()
        if not _from_environment(getattr(exc, "ctx", None), getattr(param, "name", None)):
            hint = _ENV_VAR.sub("", str(hint))
    if isinstance(hint, list | tuple):
        hint = " / ".join(str(h) for h in hint)
    from psea_cli.click_texts import words

    return words(_ENV_VAR.sub(lambda found: _("(environment variable {name})").format(
        name=found.group("name")), str(hint or "").replace("'", "").strip()))


_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"greater than or equal to (?P<n>-?\d+)"), N_("at least {n}")),
    (re.compile(r"greater than (?P<n>-?\d+)"), N_("more than {n}")),
    (re.compile(r"less than or equal to (?P<n>-?\d+)"), N_("at most {n}")),
    (re.compile(r"less than (?P<n>-?\d+)"), N_("less than {n}")),
    (re.compile(r"valid integer|is not a valid int"), N_("a whole number is expected")),
    (re.compile(r"valid number|is not a valid float"), N_("a number is expected")),
    (re.compile(r"not in the range (?P<low>-?\d+)<=x<=(?P<high>-?\d+)"),
     N_("a number from {low} to {high} is expected")),
    (re.compile(r"^(?:Directory|dir) .* is a file\.?$"), N_("this is a file, not a folder")),
    (re.compile(r"^(?:File|file) .* is a directory\.?$"), N_("this is a folder, not a file")),
    (re.compile(r"does not exist\.?$"), N_("it does not exist")),
    (re.compile(r"is not readable\.?$"), N_("it cannot be read")),
    (re.compile(r"is not writable\.?$"), N_("it cannot be written")),
)
"""The reasons typer, click and pydantic give for a bad value, said in psea's words (in the
user's language, without repeating the value typed)."""


def _reason(reason: str) -> str:
    for pattern, text in _REASONS:
        found = pattern.search(reason)
        if found:
            return _(text).format(**found.groupdict())
    return reason


def _bad_value(exc: Any) -> str:
    reason = str(getattr(exc, "message", "") or "")
    found = _NOT_ONE_OF.search(reason)
    if found:  # typer's check of a fixed list; the value typed is not repeated
        reason = _("choose one of: {choices}").format(
            choices=found.group("choices").replace("'", ""))
    else:
        reason = _reason(reason)
    name = _parameter(exc)
    if not name:
        return _("invalid value: {reason}").format(reason=reason)
    return _("invalid value for {name}: {reason}").format(name=name, reason=reason)


def describe(exc: Any) -> str:
    """The message of a click usage error in the current language."""
    names = _names(exc)
    message = str(getattr(exc, "message", "") or "")
    if "NoSuchOption" in names:
        possibilities = sorted(getattr(exc, "possibilities", None) or [])
        option = getattr(exc, "option_name", "")
        if possibilities:
            return _("unknown option {option} (did you mean {options}?)").format(
                option=option, options=", ".join(possibilities))
        return _("unknown option {option}").format(option=option)
    if "MissingParameter" in names:
        kind = getattr(exc, "param_type", None) or getattr(
            getattr(exc, "param", None), "param_type_name", "")
        if kind == "argument":
            return _("missing argument {name}").format(name=_parameter(exc))
        return _("missing option {name}").format(name=_parameter(exc))
    if "BadParameter" in names:
        return _bad_value(exc)
    for pattern, text in ((_NEEDS_VALUE, _("option {option} needs a value")),
                          (_TAKES_NO_VALUE, _("option {option} takes no value"))):
        found = pattern.match(message)
        if found:
            return text.format(option=found.group("option"))
    found = _EXTRA.match(message)
    if found:  # the words themselves are not repeated: one may be a name typed by mistake
        count = len(found.group("args").split())
        return ngettext("one argument too many", "{count} arguments too many", count).format(
            count=count)
    found = _NO_COMMAND.match(message)  # the word typed is not repeated: it may be a name
    if found and found.group("guess"):
        return _("unknown command (did you mean {guess}?)").format(guess=found.group("guess"))
    if found:
        return _("unknown command")
    if message.startswith("Missing command"):
        return _("a command is missing")
    return message


def usage_hint(ctx: Any) -> str:
    """``Usage: psea report semester [OPTIONS] [PERIOD]; help: psea report semester -h``."""
    if ctx is None:
        return ""
    pieces = click_texts.usage_pieces(" ".join(ctx.command.collect_usage_pieces(ctx)))
    return _("Usage: {usage}; help: {command} -h").format(
        usage=f"{ctx.command_path} {pieces}".strip(), command=ctx.command_path)


def localised(exc: Any) -> Any:
    """``exc`` in psea's words; the request for help that a bare command is stays as it is."""
    if isinstance(exc, LocalisedUsageError) or "NoArgsIsHelpError" in _names(exc):
        return exc
    return LocalisedUsageError(describe(exc), usage_hint(getattr(exc, "ctx", None)),
                               getattr(exc, "ctx", None))


class PseaGroup(TyperGroup):
    """The root command: every usage error of every command passes through it, and global
    options typed after a command are read as if typed before it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        global_options.document(self)
        click_texts.localise(self)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            args = global_options.hoist(self, args)
        except global_options.MissingValue as exc:
            raise LocalisedUsageError(_("option {option} needs a value").format(
                option=exc.option), usage_hint(ctx), ctx) from None
        result: list[str] = super().parse_args(ctx, args)
        return result

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None,
                     **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _UsageError as exc:
            raise localised(exc) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _UsageError as exc:
            raise localised(exc) from None
        except click_texts.Interrupted:  # Ctrl-C at a question
            raise click_texts.abort(130) from None
        except (typer.Abort, EOFError):  # a prompt closed or refused: click's "Aborted!"
            raise click_texts.abort() from None
        except KeyboardInterrupt:
            raise click_texts.interrupted() from None
