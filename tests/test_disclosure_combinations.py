"""Published figures set against each other, as a hostile review of 2026-12-03 did: whether a
median is shown, the report's referral table against the referral indicator, a region typed in
a case, on small hand-written cases of one quarter (2020-Q3, read on 2020-12-31)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from helpers import network_of

from psea_cli import periods
from psea_cli.dataset import Dataset, Located
from psea_cli.indicators import accountability as acc
from psea_cli.indicators.context import MeasureContext
from psea_cli.indicators.registry import METRICS
from psea_cli.indicators.shared import publish
from psea_cli.report import accountability_section

AS_OF = dt.date(2021, 1, 31)  # read on 2020-12-31: 2020-Q3 and 2020-Q4 are counted
Q3 = periods.parse("2020-Q3")
BASE = 5


def _case(number: int, *, referred_after: int | None = None, region: str = "ML05",
          affiliation: str = "nngo") -> dict[str, Any]:
    events: list[dict[str, Any]] = [{"kind": "acknowledged", "date": "2020-07-02"}]
    if referred_after is not None:
        events.append({"kind": "referred_to_entity",
                       "date": (dt.date(2020, 7, 1) + dt.timedelta(days=referred_after))
                       .isoformat(), "organisation": "alpha"})
    return {"id": f"DC{number:06d}", "received": "2020-07-01", "channel": "hotline",
            "region": region, "allegation": "sexual_abuse",
            "survivor": {"sex": "female", "age_group": "adult"},
            "perpetrator": {"affiliation": affiliation},
            "consent": {"assistance": "yes", "investigation": "yes", "reporting": "yes"},
            "events": events}


def _network(root: Path, cases: list[dict[str, Any]]) -> Dataset:
    return network_of(root, cases, AS_OF)


@pytest.mark.parametrize("referred", [0, 3, 4, 5, 6, 8, 9, 12])
def test_whether_a_median_is_shown_follows_the_published_counts_alone(
        valid_repo: Path, referred: int) -> None:
    """Showing or withholding the median days to the referral used to follow the exact number
    of referred cases (at least 5): beside the rounded referral counts it told a reader that
    "referred within 7 days: 5" meant 1 to 4. Now it follows what the published parts
    guarantee (a published r stands for at least r - 4 cases), and never shows a median over
    fewer than 5 cases."""
    cases = [_case(i, referred_after=2 + i % 3) for i in range(referred)]
    cases += [_case(100 + i) for i in range(4)]
    dataset = _network(valid_repo, cases)
    metrics = publish(dataset, Q3, AS_OF).metrics
    details = metrics["investigation_referral_with_consent"].details
    in_time = [_int(details["respected_in_time"]), _int(details["breach_in_time"])]
    breach = _int(details["referred_with_consent_breach"]) - in_time[1]
    later = [_int(metrics["investigation_referral_with_consent"].numerator) - in_time[0], breach]
    low = [sum(max(0, n - (BASE - 1)) for n in side) for side in (in_time, later)]
    high = [sum(n + BASE - 1 for n in side) for side in (in_time, later)]
    sides_known = low[0] > high[1] or high[0] < low[1]  # the published ranges already say it
    median = metrics["median_days_to_entity_referral"].value
    assert (median is not None) == (low[0] + low[1] >= BASE and sides_known), (details, median)
    if median is not None:
        assert referred >= BASE


def _int(value: object) -> int:
    assert isinstance(value, int)
    return value


@pytest.mark.parametrize(("in_time", "later"), [(6, 7), (7, 6), (3, 9), (12, 1)])
def test_a_median_never_says_which_side_of_the_deadline_most_referrals_fell(
        valid_repo: Path, in_time: int, later: int) -> None:
    """A median over 8 days said that at most half of the referrals were on time: beside
    "within 7 days: 10" (6 to 14) and "later: 5" (1 to 9) it left 6 to 9 for both. It is now
    shown only when the published ranges of the two sides already tell which is larger."""
    cases = [_case(i, referred_after=2) for i in range(in_time)]
    cases += [_case(100 + i, referred_after=20) for i in range(later)]
    dataset = _network(valid_repo, cases)
    metrics = publish(dataset, Q3, AS_OF).metrics
    referral = metrics["investigation_referral_with_consent"]
    early = [_int(referral.details["respected_in_time"]), _int(referral.details["breach_in_time"])]
    late = [_int(referral.numerator) - early[0],
            _int(referral.details["referred_with_consent_breach"]) - early[1]]
    low = [sum(max(0, n - (BASE - 1)) for n in side) for side in (early, late)]
    high = [sum(n + BASE - 1 for n in side) for side in (early, late)]
    if metrics["median_days_to_entity_referral"].value is not None:
        # the side it tells was certain from the published parts alone, and true
        assert low[0] > high[1] or high[0] < low[1], (early, late)
        assert (low[0] > high[1]) == (in_time > later)
    if (in_time, later) in ((6, 7), (7, 6)):  # the review's case: never shown
        assert metrics["median_days_to_entity_referral"].value is None


@pytest.mark.parametrize(("referred", "not_referred", "unknown"), [(2, 2, 0), (3, 1, 2),
                                                                   (6, 3, 1), (1, 0, 4)])
def test_the_referral_table_is_the_referral_indicator_s_own_parts(
        valid_repo: Path, referred: int, not_referred: int, unknown: int) -> None:
    """The report's "not referred" and the indicator's "not referred (known entity)" were two
    roundings of nested sets (5 and <5 left 1 to 4 for both): now every row of the table is a
    sum of the indicator's published parts."""
    cases = [_case(i, referred_after=3 + 5 * (i % 2)) for i in range(referred)]
    cases += [_case(100 + i) for i in range(not_referred)]
    cases += [_case(200 + i, affiliation="unknown") for i in range(unknown)]
    dataset = _network(valid_repo, cases)
    now = publish(dataset, Q3, AS_OF)
    built = accountability_section.build(acc.accountability(dataset, Q3, AS_OF), now, 7)
    table = next(t for t in built["tables"] if t["title"].startswith("Referral"))
    referral = now.metrics["investigation_referral_with_consent"]
    details = referral.details
    parts = [details["referred_in_time"], details["referred_late"], details["not_referred"],
             details["no_entity_known"]]
    assert [row[1] for row in table["rows"][:-1]] == [n if n else "<5" for n in parts]
    assert referral.denominator == sum(int(n) for n in parts[:3])  # type: ignore[call-overload]
    assert sum(int(n) for n in parts) == now.metrics["cases_received"].value  # type: ignore[call-overload]


def test_a_region_typed_in_a_case_is_never_a_published_label(valid_repo: Path) -> None:
    """A case whose region network.yaml does not list (an admin-2 code typed by mistake) made
    its own row, labelled with that code, shown only when such a case existed."""
    dataset = _network(valid_repo, [_case(1, region="ML0605"), *(_case(10 + i)
                                                                for i in range(6))])
    breakdown = publish(dataset, Q3, AS_OF).metrics["cases_received"].breakdowns["region"]
    assert "ML0605" not in breakdown
    assert "unlisted" in breakdown
    empty = _network(valid_repo, [_case(10 + i) for i in range(6)])
    assert "unlisted" in publish(empty, Q3, AS_OF).metrics["cases_received"].breakdowns["region"]


@pytest.mark.parametrize(("unknown", "contractors"), [(1, 0), (4, 0), (3, 1), (6, 0), (9, 2)])
def test_the_cases_without_an_entity_are_one_figure_in_the_categories_and_the_referrals(
        valid_repo: Path, unknown: int, contractors: int) -> None:
    """The category ``other_unknown`` holds every case without an entity known: rounded on
    their own, the category could say 0 (0 to 4) while the referral table said 5 (1 to 9),
    leaving 1 to 4 for both. Now the category is that published figure plus the rounded
    count of the category's cases with an entity known; 40 sets of case ids give 40 draws."""
    cases = [_case(i, affiliation="unknown") for i in range(unknown)]
    cases += [_case(100 + i, affiliation="contractor")  # other_unknown too, entity known
              for i in range(contractors)]
    cases += [_case(200 + i, referred_after=3) for i in range(4)]
    loaded = _network(valid_repo, cases)
    for draw in range(40):
        dataset = dataclasses.replace(loaded, cases=[
            Located(c.value.model_copy(update={"id": f"{c.value.id}{draw}"}), c.file)
            for c in loaded.cases])
        now = publish(dataset, Q3, AS_OF)
        categories = acc.accountability(dataset, Q3, AS_OF).parts["category"]
        without = now.metrics["investigation_referral_with_consent"].details["no_entity_known"]
        assert isinstance(without, int)
        within = categories["other_unknown"] - without
        assert within >= 0, (draw, categories, without)
        assert within % BASE == 0
        assert sum(categories.values()) == now.metrics["cases_received"].value


def _investigated(number: int, *, concluded: bool, informed: bool = False,
                  survivors: int = 1) -> dict[str, Any]:
    record = _case(number, referred_after=2)
    record["survivor"]["count"] = survivors
    record["events"].append({"kind": "investigation_opened", "date": "2020-07-05",
                             "organisation": "alpha", "survivor_participates": False})
    if concluded:
        record["events"].append({"kind": "investigation_concluded", "date": "2020-08-01",
                                 "organisation": "alpha", "outcome": "substantiated"})
    if informed:
        record["events"].append({"kind": "feedback_given", "date": "2020-08-05"})
    return record


def test_the_investigations_and_the_survivors_informed_are_one_rounding(
        valid_repo: Path) -> None:
    """Counted in survivors, "informed" and "not informed" were rounded apart from the
    investigations counted in cases: a case has a survivor at least, so 7 concluded
    investigations published 10 beside "informed <5, not informed <5" left 6 to 8. Both
    tables are now sums of one rounding of the same cases, 40 sets of case ids, 40 draws."""
    cases = [_investigated(i, concluded=True, informed=i < 4) for i in range(7)]
    cases += [_investigated(100 + i, concluded=False, survivors=3) for i in range(2)]
    loaded = _network(valid_repo, cases)
    for draw in range(40):
        dataset = dataclasses.replace(loaded, cases=[
            Located(c.value.model_copy(update={"id": f"{c.value.id}{draw}"}), c.file)
            for c in loaded.cases])
        metrics = publish(dataset, Q3, AS_OF).metrics
        outcomes = metrics["investigation_outcomes"]
        informed = metrics["survivors_informed_of_outcome"]
        assert outcomes.numerator == informed.denominator  # concluded, in both
        assert _int(outcomes.details["ongoing"]) + _int(outcomes.details["not_opened"]) \
            == _int(informed.details["no_conclusion"])
        assert _int(informed.denominator) + _int(informed.details["no_conclusion"]) \
            == metrics["cases_received"].value


def test_a_pending_count_spans_a_week_in_shared_figures_whatever_the_delay(
        valid_repo: Path) -> None:
    """With an acknowledgement delay of one day, "pending" (not answered yet, still within
    the delay) counted the complaints of the quarter's last day: an exact date. Shared
    figures keep a case pending for a week at least; the core team's view keeps the delay."""
    network = valid_repo / "data" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace(
        "acknowledgement_days: 7", "acknowledgement_days: 1"), encoding="utf-8")
    cases = []
    for number, received in enumerate(["2020-09-30"] * 3 + ["2020-09-27"] * 3):
        record = _case(number)
        record["received"] = received
        record["events"] = []
        cases.append(record)
    dataset = _network(valid_repo, cases)
    day = dt.date(2020, 9, 30)
    core = MeasureContext(dataset, Q3, day)
    shared = MeasureContext(dataset, Q3, day, shared=True)
    response = METRICS["response_within_7_days"]
    assert response.measure(core).details["pending"] == 3  # received on the last day
    assert response.measure(shared).details["pending"] == 6  # the last week
    assistance = METRICS["assistance_referral_within_72h"]
    assert assistance.measure(shared).details["pending"] == 6
