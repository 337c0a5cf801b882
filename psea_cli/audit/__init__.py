"""``psea audit``: check everything psea would publish about cases, as an attacker would.

    result = audit(dataset, as_of)      # AuditResult: findings (empty when safe) and counts

It builds every shared output of every period of every plan (``publication.build``), then
tries the attacks of ``attack`` and the linear programme of ``programme`` on them, and three
more on the shared view itself: another day of the same quarter must give the same case
figures (a day is no probe), a past quarter read again on the publication's day must give the
figures it gave on its own last day while its records are unchanged (the semester's report
reads a quarter again three months after the quarterly report did), a figure whose count did
not change when a quarter is read again after later events must keep its published value
(``readings``), and removing the cases whose survivor refused to be counted must change
nothing but the number left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from psea_cli import periods
from psea_cli.audit import attack, programme
from psea_cli.audit.attack import Finding
from psea_cli.audit.publication import Publication, build
from psea_cli.audit.readings import unstable_readings
from psea_cli.i18n import _

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset

__all__ = ["AuditResult", "Finding", "audit", "audit_publication"]


@dataclasses.dataclass(frozen=True)
class AuditResult:
    findings: list[Finding]
    outputs: int
    figures: int
    programmes: int
    """Unknowns bounded by the linear programme (two programmes each)."""
    narrowest: int | None
    """The fewest values any published quarter count could still take (None: no case)."""
    read_on: dt.date


def _identities(output: Any, t: int) -> list[Finding]:
    """Figures printed twice under two names must agree (else their difference leaks)."""
    if not any(True for _figure in attack.case_figures(output.document)):
        return []  # no complete quarter: nothing published, nothing to compare
    m = output.document["metrics"]
    checks = []
    if "response_within_7_days" in m:
        r = m["response_within_7_days"]
        checks.append(("response_within_7_days.numerator", r["numerator"],
                       [r["details"].get("on_time")]))
        checks.append(("response_within_7_days.denominator", r["denominator"],
                       [r["details"].get("on_time"), r["details"].get("late")]))
    if "assistance_referral_within_72h" in m:
        a = m["assistance_referral_within_72h"]
        checks.append(("assistance_referral_within_72h.denominator", a["denominator"],
                       [a["numerator"], a["details"].get("late_or_not_referred")]))
    received = m["cases_received"]
    if m.get("investigation_referral_with_consent", {}).get("denominator") is not None:
        i = m["investigation_referral_with_consent"]
        checks.append(("investigation_referral_with_consent.denominator + no_entity_known",
                       received["value"], [i["denominator"], i["details"].get("no_entity_known")]))
    if m.get("legal_information_given", {}).get("denominator") is not None:
        checks.append(("legal_information_given.denominator",
                       m["legal_information_given"]["denominator"],
                       [received["details"].get("survivors")]))
    findings = _survivors_without_case(output, received, t)
    for path, shown, parts in checks:
        values = [attack._value(p, t) for p in parts]
        if attack._value(shown, t) != sum(v or 0 for v in values):
            findings.append(Finding("sums", f"{output.period.key} {path}", (output.name,),
                                    _("differs from the figures it is made of")))
    return findings


def _outside(output: Any, t: int, days: int) -> list[Finding]:
    """Figures that lie inside others by what they count (``attack.containments``) published
    above them. The complaints open by age are rounded to hold the pending ones whenever the
    counts allow it; when they do not, the figures show it, and a reader who knows the rule
    learns that no other rounding was possible, which narrows the counts (11 complaints: 6
    to 9 pending where 6 to 13 is published)."""
    if output.quarters != [output.period.key]:
        return []  # a longer period adds up its quarters, each checked on its own
    metrics = output.document["metrics"]

    def total(names: list[str]) -> int | None:
        values = []
        for name in names:
            metric, _details, part = name.split(".", 2)
            values.append(attack._value(metrics.get(metric, {}).get("details", {}).get(part), t))
        return None if None in values else sum(v or 0 for v in values)

    findings = []
    for inner, outer in attack.containments(days):
        held, holding = total(inner), total(outer)
        if held is not None and holding is not None and held > holding:
            findings.append(Finding("programme", f"{output.period.key} {inner[0]}",
                                    (output.name,), _(
                "published above the figures it lies inside ({outer}): the rounding that "
                "keeps it within them was impossible, which narrows them").format(
                    outer=", ".join(outer))))
    return findings


def _survivors_without_case(output: Any, received: dict[str, Any], t: int) -> list[Finding]:
    """Survivors published above 0 beside cases published ``<t``: every survivor is some
    case's, so the cases are 1 to t - 1 where ``<t`` means 0 to t - 1."""
    survivors = attack._value(received["details"].get("survivors"), t)
    cases = attack._value(received["value"], t)
    if survivors is None or cases is None or not (survivors > 0 and cases == 0):
        return []
    return [Finding("programme", f"{output.period.key} cases_received.value", (output.name,),
                    _("pinned to 1..{greatest}: survivors are published above 0 beside it, and "
                      "every survivor is some case's").format(greatest=t - 1))]


def _unreferred_services(dataset: Dataset, publication: Publication) -> list[Finding]:
    """A quarter whose survivors pending a referral to assistance are published above 0 has
    a case referred to no service: a type of service whose "not referred" the report
    publishes 0 (``Assistance by type of service``) is then 1 to t - 1, where 0 must mean 0
    to t - 1 (``partitions`` publishes it t whenever the total allows). Survivors who
    declined assistance prove no such case: one may have been referred all the same."""
    from psea_cli.indicators.accountability import accountability

    t = publication.threshold
    findings = []
    for output in publication.outputs:
        if output.quarters != [output.period.key]:
            continue  # a longer period's figures are its quarters' sums
        details = output.document["metrics"].get("assistance_referral_within_72h", {}).get(
            "details", {})
        if not attack._value(details.get("pending"), t):
            continue
        parts = accountability(dataset, output.period, publication.as_of,
                               publication.quarters).parts
        for name, split in sorted(parts.items()):
            if name.startswith("service/") and split.get("not_referred") == 0 \
                    and split.get("referred", 0) > 0:
                findings.append(Finding(
                    "programme", f"{output.period.key} accountability.{name}.not_referred",
                    (output.name, f"psea report ... ({output.period.key})"),
                    _("pinned to 1..{greatest}: survivors pending a referral to assistance "
                      "are published above 0, so some case was referred to no service").format(
                        greatest=t - 1)))
    return findings


def audit_publication(publication: Publication) -> tuple[list[Finding], int, int | None]:
    """The attacks on a publication: findings, unknowns bounded, narrowest range."""
    t = publication.threshold
    findings = attack.check_form(publication) + attack.check_sums(publication)
    for output in publication.outputs:
        findings += _identities(output, t) + _outside(output, t,
                                                      publication.acknowledgement_days)
    if findings:
        return findings, 0, None
    systems = []
    for output in publication.outputs:
        if output.quarters == [output.period.key]:
            received = output.document["metrics"]["cases_received"]
            shown_totals = {"cases_received.value": received["value"],
                            "cases_received.details.survivors":
                                received["details"].get("survivors")}
            for index, (total, splits) in enumerate(attack.splits(output.document, t)):
                shown = attack._value(shown_totals[total], t)
                label = output.name if index == 0 else f"{output.name} (survivors)"
                systems.append(programme.system(
                    label, (total, shown or 0), splits, t,
                    attack.containments(publication.acknowledgement_days)))
    try:
        bounds = programme.ranges(systems)
    except ValueError as error:
        return [Finding("programme", "quarters", tuple(s.label for s in systems),
                        str(error))], 0, None
    narrowest = None
    for (label, name), (least, greatest) in sorted(bounds.items()):
        size = greatest - least + 1
        narrowest = size if narrowest is None else min(narrowest, size)
        if size < t:
            findings.append(Finding(
                "programme", f"{label.split()[2]} {name}", (label,),
                _("pinned to {least}..{greatest} by the figures of its split and the "
                  "total").format(least=least, greatest=greatest)))
    return findings, len(bounds), narrowest


def _case_view(document: dict[str, Any]) -> dict[str, Any]:
    """The case figures of a document, without what is meant to differ."""
    return dict(attack.case_figures(document))


def _probes(dataset: Dataset, publication: Publication) -> list[Finding]:
    """Another day of the same quarter, and the refused cases removed: same case figures."""
    from psea_cli.indicators.export import report_document
    from psea_cli.indicators.quarters import QuarterCache
    from psea_cli.indicators.shared import publish

    findings = []
    read_on = publication.read_on
    kept = [c for c in dataset.cases if c.value.consent.reporting != "no"]
    without = dataclasses.replace(dataset, cases=kept)
    other_days: QuarterCache = {}
    without_refused: QuarterCache = {}
    if publication.outputs:  # every quarter in one pass over the cases, then each on its own
        widest = max(publication.outputs, key=lambda o: len(o.quarters)).period
        publish(dataset, widest, read_on, other_days)
        publish(without, widest, publication.as_of, without_refused)
    for output in publication.outputs:
        if output.quarters != [output.period.key]:
            continue
        expected = _case_view(output.document)
        other_day = report_document(publish(dataset, output.period, read_on, other_days), True)
        if _case_view(other_day) != expected:
            findings.append(Finding("day", output.period.key, (
                f"{output.name} --as-of {publication.as_of}",
                f"{output.name} --as-of {read_on}"), _("the case figures depend on the day")))
        if len(kept) != len(dataset.cases):
            refused = report_document(
                publish(without, output.period, publication.as_of, without_refused), True)
            if _case_view(refused) != expected:
                findings.append(Finding("consent", output.period.key, (output.name,),
                                        _("cases whose survivor refused to be counted change "
                                          "the figures")))
    return findings


def _as_on(dataset: Dataset, quarter: periods.Period) -> Dataset:
    """The quarter's cases as they were on its last day: every event dated later left out
    (the records of a quarter nothing happened to since)."""
    kept = []
    for located in dataset.cases:
        case = located.value
        if case.received_day not in quarter:
            continue
        if any(e.day > quarter.end for e in case.events):
            events = [e for e in case.events if e.day <= quarter.end]
            located = dataclasses.replace(located, value=case.model_copy(update={
                "events": events}))
        kept.append(located)
    return dataclasses.replace(dataset, cases=kept)


TIME_MOVED = ("response_within_7_days.denominator", "response_within_7_days.details.late",
              "response_within_7_days.details.pending",
              "response_within_7_days.breakdowns.quarter_denominator.",
              "assistance_referral_within_72h.denominator",
              "assistance_referral_within_72h.details.late_or_not_referred",
              "assistance_referral_within_72h.details.pending")
"""The figures time alone moves: a complaint still pending on its quarter's last day is late
once its delay has run out, read again at the end of the quarter it runs out in (``readings``);
they move only their way, the rest of their split keeping its values (``unstable_readings``)."""


def _unmoved(document: dict[str, Any]) -> dict[str, Any]:
    """The case figures of a document that time alone does not move (``TIME_MOVED``)."""
    return {name: value for name, value in attack.case_figures(document)
            if not name.startswith(TIME_MOVED)}


def _later_readings(dataset: Dataset, publication: Publication) -> list[Finding]:
    """Each past quarter, its records as on its last day, read on that day and on the
    publication's: the same case figures, but those of a complaint pending on its last day
    (time alone changes no other, see docs/disclosure.md)."""
    from psea_cli.indicators.export import report_document
    from psea_cli.indicators.shared import publish

    findings = []
    for output in publication.outputs:
        quarter = output.period
        if output.quarters != [quarter.key] or quarter.end >= publication.read_on:
            continue
        frozen = _as_on(dataset, quarter)
        first = _unmoved(report_document(publish(frozen, quarter, quarter.end), True))
        later = _unmoved(report_document(publish(frozen, quarter, publication.read_on), True))
        if first != later:
            findings.append(Finding("day", quarter.key, (
                f"{output.name} --as-of {quarter.end}",
                f"{output.name} --as-of {publication.read_on}"),
                _("the case figures of a past quarter change when it is read again later, "
                  "its records unchanged")))
    return findings


def audit(dataset: Dataset, as_of: dt.date) -> AuditResult:
    """Build everything psea publishes on ``as_of`` and attack it."""
    publication = build(dataset, as_of)
    findings, bounded, narrowest = audit_publication(publication)
    findings += _probes(dataset, publication) + _later_readings(dataset, publication) \
        + unstable_readings(dataset, publication) + _unreferred_services(dataset, publication)
    figures = sum(1 for o in publication.outputs for _f in attack.case_figures(o.document))
    return AuditResult(findings, len(publication.outputs), figures, bounded, narrowest,
                       publication.read_on)
