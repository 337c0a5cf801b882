"""The content-keyed cache under ``<root>/.psea-cache/``: parsed files and the last verdict.

Parsing YAML is nearly all the cost of reading a large repository, so psea keeps, for each
data file, the plain data its YAML parses to (for a case record, that data as JSON text, see
``reading``), filed under the blake2b digest of the file's bytes. What the folder holds:

- ``index``: for each file, its stat signature (size, mtime, ctime, inode, device) and its
  digest, plus the problems of the last full check (the *verdict*) and the key they answer;
- ``records/<xx>``: the parsed data by digest, in 256 shards (one edit rewrites one or two
  small shards, never all records);
- ``outcomes``: what each case record gave when it was judged (``outcomes``, kept through
  ``extra`` and ``keep_extra``, bound and checked like the index);
- ``CACHEDIR.TAG`` and ``.gitignore``: backup tools skip the folder and git never adds it.

Why it is never stale: a record is found only through the digest of the bytes it was parsed
from. The digest of a file is taken from the index only when the file's whole stat signature
is unchanged: any write changes the ctime, which no tool can set back, so a change with the
same size and mtime is still seen. A signature taken less than two seconds before the run that
recorded it is not trusted (a second write within the file system's clock tick would keep it),
so such files are hashed again, as git does for "racily clean" files. The index also carries
a fingerprint of psea's own code (models, checks and messages included) and of the parser and
validator versions: a cache written by any other version is ignored as a whole.

Why it is safe: it holds nothing the files do not hold (parsed data, less comments; records of
changed or deleted files are dropped the next time the records are read), is bound to the
marker file psea created (a cache that arrives by git, copy or archive is ignored and wiped),
is written atomically (temporary file, then rename), is ignored when any part is unreadable or
fails its checksum, and a failure to write it (a read-only checkout) is silent. Files from
outside the repository (a case store kept elsewhere) are never cached.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from psea_cli import __version__, cache_files
from psea_cli.instant import library_versions

CACHE_DIR = ".psea-cache"
FORMAT = 2
MAGIC = b"psea-cache\x01"
RACY_MARGIN_NS = 2_000_000_000
"""Signatures this close to the start of the run that took them are not trusted (see above)."""
STAT_MEANS_CONTENT = os.name == "posix"
"""Only where the ctime is the time of the last change (POSIX; on Windows it is the creation
time) does an unchanged signature prove unchanged content; elsewhere every file is hashed."""
STALE_TEMPORARY_NS = 600_000_000_000
"""A temporary file this old was left by a run that was killed while writing it."""

MAX_CACHE_FILE_BYTES = 1 << 32
"""A cache file is read only when it is a regular file, and never beyond this size."""

Signature = tuple[int, int, int, int, int]
Problems = list[tuple[Any, ...]]
Quick = tuple[str, str]
"""Where the case store was and which checks ran: what ``quick`` needs to recompute a key."""
Verdict = tuple[bytes, int, Problems, Quick | None]
_SHARD_NAME = re.compile(r"^[0-9a-f]{2}$")
_enabled = True
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This folder is a cache created by psea; it is safe to delete.\n")


def set_enabled(flag: bool) -> None:
    """Turn the cache off (or on again) for this process: ``psea --no-cache``, PSEA_NO_CACHE."""
    global _enabled
    _enabled = flag


def is_enabled() -> bool:
    """False under ``psea --no-cache`` (or PSEA_NO_CACHE): no cache of any kind is used."""
    return _enabled


def signature(st: os.stat_result) -> Signature:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def is_external(label: str) -> bool:
    """True for a file outside the repository (its label climbs out of the root)."""
    return label.startswith("../")


@functools.cache
def code_fingerprint() -> str:
    """A digest of psea's code and catalogues: any change to a model, a check or a message
    gives another fingerprint, and so an empty cache. Each file counts by its name, size,
    modification time and inode, as the instant print counts the code (``instant``): a file
    written again, by an edit or an install, is another file; reading the 2 MB of code to
    hash it cost every run that reads the cache 9 ms."""
    package = str(Path(__file__).parent)
    hasher = hashlib.blake2b(f"{__version__} {sys.version} {marshal.version}".encode(),
                             digest_size=16)
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".mo")):
                st = os.stat(os.path.join(folder, name))  # noqa: PTH116, PTH118 - strings
                hasher.update(f"{os.path.relpath(folder, package)}/{name}\0{st.st_size}:"
                              f"{st.st_mtime_ns}:{st.st_ino}\0".encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


def _read(path: Path, bound: cache_files.Binding | None) -> Any:
    return cache_files.read(path, MAGIC, bound, MAX_CACHE_FILE_BYTES)


def _write(path: Path, value: Any, bound: cache_files.Binding | None) -> None:
    cache_files.write(path, MAGIC, value, bound)


class Cache:
    """One run's view of the cache: what it trusts, and what it will write back on ``save``."""

    def __init__(self, folder: Path | None, salt: str = "") -> None:
        self.folder = folder
        self.started_ns = time.time_ns()
        self.fingerprint = (f"{FORMAT}:{code_fingerprint()}:{library_versions()}:{salt}"
                            if folder else "")
        self._files: dict[str, tuple[Signature | None, bytes]] = {}
        self._verdict: Verdict | None = None
        self._trusted = False
        self._new_files: dict[str, tuple[Signature | None, bytes]] = {}
        self._new_verdict: Verdict | None = None
        self._shards: dict[str, dict[bytes, Any]] = {}
        self._dirty: set[str] = set()
        self._extras: dict[str, Any] = {}
        if folder is not None:
            self._load_index(folder)

    @classmethod
    def open(cls, root: Path, salt: str = "") -> Cache:
        """The cache of the repository at ``root``; ``salt`` names the parser and validator
        versions. A ``.psea-cache`` that is a symbolic link, or holds one (or anything but
        regular files and real folders), is never followed: the run goes without the cache."""
        folder = root / CACHE_DIR
        if not _enabled or not cache_files.sound(folder):
            return cls(None)
        return cls(folder, salt)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _binding(self) -> cache_files.Binding | None:
        assert self.folder is not None
        return cache_files.binding(self.folder)

    def _load_index(self, folder: Path) -> None:
        binding = self._binding()
        index = _read(folder / "index", binding)
        if (not isinstance(index, dict) or binding is None
                or index.get("fingerprint") != self.fingerprint
                or index.get("binding") != binding
                or not isinstance(index.get("files"), dict)):
            return  # no cache, or one this run must not trust: records are wiped on save
        self._trusted = True
        self._files = index["files"]
        verdict = index.get("verdict")
        if isinstance(verdict, tuple) and len(verdict) == 4:
            self._verdict = self._new_verdict = verdict

    # -- digests -------------------------------------------------------------------------

    def known_digest(self, label: str, sig: Signature) -> bytes | None:
        """The digest of the file's bytes when its signature is unchanged and trusted."""
        entry = self._files.get(label)
        if not STAT_MEANS_CONTENT or entry is None or entry[0] is None or entry[0] != sig:
            return None
        return entry[1] if isinstance(entry[1], bytes) else None

    def note(self, label: str, sig: Signature, file_digest: bytes) -> None:
        """Remember the file's digest for the next run (its signature only if not racy)."""
        if not self.enabled or is_external(label):
            return
        racy = max(sig[1], sig[2]) >= self.started_ns - RACY_MARGIN_NS
        self._new_files[label] = (None if racy else sig, file_digest)

    @property
    def knows_nothing(self) -> bool:
        """True when no digest or record can come from here (no cache, or none to trust): a
        first run, where reading every file is the only way."""
        return not self._trusted or not self._files

    # -- records -------------------------------------------------------------------------

    def _shard(self, name: str) -> dict[bytes, Any]:
        if name not in self._shards:
            stored = (_read(self.folder / "records" / name, self._binding())
                      if self._trusted and self.folder else None)
            self._shards[name] = stored if isinstance(stored, dict) else {}
        return self._shards[name]

    def record(self, file_digest: bytes) -> tuple[bool, Any]:
        """(True, parsed data) for a digest seen before, else (False, None)."""
        if not self.enabled:
            return False, None
        shard = self._shard(file_digest[:1].hex())
        if file_digest in shard:
            return True, shard[file_digest]
        return False, None

    def store(self, label: str, file_digest: bytes, data: Any) -> None:
        if not self.enabled or is_external(label):
            return
        name = file_digest[:1].hex()
        shard = self._shard(name)
        if file_digest not in shard:
            shard[file_digest] = data
            self._dirty.add(name)

    # -- verdict -------------------------------------------------------------------------

    def verdict(self, key: bytes) -> tuple[int, Problems] | None:
        """(files read, problems) of the last full check, when it answered the same key."""
        if self._verdict is not None and self._verdict[0] == key:
            return self._verdict[1], self._verdict[2]
        return None

    def quick_verdict(self) -> Quick | None:
        """(cases_dir, checks) of the last full check, when it may be reused by ``quick``."""
        return self._verdict[3] if self._verdict is not None else None

    def set_verdict(self, key: bytes | None, files: int, problems: Problems,
                    quick: Quick | None = None) -> None:
        """Keep this run's problems under ``key``; with no key (a file could not be read, or
        lies outside the repository), keep no verdict at all. With ``quick``, a later run
        may find the verdict without loading anything (``quick.cached_verdict``)."""
        self._new_verdict = None if key is None else (key, files, problems, quick)

    # -- other files: what a module keeps beside the records (``outcomes``) ---------------

    def may_hold(self, name: str) -> bool:
        """Whether ``extra(name)`` may find a value (its file is there), without reading it."""
        return self._trusted and self.folder is not None and (self.folder / name).exists()

    def extra(self, name: str) -> Any:
        """The value a run this cache trusts kept under ``name``, else None."""
        if not self._trusted or self.folder is None:
            return None
        stored = _read(self.folder / name, self._binding())
        if isinstance(stored, tuple) and len(stored) == 3 \
                and stored[:2] == (self.fingerprint, self._binding()):
            return stored[2]
        return None

    def keep_extra(self, name: str, value: Any) -> None:
        """Keep ``value`` under ``name`` (a plain file name) with the next ``save``."""
        self._extras[name] = value

    # -- writing -------------------------------------------------------------------------

    def save(self) -> None:
        """Write what changed; drop records no file refers to any more. Silent on failure."""
        if self.folder is None:
            return
        with contextlib.suppress(OSError, ValueError, TypeError):
            self._save(self.folder)

    def _save(self, folder: Path) -> None:
        live = {entry[1][:1].hex() for entry in self._new_files.values()}
        records = folder / "records"
        if not cache_files.sound(folder):
            return  # a link (or a FIFO, a device) appeared in it: never written through
        cache_files.make_folder(folder)  # the data may include case records: owner only
        cache_files.make_folder(records)
        if cache_files.binding(folder) is None:
            cache_files.write_raw(folder / "CACHEDIR.TAG", _CACHEDIR_TAG.encode())
            cache_files.write_raw(folder / ".gitignore", b"# created by psea\n*\n")
        binding = self._binding()
        self._sweep(folder, records, live)
        wanted = {entry[1] for entry in self._new_files.values()}
        for name, shard in self._shards.items():
            if name not in live:
                continue
            dead = [d for d in shard if d not in wanted]
            for d in dead:
                del shard[d]
            if dead or name in self._dirty or not self._trusted:
                _write(records / name, shard, binding)
        for name, value in self._extras.items():
            _write(folder / name, (self.fingerprint, binding, value), binding)
        if self._trusted and self._new_files == self._files and self._new_verdict == self._verdict:
            return
        _write(folder / "index", {"fingerprint": self.fingerprint, "binding": binding,
                                  "files": self._new_files, "verdict": self._new_verdict},
               binding)

    def _sweep(self, folder: Path, records: Path, live: set[str]) -> None:
        """Remove the shards of files that are gone (all of them when the cache is not
        trusted) and temporary files left by a killed run: regular files only."""
        for entry in [*os.scandir(folder), *os.scandir(records)]:
            if not entry.is_file(follow_symlinks=False):
                continue  # the shard folder itself; nothing else is ever removed
            if _SHARD_NAME.match(entry.name) and (not self._trusted or entry.name not in live):
                Path(entry.path).unlink()  # records of files that are gone, or not trusted
            elif entry.name.startswith(".tmp-") and entry.stat(follow_symlinks=False) \
                    .st_mtime_ns < self.started_ns - STALE_TEMPORARY_NS:
                Path(entry.path).unlink()  # left by a run that was killed while writing
