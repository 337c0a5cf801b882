"""Every target says where it comes from: the plan, the network (which meeting, which day), or
an example. A target nobody can trace is one an indicator should not be judged against."""

from __future__ import annotations

from collections.abc import Iterator

from psea_cli.dataset import Dataset, Finding


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
                            yield Finding.of("plan.target-without-source", bundle.plan.file,
                                             (*base, "targets"), id=indicator.id)
                        elif source.kind == "network" and not source.reference:
                            yield Finding.of("plan.target-without-source", bundle.plan.file,
                                             (*base, "target_source", "kind"), "no-decision",
                                             id=indicator.id)
