"""One file of psea's cache folder (``.psea-cache/``), as ``cache`` and ``instant`` both write
and read them: marshal data behind a magic line and a check bound to the folder.

    write(path, MAGIC, value, binding(folder))     # atomically: temporary file, then rename
    value = read(path, MAGIC, binding(folder), limit)  # None when missing, foreign or corrupt

The *binding* is the device, inode and change time of the folder's CACHEDIR.TAG, which psea
made there and which a fresh clone cannot predict. The check is a digest of the payload keyed
by it, so a cache file that came with a clone, an archive or a pull request fails it and is
never handed to ``marshal.loads`` (which a forged file could make allocate gigabytes). Only the
standard library is imported: the warm path of ``psea validate`` reads these files before
anything else is loaded.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

Binding = tuple[int, int, int]


def binding(folder: Path) -> Binding | None:
    """The cache folder's binding, or None when psea made no cache there."""
    try:
        marker = os.stat(folder / "CACHEDIR.TAG")  # noqa: PTH116
    except OSError:
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
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0))
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


def write(path: Path, magic: bytes, value: Any, bound: Binding | None) -> None:
    """Write ``value`` to ``path`` atomically (owner only): readers see the old file or the
    new one, never half of one. Nothing without a binding; raises OSError on failure."""
    if bound is None:
        return
    payload = marshal.dumps(value)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(magic + sealed_check(payload, bound) + payload)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
