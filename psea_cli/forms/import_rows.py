"""What an import says of each row (``Outcome``), and the refusals of a row no rule of a
case record gives: an export the tool never writes so (cells that do not fit the header, two
forms of a consent that disagree, an answer none of the form's choices), a submission with no
id, an id repeated with other answers. None ever repeats a value of the row."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from psea_cli.dataset import Finding
from psea_cli.forms.answers import folded
from psea_cli.forms.exports import Submission
from psea_cli.forms.intake import CONSENT_PURPOSES, LABELLED_CHOICES
from psea_cli.forms.xlsform import bilingual, title
from psea_cli.i18n import _, ngettext
from psea_cli.models.case import CaseConsent

Status = Literal["added", "refused", "known", "changed", "duplicate"]


@dataclasses.dataclass(frozen=True)
class Outcome:
    row: int
    status: Status
    case_id: str | None = None
    findings: tuple[Finding, ...] = ()
    reason: str = ""
    """Why a submission is refused when no rule of a case record says it (no id)."""
    fields: tuple[str, ...] = ()
    """The fields a submission corrected since its import gives otherwise than its case
    record (``survivor.age_group``): their names, never their values; none when the record
    cannot be read here (encrypted, no key given; or broken), so that nothing was compared."""
    labels: bool = False
    """Refused for answers that are the labels of the form's choices: the export was made with
    labels instead of XML values, and exporting it again is the way out."""
    same_id: bool = False
    """Refused for sharing its submission id with a row of other answers (``conflicting``):
    keeping the right row, or exporting again, is the way out."""


_YES_NO = ("yes", "no")


def disagreeing(submission: Submission) -> Outcome | None:
    """A refusal when a question's answer and its ticked columns disagree (``consent_given``
    and ``consent_given/investigation``): either may be the correction."""
    if not submission.disagreeing:
        return None
    return Outcome(submission.row, "refused", reason=_(
        "the answer to {question} and its columns of 0 and 1 disagree: one was corrected and "
        "not the other; correct both alike, or export the submissions again").format(
            question=submission.disagreeing[0]))


@functools.cache
def _labels(question: str) -> frozenset[str]:
    """The labels of ``question``'s choices in both languages of the form, folded."""
    codes, labels = LABELLED_CHOICES[question]
    texts = [bilingual(labels[code]) for code in codes if code in labels]
    return frozenset(folded(t) for text in texts for t in (text.en, text.fr)) - {
        folded(code) for code in codes}


def _labelled(question: str, value: Any) -> bool:
    """Whether ``value`` is the label of one of ``question``'s choices in either language of
    the form (``ligne téléphonique (ligne verte)``; ``Female`` is a name miscased, not a
    label)."""
    if not isinstance(value, str) or value in LABELLED_CHOICES[question][0]:
        return False
    return folded(value) in _labels(question)


@functools.cache
def _purposes() -> tuple[str, ...]:
    """The labels of the consent's purposes in both languages of the form, folded."""
    texts = [title(CaseConsent, purpose) for purpose in CONSENT_PURPOSES]
    return tuple({folded(t) for text in texts for t in (text.en, text.fr)} - {""})


def _labelled_purposes(value: Any) -> bool:
    """Whether the consent given is labels of the form's purposes one after the other
    (« Consentement à l'assistance Consentement au rapportage »: KoboToolbox joins the labels
    of a select_multiple with spaces, which are read as its words)."""
    if not isinstance(value, list) or all(word in CONSENT_PURPOSES for word in value):
        return False
    text = folded("".join(str(word) for word in value))
    reached = [True] + [False] * len(text)  # reached[n]: text[:n] is labels one after another
    for start in range(len(text)):
        if reached[start]:
            for label in _purposes():
                if text.startswith(label, start):
                    reached[start + len(label)] = True
    return bool(text) and reached[-1]


def exported_labels(row: int, answers: Mapping[str, Any]) -> Outcome | None:
    """A refusal when answers are the labels of the form's choices (« ONG internationale »,
    « féminin », « Consentement à l'assistance »): the export was made with labels instead of
    XML values. The questions are named, never the answers."""
    questions = [question for question in LABELLED_CHOICES
                 if _labelled(question, answers.get(question))]
    if _labelled_purposes(answers.get("consent_given")):
        questions.append("consent_given")
    if not questions:
        return None
    return Outcome(row, "refused", labels=True, reason=ngettext(
        "the answer to {questions} is the label of one of the form's choices, not its XML "
        "value: the export was made with labels; export the XML values, not the labels",
        "the answers to {questions} are labels of the form's choices, not their XML values: "
        "the export was made with labels; export the XML values, not the labels",
        len(questions)).format(questions=", ".join(questions)))


def unknown_choice(row: int, answers: Mapping[str, Any]) -> Outcome | None:
    """A refusal when a question choosing among psea's words holds a choice's label
    (``exported_labels``), or a yes/no question or the consent given an answer that is none of
    the form's choices (``Yes``, ``1``): read as "no", it would record a refusal the survivor
    never gave. The answer is not repeated."""
    labelled = exported_labels(row, answers)
    if labelled is not None:
        return labelled
    for question in ("incident_month_known", "consent_asked"):
        value = answers.get(question)
        if value not in (None, "", *_YES_NO):
            return Outcome(row, "refused", reason=_(
                "the answer to {question} is none of the form's choices ({choices}); export "
                "the XML values, not the labels").format(question=question,
                                                         choices=", ".join(_YES_NO)))
    given = answers.get("consent_given") or []
    if given and answers.get("consent_asked") != "yes":  # the form asks the purposes only then
        return Outcome(row, "refused", reason=_(
            "consent_given holds purposes while consent_asked is not « yes »: the form never "
            "writes both; a cell was moved or edited in this row: correct it or export the "
            "submissions again"))
    if any(purpose not in CONSENT_PURPOSES for purpose in given):
        return Outcome(row, "refused", reason=_(
            "an answer to consent_given is none of the form's choices ({choices}); export "
            "the XML values, not the labels").format(choices=", ".join(CONSENT_PURPOSES)))
    return None


def misfit_row(row: int, misfit: tuple[int, int, str]) -> Outcome:
    """A row whose cells do not fit the header (``exports.misfit``): refused, never read; the
    column that gave it away is named, never its value."""
    cells, columns, column = misfit
    if column:
        return Outcome(row, "refused", reason=_(
            "the column {column} holds what a collection tool never writes there: a cell was "
            "added or removed in this row, and its answers would be read under other questions; "
            "correct the row or export the submissions again").format(column=column))
    return Outcome(row, "refused", reason=_(
        "the row has {cells} cells where the header has {columns}: a cell was added or removed "
        "in this row, and its answers would be read under other questions; correct the row or "
        "export the submissions again").format(cells=cells, columns=columns))


def missing_id(row: int) -> Outcome:
    return Outcome(row, "refused", reason=_(
        "the submission has no id (_uuid, KEY or meta/instanceID is empty), so it could not be "
        "imported only once"))


def conflicting(submission: Submission, other: Submission) -> Outcome:
    """A row whose submission id another row of the export has with other answers: one row was
    changed after the export, and either may be the correction. Every row of that id is refused
    (none is imported), so that keeping the right one and importing again adds it."""
    return Outcome(submission.row, "refused", reason=_(
        "row {other} has the same submission id with other answers: one of the rows was changed "
        "after the export, and either may be the right one, so none is imported; keep only the "
        "right row, or export the submissions again").format(other=other.row), same_id=True)


def repeated(submissions: Sequence[Submission], same: Callable[[str], str]
             ) -> list[Outcome | None]:
    """What each row of an export is for sharing its submission id with other rows (ids
    compared as ``same`` gives them): *duplicate* when an earlier row has it with the same
    answers (said once, skipped); refused (``conflicting``) when any row has it with other
    answers, every row of that id, each naming another; None for a row to judge (its id's
    first, or only, row; a row without id)."""
    rows: dict[str, list[Submission]] = {}
    for submission in submissions:
        if submission.uuid is not None:
            rows.setdefault(same(submission.uuid), []).append(submission)
    seen: set[str] = set()
    said: list[Outcome | None] = []
    for submission in submissions:
        key = same(submission.uuid) if submission.uuid is not None else None
        other = next((o for o in rows[key] if o.answers != submission.answers),
                     None) if key is not None else None
        if other is not None:  # either row may be the right one: neither is imported
            said.append(conflicting(submission, other))
        elif key is not None and key in seen:
            said.append(Outcome(submission.row, "duplicate"))
        else:
            said.append(None)
            if key is not None:
                seen.add(key)
    return said
