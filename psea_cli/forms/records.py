"""Forms for the prevention records: training and awareness attendance (counts by sex and age
group, never names), a meeting with its decisions and action points, and a CBCM's
functionality check. Generated from the record models and the network's regions,
organisations and complaint mechanisms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, get_args

from psea_cli.forms.intake import (
    NOTE_CONSTRAINT,
    YES_NO_UNKNOWN,
    admin2_question,
    organisation_label,
)
from psea_cli.forms.xlsform import (
    Choice,
    Form,
    Question,
    bilingual,
    choices,
    same,
    select,
    title,
)
from psea_cli.i18n import N_
from psea_cli.languages import supported_or_source
from psea_cli.models.records import (
    ActionPoint,
    ActionStatus,
    Audience,
    FunctionalityCheck,
    Meeting,
    MeetingKind,
    Participants,
    Session,
    SessionKind,
    Topic,
)
from psea_cli.records.vocabulary import WORDS

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset

LABELS: dict[str, dict[str, str]] = {
    name: WORDS[name] for name in ("session_kind", "audience", "topic", "meeting_kind", "status")}
"""Each choice list's words: the records' vocabulary, as the report words them."""
NOTE_HINT = N_("One short note (280 characters): no names, contacts or coordinates.")
NO_NAMES = N_("Count the participants; never write their names. The attendance sheet with "
              "names, if any, stays with the organiser.")


def _language(dataset: Dataset) -> str:
    assert dataset.network is not None
    return supported_or_source(dataset.network.languages[0])


def _shared(dataset: Dataset) -> list[Choice]:
    assert dataset.network is not None
    return [
        *(Choice("region", r.pcode, same(f"{r.name} ({r.pcode})")) for r in dataset.network.regions),
        *(Choice("organisation", o.value.id, same(organisation_label(o.value)))
          for o in sorted(dataset.organisations, key=lambda o: o.value.id)),
    ]


def _note(name: str = "note") -> Question:
    return Question("text", name, bilingual(N_("Note")), hint=bilingual(NOTE_HINT),
                    appearance="multiline", constraint=NOTE_CONSTRAINT,
                    constraint_message=bilingual(N_("280 characters at most, with no e-mail "
                                                    "address and no phone number.")))


def _count(name: str) -> Question:
    return Question("integer", name, title(Participants, name), required=True, default="0",
                    constraint=". >= 0 and . <= 100000",
                    constraint_message=bilingual(N_("A number from 0 to 100000.")))


def session_form(dataset: Dataset) -> Form | None:
    """Training and awareness attendance, by sex and age group."""
    if not dataset.organisations:
        return None  # a form cannot offer an empty list
    assert dataset.network is not None
    questions = [
        Question("note", "warning", bilingual(NO_NAMES)),
        select("select_one", "kind", title(Session, "kind"), list_name="session_kind"),
        Question("date", "start", title(Session, "start"), required=True,
                 constraint=". <= today()",
                 constraint_message=bilingual(N_("This date is after today."))),
        Question("date", "end", title(Session, "end"),
                 constraint=". >= ${start} and . <= today()",
                 constraint_message=bilingual(N_("The last day comes after the first, and not "
                                                 "after today."))),
        select("select_one", "region", title(Session, "region")),
        admin2_question(dataset.network),
        select("select_multiple", "organisers", title(Session, "organisers"),
               list_name="organisation"),
        select("select_one", "audience", title(Session, "audience")),
        Question("begin_group", "participants", title(Session, "participants"),
                 hint=bilingual(N_("Girls and boys: under 18."))),
        *(_count(name) for name in Participants.model_fields),
        Question("end_group", "participants"),
        select("select_multiple", "topics", title(Session, "topics"), required=False,
               list_name="topic"),
        _note(),
    ]
    listed = [
        *choices("session_kind", get_args(SessionKind), LABELS["session_kind"]),
        *choices("audience", get_args(Audience), LABELS["audience"]),
        *choices("topic", get_args(Topic), LABELS["topic"]),
        *_shared(dataset),
    ]
    return Form("psea_session", bilingual(N_("PSEA training or awareness session")),
                tuple(questions), tuple(listed), _language(dataset))


def meeting_form(dataset: Dataset) -> Form | None:
    """A meeting, its decisions and its action points (each with owner and due date)."""
    if not dataset.organisations:
        return None  # a form cannot offer an empty list
    questions = [
        Question("date", "date", title(Meeting, "date"), required=True,
                 constraint=". <= today()",
                 constraint_message=bilingual(N_("This date is after today."))),
        select("select_one", "kind", title(Meeting, "kind"), list_name="meeting_kind"),
        select("select_multiple", "organisations", title(Meeting, "organisations"),
               required=False, list_name="organisation"),
        Question("text", "minutes", title(Meeting, "minutes")),
        Question("begin_repeat", "decision", title(Meeting, "decisions")),
        Question("text", "decision_text", title(Meeting, "decisions"), required=True,
                 constraint="string-length(.) <= 280"),
        Question("end_repeat", "decision"),
        Question("begin_repeat", "action_point", title(Meeting, "action_points")),
        Question("text", "action_text", title(ActionPoint, "text"), required=True,
                 constraint="string-length(.) <= 280"),
        select("select_one", "action_owner", title(ActionPoint, "owner"),
               list_name="organisation"),
        Question("date", "action_due", title(ActionPoint, "due"), required=True),
        select("select_one", "action_status", title(ActionPoint, "status"), list_name="status",
               default="open"),
        Question("end_repeat", "action_point"),
    ]
    listed = [
        *choices("meeting_kind", get_args(MeetingKind), LABELS["meeting_kind"]),
        *choices("status", get_args(ActionStatus), LABELS["status"]),
        *_shared(dataset),
    ]
    return Form("psea_meeting", bilingual(N_("PSEA meeting and action points")),
                tuple(questions), tuple(listed), _language(dataset))


def mechanism_check_form(dataset: Dataset) -> Form | None:
    """The functionality check of a complaint mechanism; None when the network records none."""
    mechanisms = sorted((m.value for m in dataset.records.mechanisms), key=lambda m: m.id)
    if not mechanisms:
        return None
    questions = [
        select("select_one", "mechanism", bilingual(N_("Complaint mechanism")),
               list_name="mechanism"),
        Question("date", "date", title(FunctionalityCheck, "date"), required=True,
                 constraint=". <= today()",
                 constraint_message=bilingual(N_("This date is after today."))),
        select("select_one", "functional", title(FunctionalityCheck, "functional"),
               list_name="yes_no"),
        _note(),
    ]
    names = {m.id: f"{m.name} — {m.region}" for m in mechanisms}
    listed = [
        *(Choice("mechanism", m.id, same(names[m.id])) for m in mechanisms),
        *choices("yes_no", ("yes", "no"), YES_NO_UNKNOWN),
    ]
    return Form("psea_cbcm_check", bilingual(N_("Functionality check of a complaint mechanism")),
                tuple(questions), tuple(listed), _language(dataset))
