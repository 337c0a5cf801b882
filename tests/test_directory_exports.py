"""Exports of the directory and the service map, read back the way their users' tools read them:
CSV through Python's csv module, XLSX through openpyxl, vCard line by line and through vobject.
Formula-like values (``=HYPERLINK(…)``, ``@SUM(…)``, ``-…``, phones starting with ``+``) must
arrive inert."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.directory.export_vcf import fold
from psea_cli.safe_output import (
    FORMULA_STARTS,
    MACHINE_FORMULA_STARTS,
    neutralise,
    neutralise_for_machines,
)

OVERLAY = Path(__file__).parent / "data" / "directory"
FORMULA = '=HYPERLINK("http://evil.example","clic")'
SIGNED = re.compile(r"[+-][0-9][0-9 .()-]*\Z")  # a phone or a signed number


@pytest.fixture
def repo(valid_repo: Path) -> Path:
    """The valid fixture plus organisations and services with awkward values."""
    shutil.copytree(OVERLAY, valid_repo, dirs_exist_ok=True)
    return valid_repo


def invoke(runner: CliRunner, repo: Path, *args: str) -> bytes:
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def read_csv(raw: bytes, sep: str = ",") -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=sep))


def test_directory_csv_for_french_excel(runner: CliRunner, repo: Path) -> None:
    raw = invoke(runner, repo, "directory", "--format", "csv", "--sep", ";", "--lang", "fr")
    rows = read_csv(raw, ";")
    header = rows[0]
    assert header[:4] == ["Organisation", "Sigle", "Type", "Nom"]
    by_name = {row[header.index("Nom")]: row for row in rows[1:]}
    gamma = by_name["'" + FORMULA]
    assert gamma[header.index("Nom")] == "'" + FORMULA
    assert gamma[header.index("Fonction")] == "'@SUM(A1:A2)"
    assert gamma[header.index("Téléphone")] == "'+223 20 00 90 12"
    assert gamma[header.index("Régions")] == "Ménaka, Mopti"
    assert gamma[header.index("Dernière vérification")] == "2020-12-01"
    alternate = by_name['Suppléant·e; Ménaka, "nuit"']
    assert alternate[header.index("Nom")] == 'Suppléant·e; Ménaka, "nuit"'  # quoted, not split
    assert alternate[header.index("Fonction")].startswith("'-Responsable")
    assert alternate[header.index("Téléphone")] == "20 00 90 13"
    assert alternate[header.index("Régions")] == "tout le pays"
    # a former member's focal point is no longer listed
    assert not any("Ancien point focal" in row for row in rows)
    assert b"\r\n" in raw


def test_no_cell_of_any_csv_export_can_run_as_a_formula(runner: CliRunner, repo: Path) -> None:
    for args in (["directory", "--format", "csv"], ["services", "--format", "csv", "--all"],
                 ["services", "matrix", "--format", "csv"]):
        for row in read_csv(invoke(runner, repo, *args)):
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (args, cell)


@pytest.mark.parametrize("sep", [",", ";", "tab"])
def test_no_cell_runs_when_a_spreadsheet_splits_on_another_separator(
        runner: CliRunner, repo: Path, sep: str) -> None:
    """French Excel splits a double-clicked CSV on ``;``; LibreOffice may split on several
    separators: a name ``x;=cmd|…;y`` in a ``,`` file (or ``x,=cmd…`` in a ``;`` one) was
    written bare, and the part after the separator became a cell a spreadsheet runs."""
    gamma = repo / "data" / "focal_points" / "gamma.yaml"
    text = gamma.read_text(encoding="utf-8")
    gamma.write_text(text.replace("name: Point focal Tombouctou (exemple)",
                                  "name: \"x;=cmd|' /C calc'!A0;y,=1+1 z|=2\""), encoding="utf-8")
    raw = invoke(runner, repo, "directory", "--format", "csv", "--sep", sep)
    for split in (",", ";", "\t", "|"):
        for row in read_csv(raw, split):
            for cell in row:
                assert not cell.lstrip().startswith(FORMULA_STARTS), (split, cell)


def test_hxl_keeps_phones_and_neutralises_only_dangerous_cells(runner: CliRunner,
                                                               repo: Path) -> None:
    for args in (["directory", "--format", "hxl"], ["services", "--format", "hxl", "--all"]):
        rows = read_csv(invoke(runner, repo, *args))
        phone = rows[1].index("#contact+phone")
        phones = [row[phone] for row in rows[2:] if row[phone]]
        assert phones
        assert all(p[0] in "+0123456789" for p in phones), phones
        for row in rows:
            for cell in row:
                assert not cell.startswith(MACHINE_FORMULA_STARTS), (args, cell)
                assert not (cell.startswith(("+", "-")) and not SIGNED.match(cell)), (args, cell)


@pytest.mark.skipif(importlib.util.find_spec("hxl") is None,
                    reason="libhxl not installed (pip install '.[test]')")
def test_hxl_read_back_by_libhxl(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    """libhxl, the HXL library behind HDX's tools, reads the phones as the directory holds
    them (no apostrophe), and the dangerous free text still inert."""
    import hxl

    path = tmp_path / "directory.csv"
    path.write_bytes(invoke(runner, repo, "directory", "--format", "hxl"))
    rows = list(hxl.data(str(path), hxl.InputOptions(allow_local=True)))
    by_name = {row.get("#contact+name"): row for row in rows}
    gamma = by_name["'" + FORMULA]
    assert gamma.get("#contact+phone") == "+223 20 00 90 12"
    assert gamma.get("#contact+title") == "'@SUM(A1:A2)"
    alternate = by_name['Suppléant·e; Ménaka, "nuit"']
    assert alternate.get("#contact+phone") == "20 00 90 13"
    assert alternate.get("#contact+title").startswith("'-Responsable")
    assert {row.get("#org+name") for row in rows} >= {"ONG Gamma"}
    services = tmp_path / "services.csv"
    services.write_bytes(invoke(runner, repo, "services", "--format", "hxl", "--all"))
    service_phones = [row.get("#contact+phone") for row in
                      hxl.data(str(services), hxl.InputOptions(allow_local=True))]
    assert "+223 20 00 00 02" in service_phones
    assert not any(p and p.startswith("'") for p in service_phones)


def test_hxl_has_a_hashtag_row_under_the_headers(runner: CliRunner, repo: Path) -> None:
    rows = read_csv(invoke(runner, repo, "directory", "--format", "hxl"))
    tags = rows[1]
    for tag in ("#org+name", "#org+acronym", "#org+type", "#contact+name", "#contact+email",
                "#contact+phone", "#adm1+name", "#date+verified"):
        assert tag in tags
    assert all(tag.startswith("#") for tag in tags)
    assert len(tags) == len(rows[0]) == len(rows[2])
    services = read_csv(invoke(runner, repo, "services", "--format", "hxl"))
    assert {"#service+name", "#service+type", "#adm1+code", "#contact+phone", "#status",
            "#access+hours"} <= set(services[1])


def test_directory_xlsx(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "annuaire.xlsx"
    invoke(runner, repo, "directory", "--format", "xlsx", "--output", str(target), "--lang", "fr")
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Points focaux", "Organisations", "psea"]
    assert workbook["psea"].sheet_state == "hidden"  # how 'psea directory import' knows it
    sheet = workbook["Points focaux"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Organisation", "Sigle", "Type", "Nom"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width > len("Organisation")
    rows = {row[3].value: row for row in sheet.iter_rows(min_row=2)}
    formula = rows[FORMULA]
    name = formula[3]
    assert name.data_type == "s"  # text, not a formula
    assert name.quotePrefix  # Excel keeps it text even when the cell is edited
    phone = formula[header.index("Téléphone")]
    assert (phone.value, phone.data_type, phone.quotePrefix) == ("+223 20 00 90 12", "s", True)
    verified = formula[header.index("Dernière vérification")]
    assert verified.is_date
    assert verified.number_format == "yyyy-mm-dd"
    organisations = workbook["Organisations"]
    assert [c.value for c in organisations[1]][:2] == ["Identifiant", "Organisation"]
    assert [r[0].value for r in organisations.iter_rows(min_row=2)] == ["alpha", "beta", "gamma"]
    # no cell anywhere is stored as a formula
    for ws in workbook:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)


def test_services_xlsx_has_the_coverage_sheet(runner: CliRunner, repo: Path,
                                              tmp_path: Path) -> None:
    target = tmp_path / "services.xlsx"
    invoke(runner, repo, "services", "--format", "xlsx", "-o", str(target))
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["GBV services", "Coverage"]
    coverage = workbook["Coverage"]
    header = [c.value for c in coverage[1]]
    menaka = next(r for r in coverage.iter_rows(min_row=2, values_only=True) if r[0] == "Ménaka")
    assert menaka[header.index("Medical care")] == 1
    assert menaka[header.index("Legal aid")] == 0
    assert menaka[header.index("Gaps")] == "Psychosocial support, Legal aid, Safety and shelter"


def test_xlsx_without_output_goes_to_a_named_file(runner: CliRunner, repo: Path,
                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--root", str(repo), "--lang", "fr", "directory", "--format",
                                 "xlsx"])
    assert result.exit_code == 0
    assert "annuaire-psea.xlsx" in result.stderr
    assert load_workbook(tmp_path / "annuaire-psea.xlsx").sheetnames[0] == "Points focaux"
    assert result.stdout == ""


def test_vcards_for_phones(runner: CliRunner, repo: Path) -> None:
    text = invoke(runner, repo, "directory", "--org", "gamma", "--format", "vcf").decode()
    assert text.count("BEGIN:VCARD") == text.count("END:VCARD") == 3
    assert "\r\n" in text
    unfolded = text.replace("\r\n ", "")
    first, second, example = unfolded.split("END:VCARD")[:3]
    assert "VERSION:3.0" in first
    assert "ORG:ONG Gamma" in first
    assert "TEL;TYPE=WORK,VOICE:+22320009012" in first
    assert "EMAIL;TYPE=INTERNET,WORK:psea@gamma.example.org" in first
    assert "NOTE:PSEA focal point · regions: Ménaka\\, Mopti · languages: French\\, Koyraboro Senni" in first
    assert 'FN:Suppléant·e\\; Ménaka\\, "nuit"' in second
    assert "TEL;TYPE=WORK,VOICE:+22320009013" in second  # a national number, made international
    assert "regions: whole country" in second
    assert "NOTE:EXAMPLE ENTRY\\, fictitious contact. PSEA focal point" in example
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75


def test_vcards_read_back_by_a_real_vcard_parser(runner: CliRunner, repo: Path) -> None:
    """vobject, the parser behind several address-book tools, reads every card back with the
    values of the directory: escaped commas and semicolons, folded UTF-8 lines, phones."""
    import vobject

    text = invoke(runner, repo, "directory", "--format", "vcf").decode()
    cards = list(vobject.readComponents(text, validate=True))
    assert len(cards) == text.count("BEGIN:VCARD") > 3
    by_name = {card.fn.value: card for card in cards}
    alternate = by_name['Suppléant·e; Ménaka, "nuit"']
    assert alternate.org.value == ["ONG Gamma"]
    assert alternate.tel.value == "+22320009013"
    assert alternate.note.value.startswith("PSEA alternate · regions: whole country")
    gamma = by_name[FORMULA]
    assert gamma.email.value == "psea@gamma.example.org"
    assert gamma.note.value == ("PSEA focal point · regions: Ménaka, Mopti · languages: French, "
                                "Koyraboro Senni")


def test_markdown_escapes_pipes_and_sets_formulas_in_code(runner: CliRunner, repo: Path) -> None:
    text = invoke(runner, repo, "directory", "--region", "menaka", "--format", "md").decode()
    assert text.startswith("## PSEA focal points\n\n| Organisation |")
    assert "`=HYPERLINK" in text
    assert "`+223 20 00 90 12`" in text
    table_rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len({line.count(" | ") for line in table_rows[2:]}) == 1


@given(st.text())
def test_neutralised_text_never_starts_like_a_formula(text: str) -> None:
    made_safe = neutralise(text)
    assert not made_safe.startswith(FORMULA_STARTS)
    assert made_safe.endswith(text)


@given(st.text())
def test_text_for_machines_is_inert_unless_a_number_or_a_phone(text: str) -> None:
    made_safe = neutralise_for_machines(text)
    assert made_safe.endswith(text)
    assert not made_safe.startswith(MACHINE_FORMULA_STARTS)
    if made_safe == text and text[:1] in ("+", "-"):
        assert SIGNED.match(text)


@pytest.mark.parametrize(("text", "inert"), [
    ("+223 20 00 00 01", "+223 20 00 00 01"), ("-12.5", "-12.5"), ("(+223) 76", "(+223) 76"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3+cmd|'", "'-2+3+cmd|'"),
    ("=1+1", "'=1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("-Responsable", "'-Responsable"),
])
def test_what_hxl_neutralises(text: str, inert: str) -> None:
    assert neutralise_for_machines(text) == inert


@given(st.text(min_size=1, max_size=400))
def test_folded_lines_fit_and_unfold_to_the_original(text: str) -> None:
    line = "NOTE:" + text.replace("\r", " ").replace("\n", " ")
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(piece.encode("utf-8")) <= 75 for piece in folded.split("\r\n"))


@given(st.text(), st.sampled_from([",", ";", "\t"]))
def test_no_piece_of_a_csv_line_starts_a_formula_however_it_is_split(text: str,
                                                                    delimiter: str) -> None:
    """A cell as the exports write it (``neutralise``, then ``write_rows``), split as a
    spreadsheet may split it: on any separator or line break, quotes read as text (Excel
    with a separator that is not the file's) or not: no piece starts a formula (``=``,
    ``@``, or ``+``/``-`` before anything but a number: a phone stays as written)."""
    from psea_cli.spreadsheet_csv import write_rows

    buffer = io.StringIO()
    write_rows(buffer, [[neutralise(text), "a", 3]], delimiter=delimiter)
    for piece in re.split(r"[,;\t|\r\n]", buffer.getvalue()):
        cell = piece.lstrip(' \t"').rstrip('"')
        runs = cell.startswith(("=", "@")) or (
            cell.startswith(("+", "-")) and not re.fullmatch(r"[+-][0-9][0-9 .()/-]*", cell))
        assert not runs, (text, piece)
    assert next(csv.reader(io.StringIO(buffer.getvalue(), newline=""),
                           delimiter=delimiter))[0].replace("'", "") == text.replace("'", "")


def test_markdown_shows_html_links_and_images_as_text(runner: CliRunner, repo: Path) -> None:
    """A name ``<img src=x onerror=…>``, ``[x](javascript:…)`` or ``![t](http://…)`` shows
    as written where the table is viewed (a wiki, an e-mail): rendered by a real Markdown
    reader (markdown-it, with raw HTML on), it makes no tag, no link and no image."""
    from markdown_it import MarkdownIt

    hostile = ("<img src=x onerror=alert(1)> [x](javascript:alert(1)) "
               "![t](http://evil.example/t.png) <script>alert(2)</script>")
    gamma = repo / "data" / "focal_points" / "gamma.yaml"
    text = gamma.read_text(encoding="utf-8")
    gamma.write_text(text.replace("name: Point focal Tombouctou (exemple)",
                                  f"name: '{hostile}'"), encoding="utf-8")
    for args in (["directory", "--format", "md"], ["directory", "--region", "tombouctou",
                                                   "--format", "md"]):
        page = invoke(runner, repo, *args).decode()
        html = MarkdownIt("commonmark", {"html": True}).enable("table").render(page)
        for made in ("<img", "<a ", "<script", "onerror=alert(1)>"):
            assert made not in html, (args, made)
        assert "onerror=alert(1)" in html  # shown as text


@pytest.mark.parametrize(("name", "family", "given"), [
    ("TRAORE Aminata", "TRAORE", "Aminata"), ("Aminata TRAORE", "TRAORE", "Aminata"),
    ("N'DIAYE Fatou Binetou", "N'DIAYE", "Fatou Binetou"),
    ("Point focal PSEA", "Point focal PSEA", ""), ("Awa Diallo", "Awa Diallo", ""),
    ("Coordinatrice UNICEF", "Coordinatrice UNICEF", ""),
])
def test_a_card_s_family_name_is_the_one_in_capitals(name: str, family: str, given: str) -> None:
    """Every name went whole into N's family name: a phone sorted « Aminata TRAORE » under A
    and offered « Aminata TRAORE » as the surname. The words in capitals are the family name,
    as the region writes it; a role title stays whole (read back by vobject)."""
    import vobject

    from psea_cli.directory.export_vcf import escape, structured_name

    card = vobject.readOne(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{escape(name)}\r\n"
                           f"N:{structured_name(name)}\r\nEND:VCARD\r\n", validate=True)
    assert card.n.value.family == family
    assert card.n.value.given == given
