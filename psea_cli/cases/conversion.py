"""Converting the case store: encrypt every record, decrypt every record, re-encrypt (rekey).

Each operation first reads and checks everything it will write, so that it either converts
the whole store or writes nothing: a record no key opens, a damaged file or an existing
target stops it before the first write. Files are converted byte for byte (comments and all);
an encrypted file is written like any case file (temporary file holding the ciphertext, then
a link or an atomic rename), so no plaintext ever reaches a temporary file.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from psea_cli.cases import store
from psea_cli.dataset import Dataset
from psea_cli.i18n import _
from psea_cli.problems import PseaError
from psea_cli.safe_output import data_target
from psea_cli.sealing import SEALED_SUFFIX, seal


@dataclasses.dataclass(frozen=True)
class Conversion:
    """What an operation wrote and removed (absolute paths)."""

    written: list[Path]
    removed: list[Path]


def _case_files(dataset: Dataset, suffixes: tuple[str, ...]) -> list[Path]:
    """The store's case files with one of ``suffixes``; a PseaError, before anything is
    written, when one is a link (``data_target``): psea neither reads nor writes through it."""
    folder = store.store_folder(dataset)
    found = sorted(p for p in folder.rglob("*") if p.suffix in suffixes
                   and (p.is_file() or p.is_symlink()) and not p.name.startswith("."))
    return [data_target(p, dataset.root, folder) for p in found]


def _recipients(dataset: Dataset) -> list[str]:
    keys = dataset.network.case_recipients() if dataset.network else []
    if not keys:
        raise PseaError(_("data/network.yaml lists no recipient to encrypt case records to"),
                        _("Add the core team's public keys under case_encryption.recipients "
                          "(see docs/cases.md), then run the command again."))
    return keys


def _open_all(dataset: Dataset, paths: list[Path]) -> list[tuple[Path, bytes, str]]:
    """(path, ciphertext, plaintext) of every encrypted record; PseaError, before anything
    is written, when one cannot be opened with the user's key."""
    opened = []
    for path in paths:
        raw = path.read_bytes()
        opened.append((path, raw, store.plaintext(path, raw, dataset.keyring)))
    return opened


def encrypt_store(dataset: Dataset) -> Conversion:
    """Encrypt every case file in clear (``<id>.yaml`` becomes ``<id>.age``)."""
    keys = _recipients(dataset)
    clear = _case_files(dataset, (".yaml", ".yml"))
    targets = [path.with_suffix(SEALED_SUFFIX) for path in clear]
    taken = [t.name for t in targets if os.path.lexists(t)]
    if taken:
        raise PseaError(_("{file} exists already; nothing was written").format(file=taken[0]),
                        _("Keep one file per case: remove the older of the two, then run "
                          "the command again."))
    texts = [(path, path.read_bytes()) for path in clear]
    written: list[Path] = []
    for (path, raw), target in zip(texts, targets, strict=True):
        if not store.create(target, seal(raw, keys, path.stem).decode("ascii"), dataset.root,
                            store.store_folder(dataset)):
            raise PseaError(_("{file} exists already").format(file=target.name))
        path.unlink()
        written.append(target)
    return Conversion(written, clear)


def decrypt_store(dataset: Dataset) -> Conversion:
    """Decrypt every encrypted record into a file in clear (``<id>.age`` becomes ``<id>.yaml``)."""
    sealed = _case_files(dataset, (SEALED_SUFFIX,))
    taken = [p.with_suffix(".yaml").name for p in sealed
             if os.path.lexists(p.with_suffix(".yaml"))]
    if taken:
        raise PseaError(_("{file} exists already; nothing was written").format(file=taken[0]),
                        _("Keep one file per case: remove the older of the two, then run "
                          "the command again."))
    opened = _open_all(dataset, sealed)
    written: list[Path] = []
    for path, _raw, text in opened:
        target = path.with_suffix(".yaml")
        if not store.create(target, text, dataset.root, store.store_folder(dataset)):
            raise PseaError(_("{file} exists already").format(file=target.name))
        path.unlink()
        written.append(target)
    return Conversion(written, sealed)


def rekey_store(dataset: Dataset) -> Conversion:
    """Re-encrypt every encrypted record to the network's current recipients."""
    keys = _recipients(dataset)
    opened = _open_all(dataset, _case_files(dataset, (SEALED_SUFFIX,)))
    written: list[Path] = []
    for path, raw, text in opened:
        store.replace(path, raw, seal(text.encode("utf-8"), keys, path.stem).decode("ascii"),
                      dataset.root, store.store_folder(dataset))
        written.append(path)
    return Conversion(written, [])
