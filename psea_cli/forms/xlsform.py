"""An XLSForm workbook (survey, choices, settings sheets), written with openpyxl.

XLSForm is the spreadsheet form standard of KoboToolbox, ODK and SurveyCTO; ``pyxform``
compiles it to an XForm. Every label, hint and constraint message is written in French and
English (``label::Français (fr)``, ``label::English (en)``), the French one first: field
workers choose the language on the phone.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from typing import TYPE_CHECKING, Any

from psea_cli.i18n import load_translations

if TYPE_CHECKING:
    from pydantic import BaseModel

LANGUAGES = (("fr", "Français (fr)"), ("en", "English (en)"))
"""The languages of every form, as XLSForm names them (``label::Français (fr)``)."""


@dataclasses.dataclass(frozen=True)
class Text:
    """One text in both languages."""

    en: str
    fr: str

    def in_language(self, code: str) -> str:
        return self.fr if code == "fr" else self.en


def bilingual(message: str) -> Text:
    """A message of psea's catalogues in English (the source) and French, whatever the
    language the command runs in."""
    return Text(message, load_translations("fr").gettext(message))


def bilingual_with(message: str, **values: str | Text) -> Text:
    """``bilingual(message)`` with its ``{placeholders}`` filled: a text, the same in both
    languages (a number, a p-code of the network), or a ``Text``, each language its own."""
    text = bilingual(message)
    return Text(text.en.format(**{k: v.en if isinstance(v, Text) else v for k, v in values.items()}),
                text.fr.format(**{k: v.fr if isinstance(v, Text) else v for k, v in values.items()}))


def same(text: str) -> Text:
    """A name that is the same in both languages (a region, an organisation)."""
    return Text(text, text)


@dataclasses.dataclass(frozen=True)
class Question:
    """One row of the survey sheet."""

    type: str
    name: str
    label: Text | None = None
    hint: Text | None = None
    required: bool | str = False
    """True, or an XPath expression saying when the answer is required."""
    constraint: str = ""
    constraint_message: Text | None = None
    relevant: str = ""
    default: str = ""
    appearance: str = ""
    choice_filter: str = ""
    calculation: str = ""


@dataclasses.dataclass(frozen=True)
class Choice:
    """One row of the choices sheet; ``filters`` fill extra columns used by choice_filter."""

    list_name: str
    name: str
    label: Text
    filters: tuple[tuple[str, str], ...] = ()


@dataclasses.dataclass(frozen=True)
class Form:
    form_id: str
    title: Text
    questions: tuple[Question, ...]
    choices: tuple[Choice, ...]
    default_language: str = "fr"

    def select_lists(self) -> dict[str, str]:
        """The choice list of each select question, by question name."""
        return {q.name: q.type.split()[1] for q in self.questions
                if q.type.startswith(("select_one ", "select_multiple "))}

    def choice_names(self, list_name: str) -> tuple[str, ...]:
        return tuple(c.name for c in self.choices if c.list_name == list_name)


def title(model: type[BaseModel], name: str) -> Text:
    """A field's title in both languages, as the model documents it."""
    info = model.model_fields[name]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return Text(info.title or name, str(extra.get("x-title-fr", info.title or name)))


def choices(list_name: str, codes: tuple[str, ...], labels: dict[str, str]) -> list[Choice]:
    """The choices of a list, labelled from a table of psea messages (the code otherwise)."""
    return [Choice(list_name, code, bilingual(labels[code]) if code in labels else same(code))
            for code in codes]


def select(kind: str, name: str, label: Text, required: bool | str = True,
           **more: Any) -> Question:
    """A select_one or select_multiple question (``list_name`` defaults to ``name``)."""
    return Question(f"{kind} {more.pop('list_name', name)}", name, label, required=required,
                    **more)


_TEXT_COLUMNS = ("label", "hint", "constraint_message")
_PLAIN_COLUMNS = ("required", "constraint", "relevant", "default", "appearance", "choice_filter",
                  "calculation")


def _survey_header() -> list[str]:
    header = ["type", "name"]
    for column in _TEXT_COLUMNS:
        header += [f"{column}::{name}" for _code, name in LANGUAGES]
    return header + list(_PLAIN_COLUMNS)


def _survey_row(question: Question) -> list[str]:
    row = [question.type, question.name]
    for column in _TEXT_COLUMNS:
        text: Text | None = getattr(question, column)
        row += [text.in_language(code) if text else "" for code, _name in LANGUAGES]
    required = question.required
    row += ["yes" if required is True else required or "", question.constraint, question.relevant,
            question.default, question.appearance, question.choice_filter, question.calculation]
    return row


def version(form: Form) -> str:
    """A version that changes whenever the form does (a new region, a new organisation), so
    that KoboToolbox and ODK Central tell a new form from the one already deployed."""
    digest = hashlib.sha256(repr((form.questions, form.choices)).encode()).hexdigest()
    return digest[:10]


def render(form: Form) -> bytes:
    """The workbook as bytes: survey, choices and settings sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(_survey_header())
    for question in form.questions:
        survey.append(_survey_row(question))
    choices = workbook.create_sheet("choices")
    filters = sorted({name for c in form.choices for name, _value in c.filters})
    choices.append(["list_name", "name", *(f"label::{name}" for _code, name in LANGUAGES),
                    *filters])
    for choice in form.choices:
        given = dict(choice.filters)
        choices.append([choice.list_name, choice.name,
                        *(choice.label.in_language(code) for code, _name in LANGUAGES),
                        *(given.get(name, "") for name in filters)])
    settings = workbook.create_sheet("settings")
    default = dict(LANGUAGES)[form.default_language]
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append([form.title.in_language(form.default_language), form.form_id, version(form),
                     default])
    bold = Font(bold=True)
    for sheet in (survey, choices, settings):
        for cell in sheet[1]:
            cell.font = bold
            cell.data_type = "s"
        sheet.freeze_panes = "A2"
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # a label starting with '=' stays text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
