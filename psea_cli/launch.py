"""The ``psea`` console script: ``psea --version``, a ``psea validate`` whose answer is
already filed (``instant``) and a ``psea report`` made before from the same files, code and
commit (``report.replay``) are answered here, before the command-line framework, the models
or the parser are imported; a plain ``psea validate`` whose answer is not filed is checked
here too (``checking``), without the command-line framework; everything else goes to
``psea_cli.cli``.

Only the plainest forms are answered here — ``validate`` with ``--root``, ``--lang``,
``--format`` and ``--strict``; ``report semester|quarter|year [PERIOD]`` with ``--root``,
``--lang``, ``--format md|html`` and ``--output`` — and only when the answer is certain; any
other argument, ``--no-cache``, a key (``--identity``, ``PSEA_IDENTITY``) or a doubt of any
kind goes the usual way, which prints the same thing, slower.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

_FORMATS = ("auto", "text", "json", "github")


class _NotPlain(Exception):
    """The command line is not one this module answers."""


def _value(args: list[str], i: int, name: str) -> tuple[str, int]:
    """The value of option ``name`` at ``args[i]`` (``--name value`` or ``--name=value``) and
    where the next argument is."""
    token = args[i]
    if token.startswith(name + "=") and name.startswith("--"):  # click reads -o=x as "=x"
        return token[len(name) + 1:], i + 1
    if token == name and i + 1 < len(args):
        return args[i + 1], i + 2
    raise _NotPlain


def _plain_validate(args: list[str]) -> dict[str, Any]:
    """The options of a plain ``psea validate`` command line; ``_NotPlain`` for any other."""
    found: dict[str, Any] = {"root": None, "lang": None, "format": "auto", "strict": False}
    command = False
    i = 0
    while i < len(args):
        token = args[i]
        name = token.split("=", 1)[0]
        if name in ("--root", "--lang"):
            found[name[2:]], i = _value(args, i, name)
        elif command and name == "--format":
            found["format"], i = _value(args, i, name)
        elif command and token == "--strict":
            found["strict"], i = True, i + 1
        elif token == "validate" and not command:
            command, i = True, i + 1
        else:
            raise _NotPlain
    if not command or found["format"] not in _FORMATS:
        raise _NotPlain
    return found


def _plain_report(args: list[str]) -> dict[str, Any]:
    """The options of a plain ``psea report KIND [PERIOD]``; ``_NotPlain`` for any other."""
    found: dict[str, Any] = {"root": None, "lang": None, "report_lang": None, "format": None,
                             "output": None, "period": None, "kind": None}
    i = 0
    words: list[str] = []
    while i < len(args):
        token = args[i]
        name = token.split("=", 1)[0]
        if name == "--root":
            found["root"], i = _value(args, i, name)
        elif name == "--lang":
            found["report_lang" if len(words) >= 2 else "lang"], i = _value(args, i, name)
        elif len(words) >= 2 and name == "--format":  # the report's own options: after KIND
            found["format"], i = _value(args, i, name)
        elif len(words) >= 2 and name in ("--output", "-o"):
            found["output"], i = _value(args, i, name)
        elif not token.startswith("-") and len(words) < 3:
            words.append(token)
            i += 1
        else:
            raise _NotPlain
    from psea_cli.report.shipped import format_for

    found["format"] = format_for(found["format"], found["output"])
    if len(words) < 2 or words[0] != "report" or words[1] not in ("semester", "quarter", "year") \
            or found["format"] not in ("md", "html") or found["output"] == "":
        raise _NotPlain
    found["kind"] = words[1]
    found["period"] = words[2] if len(words) == 3 else None
    return found


def _language(given: str | None) -> str | None:
    """``given`` as a language psea speaks (``FR`` is ``fr``); ``_NotPlain`` for any other."""
    if given is None:
        return None
    from psea_cli.i18n import SUPPORTED_LANGUAGES

    code = given.strip().lower()
    if code not in SUPPORTED_LANGUAGES:
        raise _NotPlain
    return code


def _root(given: str | None) -> Path | None:
    from psea_cli.instant import find_root

    if given is None:
        given = os.environ.get("PSEA_ROOT")
        if given == "":
            raise _NotPlain
    if given is None:
        return find_root(Path.cwd())
    root = Path(given).resolve()
    return root if find_root(root) == root else None  # --root names the repository itself


def _instant(args: list[str]) -> tuple[str, str, int]:
    """What the command line prints (standard output, standard error) and its exit code,
    from a filed verdict or a kept report; ``_NotPlain`` when it is not answered here."""
    if any(os.environ.get(name) is not None for name in ("PSEA_NO_CACHE", "PSEA_IDENTITY")):
        raise _NotPlain
    from psea_cli.i18n import psea_lang_unknown

    if psea_lang_unknown():  # the usual path says so, unless --lang is given
        raise _NotPlain
    from psea_cli import clock
    from psea_cli.problems import PseaError

    try:  # a malformed PSEA_TODAY is said by the usual path, never answered from a cache
        clock.fixed_day()
    except PseaError:
        raise _NotPlain from None
    try:
        options = _plain_validate(args)
    except _NotPlain:
        return _replay(_plain_report(args))
    from psea_cli import clock, instant
    from psea_cli.i18n import choose_language, set_language

    lang = _language(options["lang"])
    root = _root(options["root"])
    if root is None:
        raise _NotPlain
    taken = instant.take_print(root, clock.today().isoformat())
    if taken is None:
        raise _NotPlain
    instant.hold(root, taken)  # for the usual path, should it be taken
    found = instant.answer(root, taken, lang)
    if found is not None and choose_language(lang, found[0]) == found[1]:
        set_language(found[1])
        text, code = _verdict_text(found[2], found[3], options)
        return text, "", code
    return _check(root, lang, options)


def _check(root: Path, lang: str | None, options: dict[str, Any]) -> tuple[str, str, int]:
    """A plain ``psea validate`` whose answer is not filed: the check itself, run here as the
    ``validate`` command runs it (``checking``), before typer and every command's options are
    loaded. A key that may open encrypted records, or an error about the repository itself,
    goes the usual way, which says what it has to say."""
    from psea_cli import checking, clock, instant
    from psea_cli.i18n import choose_language, set_language
    from psea_cli.problems import PseaError
    from psea_cli.quick import network_languages

    if checking.default_key_file(root) is not None:
        raise _NotPlain
    set_language(choose_language(lang, network_languages(root)))
    try:
        files, stored = checking.verdict(root, clock.today(), lambda: None, key_given=False,
                                         taken=instant.held(root))
    except PseaError:
        raise _NotPlain from None
    text, code = _verdict_text(files, stored, options)
    return text, "", code


def _replay(options: dict[str, Any]) -> tuple[str, str, int]:
    """A plain ``psea report``'s output, from the report kept under the same key."""
    from psea_cli import clock, gitrepo, instant
    from psea_cli.i18n import choose_language, set_language
    from psea_cli.printable import printable, printable_document
    from psea_cli.problems import PseaError
    from psea_cli.quick import network_languages
    from psea_cli.report.replay import destination, find, report_key, template_folders, warnings, written_file
    from psea_cli.safe_output import write_atomically

    global_lang, report_lang = _language(options["lang"]), _language(options["report_lang"])
    root = _root(options["root"])
    if root is None:
        raise _NotPlain
    set_language(report_lang or choose_language(global_lang, network_languages(root)))
    today = clock.today().isoformat()
    taken = instant.take_print(root, today, template_folders(root))
    if taken is None:
        raise _NotPlain
    from psea_cli.i18n import current_language

    revision = gitrepo.revision(root)
    made = find(root, report_key(taken, revision, (
        options["kind"], options["period"] or "", options["format"], current_language())))
    if made is None:
        instant.hold_for_report(root, today, taken, revision)  # the report made next uses them
        raise _NotPlain
    text = made.text if isinstance(made.text, str) else made.text.decode("utf-8")
    try:
        written = written_file(made, options["output"])
    except PseaError:
        raise _NotPlain from None  # the usual path says why
    if written is not None:
        write_atomically(written, text)
        text = f"{destination(made, options['output'])}\n"
    else:
        text = printable_document(text)  # as the usual path prints it
    errors = warnings(made, revision)
    return text, "".join(printable(line) + "\n" for line in errors), 1 if made.broken else 0


def _verdict_text(files: int, stored: list[tuple[Any, ...]], options: dict[str, Any],
                  ) -> tuple[str, int]:
    from psea_cli import console
    from psea_cli.problems import Problem, Severity, exit_code

    problems = [Problem(f, line, column, code, Severity(severity), message, hint)
                for f, line, column, code, severity, message, hint in stored]
    output_format = options["format"]
    if output_format == "auto":
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    text = io.StringIO()
    if output_format == "text":
        console.write_text(problems, files, text, colour=console.colour_wanted(sys.stdout))
    else:
        {"json": console.write_json, "github": console.write_github}[output_format](
            problems, files, text)
    return text.getvalue(), exit_code(problems, strict=options["strict"])


def main() -> None:
    """Console-script entry point."""
    ensure_streams()
    args = sys.argv[1:]
    if args == ["--version"]:
        from psea_cli import __version__

        sys.stdout.write(f"psea {__version__}\n")
        return
    from psea_cli import instant

    instant.drop_held()  # none from an earlier run in this process (its files may have changed)
    try:
        text, errors, code = _instant(args)
    except _NotPlain:
        pass
    except KeyboardInterrupt:
        _interrupted()
    except Exception:  # never an internal error from a shortcut: the usual path decides
        if os.environ.get("PSEA_DEBUG"):
            raise
    else:
        if _printable(text, sys.stdout) and _printable(errors, sys.stderr):
            try:
                _emit(text, errors)
            except KeyboardInterrupt:  # while the answer was being written
                _interrupted()
            sys.exit(code)
    from psea_cli.cli import main as full

    full()


def _interrupted() -> NoReturn:
    """Ctrl-C: said, exit 130, never a traceback."""
    from psea_cli.i18n import _

    with contextlib.suppress(OSError):
        sys.stderr.write(_("interrupted") + "\n")
    sys.exit(130)


def _printable(text: str, stream: Any) -> bool:
    """True when ``stream`` is there and can encode ``text`` (else the usual path, which
    says what is wrong, prints it)."""
    if stream is None:
        return False
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _emit(text: str, errors: str) -> None:
    """Print the answer; a reader that went away (``psea report semester | head``) ends the
    run quietly, with exit 1, as on the usual path."""
    try:
        sys.stderr.write(errors)
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as error:  # a full disk, a device that refuses: said, never a traceback
        from psea_cli.console import output_failed

        output_failed(error)


def ensure_streams() -> None:
    """A closed standard output or error (``psea validate >&-``) is the null device: the
    exit code still says what the run found."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
