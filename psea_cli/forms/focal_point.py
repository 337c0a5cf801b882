"""The focal-point self-update form: a focal point confirms or corrects their own entry of the
directory (or a new focal point adds theirs) from a phone, without git.

The organisations and their focal points come from data/focal_points/, the roles from the
model, the regions from network.yaml. Only professional details are asked, as the directory
holds them; the coordinator reviews the submissions before changing the directory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psea_cli import phones
from psea_cli.directory.labels import ROLES
from psea_cli.forms.intake import YES_NO_UNKNOWN
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
from psea_cli.models.organisation import FocalPoint

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset

FORM_ID = "psea_focal_point"
COMMON_LANGUAGES = ("fr", "en", "bm", "ff", "ses", "tmh", "ar")
"""Languages offered besides the network's own (French, English, Bambara, Fula, Songhay,
Tamasheq, Arabic): the languages most spoken where the default network works."""

EMAIL_CONSTRAINT = "regex(., '^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$')"
PHONE_CONSTRAINT = "regex(., '^\\+?[0-9][0-9 .()-]{5,22}[0-9]$')"
NEW = "${focal_point} = 'new'"
WHOLE_COUNTRY = "all"
"""The choice of ``fp_regions`` that says the focal point covers every region (an entry without
regions): an empty answer keeps the regions the directory holds, as every empty answer does."""


def _language_choices(codes: list[str]) -> list[Choice]:
    from babel import Locale

    french, english = Locale.parse("fr").languages, Locale.parse("en").languages
    return [Choice("language", code, Text(english.get(code, code), french.get(code, code)))
            for code in dict.fromkeys([*codes, *COMMON_LANGUAGES])]


def _entry_questions(phone_example: str) -> list[Question]:
    """The questions of an entry's fields; ``phone_example`` is a number of the network's
    country (a focal point in Niger is shown +227, not Mali's +223)."""
    keep = bilingual(N_("Leave it empty to keep what the directory holds."))
    return [
        Question("text", "fp_name", title(FocalPoint, "name"), required=NEW,
                 hint=bilingual(N_("Name or role title, as the directory should show it."))),
        select("select_one", "fp_role", title(FocalPoint, "role"), required=NEW,
                list_name="role"),
        Question("text", "fp_title", title(FocalPoint, "title"), hint=keep),
        Question("text", "fp_email", title(FocalPoint, "email"), hint=bilingual(N_(
            "Your professional address, never a personal one.")), constraint=EMAIL_CONSTRAINT,
            constraint_message=bilingual(N_("Not a valid e-mail address (name@organisation.org)."))),
        Question("text", "fp_phone", title(FocalPoint, "phone"), hint=bilingual_with(N_(
            "Your professional phone, with the country code ({example})."), example=phone_example),
            constraint=PHONE_CONSTRAINT, constraint_message=bilingual_with(N_(
                "Not a valid phone number ({example})."), example=phone_example)),
        select("select_multiple", "fp_regions", title(FocalPoint, "regions"), required=False,
                list_name="region", hint=bilingual(N_(
                    "Tick \"Whole country\" if you cover every region; leave it empty to keep "
                    "the regions the directory holds.")),
                constraint=f"not(selected(., '{WHOLE_COUNTRY}')) or count-selected(.) = 1",
                constraint_message=bilingual(N_("Tick either \"Whole country\" or regions, "
                                                "not both."))),
        select("select_multiple", "fp_languages", title(FocalPoint, "languages"),
                required=False, list_name="language"),
    ]


def focal_point_form(dataset: Dataset) -> Form | None:
    """The self-update form for the directory as ``dataset`` holds it."""
    if not dataset.organisations:
        return None  # a form cannot offer an empty list
    network = dataset.network
    assert network is not None
    organisations = sorted((o.value for o in dataset.organisations), key=lambda o: o.id)
    questions = [
        Question("note", "intro", bilingual(N_(
            "Confirm or correct your entry in the PSEA focal-point directory. Give only "
            "professional contact details."))),
        select("select_one", "organisation", bilingual(N_("Your organisation"))),
        select("select_one", "focal_point", bilingual(N_("Your entry in the directory")),
                choice_filter="organisation = ${organisation} or name = 'new'"),
        *_entry_questions(phones.example(network.phone_country_code)),
        select("select_one", "confirm", bilingual(N_(
            "I confirm that these are my professional details and that they may be shared "
            "in the directory.")), list_name="yes_no", constraint=". = 'yes'"),
    ]
    listed = [
        *(Choice("organisation", o.id, same(f"{o.name} ({o.acronym})" if o.acronym else o.name))
          for o in organisations),
        Choice("focal_point", "new", bilingual(N_("I am not in the directory yet"))),
        *(Choice("focal_point", f"{o.id}.{fp.id}", same(fp.name), (("organisation", o.id),))
          for o in organisations for fp in o.focal_points),
        *choices("role", tuple(ROLES), ROLES),
        *(Choice("region", r.pcode, same(f"{r.name} ({r.pcode})")) for r in network.regions),
        Choice("region", WHOLE_COUNTRY, bilingual(N_("Whole country"))),
        *_language_choices(list(network.languages)),
        *choices("yes_no", ("yes", "no"), YES_NO_UNKNOWN),
    ]
    language = supported_or_source(network.languages[0])
    return Form(FORM_ID, bilingual(N_("PSEA focal point: my entry in the directory")),
                tuple(questions), tuple(listed), language)
