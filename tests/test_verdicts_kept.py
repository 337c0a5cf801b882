"""The verdicts of costly rules on one value (a plan's text screened, a phone the numbering plan
accepts) are kept from one run to the next: an edit of a focal point's file screens no text of
the plan again and parses no unchanged phone again, and every run still says exactly what a
run without any cache says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from psea_cli import phones, pipeline, verdicts_kept
from psea_cli.cases import privacy
from psea_cli.problems import Problem
from psea_cli.validation import check_repository

FOCAL_POINT = "data/focal_points/ajm.yaml"
PROGRESS = "data/plan/mali-2019-2021/progress/2020-S2.yaml"
SUMMARY = "Exemple : au 2e semestre 2020, presque toutes les plaintes"


@pytest.fixture
def network(trusted_network: Path) -> Path:
    return trusted_network


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many texts of the plan were screened and phones parsed since set up."""
    done = {"texts": 0, "phones": 0}
    breaks, verdict = privacy._breaks, phones.verdict

    def screening(rule: Any, folded: str, about_a_person: bool) -> bool:
        if not about_a_person and rule == "phone":  # once per text screened
            done["texts"] += 1
        return breaks(rule, folded, about_a_person)

    def parsing(phone: str, code: str) -> phones.Verdict:
        done["phones"] += 1
        return verdict(phone, code)

    monkeypatch.setattr(privacy, "_breaks", screening)
    monkeypatch.setattr(phones, "verdict", parsing)
    return done


def _edit(root: Path, label: str, old: str, new: str) -> None:
    path = root / label
    text = path.read_text(encoding="utf-8")
    assert old in text, (label, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fresh(root: Path) -> tuple[int, list[Problem]]:
    verdicts_kept.forget()
    return check_repository(root, use_cache=False)


def test_a_focal_point_s_edit_screens_no_text_and_parses_no_phone_again(
        network: Path, work: dict[str, int]) -> None:
    check_repository(network)
    assert work["texts"] > 100  # the plan's texts
    assert work["phones"] > 30  # every phone
    _edit(network, FOCAL_POINT, 'title: "Juriste', 'title: "Juriste principale')
    work.update(texts=0, phones=0)
    found = check_repository(network)
    assert work == {"texts": 0, "phones": 0}
    _edit(network, FOCAL_POINT, '"+223 20 00 00 61"', '"+223 20 00 00 62"')
    found = check_repository(network)
    assert work == {"texts": 0, "phones": 1}  # the new number alone
    assert found == _fresh(network)


def test_verdicts_kept_say_what_a_fresh_run_says(network: Path) -> None:
    """A text that breaks a rule, mended, broken again; a phone made wrong, mended, wrong
    again; each between edits of another file: the problems are a fresh run's each time."""
    steps = [
        (PROGRESS, SUMMARY, "Appeler Mme Diarra au 76 12 34 56. " + SUMMARY),
        (FOCAL_POINT, 'title: "Juriste', 'title: "Juriste en chef'),
        (PROGRESS, "Appeler Mme Diarra au 76 12 34 56. ", ""),
        (FOCAL_POINT, '"+223 20 00 00 61"', '"+223 20 00"'),
        (FOCAL_POINT, 'title: "Juriste en chef', 'title: "Juriste'),
        (PROGRESS, SUMMARY, "Appeler Mme Diarra au 76 12 34 56. " + SUMMARY),
        (FOCAL_POINT, '"+223 20 00"', '"+223 20 00 00 61"'),
        (FOCAL_POINT, '"+223 20 00 00 61"', '"+223 20 00"'),
    ]
    check_repository(network)
    codes = []
    for label, old, new in steps:
        _edit(network, label, old, new)
        found = check_repository(network)
        assert found == _fresh(network), (label, new)
        codes.append(sorted({p.code for p in found[1]}))
    assert codes[0] == ["progress.identifying-text"]
    assert codes[2] == []
    assert codes[3] == ["directory.phone-format"]
    assert codes[6] == ["progress.identifying-text"]
    assert codes[7] == ["directory.phone-format", "progress.identifying-text"]


def test_the_kept_verdicts_hold_no_word_and_no_number(network: Path) -> None:
    check_repository(network)
    kept = (network / ".psea-cache" / verdicts_kept.NAME).read_bytes()
    assert len(kept) > 1000
    for value in (SUMMARY[10:40], "+223 20 00 00 61", "20 00 00 61", "Juriste"):
        assert value.encode() not in kept
        assert value.encode("utf-16-le") not in kept


def test_a_text_taken_out_of_the_plan_leaves_no_digest_behind(network: Path) -> None:
    """The table keeps the verdicts the last run used: a highlight with a phone and a name,
    once deleted (no other text new), is no longer there to confirm a guess of it."""
    first = "    - \"SOP des mécanismes communautaires"
    line = "    - \"Appeler Mme Diarra au 76 12 34 56.\"\n"
    check_repository(network)  # the plan as it was: every other verdict known already
    _edit(network, PROGRESS, first, line + first)
    assert check_repository(network)[1]
    digest = verdicts_kept.key("Appeler Mme Diarra au 76 12 34 56.")
    table = network / ".psea-cache" / verdicts_kept.NAME
    assert digest in table.read_bytes()
    _edit(network, PROGRESS, line, "")
    assert not check_repository(network)[1]
    assert digest not in table.read_bytes()


def test_verdicts_found_by_the_checks_worker_are_kept_too(
        network: Path, work: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """On a first run of many records the checks run in a worker process beside the judging
    (``pipeline.CHECKS_BESIDE_FROM``): what it found comes back and is kept all the same."""
    monkeypatch.setattr(pipeline, "CHECKS_BESIDE_FROM", 1)
    check_repository(network)
    assert (network / ".psea-cache" / verdicts_kept.NAME).exists()
    _edit(network, FOCAL_POINT, 'title: "Juriste', 'title: "Juriste principale')
    work.update(texts=0, phones=0)
    found = check_repository(network)  # no record judged again: the checks run here
    assert work == {"texts": 0, "phones": 0}
    assert found == _fresh(network)


@pytest.mark.parametrize("stored", [None, [], {"a": 1}, {("screen-text", "x"): ()},
                                    {(1, b"x"): ()}, {("screen-text", b"x"): None}])
def test_a_table_of_another_shape_gives_no_verdict(stored: object) -> None:
    verdicts_kept.forget()
    verdicts_kept.load(stored)
    assert verdicts_kept.known("screen-text", b"x") is None
    assert verdicts_kept.taken() is None
