"""``psea import``: submissions exported by KoboToolbox (XLSX, groups as ``group/question``)
and ODK Central (CSV, groups as ``group-question``) become case records judged as ``psea case
add`` judges them; refusals name the row and the rule, never a value; other columns are
dropped and listed; a second import adds nothing; a corrected re-submission is reported."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import git
import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cli import app
from psea_cli.validation import load_dataset

KOBO_HEADERS = [
    "start", "end", "reception/received", "reception/channel", "reception/region",
    "reception/admin2", "incident/allegation", "incident/incident_month_known",
    "incident/incident_month", "incident/goods_exchanged", "survivor/survivor_sex",
    "survivor/survivor_age_group", "survivor/survivor_count",
    "perpetrator/perpetrator_affiliation", "perpetrator/perpetrator_org",
    "consent/consent_asked", "consent/consent_given", "consent/consent_given/assistance",
    "consent/consent_given/investigation", "consent/consent_given/reporting", "note",
    "deviceid", "nom_plaignant", "_id", "_uuid", "_submission_time", "_validation_status",
    "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index", "_geolocation",
]
SECRET_NAME = "Aminata Traoré"
SECRET_PHONE = "20 00 90 19"


def kobo_row(uuid: str, index: int, *, region: str = "ML05", note: str = "",
             received: object = "2021-01-10", consent: str = "assistance reporting") -> list[object]:
    ticks = [int(p in consent.split()) for p in ("assistance", "investigation", "reporting")]
    return [
        "2021-01-10T09:00:00.000+00:00", "2021-01-10T09:12:00.000+00:00", received, "cbcm",
        region, "", "sexual_exploitation", "yes", "2020-12-01", "no", "female", "child", 1,
        "nngo", "beta", "yes", consent, *ticks, note, "collect:abc123", SECRET_NAME, 100 + index,
        uuid, "2021-01-11T10:00:00", "", "", "submitted_via_web", "cbcm_mopti", "vX1", "",
        index, "[14.4974, -4.1983]",
    ]


def write_kobo(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "PSEA complaint intake"
    sheet.append(KOBO_HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


ODK_HEADERS = [
    "SubmissionDate", "reception-received", "reception-channel", "reception-region",
    "incident-allegation", "incident-incident_month_known", "incident-incident_month",
    "survivor-survivor_sex", "survivor-survivor_age_group", "survivor-survivor_count",
    "consent-consent_asked", "consent-consent_given/assistance",
    "consent-consent_given/investigation", "consent-consent_given/reporting", "note",
    "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
    "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion",
]


def odk_row(uuid: str, *, received: str = "2021-01-11", region: str = "ML06",
            note: str = "") -> list[str]:
    return ["2021-01-12T09:15:02.123Z", received, "hotline", region, "sexual_abuse", "no", "",
            "male", "adult", "2", "yes", "0", "1", "1", note, f"uuid:{uuid}", f"uuid:{uuid}", "7",
            "Opératrice ligne verte", "0", "0", "", "received", "collect:xyz", "0", "h1"]


def write_odk(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ODK_HEADERS)
        writer.writerows(rows)
    return path


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2021, 1, 15))
    monkeypatch.setenv("PSEA_LANG", "en")


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


def run(runner: CliRunner, repo: Path, *args: str) -> object:
    return runner.invoke(app, ["--root", str(repo), "import", *args])


def cases(repo: Path) -> set[str]:
    return {p.name for p in (repo / "data" / "cases").glob("*.yaml") if not p.name.startswith(".")}


def kobo_export(downloads: Path) -> Path:
    return write_kobo(downloads / "psea_intake_2021-01-12.xlsx", [
        kobo_row("3f1c9a2e-0001-4a8b-9c1d-2e3f4a5b6c7d", 1),
        kobo_row("3f1c9a2e-0002-4a8b-9c1d-2e3f4a5b6c7d", 2,
                 note=f"Appeler Mme {SECRET_NAME} au {SECRET_PHONE}"),
        kobo_row("3f1c9a2e-0003-4a8b-9c1d-2e3f4a5b6c7d", 3, region="ML99"),
        kobo_row("3f1c9a2e-0004-4a8b-9c1d-2e3f4a5b6c7d", 4, received=dt.datetime(2021, 1, 12),
                 consent="investigation", note="5 000 FCFA de transport"),
    ])


def test_a_kobo_export_adds_the_valid_and_refuses_the_rest(runner: CliRunner, repo: Path,
                                                           downloads: Path) -> None:
    result = run(runner, repo, str(kobo_export(downloads)))
    assert result.exit_code == 1, result.output  # some submissions were refused
    err = result.stderr
    assert "KoboToolbox export: 4 submissions" in err
    assert "row 3: refused" in err
    assert "[cases.note-phone]" in err
    assert "[cases.note-name]" in err
    assert "row 4: refused" in err
    assert "[ref.unknown-region]" in err
    assert "2 added, 2 refused" in err
    for secret in (SECRET_NAME, "Traor", SECRET_PHONE, "ML99", "3f1c9a2e", "14.4974"):
        assert secret not in result.output
    dropped = err.split("dropped columns (not part of a case record): ")[1].splitlines()[0]
    for column in ("start", "end", "deviceid", "_submission_time",
                   "_geolocation", "_submitted_by", "__version__"):
        assert column in dropped.split(", ")
    assert "1 other column, whose name is not shown" in dropped  # nom_plaignant: by hand
    assert "_uuid" not in dropped.split(", ")  # the submission id psea reads
    assert "delete it now" in err
    added = cases(repo) - {"7KQ2M9AB.yaml"}
    assert len(added) == 2
    dataset, problems = load_dataset(repo, use_cache=False)
    assert problems == []
    new = sorted((c.value for c in dataset.cases if c.value.id != "7KQ2M9AB"),
                 key=lambda c: c.received_day)
    assert [(c.received, c.channel, c.region, c.incident_month, c.survivor.sex) for c in new] == [
        (dt.date(2021, 1, 10), "cbcm", "ML05", "2020-12", "female"),
        (dt.date(2021, 1, 12), "cbcm", "ML05", "2020-12", "female")]
    assert [(c.consent.assistance, c.consent.investigation, c.consent.reporting)
            for c in new] == [("yes", "no", "yes"), ("no", "yes", "no")]
    assert (new[0].perpetrator.affiliation, new[0].perpetrator.organisation) == ("nngo", "beta")
    assert new[1].note == "5 000 FCFA de transport"
    written = "".join((repo / "data" / "cases" / name).read_text() for name in added)
    ledger = (repo / "data" / "cases" / ".imports.yaml").read_text()
    for text in (written, ledger):
        for secret in ("3f1c9a2e", SECRET_NAME, "cbcm_mopti", "collect:abc123", "14.4974"):
            assert secret not in text
    assert not list(repo.rglob("*.xlsx"))  # the export was never copied in


def test_an_answer_none_of_the_choices_is_refused_not_read_as_no(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    """A label exported instead of its value (``Oui``, ``1``, ``Assistance Referral``) was
    read as "no": the month given became unknown, and a survivor's consent a refusal. Such a
    row is refused, naming the question and never the answer; the others are added."""
    def answered(index: int, header: str, value: str, consent: str = "assistance") -> list[object]:
        row = kobo_row(f"3f1c9a2e-000{index}-4a8b-9c1d-2e3f4a5b6c7d", index, consent=consent)
        row[KOBO_HEADERS.index(header)] = value
        return row

    export = write_kobo(downloads / "labels.xlsx", [
        kobo_row("3f1c9a2e-0001-4a8b-9c1d-2e3f4a5b6c7d", 1),
        answered(2, "incident/incident_month_known", "Oui"),
        answered(3, "consent/consent_asked", "1"),
        answered(4, "consent/consent_given", "Assistance Referral"),
    ])
    result = run(runner, repo, str(export))
    assert result.exit_code == 1, result.output
    err = result.stderr
    assert "row 3: refused" in err
    assert "the answer to incident_month_known is the label of one of the form's choices" in err
    assert "row 4: refused" in err
    assert "consent_asked is none of the form's choices" in err
    assert "row 5: refused" in err
    assert "an answer to consent_given is none" in err
    assert "1 added, 3 refused" in err
    for answer in ("Oui", "Referral"):
        assert answer not in result.output
    dataset, _problems = load_dataset(repo, use_cache=False)
    added = [c.value for c in dataset.cases if c.value.id != "7KQ2M9AB"]
    assert [(c.incident_month, c.consent.assistance) for c in added] == [("2020-12", "yes")]


def test_a_refused_row_says_how_to_correct_it_as_validate_does(
        runner: CliRunner, repo: Path, downloads: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A refused row gave the rule only (« 'channel' is not one of the allowed values »),
    never the hint ``psea validate`` gives with it: the values allowed, the note's limit, the
    form of a day; a required answer missing was said of the whole case, not its question."""
    def answered(index: int, header: str, value: object) -> list[object]:
        row = kobo_row(f"3f1c9a2e-001{index}-4a8b-9c1d-2e3f4a5b6c7d", index)
        row[KOBO_HEADERS.index(header)] = value
        return row

    export = write_kobo(downloads / "refused.xlsx", [
        answered(1, "reception/channel", "telephone"),
        answered(2, "note", "suivi " * 60),
        answered(3, "reception/received", "2021-02-30"),
        answered(4, "reception/received", ""),
    ])
    result = run(runner, repo, str(export), "--dry-run")
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    hints = {line: lines[n + 1] for n, line in enumerate(lines[:-1])
             if line.startswith("    ") and not line.startswith("        ")}
    assert hints["    channel: error [schema.invalid-choice] 'channel' is not one of the allowed "
                 "values"].startswith("        → Use one of: hotline — telephone hotline; ")
    assert hints["    note: error [schema.too-long] 'note' is too long"] == (
        "        → Shorten it; notes hold at most 280 characters.")
    assert hints["    received: error [schema.invalid-date] 'received' is not a valid date"
                 ].startswith("        → Write dates as YYYY-MM-DD, for example 2020-07-15")
    assert hints["    received: error [schema.missing-field] required key 'received' is "
                 "missing"] == ("        → The submission has no answer to this question: answer "
                                "it in KoboToolbox or ODK Central (edit the submission), then "
                                "export and import again.")
    monkeypatch.setenv("PSEA_LANG", "fr")
    said = run(runner, repo, str(export), "--dry-run").stderr
    assert ("    received : erreur [schema.missing-field] la clé obligatoire « received » manque\n"
            "        → La soumission n'a pas de réponse à cette question : ") in said
    assert "        → Raccourcissez-le ; une note compte au plus 280 caractères." in said


def test_a_region_answered_as_the_form_labels_it_is_its_p_code(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    """« Mopti » was read as ML05 and « Mopti (ML05) », the form's label of it (an export made
    with labels), refused as « not of the expected form »; a label naming two regions still
    is."""
    export = write_kobo(downloads / "regions.xlsx", [
        kobo_row("3f1c9a2e-0031-4a8b-9c1d-2e3f4a5b6c7d", 1, region="Mopti (ML05)"),
        kobo_row("3f1c9a2e-0032-4a8b-9c1d-2e3f4a5b6c7d", 2, region=" ségou  ( ml04 )"),
        kobo_row("3f1c9a2e-0033-4a8b-9c1d-2e3f4a5b6c7d", 3, region="Kayes (ML05)"),
    ])
    result = run(runner, repo, str(export))
    assert result.exit_code == 1, result.output
    assert "row 4: refused\n    region: error [schema.invalid-format]" in result.stderr
    assert "2 added, 1 refused" in result.stderr
    dataset, _problems = load_dataset(repo, use_cache=False)
    assert sorted(c.value.region for c in dataset.cases if c.value.id != "7KQ2M9AB") == [
        "ML04", "ML05"]


def test_an_organisation_answered_as_the_form_labels_it_is_its_id(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    """« Agence Alpha (ALPHA) », the form's label of an organisation (an export made with
    labels), was refused as « not of the expected form »: it is read as the organisation it
    labels, as a region's label is; a label naming two organisations still is refused."""
    def answered(index: int, organisation: str) -> list[object]:
        row = kobo_row(f"3f1c9a2e-005{index}-4a8b-9c1d-2e3f4a5b6c7d", index)
        row[KOBO_HEADERS.index("perpetrator/perpetrator_org")] = organisation
        return row

    export = write_kobo(downloads / "organisations.xlsx", [
        answered(1, "Agence Alpha (ALPHA)"), answered(2, " agence  alpha ( Alpha )"),
        answered(3, "ONG Beta"), answered(4, "ONG Beta (ALPHA)")])
    result = run(runner, repo, str(export))
    assert result.exit_code == 1, result.output
    assert ("row 5: refused\n    perpetrator_org (perpetrator.organisation): error "
            "[schema.invalid-format]") in result.stderr
    assert "3 added, 1 refused" in result.stderr
    dataset, _problems = load_dataset(repo, use_cache=False)
    added = [c.value for c in dataset.cases if c.value.id != "7KQ2M9AB"]
    assert sorted(str(c.perpetrator.organisation) for c in added) == ["alpha", "alpha", "beta"]


def test_a_consent_given_answered_with_its_labels_gets_the_labels_advice(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    """A consent given exported as its labels (« Consentement à l'assistance Consentement au
    rapportage ») was refused as « none of the form's choices », and the import closed with
    « correct the refused submissions in KoboToolbox »: it is a label, and the way out is a
    new export with XML values, as for any other question answered with labels."""
    def answered(index: int, consent: str) -> list[object]:
        return kobo_row(f"3f1c9a2e-006{index}-4a8b-9c1d-2e3f4a5b6c7d", index, consent=consent)

    export = write_kobo(downloads / "consent.xlsx", [
        answered(1, "Consentement à l'assistance Consentement au rapportage"),
        answered(2, "Consent to take part in an investigation")])
    result = run(runner, repo, str(export), "--dry-run")
    assert result.exit_code == 1, result.output
    for row in (2, 3):
        assert (f"row {row}: refused — the answer to consent_given is the label of one of the "
                "form's choices, not its XML value") in result.stderr
    assert "none of the form's choices" not in result.stderr
    assert "export the submissions again with XML values and headers" in result.stderr
    assert "Correct the refused submissions" not in result.stderr
    assert "Consentement" not in result.output
    other = write_kobo(downloads / "other.xlsx", [answered(3, "assistance referral")])
    said = run(runner, repo, str(other), "--dry-run").stderr
    assert "row 2: refused — an answer to consent_given is none of the form's choices" in said


def test_choices_exported_as_labels_are_refused_with_the_way_to_export_again(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    """An export made with labels instead of XML values was refused row by row with « not one
    of the allowed values », and closed with « correct the refused submissions in
    KoboToolbox », where nothing is to correct: the export is to be made again."""
    def answered(index: int, **values: object) -> list[object]:
        row = kobo_row(f"3f1c9a2e-002{index}-4a8b-9c1d-2e3f4a5b6c7d", index)
        for header, value in values.items():
            row[KOBO_HEADERS.index(header)] = value
        return row

    labelled = write_kobo(downloads / "labels.xlsx", [
        answered(1, **{"reception/channel": "Mécanisme communautaire de plainte (boîte, comité)"}),
        answered(2, **{"survivor/survivor_sex": "Féminin",
                       "survivor/survivor_age_group": "child (under 18)"}),
        answered(3, **{"perpetrator/perpetrator_affiliation": "ONG nationale"}),
        answered(4),
    ])
    result = run(runner, repo, str(labelled))
    assert result.exit_code == 1, result.output
    said = result.stderr
    assert ("row 2: refused — the answer to channel is the label of one of the form's choices, "
            "not its XML value: the export was made with labels; export the XML values, not the "
            "labels") in said
    assert "row 3: refused — the answers to survivor_sex, survivor_age_group are labels" in said
    assert "row 4: refused — the answer to perpetrator_affiliation is the label" in said
    assert "1 added, 3 refused" in said
    assert "export the submissions again with XML values and headers, not labels" in said
    assert "Correct the refused submissions" not in said
    for answer in ("Mécanisme", "Féminin", "ONG nationale"):
        assert answer not in result.output

    mixed = write_kobo(downloads / "mixed.xlsx", [
        answered(5, **{"survivor/survivor_sex": "féminin"}),
        answered(6, **{"survivor/survivor_sex": "woman"}),
    ])
    said = run(runner, repo, str(mixed), "--dry-run").stderr
    assert "row 2: refused — the answer to survivor_sex is the label" in said
    assert "row 3: refused\n    survivor_sex (survivor.sex): error [schema.invalid-choice]" in said
    assert "Correct the refused submissions in KoboToolbox" in said
    assert "with XML values and headers, not labels" not in said


def test_synthetic_cases_among_real_ones_are_said_once_with_the_imports_count(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    """On a network holding the demonstration cases, each added row repeated « the case store
    mixes synthetic demonstration cases (300) with real cases (1) », always with one real case
    more than before the import, whatever it added."""
    real_case = (repo / "data" / "cases" / "7KQ2M9AB.yaml").read_text(encoding="utf-8")
    for case_id in ("2DEM0AAA", "2DEM0BBB", "2DEM0CCC"):
        (repo / "data" / "cases" / f"{case_id}.yaml").write_text(
            real_case.replace("id: 7KQ2M9AB", f"id: {case_id}\nsynthetic: true"), encoding="utf-8")
    dataset, _problems = load_dataset(repo, use_cache=False)
    synthetic = sum(entry.synthetic for entry in dataset.case_entries)
    real = len(dataset.case_entries) - synthetic
    assert (synthetic, real) == (3, 1)
    export = write_kobo(downloads / "three.xlsx", [
        kobo_row(f"3f1c9a2e-004{n}-4a8b-9c1d-2e3f4a5b6c7d", n) for n in range(1, 4)])
    for options in (("--dry-run",), ()):
        said = run(runner, repo, str(export), *options).stderr
        warning = (f"data/cases: warning [cases.synthetic-mixed] the case store mixes synthetic "
                   f"demonstration cases ({synthetic}) with real cases ({real + 3})")
        assert said.count("[cases.synthetic-mixed]") == 1, said
        assert warning in said
        assert said.index(warning) > said.index("row 4: ")  # after the rows, before the summary
    said = run(runner, repo, str(export)).stderr  # nothing added: the store is validate's
    assert "0 added, 3 imported before" in said
    assert "synthetic-mixed" not in said


def test_importing_the_same_export_twice_adds_nothing(runner: CliRunner, repo: Path,
                                                      downloads: Path) -> None:
    export = kobo_export(downloads)
    run(runner, repo, str(export))
    before = {p: p.read_bytes() for p in (repo / "data" / "cases").iterdir()}
    again = run(runner, repo, str(export))
    assert "0 added, 2 refused, 2 imported before" in again.stderr
    assert {p: p.read_bytes() for p in (repo / "data" / "cases").iterdir()} == before


def test_a_corrected_resubmission_is_reported_not_applied(runner: CliRunner, repo: Path,
                                                          downloads: Path) -> None:
    uuid = "3f1c9a2e-0001-4a8b-9c1d-2e3f4a5b6c7d"
    first = run(runner, repo, str(write_kobo(downloads / "a.xlsx", [kobo_row(uuid, 1)])))
    assert first.exit_code == 0, first.output
    case_id = first.stderr.split("added as case ")[1].split()[0]
    before = (repo / "data" / "cases" / f"{case_id}.yaml").read_bytes()
    corrected = run(runner, repo, str(write_kobo(downloads / "b.xlsx", [
        kobo_row(uuid, 1, region="ML06")])))
    assert corrected.exit_code == 0
    assert (f"row 2: imported before as case {case_id}, and corrected since in the collection "
            "tool (region); not applied") in corrected.stderr  # which field, never its value
    assert "0 added, 1 corrected since import" in corrected.stderr
    assert (repo / "data" / "cases" / f"{case_id}.yaml").read_bytes() == before
    # an edit in KoboToolbox gets a new id and names the old one in meta/deprecatedID
    path = write_kobo(downloads / "c.xlsx", [kobo_row("99999999-edit", 1, region="ML06")])
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook.active.cell(row=1, column=len(KOBO_HEADERS) + 1, value="meta/deprecatedID")
    workbook.active.cell(row=2, column=len(KOBO_HEADERS) + 1, value=f"uuid:{uuid}")
    workbook.save(path)
    edited = run(runner, repo, str(path))
    assert f"imported before as case {case_id}, and corrected since" in edited.stderr
    assert len(cases(repo)) == 2
    # the core team corrects the record alike: the next import takes the correction as known
    record = repo / "data" / "cases" / f"{case_id}.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("region: ML05", "region: ML06"),
                      encoding="utf-8")
    agreed = run(runner, repo, str(downloads / "b.xlsx"))
    assert agreed.exit_code == 0, agreed.output
    assert "corrected since" not in agreed.stderr
    assert "0 added, 1 imported before" in agreed.stderr


def test_an_odk_central_csv_with_one_column_per_choice_is_committed(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    export = write_odk(downloads / "psea_intake.csv", [
        odk_row("a1b2c3d4-0001-4000-8000-000000000001"),
        odk_row("a1b2c3d4-0002-4000-8000-000000000002", received="2021-01-13"),
    ])
    result = run(runner, repo, str(export), "--commit")
    assert result.exit_code == 0, result.output
    assert "ODK Central export: 2 submissions" in result.stderr
    assert "SubmitterName" in result.stderr
    assert "Opératrice" not in result.output
    dropped = result.stderr.split("dropped columns (not part of a case record): ")[1]
    assert "KEY" not in dropped.splitlines()[0].split(", ")  # the submission id psea reads
    head = git.Repo(repo).head.commit
    assert head.message.rstrip("\n") == "cases: import 2 submissions"
    committed = sorted(head.stats.files)
    assert len(committed) == 3
    assert "data/cases/.imports.yaml" in committed
    assert not git.Repo(repo).is_dirty(untracked_files=True)
    dataset, problems = load_dataset(repo, use_cache=False)
    assert problems == []
    new = [c.value for c in dataset.cases if c.value.id != "7KQ2M9AB"]
    assert {(c.region, c.survivor.count, c.incident_month, c.consent.assistance,
             c.consent.investigation) for c in new} == {("ML06", 2, "unknown", "no", "yes")}


def test_a_commit_takes_the_cases_an_earlier_import_left_uncommitted(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    """The ledger an import commits names every case imported so far: the case files an
    earlier import wrote without committing them (or an interrupted one, before its
    ``--commit``) are committed with it, so that no clone has a ledger naming cases it lacks
    (they would be "imported before" there, and lost)."""
    first = run(runner, repo, str(write_odk(downloads / "a.csv", [
        odk_row("a1b2c3d4-0001-4000-8000-000000000001")])))
    assert first.exit_code == 0, first.output
    second = run(runner, repo, str(write_odk(downloads / "b.csv", [
        odk_row("a1b2c3d4-0002-4000-8000-000000000002")])), "--commit")
    assert second.exit_code == 0, second.output
    assert "also committed: 1 case file an earlier import wrote" in second.stderr
    repository = git.Repo(repo)
    assert repository.git.status("--porcelain", "--", "data") == ""
    committed = {Path(path).name for path in repository.head.commit.stats.files}
    assert committed == (cases(repo) - {"7KQ2M9AB.yaml"}) | {".imports.yaml"}
    clone = repo.parent / "clone"
    git.Repo.clone_from(repo, clone)
    assert cases(clone) == cases(repo)
    # an imported case edited by hand since is someone's edit: never swept into an import
    edited = repo / "data" / "cases" / sorted(cases(repo) - {"7KQ2M9AB.yaml"})[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "survivor: [\n", encoding="utf-8")
    third = run(runner, repo, str(write_odk(downloads / "c.csv", [
        odk_row("a1b2c3d4-0003-4000-8000-000000000003")])), "--commit")
    assert third.exit_code == 0, third.output
    assert "also committed" not in third.stderr
    assert f"data/cases/{edited.name}" not in repository.head.commit.stats.files
    assert "data/cases/.imports.yaml" in repository.head.commit.stats.files
    assert repository.git.status("--porcelain", "--", str(edited)).startswith(" M")


def test_an_import_a_hook_refuses_is_committed_by_running_it_again(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    """A refused ``--commit`` says to run the import again (it finds what it wrote and
    commits it), not that doing so would record the cases twice, and still says to delete
    the export, which holds every answer as submitted."""
    repository = git.Repo(repo)
    hook = Path(repository.git_dir) / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\necho 'data/focal_points/beta.yaml: error'\nexit 1\n")
    hook.chmod(0o755)
    export = write_odk(downloads / "a.csv", [odk_row("a1b2c3d4-0001-4000-8000-000000000001")])
    refused = run(runner, repo, str(export), "--commit")
    assert refused.exit_code == 1, refused.output
    assert "data/focal_points/beta.yaml: error" in refused.stderr
    assert "run the same command again, with the same file" in refused.stderr
    assert "Delete the file after" in refused.stderr
    assert "delete it now" not in refused.stderr  # it would leave nothing to run again
    assert not repository.index.diff("HEAD")
    hook.unlink()
    again = run(runner, repo, str(export), "--commit")
    assert again.exit_code == 0, again.output
    assert "also committed: 1 case file an earlier import wrote" in again.stderr
    assert "delete it now" in again.stderr
    assert repository.head.commit.message.rstrip("\n") == "cases: import 1 submission"  # not 0
    assert repository.git.status("--porcelain", "--", "data") == ""
    assert len(cases(repo)) == 2


def test_excels_separator_line_and_a_byte_order_mark_in_a_header_are_read(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    """A CSV that Excel saved with its ``sep=;`` first line, and a header cell that kept a
    byte order mark (``\ufeff_uuid``): the export is read, not refused as having no
    submission id column."""
    rows = [ODK_HEADERS, odk_row("a1b2c3d4-0001-4000-8000-000000000001")]
    csv_path = downloads / "excel.csv"
    csv_path.write_text("\ufeffsep=;\r\n" + "".join(";".join(r) + "\r\n" for r in rows),
                        encoding="utf-8")
    result = run(runner, repo, str(csv_path))
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stderr
    workbook = write_kobo(downloads / "bom.xlsx", [kobo_row("3f1c9a2e-0001-4a8b-9c1d-2e3f4a5b6c7d", 1)])
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    book.active.cell(row=1, column=KOBO_HEADERS.index("_uuid") + 1, value="\ufeff_uuid")
    book.save(workbook)
    result = run(runner, repo, str(workbook))
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stderr


def test_an_export_with_two_columns_for_one_question_is_refused(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    """A column added by hand with a question's name (the last one was read, silently)."""
    rows = [[*ODK_HEADERS, "survivor-survivor_sex"],
            [*odk_row("a1b2c3d4-0001-4000-8000-000000000001"), "female"]]
    path = downloads / "twice.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = run(runner, repo, str(path))
    assert result.exit_code == 1
    assert "two columns for the question survivor_sex" in result.stderr
    assert cases(repo) == {"7KQ2M9AB.yaml"}


def test_a_dry_run_writes_nothing(runner: CliRunner, repo: Path, downloads: Path) -> None:
    result = run(runner, repo, str(kobo_export(downloads)), "--dry-run")
    assert result.exit_code == 1
    assert "row 2: would be added" in result.stderr
    assert "2 would be added, 2 refused" in result.stderr
    assert cases(repo) == {"7KQ2M9AB.yaml"}
    assert not (repo / "data" / "cases" / ".imports.yaml").exists()


def test_branch_prepares_a_pull_request(runner: CliRunner, repo: Path, downloads: Path) -> None:
    export = write_odk(downloads / "x.csv", [odk_row("a1b2c3d4-0001-4000-8000-000000000001")])
    result = run(runner, repo, str(export), "--branch", "import/2021-01")
    assert result.exit_code == 0, result.output
    repository = git.Repo(repo)
    assert repository.active_branch.name == "import/2021-01"
    assert repository.head.commit.message.rstrip("\n") == "cases: import 1 submission"


def test_an_export_without_ids_or_questions_is_refused(runner: CliRunner, repo: Path,
                                                       downloads: Path) -> None:
    bare = downloads / "bare.csv"
    bare.write_text("reception-received,reception-region\n2021-01-10,ML05\n", encoding="utf-8")
    result = run(runner, repo, str(bare))
    assert result.exit_code == 1
    assert "no submission id column" in result.stderr
    labels = downloads / "labels.csv"
    labels.write_text("_uuid;Région;Canal\nabc;Mopti;CBCM\n", encoding="utf-8")
    result = run(runner, repo, str(labels))
    assert result.exit_code == 1
    assert "XML values and headers" in result.stderr
    assert cases(repo) == {"7KQ2M9AB.yaml"}


def test_a_missing_import_key_is_refused_rather_than_duplicating(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    export = write_odk(downloads / "x.csv", [odk_row("a1b2c3d4-0001-4000-8000-000000000001")])
    assert run(runner, repo, str(export)).exit_code == 0
    (repo / ".git" / "psea-import-key").unlink()
    result = run(runner, repo, str(export))
    assert result.exit_code == 2
    assert "psea-import-key is missing" in result.stderr
    assert len(cases(repo)) == 2


@pytest.mark.parametrize("key", ["", "00", "ab" * 16])
def test_an_import_key_too_short_to_protect_the_ledger_is_refused(
        runner: CliRunner, repo: Path, downloads: Path, key: str) -> None:
    """An empty key makes every digest of the committed ledger the unkeyed hash of a
    submission id: anyone with the repository links a case to its KoboToolbox submission.
    Only a key of 32 bytes (psea's) is taken; nothing is written with another."""
    (repo / ".git" / "psea-import-key").write_text(key + "\n", encoding="ascii")
    export = write_odk(downloads / "x.csv", [odk_row("a1b2c3d4-0001-4000-8000-000000000001")])
    result = run(runner, repo, str(export))
    assert result.exit_code == 2
    assert "is not one psea made" in result.stderr
    assert cases(repo) == {"7KQ2M9AB.yaml"}
    assert not (repo / "data" / "cases" / ".imports.yaml").exists()


@pytest.mark.parametrize("place", ["data/cases/export.csv", "export-kobo.csv",
                                   "exports/2021-01/export.csv"])
def test_an_export_inside_the_repository_is_not_read(runner: CliRunner, repo: Path,
                                                      place: str) -> None:
    """Beside data/, at the repository's top or in a folder of its own, the export was read and
    left there, untracked: the next « git add . » published every answer as submitted."""
    (repo / place).parent.mkdir(parents=True, exist_ok=True)
    export = write_odk(repo / place, [odk_row("a1b2c3d4-0001-4000-8000-000000000001")])
    before = cases(repo)
    result = run(runner, repo, str(export))
    assert result.exit_code == 2
    assert "the export is inside the network's repository" in result.stderr
    assert "Move it out of the repository" in result.stderr
    assert cases(repo) == before


def test_an_encrypted_case_store_receives_only_encrypted_records(
        runner: CliRunner, valid_repo: Path, downloads: Path) -> None:
    from pyrage import x25519

    (valid_repo / "data" / "cases" / "7KQ2M9AB.yaml").unlink()
    public = x25519.Identity.generate().to_public()
    with (valid_repo / "data" / "network.yaml").open("a", encoding="utf-8") as network:
        network.write(f"case_encryption:\n  recipients:\n    - name: coordinator\n"
                      f"      key: {public}\n")
    repository = git.Repo.init(valid_repo)
    repository.index.add(["data"])
    repository.index.commit("network")
    export = write_odk(downloads / "x.csv", [odk_row("a1b2c3d4-0001-4000-8000-000000000001",
                                                     region="ML09")])
    result = run(runner, valid_repo, str(export), "--commit")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (valid_repo / "data" / "cases").iterdir())
    assert len(written) == 2
    assert written[0] == ".imports.yaml"
    assert written[1].endswith(".age")
    committed = repository.head.commit.tree / "data" / "cases" / written[1]
    assert b"ML09" not in committed.data_stream.read()



def test_a_correction_to_an_encrypted_record_read_without_a_key_asks_for_the_key(
        runner: CliRunner, valid_repo: Path, downloads: Path, tmp_path: Path) -> None:
    """Without the key, every field of the form was listed as corrected (the record could not
    be compared); with it, the one that was."""
    from pyrage import x25519

    (valid_repo / "data" / "cases" / "7KQ2M9AB.yaml").unlink()
    identity = x25519.Identity.generate()
    key = tmp_path / "core.key"
    key.write_text(f"{identity}\n", encoding="utf-8")
    with (valid_repo / "data" / "network.yaml").open("a", encoding="utf-8") as network:
        network.write(f"case_encryption:\n  recipients:\n    - name: coordinator\n"
                      f"      key: {identity.to_public()}\n")
    repository = git.Repo.init(valid_repo)
    repository.index.add(["data"])
    repository.index.commit("network")
    uuid = "a1b2c3d4-0001-4000-8000-000000000001"
    first = run(runner, valid_repo, str(write_odk(downloads / "a.csv", [odk_row(uuid)])),
                "--commit")
    assert first.exit_code == 0, first.output
    corrected = str(write_odk(downloads / "b.csv", [odk_row(uuid, region="ML09")]))
    blind = run(runner, valid_repo, corrected, "--dry-run")
    assert "cannot be read here (encrypted: give your key with --identity FILE" in blind.stderr
    assert "survivor.sex" not in blind.stderr
    seen = runner.invoke(app, ["--root", str(valid_repo), "--identity", str(key), "import",
                               corrected, "--dry-run"])
    assert "corrected since in the collection tool (region)" in seen.stderr


def test_a_csv_cell_too_large_for_csv_is_a_clear_error(runner: CliRunner, repo: Path,
                                                       downloads: Path) -> None:
    export = write_odk(downloads / "psea_intake.csv", [
        odk_row("a1b2c3d4-0001-4000-8000-000000000001", note="x" * 300_000)])
    result = run(runner, repo, str(export), "--dry-run")
    assert result.exit_code == 1, result.output
    assert "cannot be read as CSV" in result.stderr
    assert "internal error" not in result.output


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_unopened(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    """A few hundred kilobytes that unpack to a cell of a gigabyte: refused before openpyxl
    reads it (it would use gigabytes of memory)."""
    import zipfile

    bomb = downloads / "psea_intake.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<c>" + b"x" * 250_000_000 + b"</c>")
    assert bomb.stat().st_size < 1_000_000
    for args in (["import", str(bomb), "--dry-run"],
                 ["directory", "import", str(bomb), "--dry-run"]):
        result = runner.invoke(app, ["--root", str(repo), *args])
        assert result.exit_code == 1, (args, result.output)
        assert "internal error" not in result.output


@pytest.mark.parametrize("suffix", [".csv", ".txt", ".ods"])
def test_directory_import_of_another_kind_of_file_is_a_clear_error(
        runner: CliRunner, repo: Path, downloads: Path, suffix: str) -> None:
    other = downloads / f"directory{suffix}"
    other.write_text("id,name\nx,y\n", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(repo), "directory", "import", str(other),
                                 "--dry-run"])
    assert result.exit_code == 1, result.output
    assert "is not a directory workbook written by psea" in result.stderr
    assert "internal error" not in result.output


def test_an_export_with_a_cell_far_away_is_refused_before_padding_every_row(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    """A 5 kB workbook with one cell at XFD100000 padded every row to 16,384 cells (13 GB)."""
    from openpyxl import Workbook

    bomb = downloads / "psea_intake.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["_uuid", "received", "region"])
    sheet["XFD100000"] = "x"
    workbook.save(bomb)
    assert bomb.stat().st_size < 20_000
    result = run(runner, repo, str(bomb), "--dry-run")
    assert result.exit_code == 1, result.output
    assert "more than 10 million cells" in result.stderr


def test_no_case_is_imported_in_clear_next_to_encrypted_records(
        runner: CliRunner, repo: Path, downloads: Path) -> None:
    # network.yaml lists no recipients (a change removed case_encryption), yet the store
    # holds an encrypted record
    (repo / "data" / "cases" / "8KQ2M9AB.age").write_text("-----BEGIN AGE ENCRYPTED FILE-----\n")
    before = {p.name: p.read_bytes() for p in (repo / "data" / "cases").iterdir()}
    result = run(runner, repo, str(kobo_export(downloads)))
    assert result.exit_code == 1, result.output
    assert "holds encrypted case records" in result.stderr
    assert "Restore case_encryption" in result.stderr
    assert {p.name: p.read_bytes() for p in (repo / "data" / "cases").iterdir()} == before


def _damaged(source: Path, target: Path, damage: str) -> Path:
    """``source`` with its first sheet cut in half, given an undefined entity, or left out."""
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as new:
        for member in old.infolist():
            data = old.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                if damage == "deleted":
                    continue
                data = (data[:len(data) // 2] if damage == "truncated"
                        else data.replace(b"<sheetData>", b"<sheetData>&i;", 1))
                assert data != old.read(member.filename)
            new.writestr(member, data)
    return target


@pytest.mark.parametrize("damage", ["truncated", "entity", "deleted"])
@pytest.mark.parametrize("kind", ["export", "directory"])
def test_a_damaged_workbook_is_a_clear_error_for_every_command_that_reads_one(
        runner: CliRunner, repo: Path, downloads: Path, kind: str, damage: str) -> None:
    """openpyxl reads a sheet while its rows are asked for: the XML parser's error, or the
    sheet openpyxl skips without a word, came out as an internal error."""
    if kind == "export":
        source = kobo_export(downloads)
    else:
        source = downloads / "annuaire.xlsx"
        written = runner.invoke(app, ["--root", str(repo), "directory", "--format", "xlsx",
                                      "-o", str(source)])
        assert written.exit_code == 0, written.output
    broken = _damaged(source, downloads / f"broken-{kind}.xlsx", damage)
    before = cases(repo)
    for args in (["import", str(broken), "--dry-run"],
                 ["directory", "import", str(broken), "--dry-run"],
                 ["import", str(broken)], ["directory", "import", str(broken)]):
        result = runner.invoke(app, ["--root", str(repo), *args])
        assert result.exit_code == 1, (args, result.output)
        assert f"broken-{kind}.xlsx cannot be read as an XLSX workbook" in result.stderr, args
        assert "internal error" not in result.output
    assert cases(repo) == before
    assert not git.Repo(repo).is_dirty(untracked_files=True)


def test_a_note_with_a_phone_number_split_by_symbols_is_refused(runner: CliRunner, repo: Path,
                                                                downloads: Path) -> None:
    notes = ["tel 7612\n3456", "tel 7612 | 3456", "tel 7612 ; 3456", "tel 7612*3456",
             "tel 7612·3456"]
    export = write_kobo(downloads / "psea_intake.xlsx", [
        kobo_row(f"3f1c9a2e-000{n}-4a8b-9c1d-2e3f4a5b6c7d", n, note=note)
        for n, note in enumerate(notes, start=1)])
    result = run(runner, repo, str(export))
    assert result.exit_code == 1, result.output
    assert result.stderr.count("[cases.note-phone]") == len(notes)
    assert "0 added, 5 refused" in result.stderr
    assert "7612" not in result.output
    assert "3456" not in result.output
    assert cases(repo) == {"7KQ2M9AB.yaml"}


def test_a_survivor_count_int_cannot_read_is_a_refused_row(runner: CliRunner, repo: Path,
                                                           downloads: Path) -> None:
    """A superscript digit and a count of 5,000 digits are refused by row, as any wrong count;
    they stopped the import with an internal error."""
    rows = [odk_row(f"a1b2c3d4-0001-4000-8000-00000000000{i}") for i in range(1, 4)]
    rows[0][ODK_HEADERS.index("survivor-survivor_count")] = "²"
    rows[1][ODK_HEADERS.index("survivor-survivor_count")] = "9" * 5000
    export = write_odk(downloads / "psea_intake.csv", rows)
    before = cases(repo)
    result = run(runner, repo, str(export))
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    assert "internal error" not in result.output  # type: ignore[attr-defined]
    assert "row 2: refused" in result.stderr  # type: ignore[attr-defined]
    assert "row 3: refused" in result.stderr  # type: ignore[attr-defined]
    assert len(cases(repo) - before) == 1  # the third row, a count of 2


def _without(path: Path, rows: list[list[object]], *dropped: str,
             renamed: dict[str, str] | None = None) -> Path:
    """A Kobo export whose ``dropped`` columns were deleted and ``renamed`` ones renamed by
    hand after the download."""
    keep = [i for i, h in enumerate(KOBO_HEADERS) if h not in dropped]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([(renamed or {}).get(KOBO_HEADERS[i], KOBO_HEADERS[i]) for i in keep])
    for row in rows:
        sheet.append([row[i] for i in keep])
    workbook.save(path)
    return path


def test_an_export_whose_consent_given_columns_were_deleted_is_refused_whole(
    runner: CliRunner, repo: Path, downloads: Path
) -> None:
    """Without its consent_given columns, every purpose was recorded as refused (« no ») for
    survivors who consented to assistance and reporting: they left the shared figures."""
    export = _without(downloads / "kobo.xlsx",
                      [kobo_row(f"3f1c9a2e-000{i}-4a8b-9c1d-2e3f4a5b6c7d", i) for i in (1, 2)],
                      "consent/consent_given", "consent/consent_given/assistance",
                      "consent/consent_given/investigation", "consent/consent_given/reporting")
    before = cases(repo)
    result = run(runner, repo, str(export))
    assert result.exit_code == 1, result.output
    assert ("kobo.xlsx has no column for the form's question consent_given, and 2 submissions "
            "say the consent was asked") in result.stderr
    assert "every consent would be recorded as refused" in result.stderr
    assert cases(repo) == before


def test_an_export_with_consent_never_asked_needs_no_consent_given_column(
    runner: CliRunner, repo: Path, downloads: Path
) -> None:
    row = kobo_row("3f1c9a2e-0001-4a8b-9c1d-2e3f4a5b6c7d", 1)
    row[KOBO_HEADERS.index("consent/consent_asked")] = "no"
    export = _without(downloads / "kobo.xlsx", [row], "consent/consent_given",
                      "consent/consent_given/assistance", "consent/consent_given/investigation",
                      "consent/consent_given/reporting")
    result = run(runner, repo, str(export))
    assert result.exit_code == 0, result.output
    assert "1 added" in result.stderr


def test_a_renamed_required_column_is_named_once_for_the_file(
    runner: CliRunner, repo: Path, downloads: Path
) -> None:
    """« Région » for reception/region refused each row for a missing region, with the advice
    to edit each submission in KoboToolbox: the file is what to correct."""
    export = _without(downloads / "kobo.xlsx",
                      [kobo_row(f"3f1c9a2e-000{i}-4a8b-9c1d-2e3f4a5b6c7d", i) for i in (1, 2)],
                      renamed={"reception/region": "Région"})
    before = cases(repo)
    result = runner.invoke(app, ["--root", str(repo), "--lang", "fr", "import", str(export)])
    assert result.exit_code == 1, result.output
    assert "kobo.xlsx n'a pas de colonne pour la question region du formulaire" in result.stderr
    assert "row 2" not in result.stderr
    assert "ligne 2" not in result.stderr
    assert cases(repo) == before


def test_a_formula_cell_is_read_as_its_text_never_as_empty(
    runner: CliRunner, repo: Path, downloads: Path
) -> None:
    """A workbook written by a script keeps no computed value: « =1+1 » in survivor_count was
    read as no answer and the case written without its count. KoboToolbox itself writes an
    answer that begins with « = » as a formula (« => orientée vers le CSRef »): it is the
    answer, kept."""
    counted = kobo_row("3f1c9a2e-0001-4a8b-9c1d-2e3f4a5b6c7d", 1)
    counted[KOBO_HEADERS.index("survivor/survivor_count")] = "=1+1"
    arrow = kobo_row("3f1c9a2e-0002-4a8b-9c1d-2e3f4a5b6c7d", 2, note="=> orientée vers le CSRef")
    export = write_kobo(downloads / "kobo.xlsx", [arrow, counted])
    result = run(runner, repo, str(export))
    assert result.exit_code == 1, result.output  # the count is refused, by row and column
    assert "row 3: refused" in result.stderr
    assert "survivor_count (survivor.count)" in result.stderr
    assert "1 added, 1 refused" in result.stderr
    dataset, _problems = load_dataset(repo)
    assert "=> orientée vers le CSRef" in {c.value.note for c in dataset.cases}


def test_a_column_whose_name_identifies_someone_is_counted_not_shown(
    runner: CliRunner, repo: Path, downloads: Path
) -> None:
    """A column added by hand to the export, named after a person and her phone, was listed by
    name among the dropped columns."""
    export = downloads / "odk.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*ODK_HEADERS, f"Mme {SECRET_NAME} {SECRET_PHONE}", "Fatoumata Diarra"])
        writer.writerow([*odk_row("a1b2c3d4-0001-4000-8000-000000000001"), "x", "y"])
    result = run(runner, repo, str(export))
    assert result.exit_code == 0, result.output
    assert "2 other columns, whose names are not shown" in result.stderr
    assert "Fatoumata" not in result.output
    assert "SubmitterName" in result.stderr  # an ordinary dropped column is still named
    for secret in (SECRET_NAME, "Traor", SECRET_PHONE):
        assert secret not in result.output


def test_a_cumulative_export_counts_what_was_imported_before_in_one_line(
    runner: CliRunner, repo: Path, downloads: Path
) -> None:
    """KoboToolbox exports every submission since the form was deployed: each import said one
    line per earlier row (5,000 of them), and a refusal was lost among them."""
    rows = [odk_row(f"a1b2c3d4-{n:04d}-4000-8000-000000000001") for n in range(1, 4)]
    first = run(runner, repo, str(write_odk(downloads / "week1.csv", rows)))
    assert first.exit_code == 0, first.output
    later = run(runner, repo, str(write_odk(downloads / "week2.csv", [
        *rows, odk_row("a1b2c3d4-0009-4000-8000-000000000001")])))
    assert later.exit_code == 0, later.output
    assert "imported before as case" not in later.stderr
    assert "1 added, 3 imported before" in later.stderr
    assert "row 5: added as case" in later.stderr


def test_a_correction_that_removes_an_answer_is_reported_and_a_settled_one_committed(
    runner: CliRunner, repo: Path, downloads: Path
) -> None:
    """A note removed in the collection tool (it named someone) was taken as agreeing with the
    record, which kept it; a correction settled by ``--commit`` left the ledger uncommitted."""
    uuid = "a1b2c3d4-0001-4000-8000-000000000001"
    first = run(runner, repo, "--commit", str(write_odk(downloads / "a.csv", [
        odk_row(uuid, note="Plainte reçue par téléphone")])))
    assert first.exit_code == 0, first.output
    case_id = first.stderr.split("added as case ")[1].split()[0]
    emptied = write_odk(downloads / "b.csv", [odk_row(uuid)])
    again = run(runner, repo, "--commit", str(emptied))
    assert again.exit_code == 0, again.output
    assert f"imported before as case {case_id}, and corrected since in the collection tool (note)" \
        in again.stderr
    record = repo / "data" / "cases" / f"{case_id}.yaml"
    record.write_text("".join(line for line in record.read_text(encoding="utf-8").splitlines(True)
                              if not line.startswith("note:")), encoding="utf-8")
    git.Repo(repo).git.commit("-qam", "core team: remove the note")
    settled = run(runner, repo, "--commit", str(emptied))
    assert settled.exit_code == 0, settled.output
    assert "0 added, 1 imported before" in settled.stderr
    assert "committed:" in settled.stderr
    assert git.Repo(repo).git.status("--porcelain") == ""
    assert git.Repo(repo).head.commit.message.rstrip("\n") == "cases: update the import ledger"


def test_an_export_with_the_columns_of_only_some_consent_purposes_is_refused(
    runner: CliRunner, repo: Path, downloads: Path
) -> None:
    """Without the joint consent_given column, and with consent_given/reporting deleted, the
    survivors who consented to reporting were recorded as refusing it."""
    export = _without(downloads / "kobo.xlsx",
                      [kobo_row(f"3f1c9a2e-000{i}-4a8b-9c1d-2e3f4a5b6c7d", i) for i in (1, 2)],
                      "consent/consent_given", "consent/consent_given/reporting")
    before = cases(repo)
    result = run(runner, repo, str(export))
    assert result.exit_code == 1, result.output
    assert ("kobo.xlsx has no column for consent_given/reporting, and 2 submissions say the "
            "consent was asked") in result.stderr
    assert cases(repo) == before


def test_a_field_the_export_has_no_column_for_is_the_core_teams_alone(
    runner: CliRunner, repo: Path, downloads: Path
) -> None:
    """An ODK Central export without the perpetrator's questions: the core team records the
    affiliation after the investigation; a corrected note, once copied into the record,
    settles, where the affiliation was reported as differing at every import."""
    uuid = "a1b2c3d4-0001-4000-8000-000000000001"
    first = run(runner, repo, "--commit", str(write_odk(downloads / "a.csv", [
        odk_row(uuid, note="suivi au CSRef")])))
    assert first.exit_code == 0, first.output
    case_id = first.stderr.split("added as case ")[1].split()[0]
    record = repo / "data" / "cases" / f"{case_id}.yaml"
    text = record.read_text(encoding="utf-8")
    assert "perpetrator:" not in text
    record.write_text(text + "perpetrator:\n  affiliation: ingo\n", encoding="utf-8")
    git.Repo(repo).git.commit("-qam", "core team: the investigation named the employer")
    corrected = write_odk(downloads / "b.csv", [odk_row(uuid, note="suivi au CSCom")])
    said = run(runner, repo, str(corrected))
    assert "corrected since in the collection tool (note)" in said.stderr
    record.write_text(record.read_text(encoding="utf-8").replace("suivi au CSRef", "suivi au CSCom"),
                      encoding="utf-8")
    git.Repo(repo).git.commit("-qam", "core team: the corrected note")
    settled = run(runner, repo, str(corrected))  # without --commit: the ledger is left changed
    assert "0 added, 1 imported before" in settled.stderr
    later = run(runner, repo, "--commit", str(corrected))  # nothing new: the ledger committed
    assert "committed:" in later.stderr
    assert git.Repo(repo).git.status("--porcelain") == ""
