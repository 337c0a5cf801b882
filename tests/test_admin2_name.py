"""network.yaml ``admin2_name``: the network's word for its admin-2 areas (cercle in Mali,
province in Burkina Faso, département in Niger), which the forms, the case recap and the
services table use, with the neutral "admin-2 area" when a network names none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from helpers import REPO
from test_forms import compile_form, write_forms
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.commands.case_add import recap
from psea_cli.i18n import set_language
from psea_cli.validation import load_dataset

FR, EN = "Français (fr)", "English (en)"
LABEL, HINT = "/data/reception/admin2:label", "/data/reception/admin2:hint"


def _set(repo: Path, lines: str) -> None:
    network = repo / "data" / "network.yaml"
    text = network.read_text(encoding="utf-8")
    assert "admin2_name" not in text
    network.write_text(text.replace("languages: [fr, en]\n", f"languages: [fr, en]\n{lines}"),
                       encoding="utf-8")


def _intake(runner: CliRunner, repo: Path, folder: Path) -> dict[str, dict[str, str]]:
    folder.mkdir()
    write_forms(runner, repo, folder)
    return compile_form(folder / "psea-intake.xlsx")[1]


def test_the_shipped_network_calls_the_area_a_cercle(runner: CliRunner,
                                                      shipped_network: Path,
                                                      tmp_path: Path) -> None:
    texts = _intake(runner, shipped_network, tmp_path / "forms")
    for language, words in ((FR, ("lieu plus précis que le niveau cercle :",
                                  "P-code au niveau cercle (par exemple ML0101)")),
                            (EN, ("a place more precise than the cercle level:",
                                  "P-code at the cercle level (such as ML0101)"))):
        assert texts[language][LABEL] == "Cercle (p-code)"
        assert words[0] in texts[language]["/data/warning:label"]
        assert texts[language][HINT].startswith(words[1])
        assert not any("admin-2" in text.lower() or "admin 2" in text.lower()
                       for text in texts[language].values())


def test_a_network_without_the_word_gets_the_neutral_one(runner: CliRunner, valid_repo: Path,
                                                         tmp_path: Path) -> None:
    texts = _intake(runner, valid_repo, tmp_path / "forms")
    assert texts[FR][LABEL] == "Zone d'admin 2 (p-code)"
    assert texts[EN][LABEL] == "Admin-2 area (p-code)"
    assert "plus précis que le niveau admin 2 :" in texts[FR]["/data/warning:label"]
    assert "more precise than the admin-2 level:" in texts[EN]["/data/warning:label"]
    assert texts[FR][HINT].startswith("P-code au niveau admin 2 (")
    assert texts[EN][HINT].startswith("P-code at the admin-2 level (")
    for language in (FR, EN):
        assert not any("cercle" in text.lower() for text in texts[language].values())


def test_each_language_gets_its_own_word(runner: CliRunner, valid_repo: Path,
                                         tmp_path: Path) -> None:
    """Niger: département in French, department in English (``admin2_name_en``)."""
    _set(valid_repo, "admin2_name: département\nadmin2_name_en: department\n")
    texts = _intake(runner, valid_repo, tmp_path / "forms")
    assert texts[FR][LABEL] == "Département (p-code)"
    assert texts[EN][LABEL] == "Department (p-code)"
    assert "que le niveau département :" in texts[FR]["/data/warning:label"]
    assert "than the department level:" in texts[EN]["/data/warning:label"]
    session = compile_form(tmp_path / "forms" / "psea-session.xlsx")[1]
    assert session[FR]["/data/admin2:label"] == "Département (p-code)"
    assert session[EN]["/data/admin2:label"] == "Department (p-code)"


@pytest.mark.parametrize(("value", "variant"), [
    ('"${survivor}"', "invalid-format"),    # a reference in an XLSForm label
    ('"cer\\u001bcle"', "invalid-format"),   # an escape that would drive a terminal
    ('"province 2"', "invalid-format"),
    ("{fr: cercle, en: cercle}", "invalid-format"),  # a word per language: admin2_name_en
    ("[cercle]", "invalid-format"),
    (f'"{"x" * 61}"', "too-long"),
    ('""', "too-short"),
])
def test_validate_refuses_a_bad_word_at_its_line(runner: CliRunner, valid_repo: Path,
                                                 value: str, variant: str) -> None:
    _set(valid_repo, f"admin2_name: {value}\n")
    line = next(number for number, text in enumerate(
        (valid_repo / "data" / "network.yaml").read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("admin2_name"))
    result = runner.invoke(app, ["--root", str(valid_repo), "validate", "--format", "json"])
    assert result.exit_code == 1, result.output
    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["code"]) for p in problems] == [
        ("data/network.yaml", f"schema.{variant}")]
    assert problems[0]["line"] in (line, line + 1)
    assert problems[0]["hint"]
    assert "survivor" not in result.stdout


def test_an_unknown_key_beside_it_is_refused(runner: CliRunner, valid_repo: Path) -> None:
    _set(valid_repo, "admin2_nom: cercle\n")
    result = runner.invoke(app, ["--root", str(valid_repo), "validate", "--format", "json"])
    assert result.exit_code == 1
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["schema.unknown-key"]


def test_the_hint_for_a_bad_word_says_what_a_word_is(runner: CliRunner,
                                                      valid_repo: Path) -> None:
    _set(valid_repo, 'admin2_name: "c*rcle"\n')
    for language, words in (("en", "such as cercle, province or département"),
                            ("fr", "par exemple cercle, province ou département")):
        result = runner.invoke(app, ["--root", str(valid_repo), "--lang", language, "validate"])
        assert result.exit_code == 1
        assert "data/network.yaml:7:" in result.stdout
        assert words in result.stdout


def test_init_writes_the_word_of_a_country_psea_knows(runner: CliRunner,
                                                      tmp_path: Path) -> None:
    made = runner.invoke(app, ["init", str(tmp_path / "mli"), "--country", "MLI"])
    assert made.exit_code == 0, made.output
    data = yaml.safe_load((tmp_path / "mli" / "data" / "network.yaml").read_text(encoding="utf-8"))
    assert data["admin2_name"] == "cercle"
    dataset, problems = load_dataset(tmp_path / "mli")
    assert dataset.network is not None
    assert dataset.network.admin2_name == "cercle"
    assert not problems


def test_init_leaves_it_to_fill_in_for_another_country(runner: CliRunner,
                                                       tmp_path: Path) -> None:
    made = runner.invoke(app, ["init", str(tmp_path / "bfa"), "--country", "BFA",
                               "--phone-code", "226"])
    assert made.exit_code == 0, made.output
    text = (tmp_path / "bfa" / "data" / "network.yaml").read_text(encoding="utf-8")
    assert "admin2_name" not in yaml.safe_load(text)
    assert '\n# admin2_name: ""\n' in text  # to fill in: the forms say "admin-2 area" meanwhile
    assert runner.invoke(app, ["--root", str(tmp_path / "bfa"), "validate"]).exit_code == 0


def test_the_mali_profile_has_the_word_of_the_shipped_network() -> None:
    from psea_cli import scaffold

    shipped = yaml.safe_load((REPO / "data" / "network.yaml").read_text(encoding="utf-8"))
    profile = scaffold._profile("MLI")
    assert profile is not None
    assert profile["admin2_name"] == shipped["admin2_name"] == "cercle"


def test_the_case_recap_names_the_area_by_the_network_s_word(valid_repo: Path) -> None:
    dataset, _problems = load_dataset(valid_repo)
    network = dataset.network
    assert network is not None
    fields = {"received": "2021-01-10", "channel": "hotline", "region": "ML05",
              "admin2": "ML0501", "incident_month": "unknown",
              "survivor": {"sex": "female", "age_group": "child", "count": 1},
              "allegation": "sexual_exploitation",
              "perpetrator": {"affiliation": "unknown", "organisation": None},
              "goods_exchanged": "unknown", "consent": {}, "note": None}
    named = network.model_copy(update={"admin2_name": "cercle"})
    for language, neutral in (("en", "Admin-2 area"), ("fr", "Zone d'admin 2")):
        set_language(language)
        assert any(line.strip().startswith(f"{neutral}  ") for line in recap(network, fields))
        assert any(line.strip().startswith("Cercle  ") for line in recap(named, fields))
        assert not any("Cercle" in line for line in recap(network, fields))
    set_language("en")


REGION_HINT = "p-code of the region as listed under regions"


def test_an_admin2_that_is_no_p_code_is_hinted_as_an_area_named_by_the_network_s_word(
        runner: CliRunner, valid_repo: Path) -> None:
    """A case's admin2 written by its name got the region's hint (« Use the p-code of the
    region as listed under regions »), which sends a focal point to a region's p-code. It is
    hinted as an area's p-code, by the network's word for it in each language."""
    _set(valid_repo, "admin2_name: département\nadmin2_name_en: department\n")
    case = valid_repo / "data" / "cases" / "7KQ2M9AB.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "region: ML05\n", "region: ML05\nadmin2: Bandiagara\n"), encoding="utf-8")
    for language, hint in (
            ("en", "Use the p-code of the area at the department level (its region's p-code "
                   "followed by digits), as listed under its region's admin2 in "
                   "data/network.yaml if it is there, not its name."),
            ("fr", "Utilisez le p-code de la zone du niveau département (le p-code de sa région "
                   "suivi de chiffres), tel que le liste l'admin2 de sa région dans "
                   "data/network.yaml s'il y est, pas son nom.")):
        result = runner.invoke(app, ["--root", str(valid_repo), "--lang", language,
                                     "validate"])
        assert result.exit_code == 1, result.output
        assert "[schema.invalid-format]" in result.stdout
        assert hint in result.stdout
        assert REGION_HINT not in result.stdout
        assert "p-code de la région tel que" not in result.stdout


def test_an_imported_admin2_that_is_no_p_code_is_hinted_as_an_area(
        runner: CliRunner, valid_repo: Path, tmp_path: Path) -> None:
    """The import gave a row's admin2 answered by its name the region's hint too; a network
    that names no word for its areas gets the neutral one."""
    from helpers import committed
    from test_import import KOBO_HEADERS, kobo_row, write_kobo

    repo = committed(valid_repo)
    row = kobo_row("3f1c9a2e-0041-4a8b-9c1d-2e3f4a5b6c7d", 1)
    row[KOBO_HEADERS.index("reception/admin2")] = "Bandiagara"
    export = write_kobo(tmp_path / "admin2.xlsx", [row])
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "import", str(export),
                                 "--dry-run"])
    assert result.exit_code == 1, result.output
    assert ("    admin2: error [schema.invalid-format] 'admin2' does not have the expected form\n"
            "        → Use the p-code of the area at the admin-2 level (its region's p-code "
            "followed by digits)") in result.stderr
    assert REGION_HINT not in result.stderr
    assert "Bandiagara" not in result.output
