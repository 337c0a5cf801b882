"""The ``psea`` console script: ``psea --version`` and a ``psea validate`` whose answer is
already filed (``instant``) are answered here, before the command-line framework, the models
or the parser are imported; everything else goes to ``psea_cli.cli``.

Only the plainest forms are answered here — ``validate`` with ``--root``, ``--lang``,
``--format`` and ``--strict`` in any order — and only when the answer is certain; any other
argument, ``--no-cache``, a key (``--identity``, ``PSEA_IDENTITY``) or a doubt of any kind goes
the usual way, which prints the same thing, slower.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

_FORMATS = ("auto", "text", "json", "github")


class _NotPlain(Exception):
    """The command line is not one this module answers."""


def _value(args: list[str], i: int, name: str) -> tuple[str, int]:
    """The value of option ``name`` at ``args[i]`` (``--name value`` or ``--name=value``) and
    where the next argument is."""
    token = args[i]
    if token.startswith(name + "="):
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


def _instant(args: list[str]) -> tuple[str, int]:
    """What a plain ``psea validate`` prints, from its filed verdict, and its exit code;
    ``_NotPlain`` when this command line or this repository is not answered here."""
    if any(os.environ.get(name) is not None for name in ("PSEA_NO_CACHE", "PSEA_IDENTITY")):
        raise _NotPlain
    options = _plain_validate(args)
    from psea_cli import clock, instant
    from psea_cli.i18n import SUPPORTED_LANGUAGES, choose_language, set_language

    lang = options["lang"]
    if lang is not None:
        lang = lang.strip().lower()
        if lang not in SUPPORTED_LANGUAGES:
            raise _NotPlain
    root = _root(options["root"])
    if root is None:
        raise _NotPlain
    taken = instant.take_print(root, clock.today().isoformat())
    if taken is None:
        raise _NotPlain
    instant.hold(root, taken)
    found = instant.answer(root, taken, lang)
    if found is None:
        raise _NotPlain
    languages, language, files, stored = found
    if choose_language(lang, languages) != language:
        raise _NotPlain
    set_language(language)
    return _verdict_text(files, stored, options)


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
    args = sys.argv[1:]
    if args == ["--version"]:
        from psea_cli import __version__

        sys.stdout.write(f"psea {__version__}\n")
        return
    try:
        text, code = _instant(args)
    except _NotPlain:
        pass
    except KeyboardInterrupt:
        from psea_cli.i18n import _

        sys.stderr.write(_("interrupted") + "\n")
        sys.exit(130)
    except Exception:  # never an internal error from a shortcut: the usual path decides
        if os.environ.get("PSEA_DEBUG"):
            raise
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
        sys.exit(code)
    from psea_cli.cli import main as full

    full()
