"""The case store never loses data: atomic creation without overwriting, round-trip updates that
keep comments, failed updates that leave the file byte for byte, concurrent adds."""

from __future__ import annotations

import datetime as dt
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from psea_cli.cases import editing, store
from psea_cli.problems import PseaError
from psea_cli.validation import load_dataset

CASE = "data/cases/7KQ2M9AB.yaml"
COMMENTED = """\
# Reçu par la ligne verte ; suivi par le core team.
id: 7KQ2M9AB
received: 2020-07-15   # jour de l'appel
channel: hotline
region: ML05
incident_month: 2020-06
allegation: sexual_exploitation
survivor:
  sex: female
  age_group: child
consent:
  assistance: "yes"
  investigation: 'yes'
  reporting: "yes"
events:
  # étapes des SOP
  - kind: acknowledged
    date: 2020-07-16
note: Orientation en cours.
"""


def fields(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "received": dt.date(2021, 3, 1), "channel": "cbcm", "region": "ML05",
        "allegation": "sexual_abuse", "survivor": {"sex": "female", "age_group": "adult"},
        "consent": {"assistance": "yes", "investigation": "no", "reporting": "yes"}}
    return {**base, **overrides}


def test_create_never_overwrites_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "7KQ2M9AB.yaml"
    target.write_text("original\n")
    assert store.create(target, "new\n", tmp_path) is False
    assert target.read_text() == "original\n"
    assert store.create(tmp_path / "8KQ2M9AB.yaml", "new\n", tmp_path) is True
    assert (tmp_path / "8KQ2M9AB.yaml").read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["7KQ2M9AB.yaml", "8KQ2M9AB.yaml"]


def test_create_without_hard_links_still_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(_source: object, _target: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "7KQ2M9AB.yaml"
    assert store.create(target, "first\n", tmp_path) is True
    assert store.create(target, "second\n", tmp_path) is False
    assert target.read_text() == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["7KQ2M9AB.yaml"]


def test_added_case_is_valid_in_the_pipeline(valid_repo: Path) -> None:
    dataset, _ = load_dataset(valid_repo)
    outcome = editing.add_case(dataset, fields(note="Orientation vers le CSRéf, 5 000 FCFA"))
    assert outcome.written
    assert outcome.findings == []
    dataset, problems = load_dataset(valid_repo)
    assert problems == []
    assert outcome.case_id in {c.value.id for c in dataset.cases}
    text = outcome.path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/case.schema.json\n"
                           f"id: {outcome.case_id}\nreceived: 2021-03-01\nchannel: cbcm\n")
    assert 'assistance: "yes"' in text


def test_add_draws_a_new_id_when_the_file_exists(
    valid_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = iter(["7KQ2M9AB", "8KQ2M9AB", "9KQ2M9AB"])
    monkeypatch.setattr("psea_cli.cases.ids.new_id", lambda: next(drawn))
    (valid_repo / "data/cases/8KQ2M9AB.yaml").write_text("# another branch's case\n")
    before = (valid_repo / CASE).read_bytes()
    dataset, _ = load_dataset(valid_repo)
    outcome = editing.add_case(dataset, fields())
    assert outcome.case_id == "9KQ2M9AB"
    assert (valid_repo / CASE).read_bytes() == before
    assert (valid_repo / "data/cases/8KQ2M9AB.yaml").read_text() == "# another branch's case\n"


def _update(repo: Path, event: dict[str, object]) -> editing.Outcome:
    dataset, _ = load_dataset(repo)
    return editing.append_event(dataset, editing.find_case(dataset, "7KQ2M9AB"), event)


def test_update_keeps_comments_quotes_and_key_order(valid_repo: Path) -> None:
    (valid_repo / CASE).write_text(COMMENTED, encoding="utf-8")
    outcome = _update(valid_repo, {"kind": "assistance_referred", "date": dt.date(2020, 7, 17),
                                   "service": "medical", "service_id": "mopti-medical"})
    assert outcome.written
    after = (valid_repo / CASE).read_text(encoding="utf-8")
    added = ("  - kind: assistance_referred\n    date: 2020-07-17\n    service: medical\n"
             "    service_id: mopti-medical\n")
    assert after == COMMENTED.replace("note: Orientation", added + "note: Orientation")


def test_failed_update_leaves_the_file_byte_for_byte(valid_repo: Path) -> None:
    (valid_repo / CASE).write_text(COMMENTED, encoding="utf-8")
    before = (valid_repo / CASE).read_bytes()
    stat = (valid_repo / CASE).stat()
    outcome = _update(valid_repo, {"kind": "feedback_given", "date": dt.date(2020, 7, 1)})
    assert not outcome.written
    assert [f.code for f in outcome.errors] == ["cases.event-before-reception"]
    assert (valid_repo / CASE).read_bytes() == before
    assert (valid_repo / CASE).stat().st_mtime_ns == stat.st_mtime_ns
    assert sorted(p.name for p in (valid_repo / "data/cases").iterdir()) == ["7KQ2M9AB.yaml"]


def test_update_is_refused_when_the_file_changed_meanwhile(valid_repo: Path) -> None:
    path = valid_repo / CASE
    original = path.read_bytes()
    path.write_text(COMMENTED, encoding="utf-8")
    with pytest.raises(PseaError, match="changed"):
        store.replace(path, original, "id: 7KQ2M9AB\n", valid_repo)
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_consent_and_events_are_inserted_where_the_schema_puts_them(valid_repo: Path) -> None:
    (valid_repo / CASE).write_text(
        "id: 7KQ2M9AB\nreceived: 2020-07-15\nchannel: hotline\nregion: ML05\n"
        "allegation: sexual_abuse\nsurvivor:\n  sex: male\n  age_group: adult\n"
        "note: Suivi en cours.\n", encoding="utf-8")
    dataset, _ = load_dataset(valid_repo)
    found = editing.find_case(dataset, "7KQ2M9AB")
    assert editing.set_consent(dataset, found, {"assistance": "yes"}).written
    assert _update(valid_repo, {"kind": "acknowledged", "date": dt.date(2020, 7, 16)}).written
    assert (valid_repo / CASE).read_text(encoding="utf-8").endswith(
        'consent:\n  assistance: "yes"\nevents:\n  - kind: acknowledged\n    date: 2020-07-16\n'
        "note: Suivi en cours.\n")


def test_a_store_configured_elsewhere_must_exist(valid_repo: Path) -> None:
    network = valid_repo / "data/network.yaml"
    network.write_text(network.read_text() + "cases_dir: ../private-cases\n")
    dataset, _ = load_dataset(valid_repo)
    with pytest.raises(PseaError, match="does not exist"):
        editing.add_case(dataset, fields())
    assert not (valid_repo.parent / "private-cases").exists()


ADD = ["case", "add", "--received", "2021-03-01", "--channel", "hotline", "--region", "Mopti",
       "--sex", "female", "--age-group", "adult", "--allegation", "sexual_exploitation"]


@pytest.mark.slow
def test_twenty_parallel_adds_give_twenty_distinct_valid_files(valid_repo: Path) -> None:
    environment = {**os.environ, "PSEA_LANG": "en"}
    processes = [subprocess.Popen([sys.executable, "-m", "psea_cli", "--root", str(valid_repo),
                                   *ADD], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL, env=environment)
                 for _ in range(20)]
    results = [(p.wait(timeout=120), p.stdout.read().decode().splitlines(),  # type: ignore[union-attr]
                p.stderr.read().decode()) for p in processes]  # type: ignore[union-attr]
    assert [code for code, _out, _err in results] == [0] * 20, [e for _c, _o, e in results]
    new_ids = {out[-1] for _code, out, _err in results}
    assert len(new_ids) == 20
    files = {p.stem for p in (valid_repo / "data/cases").iterdir()}
    assert files == new_ids | {"7KQ2M9AB"}
    dataset, problems = load_dataset(valid_repo)
    assert problems == []
    assert len(dataset.cases) == 21


def test_an_update_of_a_file_with_a_yaml_tag_is_refused_as_validate_would(
    valid_repo: Path
) -> None:
    path = valid_repo / CASE
    path.write_text(path.read_text().replace("channel: hotline", "channel: !local hotline"),
                    encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(PseaError) as refused:  # before ruamel.yaml reads it
        _update(valid_repo, {"kind": "feedback_given", "date": dt.date(2020, 8, 1)})
    assert [(p.code, p.line) for p in refused.value.problems] == [("yaml.forbidden-tag", 3)]
    assert refused.value.exit_code == 1
    assert path.read_bytes() == before


def test_a_disk_error_is_a_message_and_leaves_nothing_behind(
    valid_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_disk(_fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    dataset, _ = load_dataset(valid_repo)
    monkeypatch.setattr(os, "fsync", failing_disk)
    with pytest.raises(PseaError, match="could not be written"):
        editing.add_case(dataset, fields())
    assert [p.name for p in (valid_repo / "data/cases").iterdir()] == ["7KQ2M9AB.yaml"]


def test_a_case_changed_by_someone_else_meanwhile_is_kept_and_the_update_fails_with_1(
        tmp_path: Path) -> None:
    """Two updates of one case at once (two operators, two terminals): the later one finds the
    file changed since it read it, writes nothing and exits 1 (what happened to the data, not
    a mistake in the command line)."""
    path = tmp_path / "ABCD2345.yaml"
    path.write_text("id: ABCD2345\n", encoding="utf-8")
    original = path.read_bytes()
    path.write_text("id: ABCD2345\nnote: the other update\n", encoding="utf-8")
    with pytest.raises(PseaError) as raised:
        store.replace(path, original, "id: ABCD2345\nnote: this update\n", tmp_path)
    assert raised.value.exit_code == 1
    assert path.read_text(encoding="utf-8") == "id: ABCD2345\nnote: the other update\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ABCD2345.yaml"]
