"""Shared case figures of a period with no complete quarter are *not published*, and say so.

Shared figures add up whole calendar quarters (docs/disclosure.md): a span such as
``2020-11..2021-02`` holds none, nor does a quarter that has not ended on the day the figures
are read. Its case figures are then not published at all; ``<5`` would read as "0 to 4 cases"
for a span that holds twenty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from helpers import FIXTURE
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cli import app

SPAN = "2020-11..2021-02"
WORDS = {"en": "not published: no complete quarter",
         "fr": "non publié : aucun trimestre complet"}


def indicators(runner: CliRunner, root: Path, lang: str, *args: str) -> str:
    result = runner.invoke(app, ["--root", str(root), "--lang", lang, "indicators", SPAN,
                                 "--suppress", "--as-of", "2022-01-15", *args],
                           env={"COLUMNS": "150"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_span_holds_complaints_that_shared_figures_cannot_publish(
        runner: CliRunner, shipped_network: Path) -> None:
    """The core team's view counts the span's complaints: the shared one has no quarter."""
    result = runner.invoke(app, ["--root", str(shipped_network), "indicators", SPAN,
                                 "--as-of", "2022-01-15", "--format", "json"])
    assert json.loads(result.stdout)["metrics"]["cases_received"]["value"] >= 5


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_table_says_not_published_never_fewer_than_five(
        runner: CliRunner, shipped_network: Path, lang: str) -> None:
    out = indicators(runner, shipped_network, lang)
    assert "<5" not in out
    assert WORDS[lang] in out  # in the table of metrics, whose values never wrap
    footnote = {"en": "Case figures: not published, no quarter of the period was complete on "
                      "31 December 2021",
                "fr": "Chiffres des cas : non publiés, aucun trimestre de la période n'était "
                      "complet le 31 décembre 2021"}[lang]
    assert footnote in " ".join(out.split())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_json_gives_no_figure_and_says_why(runner: CliRunner, shipped_network: Path,
                                           lang: str) -> None:
    text = indicators(runner, shipped_network, lang, "--format", "json")
    assert "<5" not in text
    document = json.loads(text)
    received = document["metrics"]["cases_received"]
    assert received["value"] is None
    assert received["not_published"] == "no_complete_quarter"
    assert received["breakdowns"] == {}
    assert received["details"] == {}
    assert document["protection"]["not_published"] == "no_complete_quarter"
    by_id = {i["id"]: i for i in document["indicators"]}
    for ident in ("1.1-e1", "1.1-e2"):
        assert by_id[ident]["value"] is None
        assert by_id[ident]["numerator"] is None
        assert by_id[ident]["denominator"] is None
        assert by_id[ident]["status"] == "no_data"
        assert by_id[ident]["not_published"] == "no_complete_quarter"
    assert "not_published" not in by_id["1.1-a"]  # a figure recorded by hand is shown


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_csv_says_not_published_in_the_value_cell(runner: CliRunner, shipped_network: Path,
                                                  lang: str) -> None:
    result = runner.invoke(app, ["--root", str(shipped_network), "--lang", lang, "indicators",
                                 SPAN, "--suppress", "--as-of", "2022-01-15", "--format", "csv"])
    text = result.stdout_bytes.decode("utf-8-sig")
    assert "<5" not in text
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["1.1-e1"]["value"] == WORDS[lang]
    assert rows["1.1-e2"]["value"] == WORDS[lang]
    assert (rows["1.1-e2"]["numerator"], rows["1.1-e2"]["status"]) == ("", "no_data")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("output_format", ["md", "html"])
def test_a_report_of_a_quarter_not_over_publishes_no_case_figure(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str,
        output_format: str) -> None:
    """On 20 December 2020, 2020-Q4 has not ended: its report shows no case count at all."""
    import shutil

    network = tmp_path / "network"
    shutil.copytree(FIXTURE, network)
    monkeypatch.setattr(clock, "today", lambda: dt.date(2020, 12, 20))
    written = tmp_path / f"report.{output_format}"
    result = runner.invoke(app, ["--root", str(network), "--no-cache", "report", "quarter",
                                 "2020-Q4", "--lang", lang, "--output", str(written)])
    assert written.exists(), result.output
    text = written.read_text(encoding="utf-8").replace("\u00a0", " ").replace("\u202f", " ")
    rule = text.replace("“<5”", "").replace("« <5 »", "")  # the annex says how <5 reads
    assert "&lt;5" not in rule
    assert "<5" not in rule
    assert WORDS[lang].capitalize() in text
