"""The complaint-intake form for CBCM members and hotline operators, generated from the case
model and network.yaml, and the map from its questions back to the fields of a case record.

It asks only for the anonymised fields of a case record: never a name, a contact, an exact age
or a place finer than the admin-2 area, called by the network's word for it (``admin2_name``
in network.yaml: a cercle in Mali, a province in Burkina Faso, a département in Niger), else by
the neutral "admin-2 area", and shown by a p-code of the network's own (``admin2_example``).
Its choices are the case model's vocabularies and the network's own regions and organisations,
so a form generated today offers exactly what ``psea validate`` accepts today. Constraints
repeat the rules XLSForm can express (a date not in the future, an incident month not after
reception, the p-code form, the note's length); the import judges every submission again with
all of psea's rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, get_args

from psea_cli.cases.vocabulary import AGE_GROUPS, ALLEGATIONS, CHANNELS, LABELS, SEXES
from psea_cli.forms.xlsform import (
    Choice,
    Form,
    Question,
    Text,
    bilingual,
    bilingual_with,
    choices,
    same,
    select,
    title,
)
from psea_cli.i18n import N_
from psea_cli.languages import supported_or_source
from psea_cli.models.case import Case, CaseConsent, Perpetrator, PerpetratorAffiliation, Survivor

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.models.network import Network
    from psea_cli.models.organisation import Organisation

FORM_ID = "psea_intake"

FIELDS: dict[str, tuple[str, ...]] = {
    "received": ("received",),
    "channel": ("channel",),
    "region": ("region",),
    "admin2": ("admin2",),
    "incident_month": ("incident_month",),
    "allegation": ("allegation",),
    "goods_exchanged": ("goods_exchanged",),
    "survivor_sex": ("survivor", "sex"),
    "survivor_age_group": ("survivor", "age_group"),
    "survivor_count": ("survivor", "count"),
    "perpetrator_affiliation": ("perpetrator", "affiliation"),
    "perpetrator_org": ("perpetrator", "organisation"),
    "note": ("note",),
}
"""Question name → path of the case field it fills. The questions ``incident_month_known``,
``consent_asked`` and ``consent_given`` fill ``incident_month`` and ``consent``."""

QUESTIONS: tuple[str, ...] = (*FIELDS, "incident_month_known", "consent_asked", "consent_given")
"""Every question whose answer the import reads; any other column of an export is dropped."""

CONSENT_PURPOSES: tuple[str, ...] = tuple(CaseConsent.model_fields)
"""The purposes of consent, as the case model lists them."""

INTAKE_ALLEGATIONS = tuple(a for a in ALLEGATIONS if a != "not_sea")
"""``not_sea`` is decided after analysis by the core team, never at reception."""

YES_NO_UNKNOWN = LABELS["goods"]
"""Yes, no and unknown, worded as the case model's vocabulary words them."""

LABELLED_CHOICES: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "channel": (CHANNELS, LABELS["channel"]),
    "allegation": (INTAKE_ALLEGATIONS, LABELS["allegation"]),
    "incident_month_known": (("yes", "no"), YES_NO_UNKNOWN),
    "goods_exchanged": (("yes", "no", "unknown"), YES_NO_UNKNOWN),
    "survivor_sex": (SEXES, LABELS["sex"]),
    "survivor_age_group": (AGE_GROUPS, LABELS["age_group"]),
    "perpetrator_affiliation": (get_args(PerpetratorAffiliation), LABELS["affiliation"]),
    "consent_asked": (("yes", "no"), YES_NO_UNKNOWN),
}
"""The questions choosing among psea's words: their names and labels (``intake_form``), by
which an export made with labels instead of XML values is told."""

WARNING = N_("Record only what this form asks. Never write a name, a phone number, an address, "
             "an exact age or a place more precise than the {level} level: the record must "
             "identify no one. The survivor's details stay with the case worker of the agency "
             "that receives the complaint.")
"""``{level}``: the network's word for its admin-2 areas (``admin2_level``)."""
NOTE_HINT = N_("One short note (280 characters): no name, contact, place or narrative.")
"""The warning ``psea case add --note`` gives, word for word."""

PCODE_CONSTRAINT = "regex(., '^[A-Z]{2,3}[0-9]{2,12}$')"
NOTE_CONSTRAINT = ("string-length(.) <= 280 and not(regex(., '@')) "
                   "and not(regex(., '[0-9]{8}'))")


def organisation_label(organisation: Organisation) -> str:
    """An organisation as the forms label it: its name, and its acronym in brackets
    (``Fonds des Nations unies pour l'enfance (UNICEF)``)."""
    acronym = organisation.acronym
    return f"{organisation.name} ({acronym})" if acronym else organisation.name


def admin2_example(network: Network) -> str:
    """A p-code of the network's own admin-2 areas, for hints: the first network.yaml lists,
    else its first region's with ``01`` after it, as OCHA numbers an admin-2 area within its
    region (``ML05`` → ``ML0501``)."""
    listed = [area.pcode for region in network.regions for area in region.admin2 or ()]
    return listed[0] if listed else f"{network.regions[0].pcode}01"


def admin2_level(network: Network) -> Text:
    """The network's word for its admin-2 areas in each language (``admin2_name``, and
    ``admin2_name_en`` in English), else the neutral "admin-2"."""
    neutral = bilingual(N_("admin-2"))
    return Text(network.admin2_word("en") or neutral.en, network.admin2_word("fr") or neutral.fr)


def _admin2_label(network: Network) -> Text:
    """"Cercle (p-code)" in a network that names its admin-2 areas, else the neutral label."""
    neutral = bilingual(N_("Admin-2 area (p-code)"))
    en, fr = network.admin2_title("en"), network.admin2_title("fr")
    return Text(f"{en} (p-code)" if en else neutral.en, f"{fr} (p-code)" if fr else neutral.fr)


def admin2_question(network: Network, hint: str | None = None) -> Question:
    """The optional question of an admin-2 area's p-code, named by the network's word for it,
    its example the network's own."""
    example = admin2_example(network)
    shown: Text | None = (bilingual_with(hint, example=example, level=admin2_level(network))
                          if hint else None)
    return Question("text", "admin2", _admin2_label(network), hint=shown,
                    constraint=PCODE_CONSTRAINT,
                    constraint_message=bilingual_with(N_(
                        "Write a p-code: capital letters then digits ({example})."),
                        example=example))


def _reception(network: Network) -> list[Question]:
    return [
        Question("begin_group", "reception", bilingual(N_("Reception of the complaint"))),
        Question("date", "received", title(Case, "received"), required=True,
                 hint=bilingual(N_("Day the complaint was received.")),
                 constraint=". <= today()",
                 constraint_message=bilingual(N_("This date is after today.")),
                 default="today()"),
        select("select_one", "channel", title(Case, "channel")),
        select("select_one", "region", title(Case, "region")),
        admin2_question(network, N_("P-code at the {level} level (such as {example}), for "
                                    "internal use; leave it empty if unsure. Never a village "
                                    "or a neighbourhood.")),
        Question("end_group", "reception"),
    ]


def _incident() -> list[Question]:
    return [
        Question("begin_group", "incident", bilingual(N_("The allegation"))),
        select("select_one", "allegation", title(Case, "allegation")),
        select("select_one", "incident_month_known",
                bilingual(N_("Is the month of the incident known?")), list_name="yes_no"),
        Question("date", "incident_month", title(Case, "incident_month"), required=True,
                 hint=bilingual(N_("The month only, never the day.")),
                 appearance="month-year", relevant="${incident_month_known} = 'yes'",
                 constraint=". <= ${received}",
                 constraint_message=bilingual(N_("The incident month is after the month the "
                                                 "complaint was received."))),
        select("select_one", "goods_exchanged", title(Case, "goods_exchanged"),
                list_name="yes_no_unknown", default="unknown"),
        Question("end_group", "incident"),
    ]


def _people(with_organisations: bool) -> list[Question]:
    organisation = select("select_one", "perpetrator_org", title(Perpetrator, "organisation"),
                           required=False, list_name="organisation",
                           relevant="${perpetrator_affiliation} != 'unknown'")
    return [
        Question("begin_group", "survivor", title(Case, "survivor")),
        select("select_one", "survivor_sex", title(Survivor, "sex"), list_name="sex"),
        select("select_one", "survivor_age_group", title(Survivor, "age_group"),
                list_name="age_group",
                hint=bilingual(N_("The age group only, never the exact age."))),
        Question("integer", "survivor_count", title(Survivor, "count"), required=True,
                 default="1", constraint=". >= 1 and . <= 1000",
                 constraint_message=bilingual(N_("Between 1 and 1000."))),
        Question("end_group", "survivor"),
        Question("begin_group", "perpetrator", title(Case, "perpetrator"),
                 hint=bilingual(N_("The employer of the alleged perpetrator, never the "
                                   "person."))),
        select("select_one", "perpetrator_affiliation", title(Perpetrator, "affiliation"),
                list_name="affiliation", default="unknown"),
        *([organisation] if with_organisations else []),
        Question("end_group", "perpetrator"),
    ]


def _consent() -> list[Question]:
    return [
        Question("begin_group", "consent", title(Case, "consent")),
        select("select_one", "consent_asked",
                bilingual(N_("Was the survivor's informed consent asked?")), list_name="yes_no"),
        select("select_multiple", "consent_given",
                bilingual(N_("What did the survivor consent to?")), required=False,
                list_name="consent_purpose", relevant="${consent_asked} = 'yes'",
                hint=bilingual(N_("Tick each purpose the survivor agreed to; the others are "
                                  "recorded as refused."))),
        Question("end_group", "consent"),
    ]


def intake_form(dataset: Dataset) -> Form:
    """The intake form for the network as ``dataset`` holds it (network.yaml must be valid)."""
    network = dataset.network
    assert network is not None
    affiliations: tuple[str, ...] = get_args(PerpetratorAffiliation)
    questions = [
        Question("note", "warning", bilingual_with(WARNING, level=admin2_level(network))),
        *_reception(network), *_incident(), *_people(bool(dataset.organisations)), *_consent(),
        Question("text", "note", title(Case, "note"), hint=bilingual(NOTE_HINT),
                 appearance="multiline", constraint=NOTE_CONSTRAINT,
                 constraint_message=bilingual(N_("280 characters at most, with no e-mail "
                                                 "address and no phone number."))),
    ]
    listed = [
        *choices("channel", CHANNELS, LABELS["channel"]),
        *(Choice("region", r.pcode, same(f"{r.name} ({r.pcode})")) for r in network.regions),
        *choices("allegation", INTAKE_ALLEGATIONS, LABELS["allegation"]),
        *choices("yes_no", ("yes", "no"), YES_NO_UNKNOWN),
        *choices("yes_no_unknown", ("yes", "no", "unknown"), YES_NO_UNKNOWN),
        *choices("sex", SEXES, LABELS["sex"]),
        *choices("age_group", AGE_GROUPS, LABELS["age_group"]),
        *choices("affiliation", affiliations, LABELS["affiliation"]),
        *(Choice("organisation", o.value.id, same(organisation_label(o.value)))
          for o in sorted(dataset.organisations, key=lambda o: o.value.id)),
        *(Choice("consent_purpose", purpose, title(CaseConsent, purpose))
          for purpose in CONSENT_PURPOSES),
    ]
    language = supported_or_source(network.languages[0])
    return Form(FORM_ID, bilingual(N_("PSEA complaint intake")), tuple(questions),
                tuple(listed), language)
