"""Every id a record refers to exists: organisations, groups, regions, services (the metrics a
plan names are checked by ``psea_cli.indicators.checks``, beside the registry)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from psea_cli.check_marks import day_by_dates, judged_against, part_by_part
from psea_cli.dataset import Dataset, Finding, Located
from psea_cli.models.case import Case


def _unknown_region(ds: Dataset, file: str, path: tuple[str | int, ...]) -> Finding:
    return Finding.of("ref.unknown-region", file, path, example=ds.region_example())


def check_plan_references(ds: Dataset) -> Iterator[Finding]:
    """Responsible actors are organisations or named groups."""
    if ds.network is None:
        return  # the groups are unknown while network.yaml is invalid: no cascade of errors
    actors = ds.organisation_ids() | ds.group_ids()
    for bundle in ds.plans:
        plan = bundle.plan
        for ri, result in enumerate(plan.value.results):
            for si, sub in enumerate(result.sub_results):
                for ai, activity in enumerate(sub.activities):
                    base = ("results", ri, "sub_results", si, "activities", ai)
                    for k, actor in enumerate(activity.responsible):
                        if actor not in actors:
                            yield Finding.of("plan.unknown-responsible", plan.file,
                                             (*base, "responsible", k), actor=actor)


def check_network_references(ds: Dataset) -> Iterator[Finding]:
    """High-risk zones are regions; group members are organisations."""
    if ds.network is None:
        return
    regions = ds.region_pcodes()
    for i, zone in enumerate(ds.network.high_risk_zones):
        if zone not in regions:
            yield _unknown_region(ds, ds.network_file, ("high_risk_zones", i))
    orgs = ds.organisation_ids()
    for gi, group in enumerate(ds.network.groups):
        for mi, member in enumerate(group.members):
            if member not in orgs:
                yield Finding.of("ref.unknown-organisation", ds.network_file,
                                 ("groups", gi, "members", mi), org=member)


def check_directory_references(ds: Dataset) -> Iterator[Finding]:
    """Regions a focal point covers exist (a focal point valid on its own in a file that
    broke its schema too)."""
    regions = ds.region_pcodes()
    if not regions:
        return
    for fp in ds.judged_focal_points():
        for ri, region in enumerate(fp.value.regions):
            if region not in regions:
                yield _unknown_region(ds, fp.file, (*fp.path, "regions", ri))


def check_service_references(ds: Dataset) -> Iterator[Finding]:
    """A service's provider is an organisation and its region exists (a service valid on
    its own in a file that broke its schema too)."""
    orgs = ds.organisation_ids()
    regions = ds.region_pcodes()
    for located in ds.judged_services():
        service = located.value
        if service.provider not in orgs:
            yield Finding.of("ref.unknown-organisation", located.file,
                             (*located.path, "provider"), org=service.provider)
        if regions and service.region not in regions:
            yield _unknown_region(ds, located.file, (*located.path, "region"))


def _admin2_outside(ds: Dataset, region: str, admin2: str) -> bool:
    """True when ``admin2`` is not an area of ``region``: its p-code must extend the region's
    (MLxx -> MLxxyy) and, when network.yaml lists the region's areas, be one of them."""
    if not admin2.startswith(region) or len(admin2) <= len(region):
        return True
    found = ds.network.region_by_pcode().get(region) if ds.network else None
    areas = found.admin2 if found is not None else None
    return areas is not None and admin2 not in {area.pcode for area in areas}


def _referenced(ds: Dataset) -> object:
    """What ``case_references`` reads: the regions with their areas, the organisations' and
    the services' ids, and the region its hint gives as an example."""
    regions = [(r.pcode, None if r.admin2 is None else sorted(a.pcode for a in r.admin2))
               for r in (ds.network.regions if ds.network else [])]
    return (sorted(regions), sorted(ds.organisation_ids()), sorted(ds.service_ids()),
            ds.region_example())


@day_by_dates
@judged_against(_referenced)
@part_by_part
def case_references(ds: Dataset) -> Callable[[Located[Case]], Iterator[Finding]]:
    """A case's region, admin-2 area, perpetrator organisation, services and organisations
    exist (a per-record check: the sets are built once, each record is checked on its own)."""
    regions = ds.region_pcodes()
    orgs = ds.organisation_ids()
    services = ds.service_ids()

    def check(located: Located[Case]) -> Iterator[Finding]:
        case = located.value
        if regions and case.region not in regions:
            yield _unknown_region(ds, located.file, ("region",))
        elif case.admin2 is not None and _admin2_outside(ds, case.region, case.admin2):
            yield Finding.of("ref.area-outside-region", located.file, ("admin2",))
        org = case.perpetrator.organisation
        if org is not None and org not in orgs:
            yield Finding.of("ref.unknown-organisation", located.file,
                             ("perpetrator", "organisation"), "case")
        for ei, event in enumerate(case.events):
            if event.service_id is not None and event.service_id not in services:
                yield Finding.of("ref.unknown-service", located.file,
                                 ("events", ei, "service_id"))
            if event.organisation is not None and event.organisation not in orgs:
                yield Finding.of("ref.unknown-organisation", located.file,
                                 ("events", ei, "organisation"), "event")
    return check
