"""Synthetic demonstration cases, so that indicators and reports have something to show.

    psea case demo [--count 300] [--seed 2019]
    psea case demo --remove      # delete every synthetic case of the store

The same seed and the same network, services and organisations give the same files, byte for
byte. Every file says ``synthetic: true``; none has a note. Cases are received from July 2019
to December 2021, more each month as complaint mechanisms spread, more in high-risk regions and
where services exist. Most are acknowledged within 7 days and referred to assistance within
72 hours; some are late; many are referred to the concerned entity (``referred_to_entity``), a
few of them without the survivor's consent to take part in an investigation, which such a
referral does not need; most are closed with a reason. The data stops on 31 December 2021, and a
handful of cases received in its last weeks are left without acknowledgement or referral: they
are what ``psea case overdue`` shows.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from psea_cli.cases import ids, store
from psea_cli.dataset import Dataset
from psea_cli.i18n import _
from psea_cli.problems import PseaError

FIRST_DAY = dt.date(2019, 7, 1)
LAST_DAY = dt.date(2021, 12, 31)
"""The plan's period, and the day the demonstration data stops."""
DEFAULT_COUNT = 300
DEFAULT_SEED = 2019
STALLED = 4
"""Cases of the last weeks left unacknowledged (half) or not referred (half)."""

_AFFILIATION_OF_TYPE = {"un_agency": "un_staff", "un_mission": "un_mission", "ingo": "ingo",
                        "nngo": "nngo", "government": "government"}


def _pick(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclasses.dataclass
class _World:
    """What the generator draws from: the network's regions, services and organisations."""

    regions: dict[str, float]
    services: dict[str, list[tuple[str, str]]]  # region -> [(service id, type)]
    organisations: dict[str, list[str]]  # affiliation -> organisation ids

    @classmethod
    def of(cls, dataset: Dataset) -> _World:
        if dataset.network is None:
            raise PseaError(_("data/network.yaml has problems, so cases cannot be recorded"),
                            _("Run 'psea validate' and correct network.yaml first."))
        services: dict[str, list[tuple[str, str]]] = {}
        for located in dataset.services:
            s = located.value
            if s.status == "active" and s.type != "complaint_channel":
                services.setdefault(s.region, []).append((s.id, s.type))
        regions = {r.pcode: (3.0 if r.pcode in dataset.network.high_risk_zones else 1.0)
                   + (1.0 if r.pcode in services else 0.0) for r in dataset.network.regions}
        organisations: dict[str, list[str]] = {}
        for org in sorted(dataset.organisations, key=lambda o: o.value.id):
            affiliation = _AFFILIATION_OF_TYPE.get(str(org.value.type))
            if affiliation:
                organisations.setdefault(affiliation, []).append(org.value.id)
        return cls(regions, services, organisations)


def _received(rng: random.Random) -> dt.date | dt.datetime:
    """A reception day, more likely late in the period (mechanisms spread, trust grows)."""
    months = (LAST_DAY.year - FIRST_DAY.year) * 12 + LAST_DAY.month - FIRST_DAY.month + 1
    index = rng.choices(range(months), weights=[1 + m / 8 for m in range(months)])[0]
    year, month = divmod(FIRST_DAY.year * 12 + FIRST_DAY.month - 1 + index, 12)
    first = dt.date(year, month + 1, 1)
    last = min(dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1),
               LAST_DAY)
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _profile(rng: random.Random, world: _World, day: dt.date) -> dict[str, Any]:
    allegation = _pick(rng, {"sexual_exploitation": 52, "sexual_abuse": 33, "other": 8,
                             "not_sea": 7})
    affiliation = _pick(rng, {"implementing_partner": 25, "nngo": 15, "ingo": 10, "un_staff": 10,
                              "un_mission": 12, "un_related": 5, "contractor": 8, "volunteer": 5,
                              "government": 5, "unknown": 5})
    known = world.organisations.get(affiliation, [])
    organisation = rng.choice(known) if known and rng.random() < 0.5 else None
    goods = {"sexual_exploitation": {"yes": 75, "unknown": 25},
             "sexual_abuse": {"no": 70, "unknown": 30}}.get(allegation, {"no": 40, "unknown": 60})
    back = rng.choice([0, 0, 0, 1, 1, 2, 3, 6])
    incident = (day.replace(day=1) - dt.timedelta(days=28 * back)).strftime("%Y-%m")
    return {
        "channel": _pick(rng, {"hotline": 30, "cbcm": 25, "focal_point": 22,
                               "community_relay": 12, "staff_report": 8, "other": 3}),
        "region": _pick(rng, world.regions),
        "incident_month": incident if rng.random() < 0.85 else "unknown",
        "allegation": allegation,
        "survivor": {"sex": _pick(rng, {"female": 86, "male": 9, "other": 1, "unknown": 4}),
                     "age_group": _pick(rng, {"child": 33, "adult": 57, "unknown": 10}),
                     "count": rng.choices([1, 2, 3], weights=[90, 7, 3])[0]},
        "perpetrator": {"affiliation": affiliation, "organisation": organisation},
        "goods_exchanged": _pick(rng, goods),
        "consent": {"assistance": _pick(rng, {"yes": 82, "no": 8, "not_asked": 10}),
                    "investigation": _pick(rng, {"yes": 58, "no": 27, "not_asked": 15}),
                    "reporting": _pick(rng, {"yes": 85, "no": 10, "not_asked": 5})},
    }


def _events(rng: random.Random, world: _World, case: dict[str, Any], day: dt.date
            ) -> list[dict[str, Any]]:
    """The SOP steps as they happened, as recorded by the end of the data."""
    late = rng.random() < 0.13
    ack = day + dt.timedelta(days=rng.randint(8, 25) if late else rng.choice([0, 1, 1, 2, 3, 5]))
    events: list[dict[str, Any]] = [{"kind": "acknowledged", "date": min(ack, LAST_DAY)}]
    sea = case["allegation"] != "not_sea"
    last = ack
    if sea and case["consent"]["assistance"] == "yes" and rng.random() < 0.95:
        delay = rng.randint(4, 12) if rng.random() < 0.2 else rng.choice([0, 1, 1, 2, 3])
        options = world.services.get(case["region"]) or []
        child = case["survivor"]["age_group"] == "child"
        wanted = ["medical", "psychosocial"] + (["child_protection"] if child else ["legal"])
        for kind in wanted[:rng.choice([1, 1, 2, 3])]:
            match = [s for s in options if s[1] == kind]
            event = {"kind": "assistance_referred",
                     "date": min(day + dt.timedelta(days=delay), LAST_DAY), "service": kind}
            if match:
                event["service_id"] = rng.choice(match)[0]
            events.append(event)
            delay += rng.randint(0, 4)
    if sea and rng.random() < 0.55:
        events.append({"kind": "legal_information", "date": day + dt.timedelta(
            days=rng.randint(1, 20))})
    consents = case["consent"]["investigation"] == "yes"
    entities = world.organisations.get("un_mission", []) + world.organisations.get("un_staff", [])
    if sea and entities and (rng.random() < 0.85 if consents else rng.random() < 0.04):
        referred = day + dt.timedelta(days=rng.randint(2, 30))
        organisation = case["perpetrator"]["organisation"] or rng.choice(entities)
        events.append({"kind": "referred_to_entity", "date": referred,
                       "organisation": organisation})
        events += _investigation(case, referred, organisation, consents)
        if rng.random() < 0.6:
            events.append({"kind": "measures_taken",
                           "date": referred + dt.timedelta(days=rng.randint(20, 120)),
                           "measure": _pick(rng, {"interim_suspension": 25, "dismissal": 20,
                                                  "contract_termination": 25,
                                                  "referral_national_authorities": 10,
                                                  "other": 10, "none": 10})})
    last = max(e["date"] for e in events)
    if sea and rng.random() < 0.75:
        last += dt.timedelta(days=rng.randint(5, 30))
        events.append({"kind": "feedback_given", "date": last})
        if rng.random() < 0.6:
            events.append({"kind": "satisfaction", "date": last, "value": _pick(
                rng, {"satisfied": 75, "not_satisfied": 25})})
    if rng.random() < 0.92:
        last += dt.timedelta(days=rng.randint(1, 30))
        reason = "not_sea" if not sea else _pick(rng, {
            "needs_met": 55, "investigation_closed": 12, "survivor_request": 12,
            "no_contact": 9, "transferred": 8, "duplicate": 2, "other": 2})
        events.append({"kind": "closed", "date": last, "reason": reason})
        if rng.random() < 0.01:
            last += dt.timedelta(days=rng.randint(10, 60))
            events += [{"kind": "reopened", "date": last},
                       {"kind": "feedback_given", "date": last + dt.timedelta(days=3)},
                       {"kind": "closed", "date": last + dt.timedelta(days=10),
                        "reason": "needs_met"}]
    return [e for e in sorted(events, key=lambda e: e["date"]) if e["date"] <= LAST_DAY]


def _investigation(case: dict[str, Any], referred: dt.date, organisation: str,
                   consents: bool) -> list[dict[str, Any]]:
    """The entity's investigation after a referral: opened for most, concluded for many. Drawn
    from the case's own generator, so the other cases' draws stay as they were."""
    rng = random.Random(f"{case['id']}/investigation")
    if rng.random() >= 0.7:
        return []
    opened = referred + dt.timedelta(days=rng.randint(3, 40))
    events: list[dict[str, Any]] = [{"kind": "investigation_opened", "date": opened,
                                     "organisation": organisation,
                                     "survivor_participates": consents}]
    if rng.random() < 0.75:
        events.append({"kind": "investigation_concluded",
                       "date": opened + dt.timedelta(days=rng.randint(20, 150)),
                       "organisation": organisation,
                       "outcome": _pick(rng, {"substantiated": 40, "unsubstantiated": 35,
                                              "insufficient_information": 25})})
    return events


def _on_track(case: dict[str, Any]) -> None:
    """A case still open when the data stops has been referred if the survivor consented:
    only the stalled cases below are overdue."""
    kinds = {e["kind"] for e in case["events"]}
    closed = bool(case["events"]) and case["events"][-1]["kind"] == "closed"
    if not closed and case["consent"]["assistance"] == "yes" and "assistance_referred" not in kinds:
        day = min(case["received"] + dt.timedelta(days=2), LAST_DAY)
        case["events"].append({"kind": "assistance_referred", "date": day, "service": "medical"})
        case["events"].sort(key=lambda e: e["date"])


def _stall(cases: list[dict[str, Any]], rng: random.Random) -> None:
    """Leave a few recent cases without acknowledgement, or consenting but not referred."""
    recent = [c for c in cases if c["received"] >= LAST_DAY - dt.timedelta(days=45)
              and c["allegation"] != "not_sea"]
    referable = [c for c in recent if c["consent"]["assistance"] == "yes"]
    stalled_ack = rng.sample(recent, min(STALLED // 2, len(recent)))
    for case in stalled_ack:
        case["events"] = []
    others = [c for c in referable if c not in stalled_ack]
    for case in rng.sample(others, min(STALLED - STALLED // 2, len(others))):
        case["events"] = [e for e in case["events"] if e["kind"] == "acknowledged"]


def generate(dataset: Dataset, count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED
             ) -> list[dict[str, Any]]:
    """``count`` synthetic case records, as plain data."""
    rng = random.Random(seed)
    world = _World.of(dataset)
    cases = []
    taken: set[str] = set()
    for _draw in range(count):
        case_id = ids.new_id(rng)
        while case_id in taken:
            case_id = ids.new_id(rng)
        taken.add(case_id)
        received = _received(rng)
        case = {"id": case_id, "synthetic": True, "received": received,
                **_profile(rng, world, received)}
        case["events"] = _events(rng, world, case, received)
        _on_track(case)
        cases.append(case)
    _stall(cases, rng)
    for case in cases:
        if case["channel"] == "hotline" and rng.random() < 0.4:  # the hotline logs the hour
            day = case["received"]
            case["received"] = dt.datetime(day.year, day.month, day.day, rng.randint(7, 19),
                                           rng.choice([0, 15, 30, 45]))
    return sorted(cases, key=lambda c: c["id"])


def remove_synthetic(dataset: Dataset) -> int:
    """Delete every synthetic case file of the store; the number deleted."""
    synthetic = [c for c in dataset.cases if c.value.synthetic]
    for located in synthetic:
        (dataset.root / located.file).unlink()
    return len(synthetic)


def write(dataset: Dataset, count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED) -> int:
    """Replace the store's synthetic cases by ``count`` new ones, all or none: should one
    file fail (a full disk, a name taken, Ctrl-C), the new ones are removed and the former
    ones written back. A store holding real cases is refused, so that demonstration data
    never mixes with them by accident."""
    from psea_cli.cases.editing import holds_sealed

    if holds_sealed(dataset) or any(not c.value.synthetic for c in dataset.cases):
        raise PseaError(_("the case store holds real cases: demonstration cases are not written "
                          "next to them"))
    cases = generate(dataset, count, seed)
    folder = store.store_folder(dataset, create=True)  # a link out refused before any removal
    files = [(folder / f"{case['id']}.yaml", case) for case in cases]
    texts = [(path, store.render(case, store.label(dataset, path))) for path, case in files]
    former = {dataset.root / c.file: (dataset.root / c.file).read_bytes()
              for c in dataset.cases}
    remove_synthetic(dataset)
    written: list[Path] = []
    try:
        for path, text in texts:
            if not store.create(path, text, dataset.root, folder):
                raise PseaError(_("{file} exists already").format(
                    file=store.label(dataset, path)), exit_code=1)
            written.append(path)
    except BaseException:
        _restore(written, former, dataset, folder)
        raise
    return len(cases)


def _restore(written: list[Path], former: dict[Path, bytes], dataset: Dataset,
             folder: Path) -> None:
    """Undo a demonstration write: the new files removed, the former ones written back."""
    for path in written:
        path.unlink(missing_ok=True)
    for path, raw in former.items():
        with contextlib.suppress(OSError, PseaError):
            store.create(path, raw.decode("utf-8"), dataset.root, folder)
