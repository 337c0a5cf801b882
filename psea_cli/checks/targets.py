"""Every target says where it comes from: the plan, the network (which meeting, which day), or
an example. A target nobody can trace is one an indicator should not be judged against."""

from __future__ import annotations

from collections.abc import Iterator

from psea_cli.dataset import Dataset, Finding
from psea_cli.i18n import _
from psea_cli.problems import Severity


def check_target_sources(ds: Dataset) -> Iterator[Finding]:
    """An indicator with targets has a ``target_source``; a network decision names its
    reference (meeting, day)."""
    for bundle in ds.plans:
        plan = bundle.plan.value
        for ri, result in enumerate(plan.results):
            for si, sub in enumerate(result.sub_results):
                for ai, activity in enumerate(sub.activities):
                    for ii, indicator in enumerate(activity.indicators):
                        if not indicator.targets:
                            continue
                        base = ("results", ri, "sub_results", si, "activities", ai,
                                "indicators", ii)
                        source = indicator.target_source
                        if source is None:
                            yield Finding(
                                bundle.plan.file, (*base, "targets"), "plan.target-without-source",
                                Severity.WARNING,
                                _("indicator {id} has targets but does not say where they come "
                                  "from").format(id=indicator.id),
                                _("Add target_source: kind plan (with the plan's words), "
                                  "network (with the meeting and day of the decision) or "
                                  "example."))
                        elif source.kind == "network" and not source.reference:
                            yield Finding(
                                bundle.plan.file, (*base, "target_source", "kind"),
                                "plan.target-without-source", Severity.WARNING,
                                _("indicator {id}: the network's targets name no decision").format(
                                    id=indicator.id),
                                _("Add reference: the meeting and the day the network decided "
                                  "them (Réunion du réseau, 2020-03-12)."))
