"""The problem codes of the prevention and coordination records (``records.*``): sessions,
meetings and their action points, CBCM checks and assessments. They are listed with the case
records' codes, in the section ``cases`` gives them."""

from __future__ import annotations

from psea_cli.catalogue.entry import Entry, Section
from psea_cli.i18n import N_
from psea_cli.problems import Severity


def entries(section: Section) -> list[Entry]:
    """The records' codes, in ``section``."""
    return [
        Entry("records.identifying-note", section, Severity.ERROR,
              meaning=N_("A record's free text looks like it names or locates a person (phone, "
                         "e-mail, coordinates, titled name)."),
              fix=N_("Remove it: a record holds counts and organisations, never a person."),
              message=N_("this text looks like it contains {what}"),
              hint=N_("Remove it: records hold counts and organisations, never a person's name, contact"
                      " or precise location.")),
        Entry("records.future-date", section, Severity.ERROR,
              meaning=N_("A record is dated after today."),
              fix=N_("Correct the date, or record it once it has happened."),
              message=N_("this date is after today: a record describes what has happened"),
              hint=N_("Correct the date, or record it once it has happened.")),
        Entry("records.unknown-activity", section, Severity.ERROR,
              meaning=N_("A record names an activity the plan does not have."),
              fix=N_("Use an id listed by `psea plan` (such as 1.1.5)."),
              message=N_("activity {id} is not in the plan"),
              hint=N_("Use an activity id listed by 'psea plan' (such as 1.1.5).")),
        Entry("records.duplicate-session", section, Severity.WARNING,
              meaning=N_("One session is recorded in two files; it is counted once (warning)."),
              fix=N_("Keep one file and list every organiser under `organisers`."),
              message=N_("this session is already recorded in {file} (same kind, day, place and "
                         "audience); it is counted once"),
              hint=N_("Keep one file and list every organiser under 'organisers'.")),
        Entry("records.action-closing-date", section, Severity.ERROR,
              meaning=N_("An action point done or dropped lacks its closing day, or an open one "
                         "has one."),
              fix=N_("Write `closed: YYYY-MM-DD` with `status: done` or `dropped`, or use "
                     "`psea action done`."),
              message=N_("an action point done or dropped needs its closing day (closed:), on or after "
                         "the meeting; an open one has none"),
              hint=N_("Write closed: YYYY-MM-DD with status done or dropped, or use 'psea action done'.")),
        Entry("records.check-before-setup", section, Severity.ERROR,
              meaning=N_("A complaint mechanism's check is dated before its set-up."),
              fix=N_("Correct the check's date or `set_up`."),
              message=N_("this check is dated before the mechanism was set up"),
              hint=N_("Correct the check's date or the set_up day.")),
        Entry("records.invalid-rating", section, Severity.ERROR,
              meaning=N_("An agency assessment rates a standard, or overall, outside its framework."),
              fix=N_("Use the standards and scale of the framework the message names; the "
                     "editor (VS Code) offers them."),
              message=N_("'{standard}: {rating}' is not a standard rated on the scale of {framework}"),
              hint=N_("Standards: {standards}. Ratings: {scale}."),
              variants={
                  "overall": (N_("'{rating}' is not an overall rating of {framework}"),
                      N_("Write one of: {scale}."))}),
        Entry("records.rating-mismatch", section, Severity.WARNING,
              meaning=N_("An agency assessment's overall rating does not follow from its ratings"
                         " (warning)."),
              fix=N_("Correct the overall rating or the standards' ratings."),
              message=N_("the ratings give an overall rating of {expected}, not {overall}"),
              hint=N_("Correct the overall rating or the standard's ratings.")),
    ]
