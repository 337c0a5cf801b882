"""Writing what psea produces so that nothing is ever half-written or harmful to open.

``write_atomically`` writes a temporary file beside the target, flushes it to disk and renames
it over the target: a reader never sees half a report or export, and a failure leaves any
previous file as it was. ``output_target`` judges a file the user named (``--output``);
``output_folder`` a folder the user named (``--output-dir``, ``psea init PATH``), and
``file_in_folder`` each file psea names itself inside a folder, where a link is replaced,
never followed. ``data_target`` judges a file of the network's own data that a command creates
or edits (``write_data`` writes one): a link on its way that leads out of the repository (or
the case store), or a link in its place, is refused. ``neutralise`` makes a spreadsheet cell
inert (formula injection); ``neutralise_for_machines`` does so for files programs read (HXL)
only where a cell is dangerous on its own, so that phone numbers keep their ``+``.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
import tempfile
from pathlib import Path

from psea_cli.clone_links import leads_out_of_its_clone, leads_to_a_tracked_file
from psea_cli.i18n import _, os_reason
from psea_cli.layout import label_of
from psea_cli.problems import PseaError
from psea_cli.safe_input import inside

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Excel, LibreOffice and Google Sheets evaluate a cell that starts with ``=``, ``+``, ``-`` or
``@`` (and some read a leading tab or carriage return the same way). Data is typed by focal
points of many organisations, so ``=HYPERLINK("http://…")`` must arrive as inert text. Phone
numbers start with ``+`` and are caught by the same rule."""


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """``text`` made inert for a spreadsheet: a formula-like value gets a leading ``'``, the
    mark Excel itself uses for "this is text" (``'+223 20 00 00 01`` stays readable)."""
    return "'" + text if is_formula_like(text) else text


MACHINE_FORMULA_STARTS = ("=", "@", "\t", "\r")
_SIGNED = re.compile(r"[+-][0-9][0-9 .()-]*\Z")


def neutralise_for_machines(text: str) -> str:
    """``text`` for a file read by programs (HXL): left as it is, so that a phone keeps its
    ``+`` (``+223 20 00 00 01``) and a negative number its ``-``, since a reader of data runs no
    formula; only a cell that is dangerous wherever the file is opened gets the ``'``: one
    starting with ``=``, ``@``, a tab or a carriage return, or with ``+``/``-`` followed by
    anything but a number (``+cmd|' /C calc'!A0``)."""
    if text.startswith(MACHINE_FORMULA_STARTS) or (
            text.startswith(("+", "-")) and not _SIGNED.match(text)):
        return "'" + text
    return text


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write ``data`` (text is written as UTF-8 with ``\n`` line ends) to ``path`` atomically.

    Raises ``PseaError`` naming the path when the folder cannot be written."""
    folder = path.parent if str(path.parent) else Path()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise PseaError(_("cannot write {path}: {reason}").format(
            path=path, reason=os_reason(exc)),
            _("Check that the folder exists and that you may write in it.")) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).chmod(0o666 & ~_umask())  # an ordinary file, not mkstemp's 0600
        Path(temporary).replace(path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise PseaError(_("cannot write {path}: {reason}").format(
            path=path, reason=os_reason(exc))) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _in_a_git_folder(resolved: Path, top: Path | None = None) -> bool:
    """True when ``resolved`` is or lies in a folder named ``.git`` (below ``top`` when given:
    the repository's own ``.git`` and any other inside it)."""
    folders = [resolved, *resolved.parents]
    return any(folder.name == ".git" for folder in folders
               if top is None or folder.is_relative_to(top))


def _protected(resolved: Path, root: Path | None) -> bool:
    """True when ``resolved`` lies in ``root``'s ``data/``, ``templates/`` or ``.git/``, or in
    any folder named ``.git``, any ``data/`` folder holding a ``network.yaml`` or any
    ``templates/`` beside one."""
    folders = [resolved, *resolved.parents]
    if root is not None:
        real_root = Path(os.path.realpath(root))
        if any(folder in (real_root / "data", real_root / ".git", real_root / "templates")
               for folder in folders):
            return True
    if _in_a_git_folder(resolved):
        return True
    return any((folder.name == "data" and (folder / "network.yaml").is_file())
               or (folder.name == "templates"
                   and (folder.parent / "data" / "network.yaml").is_file())
               for folder in folders)


def _refuse_protected(path: Path, root: Path | None, resolved: Path | None = None) -> None:
    """A usage error when ``path`` (``resolved``: every link on the way followed) lies in the
    network's ``data/``, ``templates/`` or a ``.git`` folder."""
    if _protected(resolved or Path(os.path.realpath(path)), root):
        raise PseaError(
            _("will not write {path}: it is inside the network's data/, templates/ or a .git "
              "folder, which a report or an export would overwrite").format(path=path),
            _("Give --output a path outside data/, templates/ and .git/, for example "
              "reports/NAME."))


def output_target(path: Path, root: Path | None = None) -> Path:
    """The file an ``--output`` of a report or an export is written to: ``path``, or the
    regular file a symbolic link there points to (written through, still atomically: the
    link stays). Raises a usage error (exit 2) for a path inside a network's ``data/`` or a
    ``.git`` folder (links resolved), one that a link inside a git work tree (a clone) leads
    out of it, or one that exists and is not a regular file (a device, a FIFO, a socket, a
    folder), which would be replaced by the report."""
    _refuse_protected(path, root)
    clone = leads_out_of_its_clone(path)
    if clone is not None:
        raise PseaError(
            _("will not write {path}: a symbolic link in the repository {clone} leads it "
              "outside the repository, and a link may come with a pull request").format(
                path=path, clone=clone),
            _("Remove the link, or give --output the path of the file it leads to."))
    tracked = leads_to_a_tracked_file(path)
    if tracked is not None:
        raise PseaError(
            _("will not write {path}: a symbolic link leads it to {file}, a file of the "
              "repository, and a link may come with a pull request").format(
                path=path, file=tracked),
            _("Remove the link, or give --output the path of a new file."))
    resolved = Path(os.path.realpath(path))
    try:
        mode = os.stat(resolved).st_mode  # noqa: PTH116
    except OSError:
        return resolved  # a new file (the write says why, if the folder cannot be written)
    if not stat.S_ISREG(mode):
        raise PseaError(
            _("will not write {path}: it is not a regular file (a device, a pipe or a "
              "folder), which writing would replace").format(path=path),
            _("Give --output the path of a new or ordinary file, or '-' for the standard "
              "output where the command allows it."))
    return resolved


def write_output(path: Path, data: bytes | str, root: Path | None = None) -> None:
    """Write a report or an export to ``--output`` ``path`` (``output_target``) atomically."""
    write_atomically(output_target(path, root), data)


def output_folder(folder: Path, option: str, root: Path | None = None,
                  hint: str | None = None) -> Path:
    """``folder``, named by the user with ``option`` (``--output-dir``, ``PATH``…) for psea to
    write its own files into. A link there is the user's choice and is followed; raises a
    usage error (exit 2) when the folder (links resolved) lies inside the network's ``data/``
    or a ``.git`` folder, whose files psea would replace, or when it exists and is not a
    folder. ``hint`` replaces the hint of the first refusal (a default folder)."""
    resolved = Path(os.path.realpath(folder))
    if _protected(resolved, root):
        raise PseaError(
            _("will not write into {folder} ({option}): it is inside the network's data/, "
              "templates/ or a .git folder, where psea's files would overwrite the network's "
              "own").format(folder=folder, option=option),
            hint or _("Give {option} a folder outside data/, templates/ and .git/, for example "
                      "a new folder at the top of the repository.").format(option=option))
    if os.path.lexists(folder) and not resolved.is_dir():
        raise PseaError(
            _("will not write into {folder} ({option}): it is not a folder").format(
                folder=folder, option=option),
            _("Give {option} a folder, new or existing.").format(option=option))
    return folder


def file_in_folder(folder: Path, name: str, root: Path | None = None) -> Path:
    """The file ``name`` that psea writes into ``folder`` (an output folder, or the current
    one for a default file name): a path that ``write_atomically`` replaces whole. A link of
    that name is replaced by the new file, never written through: the user named the folder,
    not the link, which may have come with a clone (``psea-intake.xlsx`` → ``~/.bashrc``).
    Raises a usage error (exit 2) when the folder lies inside the network's ``data/`` or a
    ``.git`` folder, or when ``name`` there is a folder, a pipe or a device."""
    target = folder / name
    _refuse_protected(target, root, Path(os.path.realpath(folder)) / name)  # the link unfollowed
    try:
        mode = os.lstat(target).st_mode
    except OSError:
        return target  # a new file (the write says why, if the folder cannot be written)
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise PseaError(
            _("will not write {path}: it is not a regular file (a device, a pipe or a "
              "folder), which writing would replace").format(path=target),
            _("Move it out of the way, or give another folder."))
    return target


def _leaving(folder: Path, bound: str) -> Path:
    """The first folder on the way to ``folder`` that lies outside ``bound`` (links resolved)
    while the one holding it lies inside: the link that leads out."""
    chain = [*reversed(folder.parents), folder]
    return next((below for above, below in itertools.pairwise(chain)
                 if inside(above, bound) and not inside(below, bound)), folder)


def _into_git(folder: Path, tops: tuple[Path, ...]) -> Path | None:
    """The first folder on the way to ``folder`` that lies, links resolved, in a folder named
    ``.git`` inside one of ``tops`` (the repository, the case store: their own ``.git`` and
    any other, as ``_protected`` judges a repository's files), or None."""
    real_tops = [Path(os.path.realpath(top)) for top in tops]

    def in_git(step: Path) -> bool:
        real = Path(os.path.realpath(step))
        return any(real.is_relative_to(top) and _in_a_git_folder(real, top)
                   for top in real_tops)

    if not in_git(folder):  # one resolution for the usual case
        return None
    return next(step for step in [*reversed(folder.parents), folder] if in_git(step))


def data_target(path: Path, root: Path, store: Path | None = None, *,
                exclusive: bool = False) -> Path:
    """``path`` (normalised), a file of the network repository ``root`` that a command is
    about to create or replace: its data, or a case record of the case store ``store``.
    Raises ``PseaError`` (exit 1, a data problem) before anything is written when a folder on
    its way, links followed, lies outside the repository (outside ``store`` when given): a
    link a clone or a pull request carries (``data/published`` → a folder elsewhere), or
    inside the repository's ``.git`` (``data/sessions`` → ``../.git/hooks``: git runs what
    lands there); or,
    unless ``exclusive`` (a file created only where no file has its name, never through a
    link), when ``path`` itself is a link, wherever it leads: psea writes a data file, never
    through a link in its place."""
    path = Path(os.path.normpath(path))
    bound = os.path.realpath(store if store is not None else root)
    if not inside(path.parent, bound):
        link = label_of(_leaving(path.parent, bound), root)
        message = (_("will not write {path}: {link} is a link that leads outside the case "
                     "store; psea does not write through it, and nothing was written")
                   if store is not None else
                   _("will not write {path}: {link} is a link that leads outside the "
                     "repository; psea does not write through it, and nothing was written"))
        raise PseaError(message.format(path=label_of(path, root), link=link), _(
            "Replace the link {link} with a real folder (a clone or a pull request may carry "
            "a link to anywhere on this machine), then run the command again.").format(
                link=link), exit_code=1)
    into_git = _into_git(path.parent, (root,) if store is None else (root, store))
    if into_git is not None:
        link = label_of(into_git, root)
        raise PseaError(_(
            "will not write {path}: {link} leads into a .git folder, where psea "
            "writes no data; nothing was written").format(path=label_of(path, root),
                                                               link=link), _(
            "Replace the link {link} with a real folder (a clone or a pull request may carry "
            "a link into .git, whose hooks git runs), then run the command again.").format(
                link=link), exit_code=1)
    if not exclusive and path.is_symlink():
        raise PseaError(
            _("will not write {path}: it is a link, and psea does not write through a link; "
              "nothing was written").format(path=label_of(path, root)),
            _("Replace the link with a real file (a clone or a pull request may carry a link "
              "to anywhere on this machine), then run the command again."), exit_code=1)
    return path


def make_folders(folder: Path) -> None:
    """Create ``folder`` and the folders above it when it is missing (judged by
    ``data_target`` first); a ``PseaError`` naming it when that fails (what is there and
    no folder, ``write_atomically`` says)."""
    if os.path.lexists(folder):
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PseaError(_("cannot write {path}: {reason}").format(
            path=folder, reason=os_reason(exc)),
            _("Check that the folder exists and that you may write in it.")) from None


def write_data(path: Path, data: bytes | str, root: Path, store: Path | None = None) -> None:
    """Write a file of the network's data (``data_target``), its folders created if needed,
    atomically (``write_atomically``)."""
    target = data_target(path, root, store)
    make_folders(target.parent)
    write_atomically(target, data)
