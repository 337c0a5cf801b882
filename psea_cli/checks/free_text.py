"""The free text of the plan and its progress files identifies no one and names no case.

A plan's and a progress file's words go into the report to the humanitarian country team word
for word: the titles of the plan, its results, sub-results and activities, who is responsible,
the indicators' wording; each activity's note, each manual indicator's source and note, and
the narrative (summary, highlights, challenges, decisions requested, priorities, in both
languages). They go through
the note screening of case records (``cases.privacy.screen``: phone, e-mail or handle,
coordinates, titled name, exact age or date of birth) and may not name a case by its id.
Messages name the field and the rule, never the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from psea_cli.cases import privacy
from psea_cli.dataset import Dataset, Finding, PathInFile
from psea_cli.i18n import _
from psea_cli.models.plan import Plan
from psea_cli.models.progress import Narrative, Progress

_NARRATIVE_FIELDS = tuple(Narrative.model_fields)
"""Every field of the narrative, text or list of texts (the ``_en`` twins included)."""


_NUMBER = re.compile(r"\+?\d[\d .()/-]{4,}\d")


def public_numbers(ds: Dataset) -> frozenset[str]:
    """The digits of every phone the directory and the service map publish: a hotline's
    number in the plan or a narrative (« ligne verte 80 00 12 34 ») is the network's own."""
    phones = [fp.value.phone for fp in ds.judged_focal_points()]
    phones += [s.value.phone for s in ds.judged_services()]
    return frozenset(digits for phone in phones if phone
                     if len(digits := re.sub(r"\D", "", phone)) >= 6)


def _unlisted(text: str, public: frozenset[str]) -> str:
    """``text`` with every number the network publishes blanked, for the screening."""
    def blank(found: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", found.group(0))
        listed = digits in public or (len(digits) >= 8 and any(p.endswith(digits)
                                                               for p in public))
        return "#" * len(found.group(0)) if listed else found.group(0)

    return _NUMBER.sub(blank, text) if public else text


def text_findings(file: str, path: PathInFile, text: str | None,
                  public: frozenset[str] = frozenset(),
                  code: str = "progress.identifying-text") -> Iterator[Finding]:
    """One ``code`` error per rule ``text`` breaks, as the report would print it, and one
    when it names a case (a number of ``public``, a listed service's or focal point's phone,
    is no one's contact)."""
    if not text:
        return
    for rule in privacy.screen(_unlisted(text, public), about_a_person=False):
        yield Finding.of(code, file, path, what=_(privacy.RULE_WORDS[rule]))
    if privacy.names_a_case(text):
        yield Finding.of(code, file, path, what=_(privacy.CASE_ID_WORDS))


def progress_findings(file: str, progress: Progress,
                      public: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """Every free text of one progress file, located at its own line."""
    for activity_id, activity in progress.activities.items():
        for key in ("note", "note_en"):
            yield from text_findings(file, ("activities", activity_id, key),
                                     getattr(activity, key), public)
    for indicator_id, record in progress.indicators.items():
        for key in ("source", "source_en", "note"):
            yield from text_findings(file, ("indicators", indicator_id, key),
                                     getattr(record, key), public)
    narrative = progress.narrative
    for key in _NARRATIVE_FIELDS if narrative is not None else ():
        value = getattr(narrative, key)
        if isinstance(value, list):
            for index, text in enumerate(value):
                yield from text_findings(file, ("narrative", key, index), text, public)
        else:
            yield from text_findings(file, ("narrative", key), value, public)


_PLAN_TEXTS = ("title", "title_en")
_ACTIVITY_TEXTS = ("title", "title_en", "responsible_text")
_INDICATOR_TEXTS = ("text", "text_en", "plan_text")


def plan_texts(plan: Plan) -> Iterator[tuple[PathInFile, str | None]]:
    """Every text of one plan the report may print, with its path in the file: the titles of
    the plan, its results, sub-results and activities, who is responsible, the indicators'
    wording (the ``_en`` twins included) and where their targets come from."""
    for key in _PLAN_TEXTS:
        yield (key,), getattr(plan, key)
    for r, result in enumerate(plan.results):
        for key in _PLAN_TEXTS:
            yield ("results", r, key), getattr(result, key)
        for s, sub in enumerate(result.sub_results):
            at: PathInFile = ("results", r, "sub_results", s)
            for key in _PLAN_TEXTS:
                yield (*at, key), getattr(sub, key)
            for a, activity in enumerate(sub.activities):
                for key in _ACTIVITY_TEXTS:
                    yield (*at, "activities", a, key), getattr(activity, key)
                for i, indicator in enumerate(activity.indicators):
                    where = (*at, "activities", a, "indicators", i)
                    for key in _INDICATOR_TEXTS:
                        yield (*where, key), getattr(indicator, key)
                    source = indicator.target_source
                    yield (*where, "target_source", "reference"), (source.reference
                                                                   if source else None)


def plan_findings(file: str, plan: Plan,
                  public: frozenset[str] = frozenset()) -> Iterator[Finding]:
    """Every text of one plan the report may print, screened, located at its own line."""
    for path, text in plan_texts(plan):
        yield from text_findings(file, path, text, public)


def check_progress_text(ds: Dataset) -> Iterator[Finding]:
    """The free text of every plan and progress file identifies no one and names no case; a
    phone the directory or the service map lists (a hotline) is no one's."""
    public = public_numbers(ds) if ds.plans else frozenset()
    for bundle in ds.plans:
        yield from plan_findings(bundle.plan.file, bundle.plan.value, public)
        for located in bundle.progress.values():
            yield from progress_findings(located.file, located.value, public)
