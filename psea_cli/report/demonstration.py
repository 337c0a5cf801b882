"""What of a report is demonstration data, said on its cover: synthetic cases, example progress
values, example directory and service entries, synthetic prevention records. Whether the case
figures count a synthetic case is read from what they publish (``_synthetic_cases``), never from
every record of the period."""

from __future__ import annotations

from psea_cli import periods
from psea_cli.dataset import Dataset, PlanBundle
from psea_cli.indicators.quarters import shared_case
from psea_cli.indicators.values import IndicatorReport


def _synthetic_cases(dataset: Dataset, now: IndicatorReport) -> bool:
    """Whether the case figures the report publishes count a synthetic case: only over the
    quarters they count, as of the day they are read, and only when they publish some case.
    Said of every case of the period on the day the report is made, "cases of this period are
    synthetic" beside "<5 complaints received" said that there was one at least, and told on
    which day a case of a quarter not counted yet had come in. Only the quarters published with
    some case count: beside a quarter's own "<5" (0 to 4), a notice the quarter before did not
    have said that the quarter held one case at least (1 to 4)."""
    protection = now.protection
    received = now.metrics.get("cases_received")
    if protection is None or received is None or (received.value or 0) < protection.base:
        return False
    by_quarter = received.breakdowns.get("quarter", {})
    counted = [periods.parse(key) for key in protection.quarters
               if _published(by_quarter.get(key)) >= protection.base]
    return any(c.value.synthetic and shared_case(c.value)
               and c.value.received_day <= protection.read_on
               and any(c.value.received_day in q for q in counted) for c in dataset.cases)


def _published(value: object) -> float:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else 0


def found(dataset: Dataset, bundle: PlanBundle, now: IndicatorReport) -> dict[str, int] | None:
    """How much of what the report shows is demonstration data: whether a case its figures
    count is synthetic (a yes/no, never a count of cases; ``_synthetic_cases``), example
    progress values, example focal points and services (never counted as coverage)."""
    synthetic = int(_synthetic_cases(dataset, now))
    progress = bundle.progress.get(now.period.key)
    examples = (sum(1 for o in dataset.organisations for fp in o.value.focal_points if fp.example)
                + sum(1 for s in dataset.services if s.value.example))
    flags = {"synthetic_cases": synthetic,
             "example_progress": int(progress is not None and progress.value.example),
             "example_entries": examples,
             "synthetic_records": sum(1 for r in dataset.records.all() if r.value.synthetic)}
    return flags if any(flags.values()) else None
