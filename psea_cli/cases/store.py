"""The case store on disk: one YAML file per case, written so that nothing is ever lost.

* A new file is written to a temporary file in the same folder, flushed to disk, then
  hard-linked to its final name: the link fails if the name exists, so an existing case is
  never overwritten, and no reader ever sees a half-written file.
* An update reads the file in ruamel.yaml's round-trip mode (comments, key order and quotes
  survive), and replaces it atomically only if it is still byte for byte what was read.

This module knows files and YAML, not the rules of a case: ``editing`` decides what to write.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from psea_cli import clock, yamledit
from psea_cli.dataset import Dataset
from psea_cli.i18n import _, os_reason
from psea_cli.layout import DEFAULT_CASES_DIR
from psea_cli.models.case import Case, CaseConsent, CaseEvent, Perpetrator, Survivor
from psea_cli.problems import PseaError
from psea_cli.safe_input import inside, read_regular
from psea_cli.safe_output import data_target
from psea_cli.sealing import SEALED_SUFFIX, Keyring, Malformed, open_envelope, seal

KEY_ORDER: dict[str, tuple[str, ...]] = {
    "": tuple(Case.model_fields),
    "survivor": tuple(Survivor.model_fields),
    "perpetrator": tuple(Perpetrator.model_fields),
    "consent": tuple(CaseConsent.model_fields),
    "events": tuple(CaseEvent.model_fields),
}
"""The order keys are written in: the models' field order, at each level of a record."""

_QUOTED = frozenset({"yes", "no"})
"""Values written in quotes, so that YAML 1.1 tools (and readers) never take them for booleans."""


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.representer.ignore_aliases = lambda *_args: True  # one value used twice: no &anchor
    return yaml


def store_folder(dataset: Dataset, create: bool = False) -> Path:
    """The case store of the repository (``cases_dir`` in network.yaml, else data/cases).

    The default store is created when ``create``; a store configured elsewhere must exist,
    so that case records never land in a folder nobody meant (an uncloned private
    repository, a typo)."""
    if dataset.cases_dir == DEFAULT_CASES_DIR and not inside(dataset.root / DEFAULT_CASES_DIR,
                                                             dataset.root):
        raise PseaError(_("{folder} is a link that leads outside the repository; psea does not "
                          "write through it").format(folder=DEFAULT_CASES_DIR), _(
            "Replace the link {link} with a real folder (a clone or a pull request may carry a "
            "link to anywhere on this machine), then run the command again.").format(
                link=DEFAULT_CASES_DIR), exit_code=1)  # validate: file.link-outside
    folder = (dataset.root / dataset.cases_dir).resolve()  # as the pipeline reads it
    if folder.is_dir():
        return folder
    if create and dataset.cases_dir == DEFAULT_CASES_DIR:
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    raise PseaError(
        _("the case store {folder} does not exist").format(folder=dataset.cases_dir),
        _("Create or clone it there, or correct cases_dir in data/network.yaml."))


def label(dataset: Dataset, path: Path) -> str:
    """A path as the pipeline names it: relative to the repository root, with '/'."""
    return Path(os.path.relpath(path, dataset.root)).as_posix()


def _ordered(value: Any, level: str) -> Any:
    """Plain data to ruamel nodes, keys in the models' order, yes/no quoted."""
    if isinstance(value, dict):
        order = KEY_ORDER.get(level, ())
        keys = sorted(value, key=lambda k: order.index(k) if k in order else len(order))
        node = CommentedMap()
        for key in keys:
            if value[key] is not None:
                node[key] = _ordered(value[key], key if level == "" else level)
        return node
    if isinstance(value, list):
        return CommentedSeq(_ordered(item, level) for item in value)
    if isinstance(value, str) and value in _QUOTED:
        return DoubleQuotedScalarString(value)
    return value


def render(data: dict[str, Any], label: str) -> str:
    """The text of a new case file at repository-relative ``label``: the modeline that tells
    editors which schema to check it against, then the record."""
    from psea_cli.schema_export import modeline

    return modeline("case", label) + "\n" + dump(_ordered(data, ""))


_DUMPER: list[YAML] = []
"""One writer kept for every dump: making one costs about as much as a case's dump (a dry run
of 1,000 submissions spent 40% of its time there)."""


def dump(document: Any) -> str:
    dumper = _DUMPER.pop() if _DUMPER else _yaml()
    buffer = io.StringIO()
    dumper.dump(document, buffer)  # a failed dump leaves the writer half-used: not kept
    _DUMPER.append(dumper)
    return buffer.getvalue()


def is_sealed(path: Path) -> bool:
    """True for an encrypted case record (``<id>.age``)."""
    return path.suffix == SEALED_SUFFIX


def read(path: Path, label: str, keyring: Keyring | None = None) -> tuple[bytes, Any]:
    """The file's bytes and its round-trip document (an encrypted record decrypted in memory
    with ``keyring``). The text goes through ``psea validate``'s careful reader first: a file
    with a YAML-level problem (an alias, a duplicate key, nesting too deep) is refused with that
    problem located at ``label`` (``yamledit``), never handed to ruamel.yaml."""
    raw = read_regular(path)
    return raw, parse(opened(path, raw, keyring), label)


def parse(text: bytes, label: str) -> Any:
    """The round-trip document of a case file's text (see ``read``)."""
    return yamledit.load(_yaml().load, text, label)


def plaintext(path: Path, raw: bytes, keyring: Keyring | None) -> str:
    """The text of a case file: as it is, or decrypted in memory; PseaError when no key opens
    it (the message names the file, whose name is the case id)."""
    return opened(path, raw, keyring).decode("utf-8")


def opened(path: Path, raw: bytes, keyring: Keyring | None) -> bytes:
    """The bytes of a case file: as they are, or decrypted in memory (see ``plaintext``)."""
    if not is_sealed(path):
        return raw
    try:
        clear = keyring.decrypt(open_envelope(raw)) if keyring is not None else None
    except Malformed as exc:
        raise PseaError(_("{file} is not an encrypted case record as psea writes it").format(
            file=path.name), _("Run 'psea validate' to see what is wrong with it."),
            exit_code=1) from exc  # the file's problem, not the command's
    if clear is None:
        raise PseaError(
            _("{file} is encrypted and no key you gave opens it").format(file=path.name),
            _("Give your key with --identity FILE (or PSEA_IDENTITY); only the recipients of "
              "data/network.yaml can read case records."))
    return clear


def encoded(dataset: Dataset, case_id: str, text: str, sealed: bool) -> str:
    """What a case file holds: ``text``, or ``text`` encrypted to the network's recipients."""
    if not sealed:
        return text
    keys = dataset.network.case_recipients() if dataset.network else []
    return seal(text.encode("utf-8"), keys, case_id).decode("ascii")


def set_in_order(mapping: CommentedMap, key: str, value: Any, level: str = "") -> None:
    """Set ``key``; a new key goes where the models' order puts it, not at the end."""
    node = _ordered(value, key if level == "" else level)
    if key in mapping:
        mapping[key] = node
        return
    order = KEY_ORDER.get(level, ())
    rank = order.index(key) if key in order else len(order)
    position = next((i for i, k in enumerate(mapping)
                     if k in order and order.index(k) > rank), len(mapping))
    mapping.insert(position, key, node)


def append_item(mapping: CommentedMap, key: str, item: dict[str, Any]) -> None:
    """Append ``item`` to the list under ``key`` (created if needed), in block style."""
    sequence = mapping.get(key)
    if not isinstance(sequence, CommentedSeq):
        set_in_order(mapping, key, [])
        sequence = mapping[key]
    sequence.fa.set_block_style()
    sequence.append(_ordered(item, key))


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - folders cannot be opened on Windows
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temporary(folder: Path, text: str, mode: int | None = None) -> Path:
    temporary = folder / f".psea-{secrets.token_hex(6)}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            temporary.chmod(mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """A file system error while writing ``path`` becomes a message, not a traceback."""
    try:
        yield
    except OSError as exc:
        raise PseaError(
            _("{file} could not be written ({reason}); nothing was written").format(
                file=path.name, reason=os_reason(exc)),
            _("Check that the case store exists and that you may write in it.")) from exc


LEFTOVER_AGE_SECONDS = 600
"""A temporary file this old was left by a command that was killed (``kill -9``, a power cut)."""
_RECORD_ID = re.compile(r"^id:\s*[\"']?([0-9A-Z]{8})[\"']?\s*$", re.MULTILINE)


def clean_leftovers(folder: Path) -> list[Path]:
    """Delete the temporary files a killed command left in ``folder`` whose record reached its
    name intact (the same bytes are in ``<id>.yaml``); the others stay, and ``psea validate``
    reports them (``cases.leftover-temporary``), since they may hold the only copy of a record.
    Returns what was deleted."""
    deleted = []
    now = clock.seconds()
    for leftover in folder.glob(".psea-*.tmp"):
        try:
            if now - leftover.lstat().st_mtime < LEFTOVER_AGE_SECONDS:
                continue
            raw = read_regular(leftover)
            found = _RECORD_ID.search(raw.decode("utf-8", "replace"))
            if found and read_regular(folder / f"{found.group(1)}.yaml") == raw:
                leftover.unlink()
                deleted.append(leftover)
        except OSError:
            continue
    return deleted


def create(path: Path, text: str, root: Path, store: Path | None = None) -> bool:
    """Write ``text`` to ``path`` if no file has that name; False (nothing written) if one has.
    Refused first when a folder on the way leads outside ``root`` (outside ``store``, the case
    store, for a case) (``safe_output.data_target``); then leftovers of killed commands whose
    record is safe are deleted (``clean_leftovers``)."""
    path = data_target(path, root, store, exclusive=True)
    clean_leftovers(path.parent)
    with _writing(path):
        temporary = _write_temporary(path.parent, text)
        try:
            try:
                os.link(temporary, path)
            except FileExistsError:
                return False
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                    raise
                # A file system without hard links (FAT, some network shares): exclusive
                # creation still never overwrites, at the cost of atomicity.
                try:
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
                except FileExistsError:
                    return False
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
                    handle.flush()
                    os.fsync(handle.fileno())
        finally:
            temporary.unlink(missing_ok=True)
        _fsync_folder(path.parent)
    return True


def replace(path: Path, original: bytes, text: str, root: Path, store: Path | None = None
            ) -> None:
    """Replace the file atomically with ``text``, if it still holds ``original``; refused when
    it is a link or lies through one outside ``root`` or ``store`` (``data_target``)."""
    path = data_target(path, root, store)
    with _writing(path):
        temporary = _write_temporary(path.parent, text, mode=path.stat().st_mode & 0o777)
        try:
            if read_regular(path) != original:
                raise PseaError(_("the case file changed while it was being updated; nothing "
                                  "was written"), _("Run the command again."), exit_code=1)
            temporary.replace(path)
        finally:
            temporary.unlink(missing_ok=True)
        _fsync_folder(path.parent)
