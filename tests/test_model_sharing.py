"""The case records of a loaded dataset share their sets of written field names
(``models.sharing``): a report made on 100,000 records weighed 1 GB, 40 % of it those sets.
Sharing must change nothing a user sees: each record still says which keys its file wrote,
a copy with a change leaves the others alone, and models that may change are never touched."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from psea_cli import yamlio
from psea_cli.models import Case
from psea_cli.models.sharing import share_fields_sets
from psea_cli.validation import load_dataset

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sharing") / "network"
    subprocess.run([sys.executable, str(REPOSITORY / "benchmarks" / "generate.py"),
                    "--cases", "200", "--organisations", "20", "--focal-points", "30",
                    "--services", "20", "--out", str(out)], check=True, capture_output=True)
    return out


def _objects(model: BaseModel) -> list[BaseModel]:
    found = [model]
    for value in model.__dict__.values():
        items = value if isinstance(value, (list, tuple)) else [value]
        found.extend(o for item in items if isinstance(item, BaseModel) for o in _objects(item))
    return found


def test_loaded_case_records_share_their_sets_and_keep_what_each_file_wrote(
        generated: Path) -> None:
    dataset, _problems = load_dataset(generated, today=dt.date(2026, 12, 3), use_cache=False)
    objects = [o for case in dataset.cases for o in _objects(case.value)]
    assert len(dataset.cases) == 200
    assert len(objects) > 1000
    distinct = {id(o.__pydantic_fields_set__) for o in objects}
    assert len(distinct) < 60  # a dozen shapes, not one set per object
    # each record still says exactly which keys its own file wrote, as read alone
    for case in dataset.cases:
        alone = Case.model_validate(yamlio.parse((generated / case.file).read_text("utf-8")))
        assert ([o.model_fields_set for o in _objects(case.value)]
                == [o.model_fields_set for o in _objects(alone)])


class _Inner(BaseModel):
    model_config = ConfigDict(frozen=True)
    a: int = 0
    b: int = 0


class _Outer(BaseModel):
    model_config = ConfigDict(frozen=True)
    inner: _Inner
    items: list[_Inner] = []
    note: str = ""


class _Open(BaseModel):
    a: int = 0
    b: int = 0


def test_equal_sets_are_shared_and_a_changed_copy_leaves_the_others_alone() -> None:
    first = _Outer.model_validate({"inner": {"a": 1}, "items": [{"a": 2}, {"b": 3}]})
    second = _Outer.model_validate({"inner": {"a": 5}, "items": [{"b": 4}]})
    share_fields_sets(first)
    share_fields_sets(second)
    assert second.__pydantic_fields_set__ is first.__pydantic_fields_set__
    assert second.inner.__pydantic_fields_set__ is first.inner.__pydantic_fields_set__
    assert second.items[0].__pydantic_fields_set__ is first.items[1].__pydantic_fields_set__
    copy = second.inner.model_copy(update={"b": 9})
    assert copy.model_fields_set == {"a", "b"}
    assert first.inner.model_fields_set == second.inner.model_fields_set == {"a"}
    with pytest.raises(ValueError, match="frozen"):
        second.inner.a = 3  # type: ignore[misc]  # a frozen model refuses, its set unchanged
    assert first.inner.model_fields_set == {"a"}


def test_models_that_may_change_keep_their_own_sets() -> None:
    one, two = _Open.model_validate({"a": 1}), _Open.model_validate({"a": 2})
    share_fields_sets(one)
    share_fields_sets(two)
    assert one.__pydantic_fields_set__ is not two.__pydantic_fields_set__
    two.b = 5
    assert one.model_fields_set == {"a"}
    assert two.model_fields_set == {"a", "b"}


def test_a_model_is_built_only_when_a_file_of_its_kind_is_read(generated: Path) -> None:
    """Building a model's validator is most of what importing the models costs; a check that
    reads no meeting, session or pathway file (the benchmark network has none) builds none
    of theirs (``defer_build``), and still judges every kind it reads."""
    script = (
        "import datetime as dt, sys\n"
        "from pathlib import Path\n"
        "from psea_cli import models\n"
        "from psea_cli.validation import check_repository\n"
        "check_repository(Path(sys.argv[1]), today=dt.date(2026, 12, 3), use_cache=False)\n"
        "print(' '.join(sorted(n for n in models.__all__\n"
        "                      if getattr(models, n).__pydantic_complete__)))\n")
    built = subprocess.run([sys.executable, "-c", script, str(generated)], check=True,
                           capture_output=True, text=True).stdout.split()
    assert {"Case", "Network", "Organisation", "Plan", "ServiceFile"} <= set(built)
    assert not {"Meeting", "Session", "AgencyAssessment"} & set(built)
