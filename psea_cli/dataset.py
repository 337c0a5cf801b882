"""The validated bundle every command works on, and where each record came from."""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Generic, TypeVar

from psea_cli import catalogue
from psea_cli.models import (
    AgencyAssessment,
    Case,
    ComplaintMechanism,
    FocalPoint,
    Meeting,
    Network,
    Organisation,
    Plan,
    Progress,
    RiskAssessment,
    Service,
    Session,
)
from psea_cli.models.pathway import PathwayWording
from psea_cli.models.published import PublishedFigures
from psea_cli.problems import Problem, Severity

T = TypeVar("T")
PathInFile = tuple[str | int, ...]

@dataclasses.dataclass(frozen=True)
class Located(Generic[T]):
    """A record with the repository-relative file it was read from and its path in that file."""

    value: T
    file: str
    path: PathInFile = ()


@dataclasses.dataclass(frozen=True)
class Finding:
    """A problem before its line and column are known: a file and a path inside it."""

    file: str
    path: PathInFile
    code: str
    severity: Severity
    message: str
    hint: str = ""
    line_of: PathInFile | None = None
    """Another place in the same file, whose line the message names as ``{line}``: filled
    when the finding is located (``loader.locate``), since a check never reads a file."""

    @classmethod
    def of(cls, code: str, file: str, path: PathInFile, variant: str | None = None, /,
           **params: object) -> Finding:
        """A finding worded by the problem catalogue (``psea_cli.catalogue``)."""
        return cls(file, path, *catalogue.finding_texts(code, variant, **params))

    @classmethod
    def naming_line(cls, code: str, file: str, path: PathInFile, other: PathInFile,
                    variant: str | None = None, /, **params: object) -> Finding:
        """``of``, for a message that names the line of ``other``, a place in the same file
        (``{line}`` in the catalogue's wording): "also at line 12"."""
        return cls(file, path, *catalogue.finding_texts(code, variant, line="{line}", **params),
                   line_of=other)


@dataclasses.dataclass(frozen=True)
class CaseEntry:
    """What the checks across case records need of one valid record: the file, the case id
    and whether the case is synthetic (``Dataset.case_entries``)."""

    file: str
    id: str
    synthetic: bool

    @classmethod
    def of(cls, located: Located[Case]) -> CaseEntry:
        return cls(located.file, located.value.id, located.value.synthetic)


@dataclasses.dataclass(frozen=True)
class PlanBundle:
    plan: Located[Plan]
    progress: dict[str, Located[Progress]]

    @property
    def id(self) -> str:
        return self.plan.value.id


OUTSIDE_STORE = "cases.outside-store"


def leaves_out(problem: Problem) -> bool:
    """Whether ``problem`` leaves its case record out of every figure: an error in what the
    figures count, but not a reference to a file that is not a case record (an organisation
    deleted, a service renamed: the record is right, the directory is not), nor a note the
    screening refuses (the figures do not read the note, and a note refused by mistake would
    withhold every case figure of the network)."""
    return problem.severity is Severity.ERROR and not problem.code.startswith(
        ("ref.unknown-", "cases.note-"))


@dataclasses.dataclass
class Records:
    """The prevention records: sessions, meetings, complaint mechanisms, assessments."""

    sessions: list[Located[Session]] = dataclasses.field(default_factory=list)
    meetings: list[Located[Meeting]] = dataclasses.field(default_factory=list)
    mechanisms: list[Located[ComplaintMechanism]] = dataclasses.field(default_factory=list)
    risk_assessments: list[Located[RiskAssessment]] = dataclasses.field(default_factory=list)
    agency_assessments: list[Located[AgencyAssessment]] = dataclasses.field(default_factory=list)

    def add(self, kind: str, record: Located[Any]) -> None:
        getattr(self, RECORD_FIELDS[kind]).append(record)

    def all(self) -> list[Located[Any]]:
        return [r for name in RECORD_FIELDS.values() for r in getattr(self, name)]


@dataclasses.dataclass
class Salvaged:
    """The entries valid on their own in files that broke their schema (``salvage``): a
    focal point of an organisation's file, a service of a services file, each at its place
    in its file. Only the checks of single values read them (``Dataset.judged_focal_points``,
    ``Dataset.judged_services``): a phone, a region, a provider, an id; no indicator, report
    or view does, since their files are not in the dataset."""

    focal_points: list[Located[FocalPoint]] = dataclasses.field(default_factory=list)
    services: list[Located[Service]] = dataclasses.field(default_factory=list)


RECORD_MODELS: dict[str, type[Any]] = {
    "session": Session, "meeting": Meeting, "complaint_mechanism": ComplaintMechanism,
    "risk_assessment": RiskAssessment, "agency_assessment": AgencyAssessment}
RECORD_FIELDS: dict[str, str] = {
    "session": "sessions", "meeting": "meetings", "complaint_mechanism": "mechanisms",
    "risk_assessment": "risk_assessments", "agency_assessment": "agency_assessments"}


@dataclasses.dataclass
class Dataset:
    """Everything the repository holds, validated; records that failed validation are absent."""

    root: Path
    network: Network | None
    network_file: str
    today: dt.date
    """The day the data is judged at (dates after it are in the future), from the command."""
    plans: list[PlanBundle] = dataclasses.field(default_factory=list)
    organisations: list[Located[Organisation]] = dataclasses.field(default_factory=list)
    services: list[Located[Service]] = dataclasses.field(default_factory=list)
    cases: list[Located[Case]] = dataclasses.field(default_factory=list)
    """The valid case records' models, in a loaded dataset (``load_dataset``). While only
    checking the repository (``check_repository``) it stays empty: each record is judged on
    its own (``pipeline.CaseCheck``) and the checks across records read ``case_entries``."""
    case_entries: list[CaseEntry] = dataclasses.field(default_factory=list)
    """One entry per valid case record, clear or opened, in file order: always complete."""
    records: Records = dataclasses.field(default_factory=Records)
    pathway_wordings: dict[str, Located[PathwayWording]] = dataclasses.field(default_factory=dict)
    """The network's own wording of the referral poster, by language code (file name)."""
    cases_dir: str = "data/cases"
    invalid_files: frozenset[str] = frozenset()
    files_read: int = 0
    unvalidated_ids: dict[str, set[str]] = dataclasses.field(default_factory=dict)
    """Ids found in files that failed validation, so one broken file does not make every
    reference to it an error too."""
    salvaged: Salvaged = dataclasses.field(default_factory=Salvaged)
    """The focal points and services valid on their own in files that broke their schema."""
    sealed_cases: int = 0
    """Encrypted case records this run could not decrypt (no key, or not one of theirs):
    checked as ciphertext only, absent from ``cases``."""
    store_absent: bool = False
    """The case store is not here (``store_checks.store_absent``): no record was read, and no
    case figure is shared but published ones (``indicators.shared``)."""
    unread_in_store: int = 0
    """Files of the case store psea does not read that may be case records: a link out of it,
    a name not UTF-8 or withheld, a folder it may not open, a leftover temporary file
    (``store_checks.unread_in_store``)."""
    case_files: frozenset[str] = frozenset()
    """The labels of the case store's files (clear and encrypted), as problems name them."""
    uncounted: set[str] = dataclasses.field(default_factory=set)
    """Files of the case records valid by their schema whose own checks found an error in what
    the figures count (an event before the reception: ``leaves_out``): kept in ``cases``, to be shown
    and corrected, but left out of every figure (``for_figures``), as the warning of every
    command that shows figures says."""
    keyring: Any = None
    """The identities that decrypted case records (``sealing.Keyring``), for writing back."""
    published: list[Located[PublishedFigures]] = dataclasses.field(default_factory=list)
    """Case figures published for members without a key (data/published/<period>.yaml)."""
    parsed_files: dict[bytes, Any] = dataclasses.field(default_factory=dict)
    """The parsed data of every readable file except case records, by the digest of its bytes
    (``cache_files.digest``): reading history, a version equal to a file of today is not parsed again.
    Shared with the models' sources: read it, never change it."""

    def for_figures(self, problems: Iterable[Problem] = ()) -> Dataset:
        """This dataset without the records left out of every figure: those with an error of
        their own (``uncounted``) and, once the checks across records have run, every other
        record that ``problems`` hold an error in (an id another record has), a record found
        outside the case store (``cases.outside-store``), and the store itself when it cannot
        be read (a link that leads out of the repository: none of its records is read)."""
        store = posixpath.normpath(self.cases_dir)
        left_out = self.uncounted | {
            p.file for p in problems if leaves_out(p) and p.file not in self.invalid_files
            and (self.is_case_file(p.file) or p.code == OUTSIDE_STORE
                 or posixpath.normpath(p.file) == store)}  # a store that cannot be read
        if not left_out:
            return self
        return dataclasses.replace(self, uncounted=left_out, cases=[
            c for c in self.cases if c.file not in left_out])

    def left_out_of_figures(self) -> int:
        """Case files that no figure counts: those that cannot be read as case records
        (``broken_cases``) and those with an error of their own (``uncounted``)."""
        return self.broken_cases() + len(self.uncounted)

    def broken_cases(self) -> int:
        """Files of the case store that cannot be read as case records (a schema, YAML or an
        encrypted envelope broken, a link out of the store, a name psea does not read): left
        out of every figure, as ``sealed_cases`` are."""
        return sum(self.is_case_file(file) for file in self.invalid_files) + self.unread_in_store

    def is_case_file(self, label: str) -> bool:
        """Whether ``label`` is a case record's file, by the labels the pipeline gave them
        (``case_files``: however ``cases_dir`` is written, ``./data/cases`` or a link)."""
        if self.case_files:
            return label in self.case_files
        return label.startswith(self.cases_dir.rstrip("/") + "/")

    def organisation(self, org_id: str) -> Organisation | None:
        for located in self.organisations:
            if located.value.id == org_id:
                return located.value
        return None

    def organisation_ids(self) -> set[str]:
        """Ids of the organisations, those of files that failed validation included."""
        return {o.value.id for o in self.organisations} | self.unvalidated_ids.get(
            "organisation", set())

    def group_ids(self) -> set[str]:
        return {g.id for g in self.network.groups} if self.network else set()

    def region_pcodes(self) -> set[str]:
        return {r.pcode for r in self.network.regions} if self.network else set()

    def region_example(self) -> str:
        """A region of the network as a problem's hint shows it: ``ML05 (Mopti)``."""
        regions = self.network.regions if self.network else []
        return f"{regions[0].pcode} ({regions[0].name})" if regions else "ML05 (Mopti)"

    def plan(self, plan_id: str | None = None) -> PlanBundle | None:
        if plan_id is None:
            return self.plans[0] if self.plans else None
        return next((p for p in self.plans if p.id == plan_id), None)

    def service_ids(self) -> set[str]:
        """Ids of the services, those of files that failed validation included."""
        return {s.value.id for s in self.services} | self.unvalidated_ids.get("services", set())

    def judged_focal_points(self) -> list[Located[FocalPoint]]:
        """Every focal point the checks of single values judge, each at its place in its
        file: those of the valid organisations' files, then those valid on their own in
        files that broke their schema (``salvaged``)."""
        return [Located(fp, org.file, ("focal_points", i)) for org in self.organisations
                for i, fp in enumerate(org.value.focal_points)] + self.salvaged.focal_points

    def judged_services(self) -> list[Located[Service]]:
        """Every service the checks of single values judge, in the order of their files
        (``layout``'s): the valid ones and those valid on their own in files that broke
        their schema (``salvaged``)."""
        if not self.salvaged.services:
            return self.services
        return sorted([*self.services, *self.salvaged.services],
                      key=lambda s: s.file.replace("/", "\0"))
