"""Synthetic demonstration records for the plan's periods, so that indicators and the report show
real shapes.

    psea activity demo [--seed 2019]
    psea activity demo --remove     # delete every synthetic record

The same seed and the same network and organisations give the same files. Every file says
``synthetic: true``. From July 2019 to December 2021: sessions for each audience each
semester (more in the high-risk zones), network meetings every two months with their action
points (a few left open past their due day), complaint mechanisms set up in the high-risk zones
and in Bamako with quarterly checks, two risk assessments a year, and one PSEA assessment per
member organisation (UN agencies: MOS-PSEA; others: the UN implementing partner protocol).

The draws take the network's own regions, organisations and plan activities (a mechanism or a
risk assessment placed in a region the network does not have is left out), so that the records
pass ``psea validate`` on any valid network. Every record is drawn and every file judged before
the first is written, and a write that fails takes back the ones before it (``demo_files``):
the records are written whole, or not at all.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from psea_cli.cases import store
from psea_cli.dataset import Dataset
from psea_cli.i18n import _
from psea_cli.layout import RECORD_FOLDERS
from psea_cli.problems import PseaError
from psea_cli.records import demo_files, editing, frameworks

FIRST_DAY = dt.date(2019, 7, 1)
LAST_DAY = dt.date(2021, 12, 31)
DEFAULT_SEED = 2019
SEMESTERS = [(dt.date(y, m, 1), dt.date(y, m + 5, 30 if m == 1 else 31))
             for y, m in ((2019, 7), (2020, 1), (2020, 7), (2021, 1), (2021, 7))]

# audience: (kind, plan activity, sessions per semester, participants range, share of women,
#            share of under-18s, materials per session)
_SESSIONS: dict[str, tuple[str, str, int, tuple[int, int], float, float, bool]] = {
    "government_officials": ("training", "1.1.5", 2, (10, 18), 0.35, 0.0, False),
    "community_relays": ("training", "1.2.3", 2, (15, 30), 0.5, 0.0, True),
    "community_members": ("awareness", "1.2.2", 4, (30, 90), 0.55, 0.25, True),
    "staff": ("awareness", "3.2.4", 3, (25, 70), 0.4, 0.0, False),
    "partners": ("awareness", "3.2.8", 2, (10, 25), 0.3, 0.0, False),
}
_TOPICS = {"government_officials": ["sea_basics", "complaint_mechanisms", "referral"],
           "community_relays": ["sea_basics", "complaint_mechanisms", "reporting"],
           "community_members": ["sea_basics", "complaint_mechanisms"],
           "staff": ["code_of_conduct", "sg_bulletin", "reporting"],
           "partners": ["code_of_conduct", "reporting"]}
_MECHANISMS = [("ML05", "community_committee", "Comité communautaire de Sévaré"),
               ("ML05", "community_committee", "Comité communautaire de Bandiagara"),
               ("ML05", "suggestion_box", "Boîtes à suggestions du site de déplacés de Mopti"),
               ("ML05", "focal_point_desk", "Bureau des points focaux de Mopti"),
               ("ML06", "community_committee", "Comité communautaire de Tombouctou"),
               ("ML06", "community_committee", "Comité communautaire de Goundam"),
               ("ML06", "suggestion_box", "Boîtes à suggestions de Niafunké"),
               ("ML07", "community_committee", "Comité communautaire de Gao"),
               ("ML09", "hotline", "Ligne verte du PAM"),
               ("ML09", "focal_point_desk", "Bureau des points focaux de Bamako")]
_ACTIONS = ["Partager le compte rendu avec les points focaux",
            "Mettre à jour l'annuaire des points focaux",
            "Préparer la session de formation des services techniques",
            "Diffuser les messages clés en langues locales",
            "Transmettre le rapport semestriel à l'EHP",
            "Organiser la vérification des mécanismes de plaintes"]
_DECISIONS = ["Validation du plan de travail trimestriel",
              "Revue des plaintes reçues par les mécanismes communautaires",
              "Calendrier des formations du semestre adopté"]
_FINDINGS = ["Distributions sans présence féminine dans l'équipe",
             "Mécanismes de plaintes peu connus des femmes et des enfants",
             "Recrutement de journaliers sans vérification des références"]


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _split(rng: random.Random, total: int, women: float, children: float) -> dict[str, int]:
    young = round(total * children * rng.uniform(0.7, 1.3))
    adults = total - young
    w = round(adults * women * rng.uniform(0.8, 1.2))
    g = round(young * 0.5)
    return {"women": w, "men": adults - w, "girls": g, "boys": young - g}


class _Drawn:
    """The records drawn, as (path, text) of each file to write; nothing is written here."""

    def __init__(self, dataset: Dataset, orgs: list[str]) -> None:
        self.dataset = dataset
        self.orgs = orgs
        self.regions = dataset.region_pcodes()
        self.activities = ({a.id for b in dataset.plans for _r, _s, a in b.plan.value.activities()}
                           if dataset.plans else None)
        self.files: list[tuple[Path, str]] = []

    def org(self, wanted: str) -> str:
        """``wanted``, or the network's first organisation when it has none of that id."""
        return wanted if wanted in self.orgs else self.orgs[0]

    def activity(self, wanted: str) -> str | None:
        """``wanted``, when the network's plans have that activity (or there is no plan)."""
        return wanted if self.activities is None or wanted in self.activities else None

    def activity_list(self, wanted: str) -> list[str]:
        found = self.activity(wanted)
        return [found] if found is not None else []

    def add(self, kind: str, record_id: str, data: dict[str, Any]) -> None:
        path = self.dataset.root / RECORD_FOLDERS[kind] / f"{record_id}.yaml"
        label = store.label(self.dataset, path)
        self.files.append((path, editing.render(
            kind, {"id": record_id, "synthetic": True, **data}, label)))


def _sessions(rng: random.Random, out: _Drawn, regions: list[str], weights: list[float],
              orgs: list[str]) -> None:
    for start, end in SEMESTERS:
        for audience, (kind, activity, count, size, women, young, materials) in \
                _SESSIONS.items():
            for number in range(count):
                day = _day(rng, start, end)
                region = rng.choices(regions, weights)[0]
                organisers = rng.sample(orgs, min(2 if number == 0 else 1, len(orgs)))
                data: dict[str, Any] = {
                    "kind": kind, "start": day,
                    "end": day + dt.timedelta(days=1) if kind == "training" else None,
                    "region": region, "organisers": organisers,
                    "plan_activities": out.activity_list(activity),
                    "audience": audience,
                    "participants": _split(rng, rng.randint(*size), women, young),
                    "topics": _TOPICS[audience]}
                if materials:
                    data["materials"] = {"posters": rng.randint(10, 40),
                                         "leaflets": rng.randint(40, 150),
                                         "radio_spots": rng.randint(0, 12)}
                out.add("session", editing.slug(day.isoformat(), region, audience,
                                                  str(number + 1)), data)


def _meetings(rng: random.Random, out: _Drawn, orgs: list[str]) -> None:
    day = dt.date(2019, 7, 10)
    index = 0
    while day <= LAST_DAY:
        index += 1
        points = []
        for _n in range(rng.randint(1, 3)):
            due = day + dt.timedelta(days=rng.choice((21, 30, 45)))
            late = day.year == 2021 and day.month >= 9 and rng.random() < 0.6
            status = "open" if late or rng.random() < 0.05 else rng.choice(
                ("done", "done", "done", "dropped"))
            closed = None if status == "open" else min(
                due + dt.timedelta(days=rng.randint(-10, 15)), LAST_DAY)
            points.append({"text": rng.choice(_ACTIONS), "owner": rng.choice(orgs), "due": due,
                           "status": status, "closed": max(closed, day) if closed else None})
        out.add("meeting", f"{day.isoformat()}-network", {
            "date": day, "kind": "network",
            "organisations": sorted(rng.sample(orgs, rng.randint(min(5, len(orgs)), len(orgs)))),
            "minutes": None if index % 7 == 3 else f"Compte rendu de la réunion du réseau "
                                                   f"n° {index} (exemple)",
            "decisions": [rng.choice(_DECISIONS)], "action_points": points})
        day += dt.timedelta(days=rng.randint(55, 65))


def _mechanisms(rng: random.Random, out: _Drawn, hosts: dict[str, str]) -> None:
    for region, kind, name in _MECHANISMS:
        if region not in out.regions:
            continue
        set_up = _day(rng, dt.date(2019, 10, 1), dt.date(2021, 6, 30))
        checks = []
        check = set_up + dt.timedelta(days=rng.randint(60, 100))
        while check <= LAST_DAY - dt.timedelta(days=rng.randint(0, 200)):
            checks.append({"date": check, "functional": rng.random() < 0.8})
            check += dt.timedelta(days=rng.randint(80, 110))
        out.add("complaint_mechanism", editing.slug(region, name), {
            "name": name, "kind": kind, "region": region,
            "host": out.org(hosts.get(kind, "save-the-children") if region != "ML09" else "wfp"),
            "set_up": set_up, "checks": checks})


def _assessments(rng: random.Random, out: _Drawn, dataset: Dataset) -> None:
    for number, (region, day) in enumerate([("ML05", dt.date(2020, 3, 12)),
                                            ("ML06", dt.date(2020, 9, 24)),
                                            ("ML05", dt.date(2021, 2, 18)),
                                            ("ML07", dt.date(2021, 10, 7))]):
        if region not in out.regions:
            continue
        out.add("risk_assessment", f"{day.isoformat()}-{region.lower()}", {
            "date": day, "regions": [region], "lead": out.org(("unfpa", "unicef")[number % 2]),
            "plan_activity": out.activity("1.2.1"), "findings": rng.sample(_FINDINGS, 2)})
    for located in sorted(dataset.organisations, key=lambda o: o.value.id):
        org = located.value
        framework = "mos_psea" if org.type in ("un_agency", "un_mission") else "un_ip_protocol"
        scale = frameworks.SCALES[framework]
        ratings = {s: rng.choices(scale, [6, 1, 1][:len(scale)])[0]
                   for s in frameworks.STANDARDS[framework]}
        day = _day(rng, dt.date(2020, 6, 1), dt.date(2021, 9, 30))
        overall = frameworks.expected_overall(framework, ratings)
        out.add("agency_assessment", f"{org.id}-{day.year}", {
            "organisation": org.id, "framework": framework, "date": day, "ratings": ratings,
            "overall": overall, "next_review": day + dt.timedelta(days=365)})


def draw(dataset: Dataset, seed: int = DEFAULT_SEED) -> list[tuple[Path, str]]:
    """The demonstration records, as (path, text) of each file; nothing is written. A
    PseaError (exit 1) when the network gives nothing to draw from."""
    network = dataset.network
    if network is None:
        raise PseaError(_("data/network.yaml has problems, so records cannot be written"),
                        _("Run 'psea validate' and correct network.yaml first."), exit_code=1)
    orgs = sorted(o.value.id for o in dataset.organisations)
    if not orgs:
        raise PseaError(_("the network has no organisation (data/focal_points/) to organise "
                          "the demonstration records; nothing was written"),
                        _("Add the member organisations first ('psea validate' must find "
                          "them), then run the command again."), exit_code=1)
    rng = random.Random(seed)
    regions = [r.pcode for r in network.regions]
    weights = [4.0 if r in network.high_risk_zones else 2.0 if r in ("ML07", "ML09") else 0.5
               for r in regions]
    out = _Drawn(dataset, orgs)
    _sessions(rng, out, regions, weights, orgs)
    _meetings(rng, out, orgs)
    hosts = {"community_committee": "save-the-children", "suggestion_box": "unicef",
             "focal_point_desk": "unfpa", "hotline": "wfp"}
    _mechanisms(rng, out, {k: v for k, v in hosts.items() if v in orgs})
    _assessments(rng, out, dataset)
    return out.files


def generate(dataset: Dataset, seed: int = DEFAULT_SEED) -> int:
    """Write the demonstration records (``draw``), whole or not at all (``demo_files``); the
    number of files written."""
    files = draw(dataset, seed)
    demo_files.write_all(dataset, files)
    return len(files)


def remove(dataset: Dataset) -> int:
    """Delete every synthetic record; the number of files deleted."""
    removed = 0
    for located in dataset.records.all():
        if located.value.synthetic:
            (dataset.root / located.file).unlink()
            removed += 1
    return removed
