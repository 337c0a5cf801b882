"""``psea report semester PERIOD --draft``: a skeleton of the network's words in the period's
progress file, never overwriting what the network already wrote."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURE
from typer.testing import CliRunner

from psea_cli.cli import app

PROGRESS = Path("data/plan/psea-2020/progress")


@pytest.fixture
def network(tmp_path: Path) -> Path:
    target = tmp_path / "network"
    shutil.copytree(FIXTURE, target)
    return target


def _run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["--root", str(root), "report", "semester", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_draft_adds_every_part_with_the_key_figures_in_both_languages(network: Path) -> None:
    """The key figures but the case figures: written into a committed file, a case figure
    would stay while later reports round the period's cases afresh (a case entered late), and
    one report would then print both figures of a quarter."""
    out = _run(network, "2020-S2", "--draft", "--lang", "fr")
    assert "2020-S2.yaml" in out
    record = yaml.safe_load((network / PROGRESS / "2020-S2.yaml").read_text("utf-8"))
    narrative = record["narrative"]
    assert "activités ponctuelles réalisées" in narrative["summary"]
    assert "one-off activities done" in narrative["summary_en"]
    assert "plaintes reçues" not in narrative["summary"]
    for words in ("complaints received", "complaints acknowledged", "referred to assistance"):
        assert words not in narrative["summary_en"]
    assert narrative["decisions"] == []
    assert narrative["priorities_en"] == []
    assert record["activities"]["1.1.1"]["status"] == "in_progress"  # the rest is untouched
    report = _run(network, "2020-S2", "--lang", "fr")
    assert "Laissé vide par le réseau." in report
    result = CliRunner().invoke(app, ["--root", str(network), "validate"])
    assert result.exit_code == 0, result.output


def test_draft_never_overwrites_text_and_keeps_comments(network: Path) -> None:
    path = network / PROGRESS / "2020-S2.yaml"
    original = path.read_text("utf-8")
    written = original.replace("period: 2020-S2\n", "period: 2020-S2\n"
                               "narrative:\n  # our own words\n  summary: Notre synthèse.\n"
                               "  decisions:\n    - Décider vite.\n", 1)
    path.write_text(written, encoding="utf-8")
    _run(network, "2020-S2", "--draft")
    text = path.read_text("utf-8")
    assert "# our own words" in text
    record = yaml.safe_load(text)
    assert record["narrative"]["summary"] == "Notre synthèse."
    assert record["narrative"]["decisions"] == ["Décider vite."]
    assert "summary_en" in record["narrative"]
    before = path.read_bytes()
    out = _run(network, "2020-S2", "--draft", "--lang", "en")
    assert "nothing changed" in out
    assert path.read_bytes() == before


def test_draft_creates_the_progress_file_of_a_period_without_one(network: Path) -> None:
    path = network / PROGRESS / "2021-S1.yaml"
    assert not path.exists()
    _run(network, "2021-S1", "--draft")
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert yaml.safe_load(text)["period"] == "2021-S1"
    result = CliRunner().invoke(app, ["--root", str(network), "validate"])
    assert result.exit_code == 0, result.output


def test_the_first_draft_of_a_plan_creates_its_progress_folder(network: Path) -> None:
    """A plan made by ``psea init`` has no ``progress/`` folder yet: the draft creates it."""
    shutil.rmtree(network / PROGRESS)
    out = _run(network, "2020-S2", "--draft", "--lang", "fr")
    assert "2020-S2.yaml" in out
    assert (network / PROGRESS / "2020-S2.yaml").is_file()


def test_a_folder_that_cannot_be_written_is_explained_in_french(network: Path) -> None:
    shutil.rmtree(network / PROGRESS)
    (network / PROGRESS).write_text("not a folder\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--root", str(network), "--lang", "fr", "report",
                                      "semester", "2020-S2", "--draft"])
    assert result.exit_code == 2
    assert "un élément du chemin n'est pas un dossier" in result.stderr
    assert "Not a directory" not in result.stderr


def test_the_french_draft_separates_the_key_figures_the_french_way(network: Path) -> None:
    """« …décidée par le réseau); 8/21 activités… »: the French summary separates its figures
    with « ; » after a space, which the French report makes a narrow no-break space as
    everywhere else; the English one with "; "."""
    _run(network, "2020-S2", "--draft", "--lang", "fr")
    record = yaml.safe_load((network / PROGRESS / "2020-S2.yaml").read_text("utf-8"))
    french, english = record["narrative"]["summary"], record["narrative"]["summary_en"]
    figures = french.split("Chiffres clés : ", 1)[1]
    assert figures.count(" ; ") >= 2, french
    assert ";" not in figures.replace(" ; ", ""), french
    assert english.count("; ") == figures.count(" ; ")
    assert " ;" not in english
    report = _run(network, "2020-S2", "--lang", "fr", "--format", "html", "--output", "-")
    said = " ; ".join(figures.split(" ; ")[:2]).replace(" ; ", "\u202f; ")
    assert said.replace("'", "&#39;") in report.replace("\u00a0", " ")
