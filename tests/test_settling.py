"""A report settles every quarter it reads at once, in forked worker processes on a large
network (``indicators.settling``): the figures must be those read one quarter after the
other, whichever process made them, and every quarter the report's periods count must be
settled, so that none is read again on the way."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from psea_cli import forked, periods
from psea_cli.dataset import Dataset
from psea_cli.i18n import set_language
from psea_cli.indicators import context as context_module
from psea_cli.indicators import quarters as quarters_module
from psea_cli.indicators import settling
from psea_cli.indicators.quarters import Quarter, QuarterCache
from psea_cli.indicators.settling import settle
from psea_cli.indicators.shared import publish
from psea_cli.report.context import ReportInputs
from psea_cli.report.render import render
from psea_cli.validation import load_dataset

SHIPPED = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2022, 1, 15)
SEMESTERS = [periods.parse(key) for key in
             ("2021-S2", "2021-S1", "2020-S2", "2020-S1", "2019-S2")]


def _figures(quarter: Quarter) -> dict[str, Any]:
    """Everything a quarter publishes, and the reading its next one keeps from."""
    found = {field.name: getattr(quarter, field.name) for field in dataclasses.fields(quarter)
             if field.name != "rounder"}
    return {**found, "reading": quarter.rounder.reading, "afresh": quarter.rounder.afresh}


def _settled(dataset: Dataset, parallel: bool) -> QuarterCache:
    cache: QuarterCache = {}
    settle(dataset, SEMESTERS, AS_OF, tuple(dataset.plans), cache, parallel=parallel)
    return cache


@pytest.mark.skipif(forked.workers() < 2, reason="one processor: no worker is started")
def test_quarters_settled_in_workers_are_those_settled_one_after_the_other() -> None:
    """The shipped data's ten quarters (2021-Q2 among them, which keeps its reading of June)
    settled in forked workers: every reading of every quarter equal to the serial one."""
    dataset = load_dataset(SHIPPED)[0]
    serial, in_workers = _settled(dataset, False), _settled(dataset, True)
    assert len(serial) >= 10
    assert serial.keys() == in_workers.keys()
    for key, quarter in serial.items():
        assert _figures(in_workers[key]) == _figures(quarter), key
    assert any(q.held for q in serial.values())  # a held quarter came back held


def test_a_report_reads_no_quarter_that_settle_left_out(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    """After ``settle``, publishing each period a semester report shows (its own, the one
    before and its trends back to the plan's start) reads every quarter from the cache."""
    dataset = load_dataset(SHIPPED)[0]
    cache = _settled(dataset, False)

    def read_again(*_args: object, **_kwargs: object) -> Quarter:
        raise AssertionError("a quarter was read again")

    monkeypatch.setattr(quarters_module, "settled_quarter", read_again)
    for semester in SEMESTERS:
        published = publish(dataset, semester, as_of=AS_OF, cache=cache)
        assert published.protection.quarters == tuple(q.key for q in semester.quarters())


@pytest.mark.skipif(forked.workers() < 2, reason="one processor: no worker is started")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_report_is_the_same_when_its_quarters_are_settled_in_workers(
        monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """The whole HTML report of the shipped data, its quarters settled in workers (as on a
    network of thousands of cases) and here: the same bytes."""
    set_language(lang)
    dataset, problems = load_dataset(SHIPPED)
    inputs = ReportInputs(periods.parse("2021-S2"), AS_OF, None, None)
    monkeypatch.setattr(settling, "PARALLEL_FROM", 10**9)
    serial = render(dataset, problems, inputs, "html")
    monkeypatch.setattr(settling, "PARALLEL_FROM", 0)
    started = _counted_workers(monkeypatch)
    assert render(dataset, problems, inputs, "html") == serial
    assert started == [True]


def _counted_workers(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each batch of quarters started from now on is given to workers (the batches
    of files parsed are not counted)."""
    started: list[bool] = []
    real = forked.Started

    def counted(*args: Any, **kwargs: Any) -> Any:
        if args[0].__module__ == settling.__name__:
            started.append(kwargs.get("parallel", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(forked, "Started", counted)
    return started


@pytest.mark.skipif(forked.workers() < 2, reason="one processor: no worker is started")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_report_begins_its_quarters_as_soon_as_the_records_are_read(
        monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """``psea report`` hands ``Ahead.begin`` to the pipeline: the quarters' workers start
    before the checks across files run, no quarter is read again afterwards, and the report
    is the same bytes as one whose quarters are read one after the other once all is done."""
    from psea_cli import pipeline
    from psea_cli.report.ahead import Ahead

    set_language(lang)
    inputs = ReportInputs(periods.parse("2021-S2"), AS_OF, None, None)
    monkeypatch.setattr(settling, "PARALLEL_FROM", 10**9)
    dataset, problems = load_dataset(SHIPPED, today=AS_OF, use_cache=False)
    serial = render(dataset, problems, inputs, "html")

    monkeypatch.setattr(settling, "PARALLEL_FROM", 0)
    started = _counted_workers(monkeypatch)
    order: list[str] = []
    checked = pipeline._checked

    def checks_across_files(*args: Any) -> Any:
        order.append(f"checks after {len(started)} batch(es) of quarters begun")
        return checked(*args)

    monkeypatch.setattr(pipeline, "_checked", checks_across_files)
    with Ahead("semester", "2021-S2") as ahead:
        dataset, problems = load_dataset(SHIPPED, today=AS_OF, use_cache=False,
                                         on_records=ahead.begin)
        quarters = ahead.quarters()

        def read_again(*_args: object, **_kwargs: object) -> Quarter:
            raise AssertionError("a quarter was read again")

        monkeypatch.setattr(quarters_module, "settled_quarter", read_again)
        assert render(dataset, problems, inputs, "html", quarters) == serial
    assert order == ["checks after 1 batch(es) of quarters begun"]
    assert started == [True]


def test_a_period_the_report_refuses_begins_nothing() -> None:
    """A period outside every plan: nothing is begun during the load, and the report
    refuses it afterwards as before (``choose_period``)."""
    from psea_cli.problems import PseaError
    from psea_cli.report.ahead import Ahead
    from psea_cli.report.render import choose_period

    with Ahead("semester", "2031-S1") as ahead:
        dataset = load_dataset(SHIPPED, today=AS_OF, on_records=ahead.begin)[0]
        assert ahead.settling is None
        assert ahead.quarters() == {}
        with pytest.raises(PseaError):
            choose_period(dataset, "semester", "2031-S1")


def test_a_quarter_read_again_reads_again_only_the_records_that_moved(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each reading after the first reuses the facts of the records with no event since the
    reading before: the figures of every reading are those read from every record again, for
    fewer records read."""
    dataset = load_dataset(SHIPPED)[0]
    reused = _settled(dataset, False)
    read: list[int] = []
    case_facts = context_module.case_facts

    def counted(*args: Any, **kwargs: Any) -> Any:
        read.append(1)
        return case_facts(*args, **kwargs)

    monkeypatch.setattr(context_module, "case_facts", counted)
    _settled(dataset, False)
    fewer = len(read)
    read.clear()
    reading_days = quarters_module.reading_days

    def every_record_moved(quarter: periods.Period, records: Any, day: dt.date,
                           pending_days: int = 0) -> tuple[list[dt.date], list[set[int]]]:
        records = list(records)
        days, _moved = reading_days(quarter, records, day, pending_days)
        return days, [{id(case) for case in records} for _day in days]

    monkeypatch.setattr(quarters_module, "reading_days", every_record_moved)
    afresh = _settled(dataset, False)
    assert afresh.keys() == reused.keys()
    for key, quarter in afresh.items():
        assert _figures(reused[key]) == _figures(quarter), key
    assert 0 < fewer < len(read)


@pytest.mark.skipif(forked.workers() < 2 or not Path("/proc/self/stat").exists(),
                    reason="one processor, or no /proc to count the workers")
def test_a_report_stopped_while_its_quarters_are_begun_leaves_no_worker(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A check that fails (or Ctrl-C) after the quarters' workers started: leaving the
    report's ``with Ahead`` block ends and waits for every one of them."""
    from test_forked import _children

    from psea_cli import pipeline
    from psea_cli.report.ahead import Ahead

    monkeypatch.setattr(settling, "PARALLEL_FROM", 0)
    before = _children(zombies=True)

    def stopped(*_args: object) -> None:
        assert ahead.settling is not None
        assert _children(zombies=True) - before  # the workers are begun
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "_checked", stopped)
    with pytest.raises(KeyboardInterrupt), Ahead("semester", "2021-S2") as ahead:
        load_dataset(SHIPPED, today=AS_OF, use_cache=False, on_records=ahead.begin)
    assert _children(zombies=True) == before


def test_the_very_largest_store_settles_its_quarters_here(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """Workers from ``PARALLEL_FROM`` cases, and none again from ``PARALLEL_UNTIL``: there
    each worker's copy of the records it reads would take a 100,000-case report's processes
    to 1.4 GB together (0.8 GB settled here)."""
    dataset = load_dataset(SHIPPED)[0]
    started = _counted_workers(monkeypatch)
    for low, high in [(0, 10**9), (0, 1), (10**9, 10**9 + 1)]:
        monkeypatch.setattr(settling, "PARALLEL_FROM", low)
        monkeypatch.setattr(settling, "PARALLEL_UNTIL", high)
        settle(dataset, SEMESTERS, AS_OF, tuple(dataset.plans), {})
    assert started == [True, False, False]
