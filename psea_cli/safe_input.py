"""Reading a file that a clone, a link or an odd file system may have made anything at all.

git stores symbolic links, so a data file may point at a FIFO (reading it waits for ever), at
``/dev/zero`` (reading it never ends), at a socket or a device. ``read_regular`` looks before
it opens (``stat``), opens without waiting (``O_NONBLOCK``), looks again at what it opened
(``fstat``, so a file swapped in between is seen) and reads at most ``limit`` bytes: only a
regular file of a sane size is ever read.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

MAX_FILE_BYTES = 5_000_000
"""The largest data file psea reads (a data file holds one organisation, plan or case)."""


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder: it is never read."""

    def __init__(self, kind: str) -> None:
        super().__init__(errno.EINVAL, kind)
        self.kind = kind


class FileTooLarge(OSError):
    """The file holds more than the limit; nothing more than the limit was read."""

    def __init__(self) -> None:
        super().__init__(errno.EFBIG, "file too large")


def kind_of(mode: int) -> str | None:
    """None for a regular file, else what it is (in English, for a message's detail)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def check_regular(st: os.stat_result) -> None:
    """Raise ``NotRegularFile`` unless ``st`` is a regular file's."""
    kind = kind_of(st.st_mode)
    if kind is not None:
        raise NotRegularFile(kind)


def is_regular(path: str | Path) -> bool:
    """True when ``path`` is a regular file (links followed); False for anything else, a
    path too long for the system or one holding a NUL included (never raises)."""
    try:
        st = os.stat(path)  # noqa: PTH116 - a str or a Path, as given
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(st.st_mode)


def read_regular(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), at most ``limit`` of them.

    Raises ``NotRegularFile`` for anything else, ``FileTooLarge`` beyond ``limit``, and the
    ``OSError`` of the failing call otherwise; never blocks on a FIFO or a device."""
    check_regular(os.stat(path))  # noqa: PTH116 - a str or a Path, as given
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        check_regular(st)
        if st.st_size > limit:
            raise FileTooLarge
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FileTooLarge
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: str | Path, limit: int = MAX_FILE_BYTES) -> str:
    """``read_regular`` decoded as UTF-8 (``UnicodeDecodeError`` when it is not)."""
    return read_regular(path, limit).decode("utf-8")


MAX_UNPACKED_BYTES = 200_000_000
"""The most an XLSX workbook (a zip archive) may unpack to: a spreadsheet of a network's
submissions or directory is a few megabytes; a small file that unpacks to gigabytes is refused
before it is opened."""


def unpacks_within(path: str | Path, limit: int = MAX_UNPACKED_BYTES) -> bool:
    """True when the zip archive at ``path`` says its members unpack to at most ``limit``
    bytes (what a reader then gets is checked by ``zipfile``); raises what ``zipfile`` raises
    for what is no zip archive."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return sum(member.file_size for member in archive.infolist()) <= limit


def inside(path: str | Path, root: str | Path) -> bool:
    """True when ``path``, every link on the way resolved, lies inside ``root`` (resolved
    too): a file or folder of the repository, not one a link leads to elsewhere."""
    real_root = os.path.realpath(root)
    try:
        return os.path.commonpath([os.path.realpath(path), real_root]) == real_root
    except ValueError:  # another drive (Windows)
        return False


MAX_SHEET_CELLS = 10_000_000
"""The most cells psea reads from one sheet of a workbook (a sheet's rows are padded to its
widest: one cell in column XFD makes every row 16,384 cells)."""


def sheet_within(sheet: object) -> bool:
    """True when the sheet says it holds at most ``MAX_SHEET_CELLS`` cells (its dimension), or
    does not say (the caller then counts as it reads)."""
    rows, columns = getattr(sheet, "max_row", None), getattr(sheet, "max_column", None)
    return not (isinstance(rows, int) and isinstance(columns, int)
                and rows * columns > MAX_SHEET_CELLS)


MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=[\"']\$?([A-Z]{1,3})\$?([0-9]{1,7})"
                   rb"(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?")
"""A merged range of a worksheet's XML (``<mergeCell ref="C2:C3"/>``): its first column and
row, and its last ones."""


MERGE_SCAN_BYTES = 4_000_000
"""The largest worksheet XML whose merged ranges are looked for (``merged_ranges``): the scan
unpacks the sheet a second time, which a hand-edited export of a few hundred rows affords and
an export of thousands, read once as a stream, is spared."""


def merged_ranges(path: str | Path, member: str, shown: int = 5) -> list[str]:
    """The first ``shown`` merged ranges (``C2:C3``) of the worksheet ``member`` of the
    workbook at ``path``, read from its XML (a read-only workbook does not give them); none
    looked for in a sheet larger than ``MERGE_SCAN_BYTES``."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        try:
            if archive.getinfo(member).file_size > MERGE_SCAN_BYTES:
                return []
            xml = archive.read(member)
        except KeyError:
            return []
    found = []
    for match in MERGE.finditer(xml):
        first_column, first_row, last_column, last_row = (
            part.decode("ascii") if part else "" for part in match.groups())
        if last_column and (last_column, last_row) != (first_column, first_row):
            found.append(f"{first_column}{first_row}:{last_column}{last_row}")
            if len(found) == shown:
                break
    return found
