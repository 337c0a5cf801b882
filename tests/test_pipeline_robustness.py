"""Whatever a focal point types into any data file, psea answers with located problems: the
pipeline never raises. Hypothesis replaces values anywhere in valid files with values of any
shape and checks that loading still returns a dataset and well-formed problems, and that the
indicators and the report are computed from whatever loaded (or refused with a PseaError)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from psea_cli.indicators.compute import compute
from psea_cli.problems import PseaError, Severity
from psea_cli.report.context import ReportInputs
from psea_cli.report.render import choose_period, render
from psea_cli.validation import load_dataset

VALID = Path(__file__).parent / "data" / "valid"
FILES = ["data/network.yaml", "data/plan/test-plan/plan.yaml",
         "data/plan/test-plan/progress/2020-S2.yaml", "data/focal_points/alpha.yaml",
         "data/services/mopti.yaml", "data/cases/7KQ2M9AB.yaml"]

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.integers(min_value=10**20, max_value=10**30),
                    st.sampled_from(["2020-13-45", "2020-02-30", "+22320009019", "yes", "~",
                                     "ML99", "not_sea", "<script>", "=HYPERLINK(1)", "",
                                     "2020-07-15T14:30", "2020-07-15T14:30+01:00", "20200715",
                                     "2020-07-16T00:00", "2020-12-31"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, *rest = path
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[head] = _replace(node[head], tuple(rest), value)
    return copy


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("robust") / "network"
    shutil.copytree(VALID, root)
    return root


@pytest.mark.slow
@pytest.mark.parametrize("target", FILES)
@settings(max_examples=40)
@given(data=st.data())
def test_any_value_anywhere_gives_problems_not_exceptions(
    workspace: Path, target: str, data: st.DataObject
) -> None:
    changed = yaml.safe_load((VALID / target).read_text(encoding="utf-8"))
    for _edit in range(data.draw(st.integers(1, 2))):  # two edits: a received time and an event's
        path = data.draw(st.sampled_from(_paths(changed) or [()]))
        changed = _replace(changed, path, data.draw(VALUES))
    (workspace / target).write_text(yaml.safe_dump(changed, allow_unicode=True),
                                    encoding="utf-8")
    try:
        dataset, problems = load_dataset(workspace, use_cache=False)
        try:
            period = choose_period(dataset, "semester", "2020-S2")
        except PseaError:  # no plan covers it any more: the command says so, exit 2
            period = None
        if period is not None:
            compute(dataset, period, as_of=dt.date(2021, 3, 1))
            render(dataset, problems, ReportInputs(period, dt.date(2021, 3, 1), None, None), "md")
    finally:
        shutil.copyfile(VALID / target, workspace / target)
    assert dataset.network is not None or target == "data/network.yaml"
    for problem in problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message
        assert isinstance(problem.severity, Severity)
