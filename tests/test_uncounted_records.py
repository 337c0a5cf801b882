"""A case record whose own checks find an error in what the figures count (an event before
its reception; not a note the screening refuses) is left out of every figure, as the warning
of every command that shows figures says: the indicators, the exact and the shared ones, and
the report give what they give without the record. It stays readable, to be corrected; the
audit and the figures published for members refuse to go on without it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app

PERIOD = "2021-S1"


def _record(repo: Path) -> Path:
    """A record received in the period whose referral to assistance is dated a week before
    its reception (``cases.event-before-reception``): a negative delay if counted."""
    for case in sorted((repo / "data" / "cases").glob("*.yaml")):
        text = case.read_text(encoding="utf-8")
        received = re.search(r"^received: (2021-0[2-5]-\d\d)$", text, re.MULTILINE)
        if received and "kind: assistance_referred\n    date: " in text \
                and "allegation: sexual_" in text:
            return case
    raise AssertionError("no record to break")


def _break(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    received = re.search(r"^received: (\d{4})-(\d\d)-\d\d$", text, re.MULTILINE)
    assert received is not None
    earlier = f"{received.group(1)}-{int(received.group(2)) - 1:02d}-01"
    case.write_text(re.sub(r"(kind: assistance_referred\n    date: )\S+", rf"\g<1>{earlier}",
                           text, count=1), encoding="utf-8")


def _indicators(runner: CliRunner, repo: Path, *options: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "indicators", PERIOD,
                                 "--as-of", "2021-12-31", "--format", "json", *options])
    return result.exit_code, result.stdout


def test_a_record_with_an_error_of_its_own_counts_as_if_it_were_not_there(
        runner: CliRunner, shipped_network: Path) -> None:
    """The core team's exact figures."""
    case = _record(shipped_network)
    _break(case)
    checked = runner.invoke(app, ["--root", str(shipped_network), "--lang", "en", "validate"])
    assert checked.exit_code == 1
    assert "cases.event-before-reception" in checked.stdout
    broken_code, with_it = _indicators(runner, shipped_network)
    assert broken_code == 1  # the data has an error: said, and the exit says it too
    case.unlink()
    clean_code, without_it = _indicators(runner, shipped_network)
    assert clean_code == 0
    assert json.loads(with_it) == json.loads(without_it)


def _shared_cases(document: dict[str, Any]) -> list[object]:
    return [document["metrics"][name]["value"] for name in
            ("cases_received", "response_within_7_days", "assistance_referral_within_72h")]


@pytest.mark.parametrize("how", ["own error", "duplicate id", "broken schema"])
def test_no_case_figure_is_shared_while_a_record_is_left_out(
        runner: CliRunner, shipped_network: Path, how: str) -> None:
    """Figures over the other records, beside those made once the record is corrected, would
    narrow each other: every cell's draw is fixed by the cases counted, so cells the record is
    not in moved too (Kidal 5 then <5). None is shared until it is corrected; then they are
    what they were before the error."""
    _code, before = _indicators(runner, shipped_network, "--suppress")
    case = _record(shipped_network)
    original = case.read_text(encoding="utf-8")
    if how == "own error":
        _break(case)
    elif how == "duplicate id":
        case.with_name("copy.yaml").write_text(original.replace(
            "# yaml-language-server", "# a copy\n# yaml-language-server"), encoding="utf-8")
    else:
        case.write_text(original.replace("channel: ", "channel: pigeon_"), encoding="utf-8")
    code, during = _indicators(runner, shipped_network, "--suppress")
    assert code == 1
    shared = json.loads(during)
    assert shared["protection"]["not_published"] == "records_with_errors"
    assert _shared_cases(shared) == [None, None, None]
    report = runner.invoke(app, ["--root", str(shipped_network), "--lang", "en", "report",
                                 "semester", PERIOD, "--format", "md"])
    assert "Case figures are not published: some case records have errors" in report.stdout
    for refusing in (["audit"], ["case", "publish", PERIOD]):
        refused = runner.invoke(app, ["--root", str(shipped_network), "--lang", "en",
                                      *refusing])
        assert refused.exit_code == 1, refused.output
    case.with_name("copy.yaml").unlink(missing_ok=True)
    case.write_text(original, encoding="utf-8")
    code, after = _indicators(runner, shipped_network, "--suppress")
    assert code == 0
    assert json.loads(after) == json.loads(before)
    assert None not in _shared_cases(json.loads(after))


def test_the_record_stays_readable_and_the_audit_refuses(
        runner: CliRunner, shipped_network: Path) -> None:
    case = _record(shipped_network)
    _break(case)
    shown = runner.invoke(app, ["--root", str(shipped_network), "--lang", "en", "case", "show",
                                case.stem])
    assert shown.exit_code in (0, 1), shown.output
    assert case.stem in shown.stdout  # the core team opens it to correct it
    audit = runner.invoke(app, ["--root", str(shipped_network), "--lang", "en", "audit"])
    assert audit.exit_code == 1
    assert "1 case record cannot be read here" in audit.stderr


def _not_published(runner: CliRunner, repo: Path) -> object:
    _code, shared = _indicators(runner, repo, "--suppress")
    return json.loads(shared)["protection"].get("not_published")


def test_however_the_case_store_is_written_a_broken_record_shares_no_figure(
        runner: CliRunner, shipped_network: Path) -> None:
    """``cases_dir: ./data/cases`` named the same store as ``data/cases``, but a broken record's
    label did not start with it: the figures over the others were shared, audited and
    published."""
    network = shipped_network / "data" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8") + "cases_dir: ./data/cases\n",
                       encoding="utf-8")
    case = _record(shipped_network)
    case.write_text(case.read_text(encoding="utf-8").replace("channel: ", "channel: pigeon_"),
                    encoding="utf-8")
    assert _not_published(runner, shipped_network) == "records_with_errors"
    refused = runner.invoke(app, ["--root", str(shipped_network), "--lang", "en", "audit"])
    assert refused.exit_code == 1


def test_a_record_outside_the_store_shares_no_figure(runner: CliRunner,
                                                     shipped_network: Path) -> None:
    """A record left in data/cases while the store is elsewhere is in no figure: none shared."""
    store = shipped_network.parent / "store"
    (shipped_network / "data" / "cases").rename(store)
    network = shipped_network / "data" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8") + "cases_dir: ../store\n",
                       encoding="utf-8")
    assert _not_published(runner, shipped_network) is None
    (shipped_network / "data" / "cases").mkdir()
    stray = sorted(store.glob("*.yaml"))[3]
    stray.rename(shipped_network / "data" / "cases" / stray.name)
    assert _not_published(runner, shipped_network) == "records_with_errors"


def test_a_record_pointing_at_a_deleted_organisation_is_still_counted(
        runner: CliRunner, shipped_network: Path) -> None:
    """The record is right, the directory is not: 28 records left out and every figure
    withheld for one organisation's file deleted asked the core team to edit 28 records."""
    _code, before = _indicators(runner, shipped_network)
    (shipped_network / "data" / "focal_points" / "wfp.yaml").unlink()
    code, after = _indicators(runner, shipped_network)
    assert code == 1
    received = [json.loads(text)["metrics"]["cases_received"]["value"]
                for text in (before, after)]
    assert received[0] == received[1] > 0
    assert _not_published(runner, shipped_network) is None


def test_a_note_refused_by_the_screening_withholds_no_figure(runner: CliRunner,
                                                             shipped_network: Path) -> None:
    """The figures never read the note: a note the screening refuses (by mistake too, « du
    Togo ») leaves its record counted, and every case figure is shared as before."""
    _code, before = _indicators(runner, shipped_network, "--suppress")
    case = _record(shipped_network)
    case.write_text(case.read_text(encoding="utf-8") + 'note: "suivi par Mme Traoré"\n',
                    encoding="utf-8")
    checked = runner.invoke(app, ["--root", str(shipped_network), "--lang", "en", "validate"])
    assert "cases.note-name" in checked.stdout
    code, during = _indicators(runner, shipped_network, "--suppress")
    assert code == 1
    assert json.loads(during) == json.loads(before)


def test_a_case_store_that_cannot_be_read_shares_no_figure(runner: CliRunner,
                                                           shipped_network: Path) -> None:
    """data/cases as a link out of the repository: no record was read, and the figures were
    shared as if the network had no case (« <5 » everywhere)."""
    outside = shipped_network.parent / "outside"
    (shipped_network / "data" / "cases").rename(outside)
    (shipped_network / "data" / "cases").symlink_to(outside, target_is_directory=True)
    assert _not_published(runner, shipped_network) == "records_with_errors"


@pytest.mark.parametrize("how", ["name not UTF-8", "link out of the store",
                                 "folder named after a person", "leftover temporary file"])
def test_a_file_of_the_store_psea_does_not_read_shares_no_figure(
        runner: CliRunner, shipped_network: Path, how: str) -> None:
    """A record psea does not read is in no figure: renamed to a name that is not UTF-8, or
    replaced by a link out of the repository (both a pull request can carry), the other
    records' figures were shared, reported and audited as if it had never been (found by a
    hostile review: 55 complaints published for 2021-S2 instead of 63's rounding)."""
    store = shipped_network / "data" / "cases"
    case = _record(shipped_network)
    if how == "name not UTF-8":
        case.rename(store / (case.stem[:-1].encode() + b"\xff.yaml").decode(
            "utf-8", "surrogateescape"))
    elif how == "link out of the store":
        outside = shipped_network.parent / "elsewhere.yaml"
        case.rename(outside)
        case.symlink_to(outside)
    elif how == "folder named after a person":
        (store / "Mme.Traore").mkdir()
        case.rename(store / "Mme.Traore" / case.name)
    else:
        case.rename(store / ".psea-0123456789ab.tmp")
    assert _not_published(runner, shipped_network) == "records_with_errors"
    report = runner.invoke(app, ["--root", str(shipped_network), "--lang", "en", "report",
                                 "semester", PERIOD, "--format", "md"])
    assert "Case figures are not published: some case records have errors" in report.stdout
    audit = runner.invoke(app, ["--root", str(shipped_network), "--lang", "en", "audit"])
    assert audit.exit_code == 1
    listed = runner.invoke(app, ["--root", str(shipped_network), "--lang", "en", "case",
                                 "list"])
    assert "1 case file has problems and is left out" in listed.stderr


def test_the_file_system_s_lost_and_found_is_no_record(
        runner: CliRunner, shipped_network: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store at the root of an encrypted disk holds lost+found, readable by root alone: the
    figures were withheld (« case records with errors ») and validate failed for a folder no
    member could open. Any other folder psea may not open still stops them."""
    import errno
    import os

    real = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("lost+found"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    store = shipped_network / "data" / "cases"
    (store / "lost+found").mkdir()
    assert _not_published(runner, shipped_network) is None
    (store / "old" / "lost+found").mkdir(parents=True)
    assert _not_published(runner, shipped_network) == "records_with_errors"
