"""The free text of progress files is screened like a case note, and no report is made from
data whose printed text identifies a person or names a case."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app

PROGRESS = "data/plan/test-plan/progress/2020-S2.yaml"
SECRET = "Aminata"


def _write(repo: Path, extra: str) -> None:
    path = repo / PROGRESS
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


@pytest.mark.parametrize(("extra", "line", "rule"), [
    ('narrative:\n  highlights_en:\n    - "Case 07Z8DKN1 closed"\n', 17, "a case id"),
    ('narrative:\n  challenges:\n    - "suivi de Mme Aminata Traoré"\n', 17,
     "a person's name (after a title"),
    ('narrative:\n  summary_en: "a girl aged 14 was referred"\n', 16, "exact age"),
    ('narrative:\n  priorities:\n    - "ok"\n    - "écrire à aminata@example.org"\n', 18,
     "e-mail"),
    ('narrative:\n  decisions_en:\n    - "call 76 12 34 56"\n', 17, "phone number"),
])
def test_each_narrative_text_is_screened_at_its_line(valid_repo: Path, runner: CliRunner,
                                                     extra: str, line: int, rule: str) -> None:
    _write(valid_repo, extra)
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "--no-cache", "validate"])
    assert result.exit_code == 1
    assert f"2020-S2.yaml:{line}:" in result.output
    assert "progress.identifying-text" in result.output
    assert rule in result.output
    assert SECRET not in result.output
    assert "07Z8DKN1" not in result.output


def test_an_activity_note_and_an_indicator_source_are_screened(valid_repo: Path,
                                                               runner: CliRunner) -> None:
    path = valid_repo / PROGRESS
    text = path.read_text(encoding="utf-8")
    text = text.replace("note: Ligne verte opérationnelle",
                        'note_en: "survivor Mme Aminata Traore, call 76 12 34 56"')
    text = text.replace("source: Compte rendu de l'EHP", "source: fille de 14 ans")
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "--no-cache", "validate"])
    assert result.exit_code == 1
    assert result.output.count("progress.identifying-text") == 3
    assert "2020-S2.yaml:5:" in result.output
    assert "2020-S2.yaml:14:" in result.output
    assert SECRET not in result.output


def test_ordinary_progress_text_passes(valid_repo: Path, runner: CliRunner) -> None:
    _write(valid_repo, 'narrative:\n  summary: "Programme de 3 ans ; 12 survivantes de moins de '
                       '18 ans orientées en 2020-S2, 5 000 FCFA de transport."\n')
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "--no-cache", "validate"])
    assert result.exit_code == 0, result.output


def test_no_report_is_made_from_identifying_text(valid_repo: Path, runner: CliRunner) -> None:
    """A report is made despite other errors, never with a text that identifies someone."""
    _write(valid_repo, 'narrative:\n  highlights:\n    - "Mme Aminata Traoré, 14 ans"\n')
    target = valid_repo / "report.md"
    for extra in ([], ["--format", "html"]):
        result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "report", "semester",
                                     "2020-S2", "-o", str(target), *extra])
        assert result.exit_code == 1
        assert "no report was made" in result.output
        assert SECRET not in result.output
        assert not target.exists()


def test_the_case_id_alphabet_is_the_one_of_case_ids() -> None:
    from psea_cli.cases import ids, privacy

    assert privacy.CASE_ID_ALPHABET == ids.ALPHABET
    for _ in range(200):
        case_id = ids.new_id()
        has_letter = any(c.isalpha() for c in case_id)
        assert privacy.names_a_case(f"cas {case_id} clos") == has_letter
    for word in ("DEMANDES", "COVID-19", "2021-S1", "ML010101", "HCT", "12345678"):
        assert not privacy.names_a_case(word)


@pytest.mark.parametrize(("text", "named"), [
    ("cas 07Z8DKN1", True), ("Case 07Z8DKN1 closed", True), ("case #07Z8DKN1", True),
    ("dossier n° 07Z8DKN1", True), ("Dossier N°07Z8DKN1", True), ("plainte 7KQ2M9AB reçue", True),
    ("réf. 7KQ2M9AB", True), ("ref: 7KQ2M9AB", True), ("complaint 7KQ2M9AB", True),
    ("incident 7KQ2M9AB", True), ("case id: 7KQ2M9AB", True), ("n° 7KQ2M9AB", True),
    ("cas KQMNPRST", True),  # one id in twenty has no digit
    # an id standing alone is a campaign, a fund or a p-code
    ("CERF2024", False), ("PSEA2024", False), ("#PSEA2025", False), ("SHF2024B", False),
    ("HRP2024A", False), ("2024DG15", False), ("NG008016", False), ("CD710102", False),
    ("Campagne PSEA2021", False), ("fonds CERF2024", False), ("LGA NG008016", False),
    ("cas de VBG", False), ("no PSEA2021 funding", False), ("cas 12345678", False),
])
def test_a_case_id_is_one_after_a_word_that_names_a_case(text: str, named: bool) -> None:
    from psea_cli.cases import privacy

    assert privacy.names_a_case(text) == named


def test_campaigns_funds_and_pcodes_pass_in_a_progress_file(valid_repo: Path,
                                                            runner: CliRunner) -> None:
    _write(valid_repo, 'narrative:\n  summary: "Campagne PSEA2021 (#PSEA2025) financée par CERF2024, '
                       'SHF2024B et HRP2024A ; LGA NG008016, CD710102, lot 2024DG15."\n')
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "--no-cache", "validate"])
    assert result.exit_code == 0, result.output


def test_a_long_line_of_case_words_is_screened_at_once() -> None:
    import time

    from psea_cli.cases import privacy

    start = time.perf_counter()
    for unit in ("cas ", "n° ", "case id ", "dossier n° # "):
        assert not privacy.names_a_case(unit * 20_000)
    assert time.perf_counter() - start < 20  # linear: 1–5 s on a loaded 2-core machine


def test_a_reviewers_ordinary_progress_texts_pass(valid_repo: Path, runner: CliRunner) -> None:
    """What this day's rules refused in a real network's narrative: a network's birth year and
    age, a strategy's years, age groups and thresholds, its own Facebook page, a post."""
    _write(valid_repo, 'narrative:\n'
                       '  summary: "Le réseau, né en 2019, regroupe 40 organisations ; le réseau fête '
                       'ses 5 ans. Stratégie 2023–2025 (3 ans). L\'enquête a duré 2 ans."\n'
                       '  highlights:\n'
                       '    - "Session pour les jeunes de 18 ans ; adolescentes (13 ans) ; dès 15 ans"\n'
                       '    - "Les élèves de 12 ans et moins ; âge minimum 18 ans ; Age moyen: 25 ans"\n'
                       '    - "Date de naissance du réseau : 2019 ; le DOB a validé le plan"\n'
                       '    - "Page facebook.com/PSEANetworkMali, x.com/ONU_Mali/status/1790123456789012"\n'
                       '  highlights_en:\n'
                       '    - "Children aged 5 and under; minimum age: 18 years; average age 25"\n'
                       '    - "The programme is 5 years old, born in 2019; youtube.com/watch?v=abc"\n')
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "--no-cache", "validate"])
    assert result.exit_code == 0, result.output


def test_a_persons_age_in_a_progress_text_is_still_refused(valid_repo: Path,
                                                           runner: CliRunner) -> None:
    _write(valid_repo, 'narrative:\n  summary_en: "the survivor is 17 years old, born on 12 March 2008"\n')
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "--no-cache", "validate"])
    assert result.exit_code == 1
    assert "exact age" in result.output
