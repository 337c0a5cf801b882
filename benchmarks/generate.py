"""Write a synthetic, valid network repository of any size, always the same for a given seed.

    python benchmarks/generate.py                       # 10,000 cases -> benchmarks/out/cases-10000
    python benchmarks/generate.py --cases 1000 --out /tmp/net

The repository has the shipped network settings and action plan (``data/network.yaml`` and
``data/plan/`` of this repository; the test fixture's when those are absent), progress files
for every semester of the plan, 300 organisations with 1,000 focal points, 600 services, and
the requested number of case files drawn by psea's own demonstration-data generator
(``psea_cli.cases.demo``) and written as ``psea case add`` writes them, all in one git commit.
Every record is synthetic: no value comes from a real case, and no case has a note.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from psea_cli.cases import demo, store
from psea_cli.layout import DEFAULT_CASES_DIR
from psea_cli.validation import load_dataset

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURE = REPOSITORY / "tests" / "data" / "valid"
LAST_DAY = dt.date(2021, 12, 31)
"""No date of the synthetic data is later than the end of the shipped plan."""
ORG_TYPES = ["un_agency", "ingo", "ingo", "nngo", "nngo", "nngo", "government", "red_cross",
             "donor", "other"]
SERVICE_TYPES = ["medical", "psychosocial", "legal", "safety_shelter", "livelihood",
                 "child_protection", "case_management", "complaint_channel"]

def _source_data() -> Path:
    """The repository's own network and plan when it ships them, else the test fixture's."""
    shipped = REPOSITORY / "data"
    if (shipped / "network.yaml").is_file() and any((shipped / "plan").glob("*/plan.yaml")):
        return shipped
    return FIXTURE / "data"


def _dump(path: Path, document: Any, comment: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(f"# {comment}\n{text}", encoding="utf-8")


def _phone(rng: random.Random) -> str:
    digits = f"{rng.randrange(20, 99)}{rng.randrange(0, 10**6):06d}"
    return f"+223 {digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"



_STATUSES = {"continuous": ["in_progress", "delayed"],  # an ongoing activity is never done
             "once": ["in_progress", "done", "delayed"]}


def _recurrence(activity: dict[str, Any]) -> str:
    period = activity.get("period") or {}
    return "continuous" if period.get("recurrence") == "continuous" else "once"

class Generator:
    """Builds the repository step by step; every random draw comes from one seeded generator."""

    def __init__(self, out: Path, seed: int) -> None:
        self.out = out
        self.rng = random.Random(seed)
        source = _source_data()
        self.source = source
        self.network = yaml.safe_load((source / "network.yaml").read_text(encoding="utf-8"))
        self.regions = [r["pcode"] for r in self.network["regions"]]
        self.groups = {g["id"] for g in self.network.get("groups", [])}
        self.plans = sorted(p.parent for p in (source / "plan").glob("*/plan.yaml"))
        self.org_ids: list[str] = []
        self.services: list[tuple[str, str, str]] = []  # (id, type, region)

    def copy_settings(self) -> None:
        """The network settings and the plans as shipped, progress files excluded."""
        (self.out / "data").mkdir(parents=True, exist_ok=True)
        shutil.copy2(self.source / "network.yaml", self.out / "data" / "network.yaml")
        for folder in self.plans:
            target = self.out / "data" / "plan" / folder.name
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(folder / "plan.yaml", target / "plan.yaml")

    def _referenced_organisations(self) -> list[str]:
        """Organisations the plan and the network name: they must have files."""
        names: set[str] = set()
        for group in self.network.get("groups", []):
            names.update(group.get("members", []))
        for folder in self.plans:
            plan = yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))
            for result in plan.get("results", []):
                for sub in result.get("sub_results", []):
                    for activity in sub.get("activities", []):
                        names.update(a for a in activity.get("responsible", [])
                                     if a not in self.groups)
        return sorted(names)

    def _shipped_organisation(self, org_id: str) -> dict[str, Any]:
        """Name and type of an organisation the repository ships, so that MINUSMA stays a
        UN mission (the demonstration cases refer investigations to such entities)."""
        path = self.source / "focal_points" / f"{org_id}.yaml"
        if not path.is_file():
            return {}
        shipped = yaml.safe_load(path.read_text(encoding="utf-8"))
        return {key: shipped[key] for key in ("name", "acronym", "type") if key in shipped}

    def organisations(self, count: int, focal_points: int) -> None:
        ids = self._referenced_organisations()
        ids += [f"org-{i:03d}" for i in range(1, count - len(ids) + 1)]
        self.org_ids = ids
        # every organisation has at least one focal point; the rest are spread at random
        per_org = [1] * len(ids)
        for _ in range(max(0, focal_points - len(ids))):
            per_org[self.rng.randrange(len(ids))] += 1
        for org_id, n in zip(ids, per_org, strict=True):
            since = dt.date(2012 + self.rng.randrange(8), 1 + self.rng.randrange(12), 1)
            fps = [{
                "id": f"fp-{k + 1}",
                "name": f"Point focal PSEA {k + 1}",
                "role": "alternate" if k else "focal_point",
                "email": f"psea{k + 1}@{org_id}.org",
                "phone": _phone(self.rng),
                "regions": sorted(self.rng.sample(self.regions, min(2, len(self.regions)))),
                "languages": ["fr"],
                "verified_on": (LAST_DAY - dt.timedelta(days=self.rng.randrange(400))).isoformat(),
            } for k in range(n)]
            document = {
                "id": org_id,
                "name": f"Organisation {org_id.upper()}",
                "type": self.rng.choice(ORG_TYPES),
                **self._shipped_organisation(org_id),
                "membership": {"since": since.isoformat()},
                "commitments": {"code_of_conduct_signed": (
                    since + dt.timedelta(days=self.rng.randrange(10, 400))).isoformat()},
                "focal_points": fps,
            }
            _dump(self.out / "data" / "focal_points" / f"{org_id}.yaml", document,
                  "Synthetic organisation (benchmark data)")

    def service_map(self, count: int) -> None:
        by_region: dict[str, list[dict[str, Any]]] = {r: [] for r in self.regions}
        for i in range(count):
            region = self.regions[i % len(self.regions)]
            kind = SERVICE_TYPES[(i // len(self.regions)) % len(SERVICE_TYPES)]
            service_id = f"{region.lower()}-{kind.replace('_', '-')}-{i:03d}"
            self.services.append((service_id, kind, region))
            by_region[region].append({
                "id": service_id, "provider": self.rng.choice(self.org_ids), "type": kind,
                "name": f"Service {kind} {i}", "region": region, "phone": _phone(self.rng),
                "hours": "8 h - 17 h", "status": "active", "verified_on": "2021-06-01",
            })
        for region, services in by_region.items():
            _dump(self.out / "data" / "services" / f"{region.lower()}.yaml",
                  {"services": services}, "Synthetic services (benchmark data)")

    def progress(self, semesters: int) -> None:
        for folder in self.plans:
            plan = yaml.safe_load((folder / "plan.yaml").read_text(encoding="utf-8"))
            start, end = int(str(plan["start"])[:4]), int(str(plan["end"])[:4])
            activities = [a for r in plan.get("results", []) for s in r.get("sub_results", [])
                          for a in s.get("activities", [])]
            for k in range(min(semesters, 2 * (end - start + 1))):
                period = f"{start + k // 2}-S{k % 2 + 1}"
                document = {"period": period, "example": True, "activities": {
                    a["id"]: {"status": self.rng.choice(_STATUSES[_recurrence(a)])}
                    for a in activities}, "indicators": {
                    i["id"]: self._indicator_value(i["unit"], start + k // 2)
                    for a in activities for i in a.get("indicators", [])
                    if i.get("measured_by") == "manual"}}
                _dump(self.out / "data" / "plan" / folder.name / "progress" / f"{period}.yaml",
                      document, "Synthetic progress (benchmark data)")

    def _indicator_value(self, unit: str, year: int) -> dict[str, Any]:
        record: dict[str, Any] = {"source": "Rapport de suivi (données synthétiques)"}
        if unit == "percent":
            denominator = self.rng.randrange(10, 200)
            record.update(numerator=self.rng.randrange(denominator + 1), denominator=denominator)
        elif unit == "milestone":
            record.update(status="done", date=f"{year}-06-30")
        elif unit == "boolean":
            record["value"] = True
        elif unit == "qualitative":
            record["level"] = self.rng.randrange(4)
        else:
            record["value"] = self.rng.randrange(1, 500)
        return record

    def cases(self, count: int, seed: int) -> None:
        """Cases from psea's demonstration generator, which draws them from the network,
        organisations and services written above."""
        dataset, problems = load_dataset(self.out, use_cache=False)
        if problems:
            raise SystemExit(f"the generated repository has problems: {problems[0]}")
        folder = self.out / DEFAULT_CASES_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for case in demo.generate(dataset, count, seed):
            label = f"{DEFAULT_CASES_DIR}/{case['id']}.yaml"
            (self.out / label).write_text(store.render(case, label), encoding="utf-8")


def generate(out: Path, cases: int, seed: int = 2019, organisations: int = 300,
             focal_points: int = 1000, services: int = 600, semesters: int = 6) -> Path:
    """Write the repository to ``out`` (replaced if it exists) and return it."""
    if out.exists():
        shutil.rmtree(out)
    gen = Generator(out, seed)
    gen.copy_settings()
    gen.organisations(organisations, focal_points)
    gen.service_map(services)
    gen.progress(semesters)
    gen.cases(cases, seed)
    _commit(out)
    return out


def _commit(out: Path) -> None:
    """Make the repository a git repository with one commit, as a network's checkout is
    (reports read the revision); skipped where git is not installed."""
    git = shutil.which("git")
    if git is None:
        return
    day = f"{LAST_DAY.isoformat()}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_NAME": "psea benchmarks", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "psea benchmarks", "GIT_COMMITTER_EMAIL": "bench@example.org",
           "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Synthetic network"]):
        subprocess.run([git, "-C", str(out), *command], env=env, check=True,
                       capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--focal-points", type=int, default=1000)
    parser.add_argument("--services", type=int, default=600)
    parser.add_argument("--semesters", type=int, default=6)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or REPOSITORY / "benchmarks" / "out" / f"cases-{args.cases}"
    generate(out, args.cases, args.seed, args.organisations, args.focal_points, args.services,
             args.semesters)
    sys.stdout.write(f"{out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
