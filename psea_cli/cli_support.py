"""What every command shares: the global options, finding the repository, fatal-error display.

Kept free of heavy imports so that ``psea --help`` starts fast.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer

from psea_cli.i18n import SUPPORTED_LANGUAGES, _, choose_language, psea_lang, set_language
from psea_cli.printable import printable, printable_json
from psea_cli.problems import Problem, PseaError, Severity

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.sealing import Keyring

P = ParamSpec("P")
R = TypeVar("R")


@dataclasses.dataclass
class GlobalOptions:
    root: Path | None = None
    lang: str | None = None
    identity: Path | None = None


def startup_language(argv: list[str]) -> str:
    """The language of help texts, found without importing YAML: --lang, PSEA_LANG, the
    first language of the network.yaml nearest --root, PSEA_ROOT or the current folder, the
    system locale."""
    root_arg: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in SUPPORTED_LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in SUPPORTED_LANGUAGES:
            return arg[7:]
        if arg == "--root" and i + 1 < len(argv):
            root_arg = argv[i + 1]
        elif arg.startswith("--root="):
            root_arg = arg[7:]
    explicit = psea_lang()
    if explicit:
        return explicit
    root_env = root_arg or os.environ.get("PSEA_ROOT")
    try:
        start = Path(root_env) if root_env else Path.cwd()
    except OSError:  # the current folder was deleted: the command says so, in the locale's words
        return choose_language(None, None)
    for folder in (start, *start.parents):
        network = folder / "data" / "network.yaml"
        from psea_cli.safe_input import MAX_FILE_BYTES, is_regular, read_regular

        if is_regular(network):
            try:
                head = read_regular(network, MAX_FILE_BYTES).decode("utf-8", "replace")[:4000]
            except OSError:
                break
            match = re.search(r"^languages:\s*\[?\s*-?\s*([a-z]{2})", head, re.MULTILINE)
            if match and match.group(1) in SUPPORTED_LANGUAGES:
                return match.group(1)
            break
    return choose_language(None, None)


def _lines(lines: tuple[str, ...]) -> str:
    return "".join(printable(line) + "\n" for line in lines)


def err(*lines: str) -> None:
    """Write a message to standard error, each of ``lines`` on its own line. Every control or
    invisible character in them (a line break or an escape sequence in a file name from a
    clone, a name from a data file, a column of an export) is written as an escape
    (``printable``): nothing a file holds reaches the terminal or a CI log as itself."""
    sys.stderr.write(_lines(lines))


def say(*lines: str) -> None:
    """Write a message to standard output, as ``err`` does: the one way a command prints
    words to standard output (a document it outputs, Markdown, CSV, JSON, a report, has its
    own escaping)."""
    typer.echo(_lines(lines), nl=False)


def fail(error: PseaError) -> typer.Exit:
    from psea_cli.console import colour_wanted, format_fatal

    sys.stderr.write(format_fatal(error, colour_wanted(sys.stderr)) + "\n")  # escaped there
    return typer.Exit(code=error.exit_code)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a ``PseaError`` into a message on standard error and its exit code (2 by default)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except PseaError as error:
            raise fail(error) from None

    return wrapper


def options(ctx: typer.Context) -> GlobalOptions:
    root = ctx.find_root()
    obj = root.obj
    if not isinstance(obj, GlobalOptions):
        obj = GlobalOptions()
        root.obj = obj
    return obj


def repository_root(ctx: typer.Context) -> Path:
    """--root, PSEA_ROOT, or the nearest ancestor holding data/network.yaml; sets the language."""
    from psea_cli.layout import NETWORK_FILE
    from psea_cli.quick import find_root, network_languages
    from psea_cli.safe_input import is_regular

    opts = options(ctx)
    if opts.root is not None:
        root = opts.root
        if not is_regular(root / NETWORK_FILE) and not os.path.lexists(root / NETWORK_FILE):
            raise PseaError(
                _("{root} is not a network repository: {file} is missing").format(
                    root=root, file=NETWORK_FILE),
                _("Give --root the folder that holds data/network.yaml, or create one with "
                  "'psea init'."))
    else:
        try:
            here = Path.cwd()
        except OSError:
            raise PseaError(
                _("the current folder no longer exists (it was deleted or moved)"),
                _("Go to the network repository's folder again, or give --root PATH.")) from None
        found = find_root(here)
        if found is None:
            raise PseaError(
                _("no data/network.yaml found in this folder or any folder above it"),
                _("Run psea inside a network repository, give --root PATH (or PSEA_ROOT), or "
                  "create one with 'psea init PATH'."))
        root = found
    set_language(choose_language(opts.lang, network_languages(root)))
    _refuse_odd_network_file(root)
    return root


def _refuse_odd_network_file(root: Path) -> None:
    """A data/network.yaml that is there but is no regular file (a folder, a link to a device
    or to nothing) is said for what it is, exit 1."""
    from psea_cli import safe_input
    from psea_cli.layout import NETWORK_FILE

    path = root / NETWORK_FILE
    try:
        kind = safe_input.kind_of(os.stat(path).st_mode)  # noqa: PTH116 - links followed
    except OSError:
        kind = "broken link" if os.path.islink(path) else None  # noqa: PTH114
    except ValueError:
        kind = None
    if kind is None:
        return
    words = {"folder": _("a folder"), "FIFO": _("a FIFO"), "socket": _("a socket"),
             "device": _("a device"), "broken link": _("a link that leads nowhere")}
    raise PseaError(_("{file} is not a file but {kind}; psea reads the network's settings from "
                      "that YAML file").format(file=NETWORK_FILE,
                                               kind=words.get(kind, _("a special file"))),
                    _("Restore it from git (git checkout -- data/network.yaml), or create a "
                      "network with 'psea init'."), exit_code=1)


def _key_file(ctx: typer.Context, root: Path) -> tuple[Path, bool] | None:
    """The key file ``keyring`` would read, and whether it was given (--identity)."""
    from psea_cli.checking import default_key_file

    given = options(ctx).identity
    if given is not None:
        return given, True
    found = default_key_file(root)
    return (found, False) if found is not None else None


def keyring(ctx: typer.Context, root: Path) -> Keyring | None:
    """The identities that decrypt case records: --identity / PSEA_IDENTITY, else the user's
    ~/.ssh/id_ed25519 when the network lists an ssh-ed25519 recipient and the key has no
    passphrase; None when there is no key (everything else is read as usual)."""
    found = _key_file(ctx, root)
    if found is None:
        return None
    from psea_cli.sealing import load_keyring

    path, given = found
    if given:
        return load_keyring(path)
    try:
        return load_keyring(path)
    except PseaError:
        return None


def load(ctx: typer.Context) -> tuple[Dataset, list[Problem]]:
    from psea_cli import clock
    from psea_cli.validation import load_dataset

    root = repository_root(ctx)
    return load_dataset(root, today=clock.today(), keyring=keyring(ctx, root))


def check(ctx: typer.Context) -> tuple[int, list[Problem]]:
    """(files read, problems), all ``psea validate`` needs: the last run's, when nothing changed
    (``checking``)."""
    from psea_cli import checking, clock, instant

    root = repository_root(ctx)
    found = checking.verdict(root, clock.today(), lambda: keyring(ctx, root),
                             key_given=_key_file(ctx, root) is not None, taken=instant.held(root))
    return found[0], [Problem(f, line, column, code, Severity(severity), message, hint)
                      for f, line, column, code, severity, message, hint in found[1]]


def version_callback(value: bool) -> None:
    if value:
        from psea_cli import __version__

        typer.echo(f"psea {__version__}")
        raise typer.Exit()


def echo_json(document: Any) -> None:
    import json

    typer.echo(printable_json(json.dumps(document, ensure_ascii=False, indent=2, default=str)))
