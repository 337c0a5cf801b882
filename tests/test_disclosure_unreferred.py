"""A case referred to no service, told by another figure: survivors pending a referral to
assistance published above 0 say that some case of the quarter has no referral at all, so
that no type of service took every case. The report's "Assistance by type of service" then
must not publish a type's "not referred" 0 (it would mean 1 to 4, where 0 must mean 0 to 4):
it publishes 5 when the quarter's total allows, and ``psea audit`` says so when it does
not."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from psea_cli.audit import audit
from psea_cli.indicators.accountability import accountability
from psea_cli.indicators.export import report_document
from psea_cli.indicators.rounding import cell_draw, cell_seed, controlled_round, round_count
from psea_cli.indicators.shared import publish
from psea_cli.periods import parse
from psea_cli.validation import load_dataset

BASE = 5
QUARTER = "2020-Q3"
AS_OF = dt.date(2020, 10, 5)  # the quarterly report, made in the first days of October


def _case(case_id: str, received: str, referred: str | None, survivors: int = 1
          ) -> dict[str, Any]:
    events: list[dict[str, Any]] = [{"kind": "acknowledged", "date": received}]
    if referred is not None:
        events.append({"kind": "assistance_referred", "date": referred, "service": "medical"})
    return {"id": case_id, "received": received, "channel": "hotline", "region": "ML05",
            "allegation": "sexual_abuse",
            "survivor": {"sex": "female", "age_group": "adult", "count": survivors},
            "perpetrator": {"affiliation": "nngo"},
            "consent": {"assistance": "yes", "investigation": "yes", "reporting": "yes"},
            "events": events}


def _ids(count: int, wanted: Any) -> list[str]:
    """``count`` case ids whose cell keys draw what ``wanted(seed)`` asks for (found with the
    rounding's own functions)."""
    chooser = random.Random(11)
    alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
    for _try in range(5000):
        ids = ["".join(chooser.choice(alphabet) for _ in range(8)) for _n in range(count)]
        if wanted(cell_seed(ids, QUARTER)):
            return ids
    raise AssertionError("no ids found")


def _network(valid_repo: Path, ids: list[str], referred: int) -> Path:
    """``referred`` cases referred to medical care the day after they came, in July and
    August; the last one, received on 28 September with five survivors, not referred yet
    on 30 September (pending)."""
    store = valid_repo / "data" / "cases"
    for old in store.glob("*.yaml"):
        old.unlink()
    records = [_case(case_id, f"2020-{7 + n % 2:02d}-{10 + n:02d}",
                     f"2020-{7 + n % 2:02d}-{11 + n:02d}")
               for n, case_id in enumerate(ids[:referred])]
    records.append(_case(ids[referred], "2020-09-28", None, survivors=5))
    for record in records:
        (store / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, sort_keys=False),
                                                   encoding="utf-8")
    return valid_repo


def _medical(network: Path) -> tuple[dict[str, int], dict[str, Any]]:
    """The quarter's medical care split as the report publishes it, and the shared view's
    published metrics (``psea indicators --suppress --format json``)."""
    dataset, _problems = load_dataset(network, today=AS_OF)
    period = parse(QUARTER)
    shown = report_document(publish(dataset, period, AS_OF), suppress=True)["metrics"]
    parts = accountability(dataset, period, AS_OF).parts["service/medical"]
    return parts, shown


def test_a_type_of_service_is_not_published_0_when_a_case_was_referred_to_none(
        valid_repo: Path) -> None:
    # 9 cases referred, 1 pending: 10 cases, "not referred" 1; rounded alone, these ids
    # publish it 0 (referred 10), which the pending survivors would narrow to 1..4
    ids = _ids(10, lambda seed: controlled_round(
        {"referred": 9, "not_referred": 1}, 10, BASE, seed,
        "accountability/service/medical")["not_referred"] == 0)
    parts, shown = _medical(_network(valid_repo, ids, 9))
    assert shown["assistance_referral_within_72h"]["details"]["pending"] == 5
    assert parts == {"referred": 5, "not_referred": 5}


def test_the_audit_says_when_the_total_leaves_no_other_choice(valid_repo: Path) -> None:
    # 10 referred, 1 pending: 11 cases published 10 by these ids, so referred (10) and
    # "not referred" (1) can only be published 10 and 0: the audit must say it
    ids = _ids(11, lambda seed: round_count(11, BASE, cell_draw(seed, "total")) == 10)
    network = _network(valid_repo, ids, 10)
    parts, _shown = _medical(network)
    assert parts == {"referred": 10, "not_referred": 0}
    dataset, _problems = load_dataset(network, today=AS_OF)
    found = [f for f in audit(dataset, AS_OF).findings
             if "service/medical.not_referred" in f.figure]
    assert [f.figure for f in found] == [f"{QUARTER} accountability.service/medical.not_referred"]
    assert "1..4" in found[0].detail


def test_survivors_who_declined_prove_no_unreferred_case(valid_repo: Path) -> None:
    """A survivor who declined assistance may have been referred all the same (a warning):
    "declined" above 0 beside a type of service published 0 narrows nothing, and the audit
    says nothing of it (it said "pinned to 1..4" of a 0 that was exact)."""
    ids = _ids(5, lambda _seed: True)
    network = _network(valid_repo, ids, 4)
    declined = network / "data" / "cases" / f"{ids[4]}.yaml"
    record = yaml.safe_load(declined.read_text(encoding="utf-8"))
    record["consent"]["assistance"] = "no"
    record["events"].append({"kind": "assistance_referred", "date": "2020-09-29",
                             "service": "medical"})
    declined.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    parts, shown = _medical(network)
    assert parts["not_referred"] == 0
    assert shown["assistance_referral_within_72h"]["details"]["declined"] == 5
    dataset, _problems = load_dataset(network, today=AS_OF)
    assert not [f for f in audit(dataset, AS_OF).findings if "service/" in f.figure]

