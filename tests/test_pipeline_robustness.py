"""Whatever a focal point types into any data file, psea answers with located problems: the
pipeline never raises. Hypothesis replaces values anywhere in valid files with values of any
shape and checks that loading still returns a dataset and well-formed problems."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from psea_cli.pipeline import load_dataset
from psea_cli.problems import Severity

VALID = Path(__file__).parent / "data" / "valid"
FILES = ["data/network.yaml", "data/plan/test-plan/plan.yaml",
         "data/plan/test-plan/progress/2020-S2.yaml", "data/focal_points/alpha.yaml",
         "data/services/mopti.yaml", "data/cases/7KQ2M9AB.yaml"]

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.integers(min_value=10**20, max_value=10**30),
                    st.sampled_from(["2020-13-45", "2020-02-30", "+22376123456", "yes", "~",
                                     "ML99", "not_sea", "<script>", "=HYPERLINK(1)", ""]))
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


@pytest.mark.parametrize("target", FILES)
@settings(max_examples=40)
@given(data=st.data())
def test_any_value_anywhere_gives_problems_not_exceptions(
    workspace: Path, target: str, data: st.DataObject
) -> None:
    original = yaml.safe_load((VALID / target).read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_paths(original)))
    changed = _replace(original, path, data.draw(VALUES))
    (workspace / target).write_text(yaml.safe_dump(changed, allow_unicode=True),
                                    encoding="utf-8")
    try:
        dataset, problems = load_dataset(workspace, use_cache=False)
    finally:
        shutil.copyfile(VALID / target, workspace / target)
    assert dataset.network is not None or target == "data/network.yaml"
    for problem in problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message
        assert isinstance(problem.severity, Severity)
