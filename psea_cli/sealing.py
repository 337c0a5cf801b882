"""Encrypted case records: age (through pyrage) for the cryptography, psea for the envelope.

An encrypted case file, ``<ID>.age`` in the case store, is an armored age file (text, so git
diffs and merges stay text) after comment lines, one of which names the recipient list the
file was encrypted to::

    # psea: encrypted case record; decrypt with 'psea case show ID --identity KEY'
    # psea-recipients: 3f0c9a1b2d4e5f60 2
    -----BEGIN AGE ENCRYPTED FILE-----
    ...
    -----END AGE ENCRYPTED FILE-----

``psea-recipients`` is a digest of the network's recipient keys and their number: anyone can
check, without a key, that a file was written for the current list. The digest is not
authenticated (whoever writes a file writes this line), so the age header is checked too:
the number of X25519 and ssh-ed25519 stanzas must equal the number of recipients, and each
ssh-ed25519 stanza carries a tag of its recipient's key, which must be one of the list. An
X25519 stanza does not say whom it is for: a file encrypted by hand to another X25519 key,
with a copied recipients line, passes these checks until a key holder fails to decrypt it.

Nothing here writes a file: decrypted bytes stay in memory.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyrage

from psea_cli.i18n import _, os_reason
from psea_cli.problems import PseaError
from psea_cli.safe_input import FileTooLarge, read_regular

SEALED_SUFFIX = ".age"
MAX_KEY_BYTES = 64_000
"""The largest key file psea reads: an age or OpenSSH key file is a few hundred bytes."""
BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
END = b"-----END AGE ENCRYPTED FILE-----"
RECIPIENTS_LINE = re.compile(rb"^# psea-recipients: ([0-9a-f]{16}) ([0-9]{1,4})\s*$")
AGE_KEY = re.compile(r"^age1[02-9ac-hj-np-z]{58}$")
SSH_KEY = re.compile(r"^ssh-ed25519 (AAAA[0-9A-Za-z+/]+=*)(?: .*)?$")
KNOWN_STANZAS = (b"X25519", b"ssh-ed25519")
"""Stanza types that stand for a recipient; age writers add random "grease" stanzas too."""


def normalised(key: str) -> str:
    """A recipient key as compared and digested: an SSH key without its comment."""
    key = key.strip()
    match = SSH_KEY.match(key)
    return f"ssh-ed25519 {match.group(1)}" if match else key


def fingerprint(keys: Iterable[str]) -> str:
    """The digest of a recipient list, whatever its order and the SSH keys' comments."""
    return _fingerprint(frozenset(normalised(k) for k in keys))


@functools.lru_cache(maxsize=16)
def _fingerprint(keys: frozenset[str]) -> str:  # once per run, not once per file
    return hashlib.blake2b("\n".join(sorted(keys)).encode(), digest_size=8).hexdigest()


@functools.lru_cache(maxsize=64)
def _ssh_tag(key: str) -> bytes | None:
    """The tag an ssh-ed25519 stanza carries for ``key``: 4 bytes of SHA-256 of the key."""
    match = SSH_KEY.match(normalised(key))
    if match is None:
        return None
    blob = base64.b64decode(match.group(1))
    return base64.b64encode(hashlib.sha256(blob).digest()[:4]).rstrip(b"=")


def recipient(key: str) -> Any:
    """The pyrage recipient for an ``age1…`` or ``ssh-ed25519 …`` key; PseaError if invalid."""
    try:
        if key.startswith("ssh-"):
            return pyrage.ssh.Recipient.from_str(normalised(key))
        return pyrage.x25519.Recipient.from_str(key.strip())
    except (pyrage.RecipientError, ValueError) as exc:
        raise PseaError(
            _("a recipient key of data/network.yaml is not a valid age or ssh-ed25519 key"),
            _("Copy the public key again from 'age-keygen -y KEY' or the .pub file.")) from exc


def seal(plaintext: bytes, keys: Sequence[str], case_id: str) -> bytes:
    """The text of an encrypted case file holding ``plaintext``, for every key of ``keys``."""
    if not keys:
        raise PseaError(_("data/network.yaml lists no recipient to encrypt case records to"),
                        _("Add the core team's public keys under case_encryption.recipients."))
    try:
        armored: bytes = pyrage.encrypt(plaintext, [recipient(k) for k in keys], armored=True)
    except pyrage.EncryptError as exc:  # pragma: no cover - the keys were parsed above
        raise PseaError(_("the case record could not be encrypted")) from exc
    head = (f"# psea: encrypted case record; decrypt with 'psea case show {case_id} "
            f"--identity KEY'\n# psea-recipients: {fingerprint(keys)} {len(set(map(normalised, keys)))}\n")
    return head.encode() + armored.replace(b"\r\n", b"\n")


@dataclasses.dataclass(frozen=True)
class Envelope:
    """What anyone can read of an encrypted file: the recipient list it claims, the stanzas."""

    claimed_fingerprint: str
    claimed_count: int
    stanzas: tuple[tuple[bytes, ...], ...]
    armored: bytes

    def recipient_problem(self, keys: Sequence[str]) -> str | None:
        """Why the file was not written for ``keys`` (None when it looks like it was)."""
        wanted = {normalised(k) for k in keys}
        if self.claimed_fingerprint != fingerprint(wanted) or self.claimed_count != len(wanted):
            return "fingerprint"
        counted = [s for s in self.stanzas if s and s[0] in KNOWN_STANZAS]
        if len(counted) != len(wanted):
            return "count"
        tags = {_ssh_tag(k) for k in wanted if k.startswith("ssh-")}
        found = {s[1] for s in counted if s[0] == b"ssh-ed25519" and len(s) > 1}
        if found != tags:
            return "ssh"
        return None


class Malformed(ValueError):
    """The file is not an encrypted case record as psea writes it."""


NO_MATCHING_KEY = "No matching keys found"
"""age's word when none of the identities opens the file (any other: the file is damaged)."""


def open_envelope(raw: bytes) -> Envelope:
    """The envelope of an encrypted file; ``Malformed`` when it is not one."""
    lines = raw.replace(b"\r\n", b"\n").split(b"\n")
    claimed: tuple[str, int] | None = None
    index = 0
    while index < len(lines) and lines[index].startswith(b"#"):
        match = RECIPIENTS_LINE.match(lines[index])
        if match:
            claimed = (match.group(1).decode(), int(match.group(2)))
        index += 1
    if claimed is None:
        raise Malformed("recipients")
    body = lines[index:]
    while body and not body[-1].strip():
        body.pop()
    if len(body) < 3 or body[0].strip() != BEGIN or body[-1].strip() != END:
        raise Malformed("armor")
    try:
        binary = base64.b64decode(b"".join(line.strip() for line in body[1:-1]), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise Malformed("base64") from exc
    stanzas = _stanzas(binary)
    armored = b"\n".join(body) + b"\n"
    return Envelope(claimed[0], claimed[1], stanzas, armored)


def _stanzas(binary: bytes) -> tuple[tuple[bytes, ...], ...]:
    """The stanzas' arguments of an age header, checking its form (not its MAC: that needs
    the file key); the payload must hold at least a nonce and one authenticated chunk."""
    end = binary.find(b"\n--- ")
    if end < 0 or not binary.startswith(b"age-encryption.org/v1\n"):
        raise Malformed("header")
    payload_start = binary.find(b"\n", end + 1)
    if payload_start < 0 or len(binary) - payload_start - 1 < 16 + 16:
        raise Malformed("payload")
    stanzas: list[tuple[bytes, ...]] = []
    body_open = False
    for line in binary[len(b"age-encryption.org/v1\n"):end].split(b"\n"):
        if line.startswith(b"-> "):
            if body_open:
                raise Malformed("stanza")
            stanzas.append(tuple(line[3:].split(b" ")))
            body_open = True
        elif body_open and len(line) <= 64:
            body_open = len(line) == 64  # a body ends with its first line shorter than 64
        else:
            raise Malformed("stanza")
    if body_open or not stanzas:
        raise Malformed("stanza")
    return tuple(stanzas)


@dataclasses.dataclass(frozen=True)
class Keyring:
    """The identities of the person running psea, read from a key file into memory only."""

    identities: tuple[Any, ...]
    public_keys: frozenset[str]
    """The public keys of these identities, where known (always for age keys)."""

    def decrypt(self, envelope: Envelope) -> bytes | None:
        """The plaintext, or None when none of these identities can open the file;
        ``Malformed`` when one opens it and what it holds is damaged (age checks every chunk
        and its header): the key is right, the file is not."""
        try:
            plaintext: bytes = pyrage.decrypt(envelope.armored, list(self.identities))
        except pyrage.DecryptError as exc:
            if str(exc) == NO_MATCHING_KEY:
                return None
            raise Malformed("content") from None
        return plaintext


def _key_error(path: Path, what: str) -> PseaError:
    return PseaError(
        _("{file} is not a usable identity ({what})").format(file=path.name, what=what),
        _("Give --identity (or PSEA_IDENTITY) an age key file made by 'age-keygen', or an "
          "unencrypted OpenSSH ed25519 private key."))


def load_keyring(path: Path) -> Keyring:
    """The identities of an age key file (AGE-SECRET-KEY-1… lines) or of an OpenSSH ed25519
    private key; a PseaError naming the file, never its content, otherwise."""
    try:
        raw = read_regular(path, MAX_KEY_BYTES)
    except FileTooLarge:
        raise PseaError(_("{file} is larger than {size} kB: it is not an age key file or an "
                          "OpenSSH ed25519 private key, which are a few hundred bytes").format(
                              file=path.name, size=MAX_KEY_BYTES // 1000),
                        _("Give --identity (or PSEA_IDENTITY) an age key file made by "
                          "'age-keygen', or an unencrypted OpenSSH ed25519 private key."),
                        exit_code=2) from None
    except OSError as exc:
        raise _key_error(path, os_reason(exc)) from exc
    if b"BEGIN OPENSSH PRIVATE KEY" in raw:
        try:
            identity = pyrage.ssh.Identity.from_buffer(raw)
        except (pyrage.IdentityError, ValueError) as exc:
            raise _key_error(path, _("a passphrase-protected or non-ed25519 SSH key")) from exc
        public = Path(f"{path}.pub")
        try:
            keys = frozenset({normalised(read_regular(public, MAX_KEY_BYTES).decode("utf-8"))})
        except (OSError, UnicodeDecodeError):
            keys = frozenset()
        return Keyring((identity,), keys)
    identities: list[Any] = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            identities.append(pyrage.x25519.Identity.from_str(line))
        except (pyrage.IdentityError, ValueError) as exc:
            raise _key_error(path, _("a line is not an AGE-SECRET-KEY-1… key")) from exc
    if not identities:
        raise _key_error(path, _("no key in it"))
    return Keyring(tuple(identities), frozenset(str(i.to_public()) for i in identities))
