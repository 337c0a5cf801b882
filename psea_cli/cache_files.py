"""One file of psea's cache folder (``.psea-cache/``), as ``cache`` and ``instant`` both write
and read them: marshal data behind a magic line and a check bound to the folder.

    write(path, MAGIC, value, binding(folder))     # atomically: temporary file, then rename
    value = read(path, MAGIC, binding(folder), limit)  # None when missing, foreign or corrupt

The *binding* is the device, inode and change time of the folder's CACHEDIR.TAG, which psea
made there and which a fresh clone cannot predict. The check is a digest of the payload keyed
by it, so a cache file that came with a clone, an archive or a pull request fails it and is
never handed to ``marshal.loads`` (which a forged file could make allocate gigabytes).

A cache folder can also arrive with links in it (a pull request may commit ``.psea-cache/``):
psea never reads, writes or removes through a symbolic link, a FIFO or a device there.
``sound`` says whether the folder holds only regular files and real folders (else psea runs
without the cache); the tag is taken with ``lstat``; files are read with ``O_NOFOLLOW`` and
written to a temporary file made with ``O_EXCL | O_NOFOLLOW`` in a folder checked to be a real
one, then renamed (which replaces a link at the target's name, never follows it). Only the
standard library is imported: the warm path of ``psea validate`` reads these files before
anything else is loaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import secrets
import stat
from pathlib import Path
from typing import Any


def digest(raw: bytes) -> bytes:
    """The digest a file's bytes are known by, in every cache (``cache``, ``outcomes``) and
    in the history's reading (``gitrepo.history``): the same bytes, the same digest."""
    return hashlib.blake2b(raw, digest_size=16).digest()

Binding = tuple[int, int, int]


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def real_folder(path: Path) -> bool:
    """True when ``path`` is a folder itself, not a symbolic link to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def sound(folder: Path) -> bool:
    """True when the cache folder is absent, or a real folder holding only regular files and
    real folders of regular files: no symbolic link, FIFO, socket or device at any depth
    psea touches. A folder that is not sound is neither read nor written (psea runs without
    the cache)."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    with os.scandir(entry.path) as inner:
                        if not all(item.is_file(follow_symlinks=False) for item in inner):
                            return False
                elif not entry.is_file(follow_symlinks=False):
                    return False
    except OSError:
        return False
    return True


def binding(folder: Path) -> Binding | None:
    """The cache folder's binding, or None when psea made no cache there (no tag, or a tag
    that is not a regular file in a real folder)."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return None
        marker = os.lstat(folder / "CACHEDIR.TAG")
    except OSError:
        return None
    if not stat.S_ISREG(marker.st_mode):
        return None
    return (marker.st_dev, marker.st_ino, marker.st_ctime_ns)


def sealed_check(payload: bytes, bound: Binding) -> bytes:
    """A cache file's check: a digest of its payload keyed by the folder's binding."""
    key = ":".join(str(n) for n in bound).encode()
    return hashlib.blake2b(payload, digest_size=16, key=key[:64]).digest()


def read(path: Path, magic: bytes, bound: Binding | None, limit: int) -> Any:
    """The value stored in ``path``, or None when there is no binding, or the file is missing,
    not a regular file (never a link, a FIFO or a device), larger than ``limit``, or fails
    its magic line or its check."""
    if bound is None:
        return None
    try:
        if not real_folder(path.parent):
            return None
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
                return None
            raw = handle.read(st.st_size + 1)  # not ``limit``: read() sizes its buffer by it
        if len(raw) > limit or raw[:len(magic)] != magic:
            return None
        check, payload = raw[len(magic):len(magic) + 16], raw[len(magic) + 16:]
        if check != sealed_check(payload, bound):
            return None
        return marshal.loads(payload)
    except Exception:  # a cache file that cannot be read, for whatever reason, is not used
        return None


def make_folder(path: Path) -> None:
    """Make ``path`` (owner only) unless it exists; raise OSError unless it is then a real
    folder (a link planted there is never followed)."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    if not real_folder(path):
        raise OSError(f"{path} is not a folder")


def write_raw(path: Path, raw: bytes) -> None:
    """Write ``raw`` to ``path`` atomically (owner only): a temporary file created with
    ``O_EXCL | O_NOFOLLOW`` in the same folder, checked to be a real one, then renamed over
    the target (a link there is replaced, never followed). Raises OSError on failure."""
    if not real_folder(path.parent):
        raise OSError(f"{path.parent} is not a folder")
    temporary = path.parent / f".tmp-{secrets.token_hex(8)}"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
                 | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write(path: Path, magic: bytes, value: Any, bound: Binding | None) -> None:
    """Write ``value`` to ``path`` atomically (``write_raw``): readers see the old file or the
    new one, never half of one. Nothing without a binding; raises OSError on failure."""
    if bound is None:
        return
    payload = marshal.dumps(value)
    write_raw(path, magic + sealed_check(payload, bound) + payload)
