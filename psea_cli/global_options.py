"""Global options (``--root``, ``--lang``, ``--no-cache``, ``--identity``, ``--version``) accepted
after the command too: ``psea validate --lang en`` is read as ``psea --lang en validate``.

Click reads an option only at the level of the command that declares it; people type the
global options wherever they think of them. Before parsing, the root command moves every
global option found after a command name, with its value, in front of the command. A command
that declares an option of the same name keeps it (``psea report semester --lang`` is the
report's language), and nothing after ``--`` moves. Only click's public attributes are read
(a command's ``params`` and ``commands``, an option's ``opts`` and ``is_flag``).
"""

from __future__ import annotations

from typing import Any

from psea_cli.i18n import _


def _option_names(command: Any) -> dict[str, int]:
    """Every option name of ``command`` and how many values it takes (0 for a flag)."""
    names: dict[str, int] = {}
    for param in getattr(command, "params", []):
        if getattr(param, "param_type_name", "") != "option":
            continue
        takes = 0 if getattr(param, "is_flag", False) or getattr(param, "count", False) else max(
            1, int(getattr(param, "nargs", 1) or 1))
        for name in (*param.opts, *getattr(param, "secondary_opts", [])):
            names[name] = takes
    return names


class MissingValue(Exception):
    """A global option typed last, without its value."""

    def __init__(self, option: str) -> None:
        super().__init__(option)
        self.option = option


def hoist(root: Any, args: list[str]) -> list[str]:
    """``args`` with the global options typed after a command moved before it (after those
    typed before it, so that the last one typed wins, as for any option)."""
    global_names = {name: takes for name, takes in _option_names(root).items()
                    if name not in ("-h", "--help")}
    front: list[str] = []
    rest: list[str] = []
    command: Any = root
    own = _option_names(root)
    at: int | None = None  # where the first command name is: the options typed later go just before it
    i = 0
    while i < len(args):
        token = args[i]
        if token == "--":
            rest.extend(args[i:])
            break
        name = token.split("=", 1)[0]
        if command is not root and name in global_names and name not in own:
            takes = 0 if "=" in token else global_names[name]
            if i + takes >= len(args):
                raise MissingValue(name)
            front.extend(args[i:i + 1 + takes])
            i += 1 + takes
            continue
        if token.startswith("-") and token != "-":
            takes = 0 if "=" in token else own.get(name, 0)
            rest.extend(args[i:i + 1 + takes])
            i += 1 + takes
            continue
        rest.append(token)
        sub = getattr(command, "commands", {}).get(token)
        if sub is not None:
            at = len(rest) - 1 if at is None else at
            command, own = sub, _option_names(sub)
        i += 1
    at = len(rest) if at is None else at
    return rest[:at] + front + rest[at:]


def note(command: Any, root: Any) -> str:
    """The line a command's help adds about the global options it also accepts."""
    own = _option_names(command)
    names = [name for name in _option_names(root)
             if name.startswith("--") and name != "--help" and name not in own]
    if not names:
        return ""
    return _("Global options ({options}) may also be given after the command; "
             "see psea -h.").format(options=", ".join(names))


def document(root: Any) -> None:
    """Add ``note`` to the help of every command below ``root``."""
    pending = list(getattr(root, "commands", {}).values())
    while pending:
        command = pending.pop()
        text = note(command, root)
        if text and text not in (command.epilog or ""):
            command.epilog = f"{command.epilog}\n\n{text}" if command.epilog else text
        pending.extend(getattr(command, "commands", {}).values())
