"""What changed in the directory, the service map and the plan, from file versions in git history.

Pure functions, no git here: ``directory.changes`` has ``gitrepo`` read one ``git log`` pass and
the blobs of the files it names, then hands each commit's file versions to ``ChangeTracker``.
Records are compared by id, not by text, so re-indenting a file or moving an organisation between
files is not a change, and an entry edited three times in the range is reported once, with the
fields that differ between its first and last state and the last commit that touched it.

Only field *names* leave this module: a focal point's phone or e-mail value never does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import Any, Literal

from psea_cli.gitrepo import UNREADABLE

Entity = Literal["organisation", "focal_point", "service", "activity", "indicator"]
ChangeKind = Literal["added", "removed", "modified"]
ENTITY_ORDER: tuple[Entity, ...] = ("organisation", "focal_point", "service", "activity",
                                    "indicator")


@dataclasses.dataclass(frozen=True)
class Change:
    """One entry added, removed or modified between two points of history.

    ``id`` is the entry's id (``org-id/fp-id`` for a focal point); ``file`` the file holding it
    (the plan's ``plan.yaml`` for an activity or an indicator, even when only its recorded
    progress changed); ``fields`` names the top-level fields that changed
    (``progress.2020-S2.status`` for recorded progress), empty for an addition or a removal;
    ``commit`` and ``date`` are those of the last commit that changed it.
    """

    entity: Entity
    id: str
    file: str
    kind: ChangeKind
    fields: tuple[str, ...]
    commit: str
    date: dt.date


@dataclasses.dataclass(frozen=True)
class _Record:
    """An entry as one file states it: ``primary`` when the file defines the entry (plan.yaml
    for an activity), not when it only adds to it (a progress file)."""

    primary: bool
    fields: Mapping[str, Any]


_Key = tuple[Entity, str, str]  # (entity, plan folder for activities and indicators, id)
_MISSING = object()
"""A file version that is not valid YAML: it is skipped, the last readable version stands."""


def _ident(value: Any) -> str | None:
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _dicts(value: Any) -> Iterable[dict[Any, Any]]:
    return (item for item in value if isinstance(item, dict)) if isinstance(value, list) else ()


def records(path: str, data: Any) -> dict[_Key, _Record]:
    """The entries a data file holds, keyed by entity and id; a file psea does not know holds
    none. ``path`` is relative to the network repository (``data/services/mopti.yaml``)."""
    parts = PurePosixPath(path).parts
    if not isinstance(data, dict) or len(parts) < 3 or parts[0] != "data":
        return {}
    found: dict[_Key, _Record] = {}
    if parts[1] == "focal_points":
        _organisation_records(PurePosixPath(path).stem, data, found)
    elif parts[1] == "services":
        for service in _dicts(data.get("services")):
            if (service_id := _ident(service.get("id"))) is not None:
                found[("service", "", service_id)] = _Record(True, service)
    elif parts[1] == "plan" and len(parts) == 4 and parts[3] == "plan.yaml":
        _plan_records(parts[2], data, found)
    elif parts[1] == "plan" and len(parts) == 5 and parts[3] == "progress":
        _progress_records(parts[2], PurePosixPath(path).stem, data, found)
    return found


def _organisation_records(stem: str, data: dict[Any, Any], found: dict[_Key, _Record]) -> None:
    org = _ident(data.get("id")) or stem
    found[("organisation", "", org)] = _Record(
        True, {k: v for k, v in data.items() if k != "focal_points"})
    for fp in _dicts(data.get("focal_points")):
        if (fp_id := _ident(fp.get("id"))) is not None:
            found[("focal_point", "", f"{org}/{fp_id}")] = _Record(True, fp)


def _progress_records(plan: str, stem: str, data: dict[Any, Any],
                      found: dict[_Key, _Record]) -> None:
    period = _ident(data.get("period")) or stem
    for name, entity in (("activities", "activity"), ("indicators", "indicator")):
        entries = data.get(name)
        for ident, entry in entries.items() if isinstance(entries, dict) else ():
            if (key := _ident(ident)) is not None:
                values = entry if isinstance(entry, dict) else {"value": entry}
                found[(entity, plan, key)] = _Record(  # type: ignore[index]
                    False, {f"progress.{period}.{k}": v for k, v in values.items()})


def _plan_records(plan: str, data: dict[Any, Any], found: dict[_Key, _Record]) -> None:
    for result in _dicts(data.get("results")):
        for sub in _dicts(result.get("sub_results")):
            for activity in _dicts(sub.get("activities")):
                if (activity_id := _ident(activity.get("id"))) is None:
                    continue
                found[("activity", plan, activity_id)] = _Record(
                    True, {k: v for k, v in activity.items() if k != "indicators"})
                for indicator in _dicts(activity.get("indicators")):
                    if (indicator_id := _ident(indicator.get("id"))) is not None:
                        found[("indicator", plan, indicator_id)] = _Record(True, indicator)


def _state(path: str, data: Any) -> dict[_Key, _Record] | None:
    """The entries of one file version; None when the version cannot be read."""
    if data is UNREADABLE:
        return None
    return records(path, data) if data is not None else {}


def _primary_file(key: _Key) -> str | None:
    """The file that defines an activity or indicator; None for directory entries (any file)."""
    entity, scope, _id = key
    return f"data/plan/{scope}/plan.yaml" if entity in ("activity", "indicator") else None


def _merge(states: Iterable[tuple[str, dict[_Key, _Record]]]) -> dict[_Key, tuple[_Record, str]]:
    """Each entry's fields over several files, and the file that holds it (the defining one)."""
    merged: dict[_Key, tuple[_Record, str]] = {}
    for path, state in states:
        for key, record in state.items():
            if key not in merged:
                merged[key] = (record, path)
                continue
            old, holder = merged[key]
            merged[key] = (_Record(old.primary or record.primary, {**old.fields, **record.fields}),
                           holder if old.primary or not record.primary else path)
    return merged


@dataclasses.dataclass
class _Trace:
    existed: bool
    exists: bool
    first: dict[str, Any]
    last: dict[str, Any]
    file: str
    commit: str
    date: dt.date


class ChangeTracker:
    """Feed it each commit's file versions, oldest commit first; ``changes()`` gives the net result.

    For every file it keeps the last version that could be read, so a commit that broke a file's
    YAML is skipped and the next readable version is compared with the last readable one.
    """

    def __init__(self) -> None:
        self._states: dict[str, dict[_Key, _Record] | None] = {}
        self._traces: dict[_Key, _Trace] = {}
        self._unread: dict[str, str] = {}

    def unreadable(self) -> list[tuple[str, str]]:
        """(file, commit) for each file whose last version in the range could not be read,
        with the first commit that left it so: what changed in it since is not known."""
        return sorted(self._unread.items())

    def commit(self, commit: str, day: dt.date, files: Iterable[tuple[str, Any, Any]]) -> None:
        """``files``: (path, data before, data after) for each file the commit touched, where
        data is the parsed YAML, ``None`` when the file does not exist, or ``UNREADABLE``."""
        before_states: list[tuple[str, dict[_Key, _Record]]] = []
        after_states: list[tuple[str, dict[_Key, _Record]]] = []
        touched: set[str] = set()
        for path, before, after in files:
            previous = self._states[path] if path in self._states else _state(path, before)
            current = previous if after is UNREADABLE else _state(path, after)
            if after is UNREADABLE:
                self._unread.setdefault(path, commit)
            else:
                self._unread.pop(path, None)
            self._states[path] = current
            if previous is None or current is None:
                continue
            touched.add(path)
            before_states.append((path, previous))
            after_states.append((path, current))
        self._compare(_merge(before_states), _merge(after_states), touched, commit, day)

    def _compare(self, before: dict[_Key, tuple[_Record, str]],
                 after: dict[_Key, tuple[_Record, str]], touched: set[str], commit: str,
                 day: dt.date) -> None:
        for key in before.keys() | after.keys():
            b, file = before.get(key, (None, ""))
            a, file = after.get(key, (None, file))
            primary = _primary_file(key)
            file = primary or file  # an activity is reported in its plan, even for progress
            if primary is None or primary in touched:
                existed = b is not None and b.primary
                exists = a is not None and a.primary
            else:  # only a progress file changed: the activity itself is still there
                existed = exists = True
            b_fields = b.fields if b is not None else {}
            a_fields = a.fields if a is not None else {}
            changed = [f for f in b_fields.keys() | a_fields.keys()
                       if b_fields.get(f, _MISSING) != a_fields.get(f, _MISSING)]
            if existed == exists and not changed:
                continue
            trace = self._traces.get(key)
            if trace is None:
                trace = self._traces[key] = _Trace(existed, exists, {}, {}, file, commit, day)
            for name in changed:
                trace.first.setdefault(name, b_fields.get(name, _MISSING))
                trace.last[name] = a_fields.get(name, _MISSING)
            trace.exists, trace.file, trace.commit, trace.date = exists, file, commit, day

    def changes(self) -> list[Change]:
        """Net changes, by date then entity then id; reverted edits are not changes."""
        found: list[Change] = []
        for (entity, _scope, ident), t in self._traces.items():
            if not t.existed and not t.exists:
                continue
            fields: tuple[str, ...] = ()
            if t.existed and t.exists:
                fields = tuple(sorted(f for f in t.first if t.first[f] != t.last[f]))
                if not fields:
                    continue
            kind: ChangeKind = ("modified" if t.existed and t.exists
                                else "added" if t.exists else "removed")
            found.append(Change(entity, ident, t.file, kind, fields, t.commit, t.date))
        return sorted(found, key=lambda c: (c.date, ENTITY_ORDER.index(c.entity), c.id, c.kind))
