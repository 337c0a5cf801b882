"""The attacks: what a reader holding every published output can work out about cases.

An attacker knows the method (docs/disclosure.md): each quarter's counts are rounded to a
neighbouring multiple of the threshold *t*, so a published ``v`` means a true count from
``v - t + 1`` to ``v + t - 1`` (``<t``: 0 to ``t - 1``); the parts of a quarter's split add
up to its true number of cases; a longer period adds up its quarters. The checks:

* **form**: every published case count is ``<t`` or a multiple of ``t``;
* **sums**: a period's figure is the sum of its quarters' (else comparing periods tells more
  than the quarters do), and a percentage is the ratio of the published counts beside it;
* **linear programme**: for each quarter, every count's smallest and largest true value
  consistent with all the quarter's published figures together (HiGHS through scipy). A
  count that fits in fewer than ``t`` values is *pinned*. With the sums checked, a longer
  period adds nothing the quarters do not say, so the quarters' programmes cover it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from psea_cli.audit.publication import Output, Publication
from psea_cli.disclosure import shown_share
from psea_cli.formatting import shown_percent
from psea_cli.i18n import _
from psea_cli.indicators import layouts

CASE_METRICS = ("cases_received", "response_within_7_days", "assistance_referral_within_72h",
                "investigation_referral_with_consent", "legal_information_given",
                "survivor_satisfaction")
COUNTS = ("investigation_outcomes", "open_cases_by_age", "survivors_informed_of_outcome")
"""The accountability chain's published counts (its medians are not counts: given only over
at least the threshold's number of cases, and only when the old complaints' parts already hold
half of them, ``shared._median``)."""
DIMENSIONS = ("region", "channel", "allegation", "sex_age")


@dataclasses.dataclass(frozen=True)
class Finding:
    """Something a reader could work out: which check, which figure, which outputs."""

    check: str
    figure: str
    outputs: tuple[str, ...]
    detail: str

    def text(self) -> str:
        return f"[{self.check}] {self.figure}: {self.detail} ({' + '.join(self.outputs)})"


def _value(shown: object, threshold: int) -> int | None:
    """A published count as a number (``<t`` is 0); None when it is not a count."""
    if shown == f"<{threshold}":
        return 0
    if isinstance(shown, int) and not isinstance(shown, bool):
        return shown
    return None


def case_figures(document: Mapping[str, Any]) -> Iterator[tuple[str, object]]:
    """Every published count of the case metrics: (path, shown value)."""
    for name in (*CASE_METRICS, *COUNTS):
        metric = document["metrics"].get(name)
        if metric is None or _nothing_published(metric):
            continue
        if name in ("cases_received", "investigation_outcomes", "open_cases_by_age"):
            yield f"{name}.value", metric["value"]
        for field in ("numerator", "denominator"):
            if metric[field] is not None:
                yield f"{name}.{field}", metric[field]
        for key, shown in metric["details"].items():
            yield f"{name}.details.{key}", shown
        for dim, counts in metric["breakdowns"].items():
            for key, shown in counts.items():
                yield f"{name}.breakdowns.{dim}.{key}", shown


def _nothing_published(metric: Mapping[str, Any]) -> bool:
    """A metric not published (no complete quarter in its period) that shows no figure."""
    return (metric.get("not_published") is not None
            and all(metric[key] is None for key in ("value", "numerator", "denominator"))
            and not metric["breakdowns"] and not metric["details"])


def check_form(publication: Publication) -> list[Finding]:
    t = publication.threshold
    findings = []
    for output in publication.outputs:
        for path, shown in case_figures(output.document):
            n = _value(shown, t)
            if n is None or n % t:
                findings.append(Finding("form", f"{output.period.key} {path}", (output.name,),
                                        _("{shown} is not <{t} or a multiple of {t}").format(
                                            shown=repr(shown), t=t)))
    return findings


def _percent_ok(metric: Mapping[str, Any], threshold: int) -> bool:
    numerator = _value(metric["numerator"], threshold)
    denominator = _value(metric["denominator"], threshold)
    if numerator is None or denominator is None \
            or not shown_share(numerator, denominator, threshold):  # no 0 % nor 100 % of <5
        return metric["value"] in ("x", None)
    expected = shown_percent(100 * numerator / denominator, 1)  # as the export writes it
    return bool(metric["value"] == expected)


def check_sums(publication: Publication) -> list[Finding]:
    t = publication.threshold
    quarters = publication.by_period()
    findings = []
    for output in publication.outputs:
        for name in CASE_METRICS[1:]:
            metric = output.document["metrics"].get(name)
            if metric is not None and not _percent_ok(metric, t):
                findings.append(Finding("sums", f"{output.period.key} {name}.value",
                                        (output.name,), _("the percentage is not the ratio of "
                                                         "the published numerator and "
                                                         "denominator")))
        parts = [quarters.get(q) for q in output.quarters]
        if output.quarters == [output.period.key] or not any(True for _ in case_figures(
                output.document)):  # a quarter, or a period without one: no sum to check
            continue
        if any(p is None for p in parts):
            findings.append(Finding("sums", output.period.key, (output.name,),
                                    _("a quarter it counts has no output of its own")))
            continue
        findings += _compare_with_quarters(output, [p for p in parts if p is not None], t)
    return findings


def _by_quarter(path: str, quarter: Output, t: int) -> int | None:
    """What a quarter's own output says for a per-quarter breakdown cell of a period."""
    source = {"cases_received.breakdowns.quarter": "cases_received.value",
              "response_within_7_days.breakdowns.quarter": "response_within_7_days.numerator",
              "response_within_7_days.breakdowns.quarter_denominator":
                  "response_within_7_days.denominator"}[path.rsplit(".", 1)[0]]
    return _value(dict(case_figures(quarter.document)).get(source), t)


def _compare_with_quarters(output: Output, parts: list[Output], t: int) -> list[Finding]:
    findings = []
    figures = [dict(case_figures(p.document)) for p in parts]
    by_key = {p.period.key: p for p in parts}
    for path, shown in case_figures(output.document):
        value = _value(shown, t)
        if ".breakdowns.quarter" in path:
            quarter = by_key.get(path.rsplit(".", 1)[1])
            expected = _by_quarter(path, quarter, t) if quarter else None
        else:
            expected = sum(_value(f.get(path, 0), t) or 0 for f in figures)
        if value != expected:
            findings.append(Finding(
                "sums", f"{output.period.key} {path}",
                (output.name, *(p.name for p in parts)),
                _("{shown} is not the sum of its quarters' figures ({expected})").format(
                    shown=repr(shown), expected=expected)))
    return findings


# --- the linear programme ---------------------------------------------------------------------

SURVIVOR_SPLITS = ("assistance_referral_within_72h", "legal_information_given",
                   "survivor_satisfaction")
"""Metrics whose parts split the quarter's survivors (``cases_received.details.survivors``),
not its cases."""


def containments(acknowledgement_days: int) -> list[tuple[list[str], list[str]]]:
    """Figures of one split that lie inside figures of another, by what they count (inner,
    outer), as the publication knows them (``indicators.layouts.containments``): a complaint
    not yet due on the quarter's last day is open for under 30 days or closed."""
    return [([f"{inner}.details.{part}" for part in inner_parts],
             [f"{outer}.details.{part}" for part in outer_parts])
            for (inner, inner_parts), (outer, outer_parts) in layouts.containments(
                acknowledgement_days)]


def splits(document: Mapping[str, Any], t: int
           ) -> list[tuple[str, dict[str, dict[str, int]]]]:
    """The quarter's published splits, grouped by the total they add up to: the splits of its
    cases (total ``cases_received.value``), then those of its survivors (total
    ``cases_received.details.survivors``). {split: {figure: published value}}. Derived parts
    (a denominator less its numerator) are published values too: a reader subtracts."""
    metrics = document["metrics"]

    def get(name: str, *path: str) -> int:
        node: Any = metrics[name]
        for key in path:
            node = node[key]
        value = _value(node, t)
        if value is None:
            raise ValueError(f"{name}.{'.'.join(path)} is not a count")
        return value

    found: dict[str, dict[str, int]] = {}
    received = metrics["cases_received"]
    for dim in DIMENSIONS:
        if dim in received["breakdowns"]:
            found[f"cases_received by {dim}"] = {
                f"cases_received.breakdowns.{dim}.{key}": get("cases_received", "breakdowns",
                                                              dim, key)
                for key in received["breakdowns"][dim]}
    layouts: dict[str, Callable[[str], dict[str, int]]] = {
        "response_within_7_days": lambda m: {
            "details.on_time": get(m, "details", "on_time"),
            "details.late": get(m, "details", "late"),
            "details.pending": get(m, "details", "pending")},
        "assistance_referral_within_72h": lambda m: {
            "numerator": get(m, "numerator"),
            "details.late_or_not_referred": get(m, "details", "late_or_not_referred"),
            "details.pending": get(m, "details", "pending"),
            "details.declined": get(m, "details", "declined")},
        "investigation_referral_with_consent": lambda m: {
            "numerator": get(m, "numerator"),
            "details.referred_with_consent_breach":
                get(m, "details", "referred_with_consent_breach"),
            "denominator - numerator - details.referred_with_consent_breach":
                get(m, "denominator") - get(m, "numerator")
                - get(m, "details", "referred_with_consent_breach"),
            "details.no_entity_known": get(m, "details", "no_entity_known")},
        "legal_information_given": lambda m: {
            "numerator": get(m, "numerator"),
            "denominator - numerator": get(m, "denominator") - get(m, "numerator")},
        "investigation_outcomes": lambda m: {
            f"details.{key}": get(m, "details", key) for key in metrics[m]["details"]
            if "/" in key or key in ("ongoing", "not_opened")},
        "open_cases_by_age": lambda m: {
            f"details.{key}": get(m, "details", key) for key in metrics[m]["details"]},
        "survivors_informed_of_outcome": lambda m: {
            f"details.{key}": get(m, "details", key) for key in metrics[m]["details"]
            if "/" in key or key in ("ongoing", "not_opened")},
        "survivor_satisfaction": lambda m: {
            "numerator": get(m, "numerator"),
            "denominator - numerator": get(m, "denominator") - get(m, "numerator"),
            "details.not_recorded": get(m, "details", "not_recorded")},
    }
    of_survivors: dict[str, dict[str, int]] = {}
    for name, layout in layouts.items():
        if name in metrics and metrics[name]["numerator"] is not None:
            into = of_survivors if name in SURVIVOR_SPLITS else found
            into[name] = {f"{name}.{key}": n for key, n in layout(name).items()}
    groups = [("cases_received.value", found)]
    if of_survivors:
        groups.append(("cases_received.details.survivors", of_survivors))
    return groups
