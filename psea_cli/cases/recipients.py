"""Whether the recipients of data/network.yaml changed since the case store was encrypted, and
how: the recipients added and removed, named as data/network.yaml names them.

``case_encryption.recipients`` is a few lines of data/network.yaml, which any member may change
in a pull request. A member that puts its own key in place of the deputy's would, without this
check, have every case written after it encrypted to its key, and ``psea case rekey`` would
re-encrypt the whole store to it. psea knows the list each record was encrypted to by the
digest its header carries (``psea-recipients``, checked against the age header, see
``sealing``): when a record of the store was written for another list than the current one,
each command that encrypts a record refuses (exit 1, nothing written) until the user confirms
with ``--recipients-changed``. The earlier list is read from the committed versions of
data/network.yaml (the newest whose digest is the record's), so that the refusal names who was
added and who removed. A store whose records all name the current list, or that holds no
encrypted record yet (``psea case encrypt`` of a store in clear), is not concerned.

Only the headers are read: no record is opened, no key is needed.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable

from psea_cli.dataset import Dataset
from psea_cli.i18n import _, ngettext
from psea_cli.problems import PseaError
from psea_cli.safe_input import read_regular
from psea_cli.sealed_reading import MAX_BYTES
from psea_cli.sealing import SEALED_SUFFIX, Malformed, fingerprint, normalised, open_envelope


@dataclasses.dataclass(frozen=True)
class Holder:
    """A recipient as data/network.yaml lists it: the holder's name and the public key."""

    name: str
    key: str

    @property
    def short(self) -> str:
        """The key, short enough for a message and enough to tell it from another:
        ``age1…6q0rxkdv``, ``ssh-ed25519 …k3Xy12ab`` (compare it with network.yaml's line)."""
        kind, _space, body = self.key.rpartition(" ")
        return f"{kind} …{body[-8:]}" if kind else f"{body[:4]}…{body[-8:]}"

    def __str__(self) -> str:
        return f"{self.name} ({self.short})"


@dataclasses.dataclass(frozen=True)
class Change:
    """How the recipients changed since the store's records were encrypted."""

    stale: int
    """Encrypted records written for another list than the current one."""
    added: tuple[Holder, ...]
    removed: tuple[Holder, ...]
    current: tuple[Holder, ...]
    known: bool
    """False when no committed version of data/network.yaml lists the records' recipients."""
    unlisted: int = 0
    """Of the ``stale`` records, those encrypted to a list that no commit of data/network.yaml
    holds (someone encrypted them without committing the list)."""

    def describe(self) -> str:
        """``added: deputy (age1…); removed: deputy (age1…)``, or why psea cannot say."""
        if not self.known:
            return _("psea finds no committed version of data/network.yaml listing the "
                     "recipients they were encrypted to, so it cannot say which changed; the "
                     "current recipients: {current}").format(current=_names(self.current))
        return _("added: {added}; removed: {removed}").format(
            added=_names(self.added), removed=_names(self.removed))

    def in_english(self) -> str:
        """What ``describe`` says, in English, for a commit message (git's language)."""
        if not self.known:
            return "unknown (not in the history of data/network.yaml)"
        return (f"added: {_names(self.added, 'none')}; "
                f"removed: {_names(self.removed, 'none')}")


def _names(holders: Iterable[Holder], none: str | None = None) -> str:
    return ", ".join(str(h) for h in holders) or (_("none") if none is None else none)


def holders(data: object) -> list[Holder] | None:
    """The recipients of a network.yaml's data (None when it lists none, or not as psea
    reads them)."""
    section = data.get("case_encryption") if isinstance(data, dict) else None
    listed = section.get("recipients") if isinstance(section, dict) else None
    if not isinstance(listed, list):
        return None
    holders = [Holder(str(item.get("name") or "?"), normalised(item["key"])) for item in listed
               if isinstance(item, dict) and isinstance(item.get("key"), str)]
    return holders or None


def _stale_digests(dataset: Dataset, keys: list[str]) -> Counter[str]:
    """The encrypted records of the store written for another list than ``keys``, counted by
    the digest of the list they claim. A file that is no encrypted record at all is left to
    ``psea validate`` (cases.sealed-malformed)."""
    folder = dataset.root / dataset.cases_dir
    digests: Counter[str] = Counter()
    if not folder.is_dir():
        return digests
    for path in sorted(folder.rglob(f"*{SEALED_SUFFIX}")):
        if path.name.startswith(".") or path.is_symlink() or not path.is_file():
            continue
        try:
            envelope = open_envelope(read_regular(path, MAX_BYTES))
        except (OSError, Malformed):
            continue
        if envelope.recipient_problem(keys) is not None:
            digests[envelope.claimed_fingerprint] += 1
    return digests


def _earlier_lists(dataset: Dataset, digests: set[str]) -> dict[str, list[Holder]]:
    """For each digest of ``digests``, the newest committed recipient list that has it."""
    from psea_cli import gitrepo, yamlio
    from psea_cli.layout import NETWORK_FILE

    found: dict[str, list[Holder]] = {}
    for raw in gitrepo.file_versions(dataset.root, NETWORK_FILE) or ():
        text = yamlio.decode(raw)
        if isinstance(text, yamlio.ParseFailure):
            continue
        listed = holders(yamlio.parse(text))
        if listed is None:
            continue
        digest = fingerprint(h.key for h in listed)
        if digest in digests and digest not in found:
            found[digest] = listed
        if len(found) == len(digests):
            break
    return found


def change(dataset: Dataset) -> Change | None:
    """How the recipients changed since the store's records were encrypted; None when every
    encrypted record names the current list (or there is none, or no current list)."""
    network = dataset.network
    current = [Holder(r.name, normalised(r.key))
               for r in (network.case_encryption.recipients
                         if network and network.case_encryption else [])]
    keys = [h.key for h in current]
    if not keys:
        return None
    counted = _stale_digests(dataset, keys)
    if not counted:
        return None
    # records claiming the current list, with another header, are not of another list
    digests = set(counted) - {fingerprint(keys)}
    earlier = _earlier_lists(dataset, digests)
    before = {h.key: h for holders in earlier.values() for h in holders}
    now = set(keys)
    return Change(sum(counted.values()),
                  added=tuple(h for h in current if earlier and h.key not in before),
                  removed=tuple(h for h in before.values() if h.key not in now),
                  current=tuple(current),
                  known=bool(digests) and len(earlier) == len(digests),
                  unlisted=sum(counted[d] for d in digests if d not in earlier))


def _diff(dataset: Dataset) -> str | None:
    """``git diff data/network.yaml`` when the file has uncommitted changes (``git diff
    --staged …`` when they are only staged), None otherwise."""
    from psea_cli import gitrepo
    from psea_cli.layout import NETWORK_FILE

    pending = gitrepo.uncommitted_change(dataset.root, NETWORK_FILE)
    if pending is None:
        return None
    return f"git diff {'' if pending.unstaged else '--staged '}{NETWORK_FILE}"


def _unlisted(found: Change, diff: str | None) -> PseaError:
    """The refusal when records are encrypted to a list no commit holds: confirming a change
    or rekeying would re-encrypt them to whatever data/network.yaml lists now (a key removed
    in the commit this clone lacks), so neither is advised."""
    message = ngettext(
        "{n} case record is encrypted to recipients that no commit of data/network.yaml "
        "lists: someone encrypted it without committing the list of its recipients; nothing "
        "was written",
        "{n} case records are encrypted to recipients that no commit of data/network.yaml "
        "lists: someone encrypted them without committing the list of their recipients; "
        "nothing was written", found.unlisted).format(n=found.unlisted)
    ask = _("Ask the network's key holders for the commit of data/network.yaml that lists "
            "these recipients, and get it (git pull) before anything else. Until then, do not "
            "re-encrypt the records or confirm a change of recipients: they would be "
            "encrypted to the recipients data/network.yaml lists here now ({current}), which "
            "may include a key the network removed.").format(current=_names(found.current))
    if diff is not None:
        ask += " " + _("data/network.yaml also has changes not committed here: see them with "
                       "'{diff}'.").format(diff=diff)
    return PseaError(message, ask, exit_code=1)


def check(dataset: Dataset, confirmed: bool, rekeying: bool = False) -> Change | None:
    """Refuse (PseaError, exit 1) to encrypt a record when the recipients changed since the
    store was encrypted, unless ``confirmed`` (``--recipients-changed``); the change (None when
    there is none) otherwise, for the command to say what was confirmed."""
    found = change(dataset)
    if found is None or confirmed:
        return found
    diff = _diff(dataset)
    if found.unlisted:
        raise _unlisted(found, diff)
    message = ngettext(
        "the recipients in data/network.yaml changed since the case store was encrypted "
        "({n} case record is encrypted to other recipients): {change}; nothing was written",
        "the recipients in data/network.yaml changed since the case store was encrypted "
        "({n} case records are encrypted to other recipients): {change}; nothing was written",
        found.stale).format(n=found.stale, change=found.describe())
    seen = (_("See who changed them, and when, with 'git log -p data/network.yaml'.")
            if diff is None else
            _("See who changed them, and when, with 'git log -p data/network.yaml', and the "
              "change not yet committed with '{diff}'.").format(diff=diff))
    look = seen + " " + _("Check the change with the network's key holders: a pull request may "
                          "have put another key in place of one of theirs.")
    then = (_("If they confirm it, run the command again with --recipients-changed: every "
              "record is re-encrypted to the new list. Otherwise restore the recipients in "
              "data/network.yaml.") if rekeying else
            _("If they confirm it, a key holder runs 'psea case rekey --recipients-changed' "
              "(every record is re-encrypted to the new list), or run this command again with "
              "--recipients-changed. Otherwise restore the recipients in data/network.yaml."))
    raise PseaError(message, f"{look} {then}", exit_code=1)
