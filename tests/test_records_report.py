"""The records part of the semester report: people reached by audience, sex and age, counted
once; open action points; mechanisms per region; agency standards; the demonstration notice;
and no section at all for a network without records."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import FIXTURE
from typer.testing import CliRunner

from psea_cli.cli import app

SESSION = """\
id: {id}
synthetic: true
kind: awareness
start: 2020-09-02
region: ML05
organisers: [{org}]
audience: staff
participants: {{women: 12, men: 9, girls: 0, boys: 0}}
materials: {{leaflets: 40}}
note: Session en bambara
"""
MEETING = """\
id: 2020-10-05-network
date: 2020-10-05
kind: network
organisations: [unfpa, save]
minutes: Compte rendu n° 3
action_points:
  - text: Transmettre le rapport à l'EHP
    owner: save
    due: 2020-11-15
  - text: Mettre à jour l'annuaire
    owner: unfpa
    due: 2020-10-30
    status: done
    closed: 2020-10-28
"""
MECHANISM = """\
id: ml05-comite
name: Comité communautaire de Sévaré
kind: community_committee
region: ML05
host: save
set_up: 2020-03-01
checks:
  - date: 2020-11-20
    functional: true
"""
ASSESSMENT = """\
id: amal-2020
organisation: amal
framework: un_ip_protocol
date: 2020-08-10
ratings: {policy: met, management: met, human_resources: met, training: met, reporting: met,
          assistance: met, investigations: met, corrective_action: met}
overall: full
next_review: 2021-08-10
"""


@pytest.fixture
def network(tmp_path: Path) -> Path:
    target = tmp_path / "network"
    shutil.copytree(FIXTURE, target)
    data = target / "data"
    for folder, name, text in (
            ("sessions", "2020-09-02-staff-save", SESSION.format(id="2020-09-02-staff-save",
                                                                 org="save")),
            ("sessions", "2020-09-02-staff-unfpa", SESSION.format(id="2020-09-02-staff-unfpa",
                                                                  org="unfpa")),
            ("meetings", "2020-10-05-network", MEETING),
            ("complaint_mechanisms", "ml05-comite", MECHANISM),
            ("agency_assessments", "amal-2020", ASSESSMENT)):
        (data / folder).mkdir(exist_ok=True)
        (data / folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return target


def _report(root: Path, lang: str, output_format: str) -> str:
    result = CliRunner().invoke(app, ["--root", str(root), "--lang", lang, "report", "semester",
                                      "2020-S2", "--format", output_format, "--output", "-"])
    assert result.exit_code in (0, 1), result.output
    return str(result.stdout)


def test_the_report_counts_each_session_once_by_audience_sex_and_age(network: Path) -> None:
    text = _report(network, "en", "md")
    assert "1 training or awareness session in the period, each counted once." in text
    assert "| Humanitarian staff | 1 | 12 | 9 | 0 | 0 | 21 |" in text
    assert "| Leaflets | 40 |" in text
    assert "Session en bambara" not in text  # a note is never printed


def test_open_action_points_mechanisms_and_standards(network: Path) -> None:
    text = _report(network, "en", "md")
    assert "1 meeting in the period, of which 1 network meeting (1 documented by minutes)" in text
    assert "| SCI | 15 November 2020 | Transmettre le rapport à l'EHP | 46 |" in text
    assert "Mettre à jour l'annuaire" not in text  # done before the period ended
    assert "| Mopti | 1 | 1 | 0 |" in text
    assert "| Tombouctou | 0 | 0 | 0 |" in text  # a high-risk zone without any mechanism
    assert "1 of 4 member organisations meet their framework" in text


@pytest.mark.parametrize(("lang", "due", "later"), [
    ("en", "| 1 December 2020 (due for review) |", "| 10 August 2021 |"),
    ("fr", "| 1er décembre 2020 (à revoir) |", "| 10 août 2021 |")])
def test_the_standards_table_marks_the_assessments_due_for_review(
        network: Path, lang: str, due: str, later: str) -> None:
    """The sentence said « 1 due for review » and no row said which: the row whose review
    day has come by the end of the period says it in words (printed in black and white)."""
    (network / "data" / "agency_assessments" / "save-2019.yaml").write_text(
        ASSESSMENT.replace("amal", "save").replace("2020-08-10", "2019-12-01")
        .replace("2021-08-10", "2020-12-01"), encoding="utf-8")
    text = _report(network, lang, "md").replace("\u00a0", " ").replace("\u202f", " ")
    rows = [line for line in text.splitlines()
            if line.startswith(("| AMAL |", "| SCI |")) and "capacit" in line]
    assert len(rows) == 2, rows
    assert rows[1].endswith(due), rows  # SCI, after AMAL
    assert rows[0].endswith(later), rows
    assert {"en": "1 due for review.", "fr": "à revoir : 1."}[lang] in text


@pytest.mark.parametrize(("lang", "notice"), [
    ("en", "2 prevention records (sessions, meetings, complaint mechanisms, assessments) are "
           "synthetic."),
    ("fr", "2 enregistrements de prévention (sessions, réunions, mécanismes de plaintes, "
           "évaluations) sont synthétiques.")])
def test_the_demonstration_notice_counts_synthetic_records(
        network: Path, lang: str, notice: str) -> None:
    assert notice in _report(network, lang, "md")
    assert notice.replace("'", "&#39;") in _report(network, lang, "html")


def test_no_records_no_section() -> None:
    text = _report(FIXTURE, "en", "md")
    assert "Prevention: people reached" not in text
    assert "prevention record" not in text


@pytest.mark.parametrize(("lang", "counts", "expected"), [
    ("fr", (1, 1, 0, 1), "1 réunion dans la période, dont 1 réunion du réseau (0 documentée "
                         "par un compte rendu) ; 1 décision enregistrée."),
    ("fr", (3, 2, 2, 5), "3 réunions dans la période, dont 2 réunions du réseau (2 documentées "
                         "par un compte rendu) ; 5 décisions enregistrées."),
    ("en", (1, 1, 0, 1), "1 meeting in the period, of which 1 network meeting (0 documented by "
                         "minutes); 1 decision recorded."),
])
def test_the_meetings_sentence_agrees_each_number_with_its_noun(
        lang: str, counts: tuple[int, int, int, int], expected: str) -> None:
    """« 1 réunions dans la période, dont 1 réunions du réseau » was printed in a fresh
    network's report: each count now has its own plural."""
    from psea_cli.i18n import set_language
    from psea_cli.report.records_section import _meetings_sentence

    set_language(lang)
    try:
        assert _meetings_sentence(*counts) == expected
    finally:
        set_language("en")
