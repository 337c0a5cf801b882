"""The human tables in the terminals people have (100 and 80 columns), on the shipped data, in
French: a phone is never split over two lines, an indicator's text is readable (a block per
indicator under 120 columns, not one word per line), and regions and vocabulary appear as
words, never as codes (the JSON and CSV exports keep the codes)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.validation import load_dataset

REPO = Path(__file__).parent.parent
CODES = re.compile(r"\bML\d\d\b|\b(?:female|male|unknown)/(?:child|adult|unknown)\b|"
                   r"\bsafety_shelter\b|\bcases_received\b|\bsexual_exploitation\b")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(REPO / "data", root / "data")
    return root


def _run(runner: CliRunner, root: Path, columns: int, *args: str) -> str:
    result = runner.invoke(app, ["--root", str(root), "--lang", "fr", *args],
                           env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("columns", [100, 80])
@pytest.mark.parametrize("command", [["services", "--all"], ["directory"]])
def test_phones_are_never_split(runner: CliRunner, shipped: Path, columns: int,
                                command: list[str]) -> None:
    out = _run(runner, shipped, columns, *command)
    table = [line for line in out.splitlines() if line[:1] in "┏┃┡│├└"]
    assert table
    assert all(len(line) <= columns and line.rstrip()[-1] in "┓┃┩│┤┘" for line in table)
    dataset, _problems = load_dataset(shipped, use_cache=False)
    numbers = {fp.phone for org in dataset.organisations for fp in org.value.focal_points
               if fp.phone} if command == ["directory"] else {
        s.value.phone for s in dataset.services if s.value.phone}
    assert numbers
    shown = set(re.findall(r"\+223 \d\d \d\d \d\d \d\d", out))
    assert {"+223 " + re.sub(r"\D", "", n)[-8:-6] + " " + re.sub(r"\D", "", n)[-6:-4] + " "
            + re.sub(r"\D", "", n)[-4:-2] + " " + re.sub(r"\D", "", n)[-2:]
            for n in numbers} <= shown
    assert not re.search(r"\+223(?: \d\d){0,3} *│\s*$", out, re.MULTILINE)
    assert not CODES.search(out)


@pytest.mark.parametrize("columns", [100, 80])
def test_indicators_read_as_blocks_with_words_in_a_narrow_terminal(
        runner: CliRunner, shipped: Path, columns: int) -> None:
    out = _run(runner, shipped, columns, "indicators", "2020-S2", "--as-of", "2021-01-15")
    lines = out.splitlines()
    assert all(len(line) <= columns for line in lines)
    assert not CODES.search(out), CODES.search(out)
    # each indicator's first line carries its id and, for a long text, nearly a full line of it
    starts = [line.rstrip() for line in lines if re.match(r"\d\.\d-[a-z]\d? ", line)]
    assert len(starts) >= 40
    assert sum(len(line) > columns - 15 for line in starts) >= 20
    # 1.1-e2's whole text, then its figures, in a few lines instead of one word per line
    block = lines[next(i for i, line in enumerate(lines) if line.startswith("1.1-e2")):][:6]
    text = " ".join(part.strip() for part in block)
    assert "pourcentage de ces plaintes auxquelles une réponse a été apportées" in text
    assert re.search(r"cible 100\s%", text)
    assert "Plaintes d'EAS reçues par région : Kayes" in out
    assert "filles" in out
    # the services 2.1-b finds missing are named in French, the plan's "social" included
    assert "Soutien social" in out or "par service manquant" not in out
    assert not re.search(r"[:,] (social|medical|legal)\b", out)
    # the seven-column table took 748 lines at 100 columns and 1,045 at 80 (14 and 20 a block)
    assert len(lines) < 9 * len(starts)


def test_indicators_keep_the_table_in_a_wide_terminal(runner: CliRunner, shipped: Path) -> None:
    out = _run(runner, shipped, 160, "indicators", "2020-S2", "--as-of", "2021-01-15")
    header = next(line for line in out.splitlines() if "Indicateur" in line and "┃" in line)
    widths = [len(cell) for cell in header.split("┃")[1:-1]]
    assert widths[1] >= 30  # the indicator's text has room
    assert not CODES.search(out)


def test_json_and_csv_keep_the_codes(runner: CliRunner, shipped: Path) -> None:
    for fmt in ("json", "csv"):
        out = _run(runner, shipped, 100, "indicators", "2020-S2", "--as-of", "2021-01-15",
                   "--format", fmt)
        assert "cases_received" in out
    out = _run(runner, shipped, 100, "indicators", "2020-S2", "--as-of", "2021-01-15",
               "--format", "json")
    assert '"ML05"' in out
    assert '"female/child"' in out
