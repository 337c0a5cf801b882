"""``psea import`` on the attendance form: each submission becomes a session record judged as
``psea activity add`` judges one; importing twice adds nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import git
import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.validation import load_dataset

HEADERS = ["kind", "start", "end", "region", "admin2", "organisers", "audience",
           "participants/women", "participants/men", "participants/girls", "participants/boys",
           "topics", "topics/sea_basics", "topics/reporting", "note", "_id", "_uuid",
           "_submission_time", "_submitted_by", "_geolocation"]


def key(uuid: str) -> str:
    """The end of a session record's id imported from the submission ``uuid``: drawn from
    the whole id, so that ids sharing their first characters make different records."""
    return hashlib.sha256(uuid.lower().encode()).hexdigest()[:12]


A = "2021-10-05-ml05-staff-" + key("aaaa1111-2222")


def row(uuid: str, *, region: str = "ML05", organisers: str = "alpha beta") -> list[object]:
    return ["training", "2021-01-12", "", region, "", organisers, "community_relays", 12, 9, 0,
            0, "sea_basics reporting", 1, 1, "", 7, uuid, "2021-01-13T08:00:00", "animateur",
            "[14.5, -4.2]"]


def test_attendance_submissions_become_session_records(runner: CliRunner, repo: Path,
                                                       tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(HEADERS)
    book.active.append(row("5e0a1b2c-0001-4000-8000-000000000001"))
    book.active.append(row("5e0a1b2c-0002-4000-8000-000000000002", region="ML99"))
    path = tmp_path / "psea_session.xlsx"
    book.save(path)
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "import", str(path),
                                 "--commit"])
    assert result.exit_code == 1  # one refused
    assert "KoboToolbox export of the attendance form: 2 submissions" in result.stderr
    assert ("row 2: added as record 2021-01-12-ml05-community-relays-"
            + key("5e0a1b2c-0001-4000-8000-000000000001")) in result.stderr
    assert "row 3: refused" in result.stderr
    assert "[ref.unknown-region]" in result.stderr
    assert "_geolocation" in result.stderr
    assert git.Repo(repo).head.commit.message.rstrip("\n") == "records: import 1 session"
    dataset, problems = load_dataset(repo, use_cache=False)
    assert [p for p in problems if p.severity.name == "ERROR"] == []
    session = dataset.records.sessions[0].value
    assert (session.organisers, session.participants.total, session.topics) == (
        ["alpha", "beta"], 21, ["sea_basics", "reporting"])
    again = runner.invoke(app, ["--root", str(repo), "--lang", "en", "import", str(path)])
    assert "row 2: imported before as record" in again.stderr
    assert len(list((repo / "data" / "sessions").glob("*.yaml"))) == 1


KOBO_CSV = ("kind,start,end,region,organisers,audience,women,men,girls,boys,topics,note,"
            "meta/instanceID,meta/deprecatedID,_uuid,_submission_time\n")


def kobo_csv(path: Path, *rows: tuple[str, str, int, str]) -> Path:
    """A KoboToolbox CSV export: one row per (instance id, deprecated id, women, first day)."""
    lines = [f"awareness,{day},,ML05,alpha,staff,{women},12,0,0,reporting,,uuid:{uuid},"
             f"{'uuid:' + old if old else ''},{uuid},2021-10-06\n"
             for uuid, old, women, day in rows]
    path.write_text(KOBO_CSV + "".join(lines), encoding="utf-8")
    return path


def staff_reached(repo: Path) -> int:
    """What the indicators count: the participants of the sessions counted once."""
    from psea_cli.records.counting import first_records

    dataset, _problems = load_dataset(repo, use_cache=False)
    return sum(s.value.participants.total for s in first_records(dataset.records.sessions)[0])


def imported(runner: CliRunner, repo: Path, export: Path, *options: str) -> str:
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "import", str(export),
                                 *options])
    assert result.exit_code == 0, result.stderr
    return result.stderr


@pytest.mark.parametrize("day", ["2021-10-05", "2021-10-07"])
def test_a_corrected_attendance_submission_is_reported_never_added_beside(
        runner: CliRunner, repo: Path, tmp_path: Path, day: str) -> None:
    """Edited in KoboToolbox or ODK: a new instanceID, the old one in meta/deprecatedID, the
    same day or another. It used to become a second session, counted twice."""
    original = kobo_csv(tmp_path / "first.csv", ("aaaa1111-2222", "", 10, "2021-10-05"))
    assert f"row 2: added as record {A}" in imported(
        runner, repo, original, "--commit")
    assert staff_reached(repo) == 22
    corrected = kobo_csv(tmp_path / "second.csv", ("bbbb3333-4444", "aaaa1111-2222", 11, day))
    for options in (("--dry-run",), ("--commit",)):
        out = imported(runner, repo, corrected, *options)
        assert (f"row 2: imported before as record {A}, and corrected "
                "since in the collection tool") in out
        assert "0 added" in out or "0 would be added" in out
        assert "1 corrected since import" in out
    assert [p.name for p in (repo / "data" / "sessions").glob("*.yaml")] == [
        f"{A}.yaml"]
    assert staff_reached(repo) == 22
    _dataset, problems = load_dataset(repo, use_cache=False)
    assert not [p for p in problems if p.code == "records.duplicate-session"]


def test_a_correction_under_the_same_id_is_reported(runner: CliRunner, repo: Path,
                                                   tmp_path: Path) -> None:
    """ODK Central keeps a submission's KEY when it is edited: other answers, same id."""
    imported(runner, repo, kobo_csv(tmp_path / "a.csv", ("aaaa1111-2222", "", 10, "2021-10-05")))
    same = imported(runner, repo, kobo_csv(tmp_path / "b.csv",
                                           ("aaaa1111-2222", "", 10, "2021-10-05")))
    assert f"row 2: imported before as record {A}\n" in same
    moved = imported(runner, repo, kobo_csv(tmp_path / "c.csv",
                                            ("aaaa1111-2222", "", 14, "2021-10-08")))
    assert f"imported before as record {A}, and corrected" in moved
    assert len(list((repo / "data" / "sessions").glob("*.yaml"))) == 1


def test_an_export_with_a_submission_and_its_correction_adds_one_session(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    both = kobo_csv(tmp_path / "both.csv", ("aaaa1111-2222", "", 10, "2021-10-05"),
                    ("bbbb3333-4444", "aaaa1111-2222", 11, "2021-10-05"),
                    ("bbbb3333-4444", "aaaa1111-2222", 11, "2021-10-05"))
    for options in (("--dry-run",), ()):
        out = imported(runner, repo, both, *options)
        assert "1 corrected since import, 1 duplicate" in out
        assert "1 added" in out or "1 would be added" in out
    assert staff_reached(repo) == 22


def test_a_finding_on_the_whole_record_is_said_of_the_record_not_of_a_case(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """A session ending before it starts is a finding on the record as a whole: said under
    "record", never "case" (this is no case record)."""
    book = Workbook()
    book.active.append(HEADERS)
    ended = row("5e0a1b2c-0001-4000-8000-000000000001")
    ended[HEADERS.index("end")] = "2021-01-10"
    book.active.append(ended)
    path = tmp_path / "psea_session.xlsx"
    book.save(path)
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "import", str(path)])
    assert result.exit_code == 1
    assert "row 2: refused" in result.stderr
    refusal = next(line for line in result.stderr.splitlines() if "[" in line and "]" in line
                   and "error" in line)
    assert refusal.strip().startswith("record")
    assert "case" not in refusal


@pytest.mark.parametrize("ids", [
    # time-ordered UUIDs (version 7) of the same weeks begin with the same date
    ("01938f2a-7c00-7a11-8b3e-6d4c2f1e0a01", "01938f2a-9e41-7b22-9c4f-1a2b3c4d5e6f"),
    # ids typed in a spreadsheet
    ("SESSION-2021-0001", "SESSION-2021-0002"),
])
def test_submissions_whose_ids_begin_alike_make_two_sessions(
        runner: CliRunner, repo: Path, tmp_path: Path, ids: tuple[str, str]) -> None:
    """Their records were keyed by the id's first eight characters: the second one was taken
    for a correction of the first and never added, its participants never counted."""
    export = kobo_csv(tmp_path / "two.csv", (ids[0], "", 10, "2021-10-05"),
                      (ids[1], "", 11, "2021-10-12"))
    out = imported(runner, repo, export, "--commit")
    assert "2 added" in out
    assert staff_reached(repo) == 22 + 23
    again = imported(runner, repo, export)
    assert "2 imported before" in again
    assert "0 added" in again
    assert len(list((repo / "data" / "sessions").glob("*.yaml"))) == 2


def test_a_session_imported_by_an_earlier_psea_is_still_found(runner: CliRunner, repo: Path,
                                                              tmp_path: Path) -> None:
    """Records imported before 0.3.8 end with the submission id's first eight characters."""
    export = kobo_csv(tmp_path / "a.csv", ("aaaa1111-2222", "", 10, "2021-10-05"))
    imported(runner, repo, export, "--commit")
    [path] = (repo / "data" / "sessions").glob("*.yaml")
    legacy = path.with_name("2021-10-05-ml05-staff-aaaa1111.yaml")
    path.rename(legacy)
    legacy.write_text(legacy.read_text(encoding="utf-8").replace(path.stem, legacy.stem),
                      encoding="utf-8")
    out = imported(runner, repo, export)
    assert "row 2: imported before as record 2021-10-05-ml05-staff-aaaa1111\n" in out
    assert "0 added" in out


def _as_imported_before(repo: Path, legacy_end: str) -> str:
    """The one session record, renamed as psea 0.3.7 named it (its submission id's first
    eight characters at the end): its new id."""
    [path] = (repo / "data" / "sessions").glob("*.yaml")
    legacy = path.with_name(path.stem.rsplit("-", 1)[0] + f"-{legacy_end}.yaml")
    path.rename(legacy)
    legacy.write_text(legacy.read_text(encoding="utf-8").replace(path.stem, legacy.stem),
                      encoding="utf-8")
    return legacy.stem


def test_an_id_typed_like_one_imported_before_makes_its_own_session(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """After an upgrade, ``S-2021-0002`` shares its first eight characters with a record
    imported from ``S-2021-0001`` by 0.3.7: it is another session (another day), added."""
    imported(runner, repo, kobo_csv(tmp_path / "a.csv", ("S-2021-0001", "", 10, "2021-10-05")),
             "--commit")
    _as_imported_before(repo, "s2021000")
    both = kobo_csv(tmp_path / "b.csv", ("S-2021-0001", "", 10, "2021-10-05"),
                    ("S-2021-0002", "", 11, "2021-10-12"))
    out = imported(runner, repo, both, "--commit")
    assert "row 2: imported before as record 2021-10-05-ml05-staff-s2021000\n" in out
    assert "1 added" in out
    assert staff_reached(repo) == 22 + 23


def test_a_hand_written_record_is_never_taken_for_an_imported_one(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """``psea activity add --audience partners`` names a record ``2021-10-05-ml05-partners``;
    a submission ``PARTNERS-2021-07`` begins with the same eight letters."""
    imported(runner, repo, kobo_csv(tmp_path / "a.csv", ("x-1", "", 10, "2021-10-05")),
             "--commit")
    [path] = (repo / "data" / "sessions").glob("*.yaml")
    hand = path.with_name("2021-10-05-ml05-partners.yaml")
    hand.write_text(path.read_text(encoding="utf-8").replace(path.stem, hand.stem).replace(
        "audience: staff", "audience: partners"), encoding="utf-8")
    path.unlink()
    out = imported(runner, repo, kobo_csv(tmp_path / "b.csv",
                                          ("PARTNERS-2021-07", "", 10, "2021-10-05")))
    assert "1 added" in out or "1 would be added" in out


def test_a_random_uuid_imported_before_is_found_after_its_day_was_corrected(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """ODK Central keeps a submission's id when it is edited: a record imported by 0.3.7
    from a random UUID is still found by its first eight characters, whatever its day now."""
    uuid = "7f3a9c2e-1b4d-4e8f-9a0b-1c2d3e4f5a6b"
    imported(runner, repo, kobo_csv(tmp_path / "a.csv", (uuid, "", 10, "2021-10-05")),
             "--commit")
    legacy = _as_imported_before(repo, "7f3a9c2e")
    out = imported(runner, repo, kobo_csv(tmp_path / "b.csv", (uuid, "", 10, "2021-10-08")))
    assert f"row 2: imported before as record {legacy}, and corrected" in out
    assert "0 added" in out


def test_another_kind_of_session_the_same_day_is_its_own_after_an_upgrade(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """Time-ordered ids of the same weeks share their first eight characters: a record
    0.3.7 made from one is never taken for another session (an awareness session the day of
    a training), which would leave its participants uncounted."""
    first = "01938f2a-7c00-7a11-8b3e-6d4c2f1e0a01"
    imported(runner, repo, kobo_csv(tmp_path / "a.csv", (first, "", 10, "2021-10-05")),
             "--commit")
    _as_imported_before(repo, "01938f2a")
    other = kobo_csv(tmp_path / "b.csv", ("01938f2a-9e41-7b22-9c4f-1a2b3c4d5e6f", "", 30,
                                          "2021-10-05"))
    other.write_text(other.read_text(encoding="utf-8").replace("\nawareness,", "\ntraining,"),
                     encoding="utf-8")
    out = imported(runner, repo, other, "--commit")
    assert "1 added" in out
    assert staff_reached(repo) == 22 + 42


def test_a_typed_id_imported_before_is_found_whatever_its_characters(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """``S_2021_0001`` made ``…-s-2021-0`` in 0.3.7: importing the same export again after
    an upgrade finds it, and adds no second session."""
    export = kobo_csv(tmp_path / "a.csv", ("S_2021_0001", "", 10, "2021-10-05"))
    imported(runner, repo, export, "--commit")
    _as_imported_before(repo, "s-2021-0")
    out = imported(runner, repo, export)
    assert "0 added" in out
    assert "1 imported before" in out


@pytest.mark.parametrize("options", [(), ("--dry-run",)])
def test_one_submission_id_written_in_two_cases_is_one_submission(
        runner: CliRunner, repo: Path, tmp_path: Path, options: tuple[str, ...]) -> None:
    export = kobo_csv(tmp_path / "a.csv", ("5E0A1B2C-0001-4000-8000-000000000001", "", 10,
                                           "2021-10-05"),
                      ("5e0a1b2c-0001-4000-8000-000000000001", "", 10, "2021-10-05"))
    out = imported(runner, repo, export, *options)
    assert "1 duplicate" in out


def test_a_submission_id_given_twice_with_other_answers_refuses_every_row_of_it(
        runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """A second row of a submission id was skipped as « the same submission » whatever its
    answers: a row corrected in the export (another count) was dropped without a word, and the
    first one imported. Every row of that id is refused, each naming another, as the intake
    import refuses them; once the right row is kept, importing again adds it."""
    export = kobo_csv(tmp_path / "both.csv", ("aaaa1111-2222", "", 10, "2021-10-05"),
                      ("aaaa1111-2222", "", 14, "2021-10-05"),
                      ("aaaa1111-2222", "", 14, "2021-10-05"),
                      ("cccc5555-6666", "", 3, "2021-10-07"))
    for options in (("--dry-run",), ("--commit",)):
        result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "import", str(export),
                                     *options])
        assert result.exit_code == 1, result.stderr
        said = result.stderr
        assert ("row 2: refused — row 3 has the same submission id with other answers: one of "
                "the rows was changed after the export") in said
        assert "row 3: refused — row 2 has the same submission id with other answers" in said
        assert "row 4: refused — row 2 has the same submission id with other answers" in said
        assert "the same submission as an earlier row" not in said
        assert "1 added, 3 refused" in said or "1 would be added, 3 refused" in said
        assert "keep only the right row of each id" in said  # the way out, as for complaints
    assert staff_reached(repo) == 15  # the other session only
    kept = kobo_csv(tmp_path / "kept.csv", ("aaaa1111-2222", "", 14, "2021-10-05"),
                    ("cccc5555-6666", "", 3, "2021-10-07"))
    assert "1 added, 1 imported before" in imported(runner, repo, kept, "--commit")
    assert staff_reached(repo) == 15 + 26
