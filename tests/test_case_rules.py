"""The case record's derived step, its SOP rules, its deadlines and its ids, on inline records."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psea_cli import yamlio
from psea_cli.cases import deadlines, ids, rules
from psea_cli.cases.query import resolve_region, select
from psea_cli.dataset import Located
from psea_cli.models import Case, Network
from psea_cli.models.network import SopDeadlines
from psea_cli.periods import parse

HEAD = """\
id: 7KQ2M9AB
received: {received}
channel: hotline
region: ML05
allegation: sexual_exploitation
survivor: {{sex: female, age_group: child}}
consent: {{assistance: "{assistance}", investigation: "{investigation}"}}
"""
TODAY = dt.date(2021, 1, 15)


def case(events: str = "", received: str = "2020-07-15", assistance: str = "yes",
         investigation: str = "yes", **extra: str) -> Case:
    text = HEAD.format(received=received, assistance=assistance, investigation=investigation)
    text += "".join(f"{key}: {value}\n" for key, value in extra.items())
    if events:
        text += "events:\n" + "".join(f"  - {line}\n" for line in events.strip().splitlines())
    return Case.model_validate(yamlio.parse(text))


def codes(record: Case, services: dict[str, str] | None = None) -> list[tuple[tuple[object, ...], str]]:
    found = rules.case_findings(Located(record, "data/cases/7KQ2M9AB.yaml"),
                                services or {}, TODAY)
    return [(f.path, f.code) for f in found]


# --- derived step -------------------------------------------------------------------------------

@pytest.mark.parametrize(("events", "step"), [
    ("", "reception"),
    ("{kind: acknowledged, date: 2020-07-16}", "acknowledgement"),
    ("{kind: legal_information, date: 2020-07-16}", "assistance"),
    ("{kind: referred_to_entity, date: 2020-07-16, organisation: alpha}\n"
     "{kind: assistance_referred, date: 2020-07-17, service: medical}", "investigation"),
    ("{kind: measures_taken, date: 2020-07-16, measure: dismissal}", "measures"),
    ("{kind: satisfaction, date: 2020-07-16, value: satisfied}", "feedback"),
    ("{kind: acknowledged, date: 2020-07-16}\n{kind: closed, date: 2020-07-20, reason: not_sea}",
     "closed"),
    ("{kind: closed, date: 2020-07-20, reason: not_sea}\n{kind: reopened, date: 2020-08-01}\n"
     "{kind: acknowledged, date: 2020-07-16}", "acknowledgement"),
])
def test_step_is_the_furthest_stage_reached_or_closed(events: str, step: str) -> None:
    assert case(events).step == step


def test_closure_is_judged_by_date_not_by_position_in_the_file() -> None:
    record = case("{kind: reopened, date: 2020-09-01}\n{kind: closed, date: 2020-08-01, reason: "
                  "needs_met}")
    assert not record.is_closed
    assert record.closure_on(dt.date(2020, 8, 15)) is not None


def test_the_step_cannot_be_typed_by_hand() -> None:
    with pytest.raises(ValueError, match="step"):
        Case.model_validate({**case().model_dump(), "step": "closed"})


# --- rules --------------------------------------------------------------------------------------

def test_a_record_that_follows_the_sop_has_no_finding() -> None:
    assert codes(case("{kind: acknowledged, date: 2020-07-16}\n"
                      "{kind: assistance_referred, date: 2020-07-16, service: medical}\n"
                      "{kind: closed, date: 2020-08-01, reason: needs_met}")) == []


@pytest.mark.parametrize(("record", "expected"), [
    (case(received="2021-01-16"), [(("received",), "cases.future-date")]),
    (case("{kind: acknowledged, date: 2021-01-16}"), [(("events", 0, "date"), "cases.future-date")]),
    (case("{kind: acknowledged, date: 2020-07-14}"),
     [(("events", 0, "date"), "cases.event-before-reception")]),
    (case("{kind: acknowledged, date: 2020-07-15T09:00}", received="2020-07-15T10:30"),
     [(("events", 0, "date"), "cases.event-before-reception")]),
    (case(incident_month="2020-08"), [(("incident_month",), "cases.incident-after-reception")]),
    (case("{kind: closed, date: 2020-08-01}"), [(("events", 0), "cases.event-missing-detail")]),
    (case("{kind: assistance_referred, date: 2020-08-01}"),
     [(("events", 0), "cases.event-missing-detail")]),
    (case("{kind: acknowledged, date: 2020-08-01, reason: needs_met}"),
     [(("events", 0, "reason"), "cases.event-unexpected-detail")]),
    (case("{kind: closed, date: 2020-08-01, reason: needs_met}\n"
          "{kind: feedback_given, date: 2020-08-02}"),
     [(("events", 1), "cases.event-after-closure")]),
    (case("{kind: closed, date: 2020-08-01, reason: needs_met}\n"
          "{kind: closed, date: 2020-08-02, reason: needs_met}"),
     [(("events", 1), "cases.event-after-closure")]),
    (case("{kind: reopened, date: 2020-08-01}"), [(("events", 0), "cases.reopened-while-open")]),
    (case("{kind: referred_to_entity, date: 2020-08-01, organisation: alpha}",
          investigation="not_asked"), []),
    (case("{kind: referred_to_entity, date: 2020-08-01, organisation: alpha}\n"
          "{kind: investigation_opened, date: 2020-08-05}", investigation="no"), []),
    (case("{kind: identity_shared, date: 2020-08-01, organisation: alpha}",
          investigation="not_asked"),
     [(("events", 0), "cases.identity-shared-without-consent")]),
    (case("{kind: investigation_opened, date: 2020-08-01, survivor_participates: true}",
          investigation="no"),
     [(("events", 0, "survivor_participates"), "cases.participation-without-consent")]),
    (case("{kind: investigation_opened, date: 2020-08-01, survivor_participates: true}"), []),
    (case("{kind: investigation_concluded, date: 2020-08-01}"),
     [(("events", 0), "cases.event-missing-detail")]),
    (case("{kind: referred_to_entity, date: 2020-08-01}"),
     [(("events", 0), "cases.event-missing-detail")]),
    (case("{kind: entity_acknowledged, date: 2020-08-01, survivor_participates: true}"),
     [(("events", 0, "survivor_participates"), "cases.event-unexpected-detail")]),
    (case("{kind: assistance_referred, date: 2020-08-01, service: medical}", assistance="no"),
     [(("events", 0), "cases.assistance-without-consent")]),
    (case(note='"rappeler au 20 00 90 19"'), [(("note",), "cases.note-phone")]),
])
def test_each_rule(record: Case, expected: list[tuple[tuple[object, ...], str]]) -> None:
    assert codes(record) == expected


def test_an_event_after_closure_is_accepted_after_reopening() -> None:
    assert codes(case("{kind: closed, date: 2020-08-01, reason: needs_met}\n"
                      "{kind: reopened, date: 2020-08-05}\n"
                      "{kind: feedback_given, date: 2020-08-06}\n"
                      "{kind: closed, date: 2020-08-07, reason: needs_met}")) == []


def test_service_type_must_match_the_service_named() -> None:
    record = case("{kind: assistance_referred, date: 2020-07-16, service: legal, "
                  "service_id: mopti-medical}")
    assert codes(record, {"mopti-medical": "medical"}) == [
        (("events", 0, "service"), "cases.service-type-mismatch")]


def test_consent_warnings_are_warnings_and_say_how_to_record_consent() -> None:
    record = case("{kind: identity_shared, date: 2020-08-01, organisation: alpha}",
                  investigation="no")
    [finding] = rules.case_findings(Located(record, "f.yaml"), {}, TODAY)
    assert finding.severity.label == "warning"
    assert "--identity yes" in finding.hint
    assert "consent" in finding.hint


def test_identity_shared_with_consent_is_no_warning() -> None:
    text = HEAD.format(received="2020-07-15", assistance="yes", investigation="no").replace(
        'investigation: "no"}', 'investigation: "no", identity: "yes"}')
    text += "events:\n  - {kind: identity_shared, date: 2020-08-01, organisation: alpha}\n"
    record = Case.model_validate(yamlio.parse(text))
    assert codes(record) == []


@pytest.mark.parametrize(("affiliation", "category"), [
    ("un_staff", "un_staff"), ("un_mission", "un_staff"), ("un_related", "un_related_personnel"),
    ("un_uniformed", "un_uniformed_personnel"), ("implementing_partner", "implementing_partner"),
    ("nngo", "ngo"), ("ingo", "ngo"), ("government", "government"),
    ("contractor", "other_unknown"), ("volunteer", "other_unknown"), ("other", "other_unknown"),
    ("unknown", "other_unknown"),
])
def test_the_un_category_is_derived_from_the_affiliation(affiliation: str, category: str) -> None:
    record = case(perpetrator=f"{{affiliation: {affiliation}}}")
    assert record.perpetrator.category == category


def test_every_affiliation_has_a_category() -> None:
    from typing import get_args

    from psea_cli.cases.vocabulary import PERPETRATOR_CATEGORIES, PERPETRATOR_CATEGORY
    from psea_cli.models.case import PerpetratorAffiliation

    assert set(PERPETRATOR_CATEGORY) == set(get_args(PerpetratorAffiliation))
    assert set(PERPETRATOR_CATEGORY.values()) == set(PERPETRATOR_CATEGORIES)


def test_messages_never_contain_the_note() -> None:
    note = "Mme Traoré 20 00 90 19 fatou@example.org 14.4974, -4.1983"
    record = case(note=f'"{note}"')
    findings = list(rules.case_findings(Located(record, "f.yaml"), {}, TODAY))
    assert {f.code for f in findings} == {"cases.note-phone", "cases.note-email",
                                          "cases.note-coordinates", "cases.note-name"}
    for finding in findings:
        for piece in ("Traoré", "76", "fatou", "14.49"):
            assert piece not in finding.message + finding.hint


# --- deadlines ----------------------------------------------------------------------------------

SOP = SopDeadlines()


def late(record: Case, as_of: dt.date) -> list[tuple[str, int]]:
    items = deadlines.overdue_items(Located(record, "f.yaml"), SOP, as_of)
    return [(o.deadline, o.days_late) for o in items]


def test_acknowledgement_is_due_seven_days_after_reception() -> None:
    record = case(assistance="no")
    assert late(record, dt.date(2020, 7, 22)) == []
    assert late(record, dt.date(2020, 7, 23)) == [("acknowledgement", 1)]


def test_referral_is_due_72_hours_after_reception() -> None:
    record = case("{kind: acknowledged, date: 2020-07-15}")
    assert late(record, dt.date(2020, 7, 18)) == []
    assert late(record, dt.date(2020, 7, 20)) == [("assistance_referral", 2)]
    timed = case("{kind: acknowledged, date: 2020-07-15}", received="2020-07-15T22:00")
    assert deadlines.due_date(timed, "assistance_referral", SOP) == dt.date(2020, 7, 18)


def test_no_deadline_without_consent_to_assistance_nor_once_closed() -> None:
    assert late(case("{kind: acknowledged, date: 2020-07-16}", assistance="not_asked"),
                dt.date(2021, 1, 1)) == []
    assert late(case("{kind: closed, date: 2020-07-16, reason: no_contact}"),
                dt.date(2021, 1, 1)) == []


def test_as_of_ignores_what_was_recorded_later() -> None:
    record = case("{kind: acknowledged, date: 2020-08-01}\n"
                  "{kind: assistance_referred, date: 2020-08-01, service: medical}")
    assert late(record, dt.date(2020, 7, 25)) == [("acknowledgement", 3),
                                                  ("assistance_referral", 7)]
    assert late(record, dt.date(2020, 8, 2)) == []
    assert late(record, dt.date(2020, 7, 1)) == []  # not received yet


def test_overdue_lists_the_oldest_case_first_with_its_deadlines_together() -> None:
    old = Located(case(assistance="no"), "a.yaml")
    recent = Located(case(received="2020-12-01"), "b.yaml")
    found = deadlines.overdue([recent, old], SOP, TODAY)
    assert [(o.file, o.deadline) for o in found] == [
        ("a.yaml", "acknowledgement"), ("b.yaml", "assistance_referral"),
        ("b.yaml", "acknowledgement")]


def test_list_filters_by_period_status_and_region() -> None:
    a = Located(case("{kind: closed, date: 2020-07-16, reason: not_sea}"), "a.yaml")
    b = Located(case(received="2020-11-02", assistance="no"), "b.yaml")
    assert select([b, a], period=parse("2020-S2")) == [a, b]
    assert select([a, b], status="closed") == [a]
    assert select([a, b], status="open") == [b]
    assert select([a, b], status="overdue", sop=SOP, as_of=TODAY) == [b]
    assert select([a, b], period=parse("2020-Q3")) == [a]
    assert select([a, b], region="ML01") == []


# --- regions and ids ----------------------------------------------------------------------------

NETWORK = Network.model_validate({
    "id": "t", "name": "T", "country": "MLI", "phone_country_code": "223", "languages": ["fr"],
    "regions": [{"pcode": "ML04", "name": "Ségou"}, {"pcode": "ML06", "name": "Tombouctou"}]})


@pytest.mark.parametrize("text", ["Ségou", "segou", "SEGOU", " Segou ", "ML04", "ml04"])
def test_region_by_name_or_pcode_ignoring_case_and_accents(text: str) -> None:
    region = resolve_region(NETWORK, text)
    assert region is not None
    assert region.pcode == "ML04"


def test_unknown_region_is_none() -> None:
    assert resolve_region(NETWORK, "Kidal") is None
    assert resolve_region(NETWORK, "") is None


def test_ids_are_random_crockford_and_never_read_as_numbers() -> None:
    drawn = {ids.new_id() for _ in range(2000)}
    assert len(drawn) == 2000
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{8}", i) for i in drawn)
    assert all(isinstance(yamlio.parse(f"id: {i}")["id"], str) for i in drawn)


class Scripted(random.Random):
    """A random source that draws the characters it is given, in order."""

    def __init__(self, characters: str) -> None:
        super().__init__(0)
        self.characters = iter(characters)

    def choice(self, seq: object) -> str:  # type: ignore[override]
        return next(self.characters)


def test_ids_that_yaml_would_read_as_numbers_are_drawn_again() -> None:
    assert ids.new_id(Scripted("12345678" "12E45678" "7KQ2M9AB")) == "7KQ2M9AB"


@given(st.integers())
def test_seeded_ids_are_reproducible(seed: int) -> None:
    assert ids.new_id(random.Random(seed)) == ids.new_id(random.Random(seed))


@pytest.mark.parametrize(("typed", "meant"), [("7kq2m9ab", "7KQ2M9AB"), ("7KQ2-M9AB", "7KQ2M9AB"),
                                              ("IL0O2M9A", "11002M9A"), ("7KQ2", None)])
def test_ids_are_read_as_a_person_types_them(typed: str, meant: str | None) -> None:
    assert ids.normalise(typed) == meant


@pytest.mark.parametrize(("event", "assistance", "investigation", "code"), [
    ("{kind: assistance_referred, date: 2020-08-01, service: medical}", "no", "yes",
     "cases.assistance-without-consent"),
    ("{kind: investigation_opened, date: 2020-08-01, survivor_participates: true}", "yes", "no",
     "cases.participation-without-consent"),
])
def test_a_consent_warning_never_says_to_record_consent_when_the_survivor_refused(
        event: str, assistance: str, investigation: str, code: str) -> None:
    """"Record it with … yes" read, after a refusal, as "change it to yes": a refusal is
    said as one, with no command that would record a consent."""
    record = case(event, assistance=assistance, investigation=investigation)
    found = [f for f in rules.case_findings(Located(record, "data/cases/7KQ2M9AB.yaml"), {},
                                            TODAY) if f.code == code]
    assert len(found) == 1
    assert "refused" in found[0].message or "declined" in found[0].message
    assert "yes" not in found[0].hint
    assert "coordinator" in found[0].hint
    not_asked = case(event, assistance="not_asked" if assistance == "no" else "yes",
                     investigation="not_asked" if investigation == "no" else "yes")
    asked = [f for f in rules.case_findings(Located(not_asked, "data/cases/7KQ2M9AB.yaml"), {},
                                            TODAY) if f.code == code]
    assert "yes" in asked[0].hint  # consent never asked: recording it is the fix
