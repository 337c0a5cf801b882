"""``psea forms``: every generated XLSForm compiles with pyxform (the compiler KoboToolbox and
ODK use) to an XForm, labelled in French and English, with the network's current choices."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pyxform.xls2xform import xls2xform_convert
from typer.testing import CliRunner

from psea_cli.cli import app

XF = "{http://www.w3.org/2002/xforms}"
H = "{http://www.w3.org/1999/xhtml}"
LANGUAGES = {"Français (fr)", "English (en)"}
FORMS = ("psea-intake.xlsx", "psea-focal-point.xlsx", "psea-session.xlsx", "psea-meeting.xlsx",
         "psea-cbcm-check.xlsx")
REPO = Path(__file__).parent.parent


def write_forms(runner: CliRunner, repo: Path, folder: Path) -> None:
    result = runner.invoke(app, ["--root", str(repo), "--lang", "en", "forms", "-o", str(folder)])
    assert result.exit_code == 0, result.output


def compile_form(workbook: Path) -> tuple[ET.Element, dict[str, dict[str, str]]]:
    """Compile with pyxform to an .xml file next to the workbook, parse it: (root, texts by
    language)."""
    xform = workbook.with_suffix(".xml")
    warnings = xls2xform_convert(workbook, xform, validate=False)
    assert warnings == []
    root = ET.parse(xform).getroot()
    texts: dict[str, dict[str, str]] = {}
    for translation in root.iter(f"{XF}translation"):
        texts[translation.get("lang", "")] = {
            t.get("id", ""): "".join(v.text or "" for v in t.iter(f"{XF}value"))
            for t in translation.iter(f"{XF}text")}
    return root, texts


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory
             ) -> dict[str, tuple[ET.Element, dict[str, dict[str, str]]]]:
    """Every form of the shipped network (it records complaint mechanisms), compiled once."""
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(REPO / "data", root / "data")
    write_forms(CliRunner(), root, root)
    return {name: compile_form(root / name) for name in FORMS}


@pytest.mark.parametrize("name", FORMS)
def test_each_form_compiles_to_an_xform_in_both_languages(compiled: dict, name: str) -> None:
    root, texts = compiled[name]
    assert root.tag == f"{H}html"
    assert set(texts) == LANGUAGES
    french, english = texts["Français (fr)"], texts["English (en)"]
    assert french.keys() == english.keys()
    assert all(french[key] and english[key] for key in french)  # no label left empty
    # every question, hint and message is in both languages (names of places and
    # organisations are the same in both, and so are a few words)
    same = {english[key] for key in french
            if key.startswith("/data/") and french[key] == english[key]}
    assert same <= {"Date", "Note", "Organisation", "Participants", "Action",
                    "Cercle (p-code)"}  # network.yaml's word for the admin-2 areas
    assert root.find(f"{H}head/{XF}model/{XF}instance") is not None


def _binds(root: ET.Element) -> dict[str, dict[str, str]]:
    return {b.get("nodeset", "").rsplit("/", 1)[-1]: dict(b.attrib)
            for b in root.iter(f"{XF}bind")}


def test_the_intake_form_asks_only_for_anonymised_fields(compiled: dict) -> None:
    root, texts = compiled["psea-intake.xlsx"]
    binds = _binds(root)
    asked = set(binds)
    assert "name" not in binds
    assert not any(
        word in name for name in binds for word in ("phone", "email", "contact", "gps", "age_years"))
    assert not any(b.get("type") in ("geopoint", "geotrace", "geoshape") for b in binds.values())
    assert {"received", "channel", "region", "allegation", "survivor_sex", "survivor_age_group",
            "consent_given", "note"} <= asked
    # constraints that mirror the validation rules
    assert binds["received"]["constraint"] == ". <= today()"
    assert binds["received"]["required"] == "true()"
    assert "regex(" in binds["admin2"]["constraint"]
    assert "string-length(.) <= 280" in binds["note"]["constraint"]
    assert binds["incident_month"]["relevant"].endswith("= 'yes'")
    # the note carries the CLI's warning, in both languages
    hints = {lang: " ".join(t for key, t in found.items() if key == "/data/note:hint")
             for lang, found in texts.items()}
    assert "no name, contact, place or narrative" in hints["English (en)"]
    assert "ni nom, ni coordonnées" in hints["Français (fr)"]


def test_choices_are_the_network_s_own(runner: CliRunner, valid_repo: Path, tmp_path: Path) -> None:
    network = valid_repo / "data" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace(
        "  - pcode: ML09\n    name: Bamako\n",
        "  - pcode: ML09\n    name: Bamako\n  - pcode: ML07\n    name: Gao\n"), encoding="utf-8")
    write_forms(runner, valid_repo, tmp_path)
    root, texts = compile_form(tmp_path / "psea-intake.xlsx")
    values = {v.text for v in root.iter(f"{XF}value")}
    english = texts["English (en)"]
    assert "Gao (ML07)" in english.values()
    items = {item.findtext("name") or item.findtext(f"{XF}name")
             for item in root.iter(f"{XF}item")}
    assert {"alpha", "beta", "ML07", "hotline", "identity"} <= items
    assert "not_sea" not in items  # decided after analysis, never at reception
    assert values


def test_the_focal_point_form_filters_entries_by_organisation(compiled: dict) -> None:
    root, _texts = compiled["psea-focal-point.xlsx"]
    binds = _binds(root)
    assert binds["fp_email"]["constraint"].startswith("regex(")
    assert binds["confirm"]["constraint"] == ". = 'yes'"
    selects = [s for s in root.iter(f"{XF}select1") if s.get("ref", "").endswith("/focal_point")]
    assert selects
    assert "organisation" in ET.tostring(selects[0], encoding="unicode")


def test_an_invalid_network_writes_no_form(runner: CliRunner, valid_repo: Path,
                                           tmp_path: Path) -> None:
    (valid_repo / "data" / "network.yaml").write_text("id: test\n", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "forms", "-o",
                                 str(tmp_path)])
    assert result.exit_code == 1
    assert "network.yaml" in result.stderr
    assert list(tmp_path.glob("*.xlsx")) == []


def test_an_unknown_form_is_a_usage_error(runner: CliRunner, valid_repo: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "forms", "--form", "census"])
    assert result.exit_code == 2


def test_the_session_form_counts_participants_and_never_names_them(compiled: dict) -> None:
    root, texts = compiled["psea-session.xlsx"]
    binds = _binds(root)
    assert {"women", "men", "girls", "boys"} <= set(binds)
    assert all(binds[n]["type"] == "int" for n in ("women", "men", "girls", "boys"))
    assert not any("name" in name for name in binds)
    assert "jamais leurs noms" in texts["Français (fr)"]["/data/warning:label"]
    assert binds["end"]["constraint"].replace(" ", "") == ".>=/data/startand.<=today()"


def test_the_meeting_form_repeats_decisions_and_action_points(compiled: dict) -> None:
    root, _texts = compiled["psea-meeting.xlsx"]
    repeats = {r.get("nodeset", "").rsplit("/", 1)[-1] for r in root.iter(f"{XF}repeat")}
    assert repeats == {"decision", "action_point"}
    assert _binds(root)["action_due"]["required"] == "true()"


def test_the_check_form_lists_the_network_s_mechanisms(compiled: dict) -> None:
    root, _texts = compiled["psea-cbcm-check.xlsx"]
    items = {item.findtext("name") or item.findtext(f"{XF}name")
             for item in root.iter(f"{XF}item")}
    assert "ml05-comite-communautaire-de-bandiagara" in items


def test_without_mechanisms_there_is_no_check_form(runner: CliRunner, valid_repo: Path,
                                                   tmp_path: Path) -> None:
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "forms", "--form",
                                 "cbcm-check", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert "no complaint mechanism" in result.stderr
    assert list(tmp_path.glob("*.xlsx")) == []


def test_a_network_without_organisations_gets_the_forms_it_can_use(
        runner: CliRunner, valid_repo: Path, tmp_path: Path) -> None:
    for path in (valid_repo / "data" / "focal_points").glob("*.yaml"):
        path.unlink()
    result = runner.invoke(app, ["--root", str(valid_repo), "--lang", "en", "forms", "-o",
                                 str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "no organisation in data/focal_points/, so no focal-point form" in result.stderr
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == ["psea-intake.xlsx"]
    root, _texts = compile_form(tmp_path / "psea-intake.xlsx")
    assert "perpetrator_org" not in _binds(root)


def test_the_focal_point_form_offers_the_whole_country(compiled: dict) -> None:
    # an empty answer keeps what the directory holds, so covering every region is a choice
    root, texts = compiled["psea-focal-point.xlsx"]
    binds = _binds(root)
    assert binds["fp_regions"]["constraint"] == (
        "not(selected(., 'all')) or count-selected(.) = 1")
    regions = next(i for i in root.iter(f"{XF}instance") if i.get("id") == "region")
    assert "all" in {item.findtext(f"{XF}name") for item in regions.iter(f"{XF}item")}
    assert "Whole country" in texts["English (en)"].values()
    assert "Tout le pays" in texts["Français (fr)"].values()
    hint = texts["Français (fr)"]["/data/fp_regions:hint"]
    assert "garder les régions que contient l'annuaire" in hint


def test_the_focal_point_form_shows_a_phone_of_the_network_s_country(
        runner: CliRunner, valid_repo: Path, tmp_path: Path) -> None:
    # a network in Burkina Faso showed its focal points Mali's +223 as "the country code"
    network = valid_repo / "data" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace(
        'phone_country_code: "223"', 'phone_country_code: "226"'), encoding="utf-8")
    write_forms(runner, valid_repo, tmp_path)
    _root, texts = compile_form(tmp_path / "psea-focal-point.xlsx")
    for language, words in (("English (en)", "with the country code (+226 "),
                            ("Français (fr)", "avec l'indicatif du pays (+226 ")):
        assert words in texts[language]["/data/fp_phone:hint"]
        assert "(+226 " in texts[language]["/data/fp_phone:jr:constraintMsg"]
        assert not any("+223" in text for text in texts[language].values())


def _admin2_texts(texts: dict[str, dict[str, str]]) -> dict[str, str]:
    """Each language's texts of the intake form about the admin-2 area, joined."""
    return {language: " ".join(text for key, text in found.items()
                               if key.startswith(("/data/warning", "/data/reception/admin2")))
            for language, found in texts.items()}


def test_the_intake_form_speaks_of_the_network_s_own_admin2_areas(
        runner: CliRunner, tmp_path: Path) -> None:
    """A network of Burkina Faso was told to give "the p-code of the cercle (such as
    ML0501)": Mali's word and a Malian p-code."""
    root = tmp_path / "bfa"
    made = runner.invoke(app, ["init", str(root), "--country", "BFA", "--phone-code", "226"])
    assert made.exit_code == 0, made.output
    network = root / "data" / "network.yaml"
    assert "pcode: BF01\n" in network.read_text(encoding="utf-8")
    for listed, example in ((False, "BF0101"), (True, "BF0102")):
        if listed:  # the network's own admin-2 areas: the first one is the example
            network.write_text(network.read_text(encoding="utf-8").replace(
                "  - pcode: BF01\n", "  - pcode: BF01\n    admin2:\n"
                "      - {pcode: BF0102, name: Banwa}\n"), encoding="utf-8")
        folder = tmp_path / f"forms-{listed}"
        folder.mkdir()
        write_forms(runner, root, folder)
        root_element, texts = compile_form(folder / "psea-intake.xlsx")
        said = _admin2_texts(texts)
        for language, words in (("English (en)", "admin-2 area"),
                                ("Français (fr)", "zone d'admin 2")):
            assert words in said[language].lower(), said[language]
            assert "cercle" not in said[language].lower()
            assert "ML0" not in said[language]
            assert example in texts[language]["/data/reception/admin2:hint"]
            assert example in texts[language]["/data/reception/admin2:jr:constraintMsg"]
        assert root_element is not None


def test_the_session_form_gives_a_p_code_of_the_network(compiled: dict) -> None:
    _root, texts = compiled["psea-session.xlsx"]
    for language in ("English (en)", "Français (fr)"):
        message = next(text for key, text in texts[language].items()
                       if key.endswith("/admin2:jr:constraintMsg"))
        assert "(ML0101)" in message  # Kayes, the shipped network's first region
        assert texts[language]["/data/admin2:label"] == "Cercle (p-code)"  # network.yaml's word


def _vocabulary() -> dict[str, dict[str, str]]:
    """Each choice list of the forms that offers a vocabulary's values, with the words the
    vocabulary gives them (the words ``case add``, ``case show`` and the report print)."""
    from psea_cli.cases.vocabulary import LABELS
    from psea_cli.directory.labels import ROLES
    from psea_cli.records.vocabulary import WORDS

    return {"channel": LABELS["channel"], "allegation": LABELS["allegation"],
            "sex": LABELS["sex"], "age_group": LABELS["age_group"],
            "affiliation": LABELS["affiliation"], "yes_no": LABELS["goods"],
            "yes_no_unknown": LABELS["goods"], "role": ROLES,
            **{name: WORDS[name] for name in ("session_kind", "audience", "topic",
                                              "meeting_kind", "status")}}


NAMED_LISTS = {"region", "organisation", "mechanism", "focal_point", "language",
               "consent_purpose"}
"""Choice lists of the network's own names (or of the case model's fields), not of a vocabulary."""


def test_every_form_choice_is_worded_as_the_vocabulary_words_it(tmp_path: Path) -> None:
    """A hotline operator reads the same words for a value in the form on the phone and in
    ``psea case add`` (``personnel lié à l'ONU``, not one wording here and another there)."""
    from openpyxl import load_workbook

    from psea_cli.i18n import load_translations

    shutil.copytree(REPO / "data", tmp_path / "data")
    write_forms(CliRunner(), tmp_path, tmp_path)
    french = load_translations("fr")
    vocabulary = _vocabulary()
    checked = 0
    for name in FORMS:
        sheet = load_workbook(tmp_path / name, read_only=True)["choices"]
        rows = sheet.iter_rows(values_only=True)
        header = list(next(rows))
        at = {column: header.index(column) for column in
              ("list_name", "name", "label::Français (fr)", "label::English (en)")}
        for row in rows:
            list_name, code = row[at["list_name"]], row[at["name"]]
            if list_name in NAMED_LISTS:
                continue
            assert list_name in vocabulary, f"{name}: choice list {list_name} has no vocabulary"
            words = vocabulary[list_name][code]
            assert (row[at["label::English (en)"]], row[at["label::Français (fr)"]]) == (
                words, french.gettext(words)), f"{name}: {list_name} {code}"
            checked += 1
    assert checked > 60
