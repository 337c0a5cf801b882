"""Whether the recipients a command encrypts records to are committed in data/network.yaml.

A record is encrypted to the recipients data/network.yaml lists in the working tree. Committed
while that list is not (a key rotated in the file, not committed yet), it leaves the store
encrypted to a list no commit holds: a member who pulls it cannot tell whom its records are
encrypted to, and the list their clone holds is the earlier one, with the key that was removed.
So ``psea case encrypt`` and ``psea case rekey`` commit data/network.yaml with the records when
its only uncommitted change is ``case_encryption`` (and refuse, before writing anything, when
other settings changed too or the case store is another repository); every other command that
commits a record refuses until data/network.yaml is committed, and one that does not commit
says that the list must be committed with the records.

Only git and the file are read: no record is opened, no key is needed.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from psea_cli.cases.recipients import holders
from psea_cli.dataset import Dataset
from psea_cli.i18n import _
from psea_cli.problems import PseaError
from psea_cli.sealing import fingerprint, normalised


@dataclasses.dataclass(frozen=True)
class Pending:
    """data/network.yaml lists other recipients than its last commit."""

    path: Path
    """data/network.yaml, to commit with the records."""
    others: bool
    """Settings other than ``case_encryption`` changed too, uncommitted."""
    apart: bool
    """The case store is another repository than data/network.yaml's: one commit cannot hold
    both."""
    diff: str
    """The git command that shows the uncommitted change."""


def _parsed(raw: bytes | None) -> object:
    """A version of network.yaml as data (None when absent or not text)."""
    from psea_cli import yamlio

    text = yamlio.decode(raw) if raw is not None else None
    return yamlio.parse(text) if isinstance(text, str) else None


def _others_changed(committed: object, working: object) -> bool:
    """Whether settings other than ``case_encryption`` differ (or either version is not a
    mapping psea reads)."""
    if not isinstance(committed, dict) or not isinstance(working, dict):
        return True
    return ({k: v for k, v in committed.items() if k != "case_encryption"}
            != {k: v for k, v in working.items() if k != "case_encryption"})


def pending(dataset: Dataset) -> Pending | None:
    """How data/network.yaml's recipients are uncommitted; None when HEAD lists the same
    recipients (whatever their order, names or SSH comments), when there are none, or outside
    git (a commit is then refused anyway)."""
    from psea_cli import gitrepo
    from psea_cli.layout import NETWORK_FILE
    from psea_cli.safe_input import read_regular

    network = dataset.network
    keys = [normalised(r.key) for r in (network.case_encryption.recipients
                                        if network and network.case_encryption else [])]
    if not keys:
        return None
    change = gitrepo.uncommitted_change(dataset.root, NETWORK_FILE)
    if change is None:
        return None
    committed = _parsed(change.committed)
    listed = holders(committed)
    if listed is not None and fingerprint(h.key for h in listed) == fingerprint(keys):
        return None
    path = dataset.root / NETWORK_FILE
    try:
        working = _parsed(read_regular(path))
    except OSError:
        working = None
    others = _others_changed(committed, working)
    apart = gitrepo.repository_top(dataset.root / dataset.cases_dir) != change.top
    diff = f"git diff {'' if change.unstaged else '--staged '}{NETWORK_FILE}"
    return Pending(path, others, apart, diff)


def warning(found: Pending) -> str:
    """What a command that writes records without committing them says."""
    return _("warning: the recipients in data/network.yaml are not committed: commit "
             "data/network.yaml with the case records encrypted to them (see the change with "
             "'{diff}'), or psea in the clones that get the records without the list cannot "
             "tell whom they are encrypted to").format(diff=found.diff)


def refusal(found: Pending) -> PseaError:
    """Why a command refuses to commit a record encrypted to ``found``'s list (nothing
    written)."""
    return PseaError(
        _("the recipients in data/network.yaml are not committed: a case record committed now "
          "would be encrypted to a list no commit holds; nothing was written"),
        _("See the change with '{diff}'. Once the network's key holders agreed on it, commit "
          "data/network.yaml first ('git commit data/network.yaml'), then run the command "
          "again.").format(diff=found.diff), exit_code=1)


def for_conversion(found: Pending) -> Path:
    """data/network.yaml, for ``psea case encrypt|rekey`` to commit with the records; raise
    (nothing written) when the commit cannot hold the recipients alone."""
    if found.apart:
        raise PseaError(
            _("the recipients in data/network.yaml are not committed, and the case store is "
              "another repository, whose commit cannot hold them; nothing was written"),
            _("See the change with '{diff}', commit data/network.yaml first, in its own "
              "repository ('git commit data/network.yaml'), then run the command "
              "again.").format(diff=found.diff), exit_code=1)
    if found.others:
        raise PseaError(
            _("data/network.yaml has uncommitted changes besides its recipients, which psea "
              "does not commit with the case records; nothing was written"),
            _("See every change with '{diff}'. Commit the change of recipients first: with the "
              "other changes if they are ready ('git commit data/network.yaml'), or after "
              "undoing them; then run the command again.").format(diff=found.diff),
            exit_code=1)
    return found.path
