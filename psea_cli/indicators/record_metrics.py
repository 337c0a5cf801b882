"""Metrics computed from the prevention records (``data/sessions/``, ``data/meetings/``,
``data/complaint_mechanisms/``, ``data/risk_assessments/``, ``data/agency_assessments/``).

A session counts in the period of its first day (and only once when two organisations
recorded it: ``psea_cli.records.counting``); a meeting and an assessment in the period of
their day. Complaint mechanisms and agency standards are measured on the measuring day (the
period's last day, or the as-of day when that is earlier). Records dated after the as-of day
are ignored. These are counts of people reached and of the network's work, not case data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from psea_cli.indicators.values import Breakdowns, Measure, ratio

if TYPE_CHECKING:
    from psea_cli.indicators.context import MeasureContext
    from psea_cli.models.records import Session

SEX_AGE = ("women", "men", "girls", "boys")


def _sessions(ctx: MeasureContext) -> list[Session]:
    from psea_cli.records.counting import sessions_between

    return sessions_between(ctx.dataset.records.sessions, ctx.period.start, ctx.day)


def _people(sessions: Iterable[Session]) -> Measure:
    sex_age = dict.fromkeys(SEX_AGE, 0)
    regions: dict[str, int] = {}
    count = 0
    for session in sessions:
        count += 1
        for key in SEX_AGE:
            sex_age[key] += getattr(session.participants, key)
        regions[session.region] = regions.get(session.region, 0) + session.participants.total
    total = sum(sex_age.values())
    breakdowns: Breakdowns = {"sex_age": sex_age, "region": regions}
    return Measure(float(total), total, None, breakdowns, {"sessions": count})


def officials_trained(ctx: MeasureContext) -> Measure:
    """Number of government officials trained: participants of training sessions whose
    audience is ``government_officials``, first day in the period.

    A session recorded by two organisations counts once. Broken down by sex and age group
    (women, men, girls, boys) and by region; the details give the number of sessions.
    """
    return _people(s for s in _sessions(ctx)
                   if s.kind == "training" and s.audience == "government_officials")


def relays_trained(ctx: MeasureContext) -> Measure:
    """Number of community relays trained or sensitised: participants of sessions whose
    audience is ``community_relays``, first day in the period.

    A session recorded by two organisations counts once. Broken down by sex and age group and
    by region; the details give the number of sessions.
    """
    return _people(s for s in _sessions(ctx) if s.audience == "community_relays")


def staff_sensitised(ctx: MeasureContext) -> Measure:
    """Number of humanitarian staff trained or sensitised: participants of sessions whose
    audience is ``staff``, first day in the period.

    A session recorded by two organisations counts once. Broken down by sex and age group and
    by region; the details give the number of sessions.
    """
    return _people(s for s in _sessions(ctx) if s.audience == "staff")


def partners_sensitised(ctx: MeasureContext) -> Measure:
    """Number of partners' personnel (suppliers, state services, interns, volunteers) trained
    or sensitised: participants of sessions whose audience is ``partners``, first day in the
    period.

    A session recorded by two organisations counts once. Broken down by sex and age group and
    by region; the details give the number of sessions.
    """
    return _people(s for s in _sessions(ctx) if s.audience == "partners")


def messages_disseminated(ctx: MeasureContext) -> Measure:
    """Number of messages and materials disseminated: the sum of ``materials`` (posters,
    leaflets, image boxes, radio spots, SMS, other) of the sessions whose first day is in the
    period.

    A session recorded by two organisations counts once. Broken down by kind of material and
    by region.
    """
    kinds: dict[str, int] = {}
    regions: dict[str, int] = {}
    for session in _sessions(ctx):
        for kind, number in session.materials.items():
            kinds[kind] = kinds.get(kind, 0) + number
            regions[session.region] = regions.get(session.region, 0) + number
    total = sum(kinds.values())
    return Measure(float(total), total, None, {"material": kinds, "region": regions})


def complaint_mechanisms_in_place(ctx: MeasureContext) -> Measure:
    """Number of community-based complaint mechanisms in place on the measuring day: set up on
    or before it and not closed.

    Broken down by region (every region of network.yaml, 0 included) and by kind; the details
    give how many of them were found functional at their latest check.
    """
    day = ctx.day
    network = ctx.dataset.network
    regions = {r.pcode: 0 for r in network.regions} if network else {}
    kinds: dict[str, int] = {}
    functional = 0
    for located in ctx.dataset.records.mechanisms:
        mechanism = located.value
        if not mechanism.in_place(day):
            continue
        regions[mechanism.region] = regions.get(mechanism.region, 0) + 1
        kinds[mechanism.kind] = kinds.get(mechanism.kind, 0) + 1
        check = mechanism.last_check(day)
        functional += bool(check and check.functional)
    total = sum(kinds.values())
    return Measure(float(total), total, None, {"region": regions, "kind": kinds},
                   {"functional": functional})


def complaint_mechanisms_functional(ctx: MeasureContext) -> Measure:
    """Percentage of the complaint mechanisms in place on the measuring day that were found
    functional at their latest check (on or before that day).

    Numerator: mechanisms in place whose latest check says functional; denominator: mechanisms
    in place. A mechanism never checked counts in the denominator only. Broken down by region.
    """
    day = ctx.day
    numerators: dict[str, int] = {}
    denominators: dict[str, int] = {}
    for located in ctx.dataset.records.mechanisms:
        mechanism = located.value
        if not mechanism.in_place(day):
            continue
        region = mechanism.region
        denominators[region] = denominators.get(region, 0) + 1
        check = mechanism.last_check(day)
        numerators[region] = numerators.get(region, 0) + int(bool(check and check.functional))
    return ratio(sum(numerators.values()), sum(denominators.values()),
                 {"region": numerators, "region_denominator": denominators})


def risk_assessments(ctx: MeasureContext) -> Measure:
    """Number of SEA risk assessment reports completed in the period.

    Broken down by region assessed (a report covering two regions counts in each).
    """
    regions: dict[str, int] = {}
    count = 0
    for located in ctx.dataset.records.risk_assessments:
        assessment = located.value
        if ctx.period.start <= assessment.date <= ctx.day:
            count += 1
            for region in assessment.regions:
                regions[region] = regions.get(region, 0) + 1
    return Measure(float(count), count, None, {"region": regions})


def network_meetings_documented(ctx: MeasureContext) -> Measure:
    """Number of meetings of the network (kind ``network``) held in the period and documented
    by formal minutes (``minutes`` given).

    The details give the number of network meetings held, documented or not.
    """
    held = documented = 0
    for located in ctx.dataset.records.meetings:
        meeting = located.value
        if meeting.kind == "network" and ctx.period.start <= meeting.date <= ctx.day:
            held += 1
            documented += meeting.minutes is not None
    return Measure(float(documented), documented, None, {}, {"held": held})


def agencies_meeting_standards(ctx: MeasureContext) -> Measure:
    """Percentage of member organisations whose latest PSEA assessment on or before the
    measuring day meets its framework: full capacity under the UN implementing partner
    protocol, or every IASC minimum operating standard met.

    Numerator: member organisations so rated; denominator: member organisations (an
    organisation never assessed counts in the denominator only). Broken down by framework of
    the latest assessment.
    """
    from psea_cli.records.frameworks import COMPLIANT

    day = ctx.day
    members = {o.value.id for o in ctx.dataset.organisations if o.value.member_on(day)}
    latest: dict[str, tuple[str, str]] = {}
    for located in sorted(ctx.dataset.records.agency_assessments, key=lambda a: a.value.date):
        assessment = located.value
        if assessment.date <= day and assessment.organisation in members:
            latest[assessment.organisation] = (assessment.framework, assessment.overall)
    met: dict[str, int] = {}
    assessed: dict[str, int] = {}
    for framework, overall in latest.values():
        assessed[framework] = assessed.get(framework, 0) + 1
        met[framework] = met.get(framework, 0) + int(overall in COMPLIANT)
    return ratio(sum(met.values()), len(members),
                 {"framework": met, "framework_denominator": assessed},
                 assessed=len(latest))
