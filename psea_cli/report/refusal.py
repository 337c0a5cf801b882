"""No report is made that would print a free text identifying a person or naming a case.

A report is otherwise made even when the data has errors (it opens with a warning). Not when
a text it prints broke the note screening: the report would carry the text to the
humanitarian country team word for word. The texts a report prints (``printed_texts``) are
those its context holds, in its language: the plan's titles and wording, the narrative and
the activity notes of the progress file that covers the period, the source of each manual
indicator from the progress file its value comes from, and the text of each action point
still open at the period's end. Any other
text (a meeting's decisions, a session's note, another period's narrative, an indicator's
note) is never printed: an error there gives the report with the usual warning. The refusal
lists where, never what.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from psea_cli import periods, safe_input, yamllocate
from psea_cli.checks import free_text
from psea_cli.dataset import Dataset, PathInFile, PlanBundle
from psea_cli.i18n import _, current_language
from psea_cli.indicators import manual
from psea_cli.indicators.registry import METRICS
from psea_cli.problems import Problem, PseaError, Severity
from psea_cli.report import narrative, plan_section, records_section

IDENTIFYING_CODES = frozenset({"progress.identifying-text", "records.identifying-note"})
"""The codes of a free text that names, contacts, dates or locates someone."""

Printed = tuple[str, PathInFile]
"""A text the report prints: its file and its path inside it."""


def _narrative(file: str, bundle: PlanBundle, period: periods.Period) -> Iterator[Printed]:
    progress = plan_section.covering_progress(bundle, period)
    words = progress.narrative if progress is not None else None
    for key, _title in narrative.PARTS if words is not None else ():
        value, lang = narrative.in_language(words, key)  # type: ignore[arg-type]
        field = f"{key}_en" if lang == "en" else key
        if isinstance(value, list):
            yield from ((file, ("narrative", field, i)) for i in range(len(value)))
        elif value:
            yield file, ("narrative", field)


def _activities(file: str, bundle: PlanBundle, period: periods.Period) -> Iterator[Printed]:
    progress = plan_section.covering_progress(bundle, period)
    for _result, _sub, activity in bundle.plan.value.activities() if progress else ():
        note = plan_section.activity_note(progress.activities.get(activity.id))  # type: ignore[union-attr]
        if note["note"]:
            yield file, ("activities", activity.id,
                         "note_en" if note["note_lang"] == "en" else "note")


def _sources(bundle: PlanBundle, period: periods.Period, both: bool = False
             ) -> Iterator[Printed]:
    """The source of each manual indicator, in the report's language (``both``: in both, as
    the figures to share print the French one in every language)."""
    for _activity, indicator in bundle.plan.value.indicators():
        found = None if indicator.measured_by in METRICS else \
            manual.find_record(bundle, indicator.id, period)
        if found is None or not found[1].source:
            continue
        file = bundle.progress[found[0]].file
        english = current_language() == "en" and found[1].source_en
        if both or not english:
            yield file, ("indicators", indicator.id, "source")
        if found[1].source_en and (both or english):
            yield file, ("indicators", indicator.id, "source_en")


def _plan(bundle: PlanBundle, indicators_only: bool = False) -> Iterator[Printed]:
    """The plan's texts the report prints: its titles in the report's language (an English
    report prints a title's ``_en`` twin when it has one, else the title), and the
    indicators' wording and target sources in both (the annex quotes the plan's French
    wording in every language); with ``indicators_only``, the indicators' texts alone (what
    the figures to share print)."""
    english = current_language() == "en"
    texts = dict(free_text.plan_texts(bundle.plan.value))
    for path, text in texts.items():
        key = str(path[-1])
        indicator = "indicators" in path
        if not text or (indicators_only and not indicator):
            continue
        twin = texts.get((*path[:-1], f"{key}_en"))
        if indicator or key.endswith("_en") == english or (english and not twin
                                                            and not key.endswith("_en")):
            yield bundle.plan.file, path


def printed_texts(dataset: Dataset, bundle: PlanBundle, period: periods.Period
                  ) -> Iterator[Printed]:
    """Every free text the report of ``period`` prints in the current language (see above)."""
    yield from _plan(bundle)
    progress = plan_section.covering_progress(bundle, period)
    located = next((item for item in bundle.progress.values() if item.value is progress), None)
    if located is not None:
        yield from _narrative(located.file, bundle, period)
        yield from _activities(located.file, bundle, period)
    yield from _sources(bundle, period)
    if dataset.records.all():
        end = min(period.end, dataset.today)
        for meeting, index, _point in records_section.open_action_points(dataset, end):
            yield meeting.file, ("action_points", index, "text")


def _positions(dataset: Dataset, texts: Iterable[Printed]) -> set[tuple[str, int, int]]:
    """Where each printed text is (file, line, column), as validation locates its problems."""
    locators: dict[str, yamllocate.Locator] = {}
    found = set()
    for file, path in texts:
        if file not in locators:
            try:
                text = safe_input.read_text(dataset.root / file)
            except (OSError, UnicodeDecodeError):
                text = ""
            locators[file] = yamllocate.Locator(text)
        found.add((file, *locators[file].locate(path)))
    return found


def refuse_identifying_text(problems: Iterable[Problem], dataset: Dataset, bundle: PlanBundle,
                            period: periods.Period, indicators: bool = False) -> None:
    """Raise ``PseaError`` (exit 1), with the problems, when a text the report of ``period``
    prints is an identifying text (with ``indicators``, a text the shared indicators print:
    the indicators' wording and the manual indicators' sources); the files are read again
    only when one may be."""
    flagged = [p for p in problems
               if p.code in IDENTIFYING_CODES and p.severity is Severity.ERROR]
    if not flagged:
        return
    texts = (itertools.chain(_plan(bundle, indicators_only=True),
                             _sources(bundle, period, both=True)) if indicators
             else printed_texts(dataset, bundle, period))
    printed = _positions(dataset, texts)
    found = tuple(p for p in flagged if (p.file, p.line, p.column) in printed)
    if found:
        raise PseaError(
            (_("no figures were written: {count} text(s) they would print look like they "
               "identify a person or name a case") if indicators else
             _("no report was made: {count} text(s) the report would print look like they "
               "identify a person or name a case")).format(count=len(found)),
            _("Rewrite the texts listed above without names, contacts, ages, places or case "
              "ids, then run the command again ('psea validate' lists them too)."),
            exit_code=1, problems=found)
