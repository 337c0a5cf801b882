"""``psea services``: the referral lookup, the gaps said plainly, and ``services matrix``."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psea_cli.cli import app

OVERLAY = Path(__file__).parent / "data" / "directory"
GOLDEN = Path(__file__).parent / "golden" / "directory"


@pytest.fixture
def repo(valid_repo: Path) -> Path:
    """The valid fixture plus services in Ménaka (open, example, temporarily closed, closed)
    and legal aid in Ségou."""
    shutil.copytree(OVERLAY, valid_repo, dirs_exist_ok=True)
    return valid_repo


def run(runner: CliRunner, repo: Path, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(repo), "--lang", lang, *args])
    return result.exit_code, result.stdout, result.stderr


def service_names(csv_text: str) -> list[str]:
    return [row[0] for row in csv.reader(io.StringIO(csv_text.lstrip("\ufeff")))][1:]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_lookup_matches_golden_file(runner: CliRunner, repo: Path, lang: str,
                                    update_golden: bool) -> None:
    code, out, _err = run(runner, repo, "services", "--region", "menaka", "--format", "md",
                          lang=lang)
    assert code == 0
    path = GOLDEN / f"services-menaka.{lang}.md"
    if update_golden:
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_open_services_first_then_examples_then_temporarily_closed(runner: CliRunner,
                                                                   repo: Path) -> None:
    code, out, _err = run(runner, repo, "services", "--region", "ML10", "--format", "csv")
    assert code == 0
    assert service_names(out) == ["Centre de santé de Ménaka", "Maison d'accueil (exemple)",
                                  "Clinique juridique mobile"]
    _code, out, _err = run(runner, repo, "services", "--region", "ML10", "--format", "csv", "--all")
    assert service_names(out)[-1] == "Écoute (fermée)"


@pytest.mark.parametrize("region", ["menaka", "Ménaka", "MENAKA", " ménaka ", "ml10", "ML10"])
def test_region_by_name_or_pcode_ignoring_case_and_accents(runner: CliRunner, repo: Path,
                                                           region: str) -> None:
    code, out, _err = run(runner, repo, "services", "--region", region, "--format", "csv")
    assert code == 0
    assert service_names(out)[0] == "Centre de santé de Ménaka"


def test_segou_without_accent(runner: CliRunner, repo: Path) -> None:
    _code, out, _err = run(runner, repo, "services", "--region", "Segou", "--format", "csv")
    assert service_names(out) == ["Aide juridique"]


def test_gaps_are_said_plainly(runner: CliRunner, repo: Path) -> None:
    code, out, _err = run(runner, repo, "services", "--region", "menaka")
    assert code == 0
    text = " ".join(out.split())
    assert "! No legal aid in Ménaka — available in: Ségou" in text
    assert "! No psychosocial support in Ménaka" in text
    assert "! No safe shelter in Ménaka (only example entries, with fictitious contacts)" in text
    assert "No medical care in" not in text
    assert "do not refer anyone to them" in text


def test_gaps_in_french(runner: CliRunner, repo: Path) -> None:
    _code, out, _err = run(runner, repo, "services", "--region", "menaka", lang="fr")
    text = " ".join(out.split())
    assert "Pas d'aide juridique à Ménaka — disponible à : Ségou" in text
    assert "Services VBG à Ménaka (ML10)" in text


def test_one_type_everywhere(runner: CliRunner, repo: Path) -> None:
    code, out, _err = run(runner, repo, "services", "--type", "legal", "--format", "md")
    assert code == 0
    text = " ".join(out.split())
    assert "| Clinique juridique mobile |" in text
    assert "- No legal aid in Kayes — available in: Ségou" in text
    assert "No legal aid in Ségou" not in text


def test_a_region_without_any_service(runner: CliRunner, repo: Path) -> None:
    code, out, _err = run(runner, repo, "services", "--region", "kayes")
    assert code == 0
    assert "No service found." in out
    assert "No medical care in Kayes — available in: Mopti, Ménaka" in " ".join(out.split())


@pytest.mark.parametrize(("args", "message"), [
    (["--region", "Gao"], "unknown region 'Gao' → Known regions: Kayes (ML01), Ségou (ML04), "
                          "Mopti (ML05), Tombouctou (ML06), Bamako (ML09), Ménaka (ML10)."),
    (["--type", "food"], "--type: 'food' is not one of: medical, psychosocial, legal"),
    (["--format", "vcf"], "choose table, md, csv, xlsx, hxl"),
])
def test_usage_errors_exit_2(runner: CliRunner, repo: Path, args: list[str], message: str) -> None:
    code, out, err = run(runner, repo, "services", *args)
    assert code == 2
    assert message in " ".join(err.split())
    assert out == ""


def test_matrix_table(runner: CliRunner, repo: Path) -> None:
    code, out, _err = run(runner, repo, "services", "matrix")
    assert code == 0
    assert "Ménaka *" in out  # a high-risk zone
    assert "(1)" in out  # Ménaka's shelter is an example entry only
    assert "* high-risk zone" in out


def test_matrix_marks_cells_not_verified_recently(runner: CliRunner, repo: Path) -> None:
    _code, fresh, _err = run(runner, repo, "services", "matrix", "--as-of", "2021-01-15")
    _code, old, _err = run(runner, repo, "services", "matrix", "--as-of", "2021-12-31")
    menaka = next(line for line in fresh.splitlines() if "Ménaka" in line)
    assert "1†" not in menaka
    assert "1†" in next(line for line in old.splitlines() if "Ménaka" in line)
    assert "† some not verified in the last 180 days" in " ".join(old.split())


def test_matrix_csv(runner: CliRunner, repo: Path) -> None:
    code, out, _err = run(runner, repo, "services", "matrix", "--format", "csv", "--sep", "tab")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter="\t"))
    header = rows[0]
    by_region = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_region["ML10"]["Medical care"] == "1"
    assert by_region["ML10"]["High-risk zone"] == "yes"
    assert by_region["ML04"]["Legal aid"] == "1"
    assert by_region["ML01"]["Gaps"] == ("Medical care, Psychosocial support, Legal aid, "
                                         "Safety and shelter")


def test_matrix_markdown_in_french(runner: CliRunner, repo: Path) -> None:
    code, out, _err = run(runner, repo, "services", "matrix", "--format", "md", lang="fr")
    assert code == 0
    assert out.startswith("## Couverture de la cartographie des services VBG")
    assert "| Ménaka | ML10 | oui | 1 |" in out
