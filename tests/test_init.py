"""``psea init``: a new network repository that validates from its first commit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import git
import pytest
import yaml
from helpers import REPO
from typer.testing import CliRunner

from psea_cli import scaffold
from psea_cli.cli import app
from psea_cli.problems import PseaError
from psea_cli.schema_export import MODELINE_PREFIX, kind_of, modeline, stale_schemas
from psea_cli.validation import load_dataset


def _init(runner: CliRunner, target: Path, *options: str) -> str:
    result = runner.invoke(app, ["init", str(target), *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_new_repository_validates_and_is_committed(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "psea-mali"
    out = _init(runner, target, "--country", "MLI", "--lang", "fr")

    assert "psea-mali" in out
    # the case store is decided before the first complaint, with the way to keep it apart
    assert "Avant d'enregistrer la première plainte" in out
    assert "psea case encrypt" in out
    assert (target / "data" / "cases" / "README.md").is_file()
    _dataset, problems = load_dataset(target)
    assert problems == []
    validate = runner.invoke(app, ["--root", str(target), "validate"])
    assert validate.exit_code == 0, validate.output

    repo = git.Repo(target)
    assert repo.active_branch.name == "main"
    assert not repo.is_dirty(untracked_files=True)
    committed = {item.path for item in repo.head.commit.tree.traverse() if item.type == "blob"}
    assert {"data/network.yaml", ".github/workflows/validate.yml", ".pre-commit-config.yaml",
            ".github/CODEOWNERS", ".gitignore", ".gitattributes", "CONTRIBUTING.md",
            "CONTRIBUTING.fr.md", "CONTRIBUTING.en.md",
            "templates/README.md",
            "data/focal_points/README.md", "data/services/README.md", "data/cases/README.md",
            "schemas/organisation.schema.json"} <= committed
    assert repo.head.commit.hexsha[:8] in out
    assert ".psea-cache/" in (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert stale_schemas(target / "schemas") == []


def test_every_data_file_starts_with_its_modeline(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "net"
    _init(runner, target)
    data_files = [p.relative_to(target).as_posix() for p in (target / "data").rglob("*.yaml")]
    assert len(data_files) == 2  # network.yaml and the plan skeleton
    for label in data_files:
        first = (target / label).read_text(encoding="utf-8").splitlines()[0]
        kind = kind_of(label)
        assert kind is not None
        assert first == modeline(kind, label)
        assert (target / label).parent.joinpath(first.removeprefix(MODELINE_PREFIX)).is_file()


def test_mali_profile_fills_regions_and_phone_numbering(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "net"
    _init(runner, target, "--country", "mli", "--lang", "fr")
    dataset, _problems = load_dataset(target)
    network = dataset.network
    assert network is not None
    assert network.country == "MLI"
    assert network.phone_country_code == "223"
    assert network.languages == ["fr", "en"]
    assert {"ML05", "ML09"} <= {r.pcode for r in network.regions}
    assert network.name == "Réseau national PSEA – Mali"
    assert network.name_en == "National PSEA network – Mali"
    text = (target / "data" / "network.yaml").read_text(encoding="utf-8")
    assert "# Régions (admin 1)" in text


def test_the_mali_profile_has_the_regions_and_numbering_of_the_shipped_network() -> None:
    """The profile psea init reads (a file in the package, no link) says what data/network.yaml
    says: a region added or renamed there is added or renamed here too."""
    shipped = yaml.safe_load((REPO / "data" / "network.yaml").read_text(encoding="utf-8"))
    profile = scaffold._profile("MLI")
    assert profile is not None
    assert [(r["pcode"], r["name"], r["tile"]) for r in profile["regions"]] == [
        (r["pcode"], r["name"], r["tile"]) for r in shipped["regions"]]
    assert profile["phone_country_code"] == shipped["phone_country_code"]
    assert profile.get("national_phone_digits") == shipped.get("national_phone_digits")


def test_other_country_gets_a_placeholder_region_and_needs_its_phone_code(
        tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "psea-bf"
    refused = runner.invoke(app, ["init", str(target), "--country", "BFA"])
    assert refused.exit_code == 2
    assert "--phone-code" in refused.stderr
    assert not target.exists()

    out = _init(runner, target, "--country", "BFA", "--phone-code", "226", "--lang", "en")
    assert "placeholder region" in out
    dataset, problems = load_dataset(target)
    assert problems == []
    assert dataset.network is not None
    assert dataset.network.name == "National PSEA network – Burkina Faso"
    assert dataset.network.name_en is None
    assert dataset.network.languages == ["en", "fr"]
    assert [(r.pcode, r.name) for r in dataset.network.regions] == [("BF01", "Region to replace")]
    assert "TO DO: replace this placeholder" in (target / "data/network.yaml").read_text("utf-8")


@pytest.mark.parametrize(("country", "code", "name"), [
    ("NER", "227", "Niger"), ("TCD", "235", "Tchad"), ("BFA", "226", "Burkina Faso")])
def test_the_refusal_names_the_countrys_own_dialling_code(
        country: str, code: str, name: str, tmp_path: Path, runner: CliRunner) -> None:
    """A coordinator of Niger was told "par exemple --phone-code 226 pour le Burkina Faso",
    another country's code to copy by mistake: the hint gives the country's own, to check."""
    target = tmp_path / "net"
    refused = runner.invoke(app, ["--lang", "fr", "init", str(target), "--country", country])
    assert refused.exit_code == 2
    assert (f"→ Ajoutez --phone-code {code}, l'indicatif international de ce pays ({name}) "
            "selon les plans de numérotation, après l'avoir vérifié") in refused.stderr
    assert "Burkina" not in refused.stderr.replace(name, "")
    assert not target.exists()


@pytest.mark.parametrize("options", [
    ["--country", "XYZ"], ["--country", "ML"], ["--country", "466"],  # Mali by its number
    ["--country", "BFA", "--phone-code", "+226"],
    ["--lang", "de"],
    # digits to Python, not to the schema of network.yaml: a network that fails its own check
    ["--country", "BFA", "--phone-code", "²"], ["--country", "BFA", "--phone-code", "٢٢٦"],
    # codes set aside or naming no country: a network « Réseau national PSEA – XXX » of XX01
    ["--country", "XXX", "--phone-code", "226"], ["--country", "ZZZ", "--phone-code", "226"],
    # withdrawn codes CLDR still reads as an alias: Zaïre as Congo - Kinshasa, Yugoslavia as Serbia
    ["--country", "ZAR", "--phone-code", "243"], ["--country", "YUG", "--phone-code", "381"],
])
def test_bad_options_are_usage_errors(options: list[str], tmp_path: Path,
                                      runner: CliRunner) -> None:
    target = tmp_path / "net"
    result = runner.invoke(app, ["init", str(target), *options])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not target.exists()


def test_refuses_a_non_empty_folder(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "existing"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["--lang", "en", "init", str(target)])
    assert result.exit_code == 2
    assert "not empty" in result.stderr
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]

    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    assert runner.invoke(app, ["init", str(a_file)]).exit_code == 2


def test_accepts_an_empty_folder(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    _init(runner, target)
    assert (target / "data" / "network.yaml").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["empty"]  # no staging folder left


def test_a_failure_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_git(path: Path, message: str) -> str:
        raise PseaError("git could not create the repository (GitCommandError)")

    monkeypatch.setattr("psea_cli.gitrepo.init_repository", broken_git)
    country = scaffold.country_for("MLI", "en", None)
    with pytest.raises(PseaError):
        scaffold.create_network_repository(tmp_path / "net", country, "en", dt.date(2026, 3, 1))
    assert list(tmp_path.iterdir()) == []


def test_plan_skeleton_covers_this_year_and_the_next(tmp_path: Path) -> None:
    country = scaffold.country_for("MLI", "en", None)
    created = scaffold.create_network_repository(tmp_path / "net", country, "en",
                                                 dt.date(2026, 3, 1))
    assert "data/plan/psea-2026-2027/plan.yaml" in created.files
    dataset, _problems = load_dataset(created.path)
    plan = dataset.plans[0].plan.value
    assert (plan.start, plan.end) == (dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    assert plan.results == []


def test_report_runs_on_the_new_repository(tmp_path: Path, runner: CliRunner) -> None:
    country = scaffold.country_for("MLI", "fr", None)
    created = scaffold.create_network_repository(tmp_path / "net", country, "fr",
                                                 dt.date(2020, 3, 1))
    result = runner.invoke(app, ["--root", str(created.path), "report", "semester", "2020-S2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ")


def test_files_follow_the_network_language_and_messages_the_message_language(
        tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "net"
    result = runner.invoke(app, ["--lang", "en", "init", str(target), "--country", "BFA",
                                 "--phone-code", "226", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("created the network repository")
    network = (target / "data" / "network.yaml").read_text(encoding="utf-8")
    assert "À FAIRE : remplacez cette région provisoire" in network
    assert 'name: "Région à remplacer"' in network
    assert git.Repo(target).head.commit.message == "Créer le dépôt du réseau PSEA (psea init)"


def test_the_first_report_of_a_new_network_reads_as_a_beginning(tmp_path: Path,
                                                                runner: CliRunner) -> None:
    """No member, no judged indicator, no one-off activity yet: "—", never "0/0", and no claim
    that every member has a focal point."""
    target = tmp_path / "net"
    _init(runner, target, "--country", "MLI", "--lang", "fr")
    result = runner.invoke(app, ["--root", str(target), "report", "semester"])
    assert result.exit_code == 0, result.output
    assert "0/0" not in result.stdout
    assert "Toutes les organisations membres" not in result.stdout
    assert "Aucune organisation membre ne figure encore dans l'annuaire." in result.stdout


@pytest.mark.parametrize(("lang", "said", "not_said"), [
    ("fr", "Le plan n'a encore aucun indicateur manuel.", "Tous les indicateurs manuels"),
    ("en", "The plan has no manual indicator yet.", "Every manual indicator has a value."),
])
@pytest.mark.parametrize("form", ["md", "html"])
def test_a_plan_without_indicators_is_not_said_to_have_every_manual_value(
        tmp_path: Path, runner: CliRunner, lang: str, said: str, not_said: str, form: str
) -> None:
    """The data-quality section of a new network's first report said « Tous les indicateurs
    manuels ont une valeur » of a plan that has no indicator at all."""
    target = tmp_path / "net"
    _init(runner, target, "--country", "MLI", "--lang", "fr")
    result = runner.invoke(app, ["--root", str(target), "--lang", lang, "report", "semester",
                                 "--format", form, "-o", "-"])
    assert result.exit_code == 0, result.output
    assert said in result.stdout
    assert not_said not in result.stdout


def test_the_service_coverage_figure_names_only_the_networks_own_indicator(
        tmp_path: Path, runner: CliRunner) -> None:
    """A new network's key figure named « (2.1-b) », the Mali plan's indicator, of a plan with
    no indicator at all; a plan measuring it under another id is named by its own id."""
    target = tmp_path / "net"
    _init(runner, target, "--country", "BFA", "--phone-code", "226", "--lang", "fr")
    command = ["--root", str(target), "report", "semester"]
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert "régions dotées de services médicaux, psychosociaux, sociaux et juridiques\n" in (
        result.stdout)
    assert "2.1-b" not in result.stdout
    plan = next((target / "data" / "plan").glob("*/plan.yaml"))
    text = plan.read_text(encoding="utf-8").replace("results: []\n", """results:
  - id: "3"
    title: "Assistance"
    sub_results:
      - id: "3.2"
        title: "Services"
        activities:
          - id: "3.2.1"
            title: "Cartographier les services"
            responsible: [core-team]
            indicators:
              - id: "3.2-a"
                text: "Régions couvertes"
                unit: percent
                measured_by: regions_with_service_coverage
                target_source: {kind: example}
""")
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(app, [*command, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "regions with medical, psychosocial, social and legal services (3.2-a)\n" in (
        result.stdout)
    assert "2.1-b" not in result.stdout


@pytest.mark.parametrize(("country", "region"), [("BFA", "BF01"), ("MLI", "ML09")])
def test_the_examples_a_focal_point_copies_validate_in_the_new_network(
        tmp_path: Path, runner: CliRunner, country: str, region: str) -> None:
    """The organisation and service examples of CONTRIBUTING and the data READMEs named Bamako
    (ML09): copied into a network of Burkina Faso, each failed with ref.unknown-region."""
    target = tmp_path / "net"
    _init(runner, target, "--country", country,
          *(["--phone-code", "226"] if country == "BFA" else []), "--lang", "fr")
    sources = {"CONTRIBUTING.fr.md": "data/focal_points/ong-exemple.yaml",
               "CONTRIBUTING.en.md": "data/focal_points/ong-exemple.yaml",
               "data/focal_points/README.md": "data/focal_points/ong-exemple.yaml",
               "data/services/README.md": "data/services/exemple.yaml"}
    for source, copy in sources.items():
        text = (target / source).read_text(encoding="utf-8")
        example = text.split("```yaml\n")[1].split("```")[0]
        assert region in example, source
        (target / copy).write_text(example, encoding="utf-8")
        if copy.startswith("data/services"):
            continue
        result = runner.invoke(app, ["--root", str(target), "--no-cache", "validate"])
        assert result.exit_code == 0, f"{source}: {result.output}"
    result = runner.invoke(app, ["--root", str(target), "--no-cache", "validate"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_unknown_region_is_answered_with_a_region_of_the_networks_own_country(
        tmp_path: Path, runner: CliRunner, lang: str) -> None:
    """A focal point of a network of Burkina Faso who writes Mopti's ML05 is pointed to a
    region of Burkina Faso, not told to use « ML05 pour Mopti »."""
    target = tmp_path / "net"
    _init(runner, target, "--country", "BFA", "--phone-code", "226", "--lang", lang)
    text = (target / "CONTRIBUTING.en.md").read_text(encoding="utf-8")
    example = text.split("```yaml\n")[1].split("```")[0]
    (target / "data/focal_points/ong-exemple.yaml").write_text(
        example.replace("BF01", "ML05"), encoding="utf-8")
    result = runner.invoke(app, ["--root", str(target), "--no-cache", "validate"])
    assert result.exit_code == 1, result.output
    assert "[ref.unknown-region]" in result.output
    said = " ".join(result.output.split())
    assert {"fr": "par exemple BF01 (", "en": "such as BF01 ("}[lang] in said
    assert "Mopti" not in said


def test_a_network_of_another_country_gets_examples_of_its_own(tmp_path: Path,
                                                               runner: CliRunner) -> None:
    """A Burkina Faso network's CONTRIBUTING and READMEs gave Mali's examples (``+223``,
    Bambara, ``bamako-medical-1``), which a focal point copies; and a phone's hint at
    ``psea validate`` gave a Mali number too."""
    target = tmp_path / "net"
    _init(runner, target, "--country", "BFA", "--phone-code", "226", "--lang", "fr")
    for name in ("CONTRIBUTING.fr.md", "CONTRIBUTING.en.md", "data/focal_points/README.md",
                 "data/services/README.md"):
        text = (target / name).read_text(encoding="utf-8")
        for mali in ("+223", "22320009000", "[fr, bm]", "bamako", "Mali"):
            assert mali not in text, (name, mali)
    assert 'phone: "+226 ' in (target / "CONTRIBUTING.fr.md").read_text(encoding="utf-8")
    organisation = target / "data" / "focal_points" / "test-org.yaml"
    organisation.write_text(
        'id: test-org\nname: "Organisation test"\ntype: nngo\nmembership:\n  since: 2024-01-01\n'
        "focal_points:\n  - id: fp-1\n    name: \"Point focal\"\n    role: focal_point\n"
        "    email: psea@test.org\n    phone: +22670998877\n    verified_on: 2024-05-01\n",
        encoding="utf-8")
    _dataset, problems = load_dataset(target, use_cache=False)
    hints = [p.hint for p in problems if p.code == "directory.phone-not-quoted"]
    assert len(hints) == 1
    assert '"+226 ' in hints[0]
    assert "+223" not in hints[0]


@pytest.mark.parametrize(("country", "options", "first"), [
    ("MLI", [], "fr"), ("NER", ["--phone-code", "227"], "fr"), ("NGA", ["--phone-code", "234"], "en"),
    ("CMR", ["--phone-code", "237"], "fr"), ("SOM", ["--phone-code", "252"], "en"),
])
def test_with_no_language_said_the_network_speaks_its_countrys_first(
        tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, country: str,
        options: list[str], first: str) -> None:
    """Under the C locale of a server or a container, and with neither --lang nor PSEA_LANG,
    a network of Mali spoke English first: the country's official language is taken (French
    where both are and more speak it; English where neither is)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "PSEA_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C")
    target = tmp_path / "network"
    out = _init(runner, target, "--country", country, *options)
    network = yaml.safe_load((target / "data" / "network.yaml").read_text(encoding="utf-8"))
    assert network["languages"][0] == first
    assert ("Étapes suivantes" in out) == (first == "fr")  # and messages in that language
    monkeypatch.setenv("LANG", "en_GB.UTF-8")  # a language said by the system comes first
    _init(runner, tmp_path / "other", "--country", country, *options)
    said = yaml.safe_load((tmp_path / "other" / "data" / "network.yaml").read_text("utf-8"))
    assert said["languages"][0] == "en"


def test_a_country_given_by_its_number_is_asked_by_its_letters(tmp_path: Path,
                                                              runner: CliRunner) -> None:
    """« --country 466 » (Mali's number) was read as Mali without its profile, and asked for
    the dialling code psea knows."""
    refused = runner.invoke(app, ["--lang", "en", "init", str(tmp_path / "net"),
                                  "--country", "466"])
    assert refused.exit_code == 2
    assert "466 is not an ISO 3166-1 alpha-3 country code" in refused.stderr
    assert "--phone-code" not in refused.stderr


@pytest.mark.parametrize(("options", "said"), [
    (["--country", "BFA", "--phone-code", "223"],
     "--phone-code 223 is not the international dialling code of Burkina Faso (226)"),
    (["--country", "MLI", "--phone-code", "226"],
     "--phone-code 226 is not the international dialling code of Mali (223)"),
])
def test_another_country_s_dialling_code_is_refused(options: list[str], said: str,
                                                     tmp_path: Path, runner: CliRunner) -> None:
    """Mali's 223 given for Burkina Faso validated, and every Burkinabè number typed the
    national way went to address books as a Malian one (+223 70 12 34 56); Mali's own profile
    ignored a 226 without a word."""
    target = tmp_path / "net"
    result = runner.invoke(app, ["--lang", "en", "init", str(target), *options])
    assert result.exit_code == 2
    assert said in result.stderr
    assert not target.exists()


def test_init_says_which_country_the_network_is_of(tmp_path: Path, runner: CliRunner) -> None:
    """Without --country, a network of Mali was made with no word of Mali."""
    result = runner.invoke(app, ["--lang", "fr", "init", str(tmp_path / "net")])
    assert result.exit_code == 0, result.output
    assert "pays : Mali (MLI), indicatif +223" in result.stdout


def test_a_withdrawn_code_names_the_one_that_replaced_it(tmp_path: Path,
                                                        runner: CliRunner) -> None:
    """ZAR was Congo - Kinshasa's code until 1997: a network made with it carries a code no
    p-code, HDX dataset or agency system uses."""
    result = runner.invoke(app, ["--lang", "en", "init", str(tmp_path / "net"), "--country",
                                 "zar", "--phone-code", "243"])
    assert result.exit_code == 2
    assert "ZAR is a withdrawn country code" in result.output
    assert "Give COD, the code that replaced it." in result.output
    assert not (tmp_path / "net").exists()


def test_kosovo_by_the_code_the_un_agencies_use(tmp_path: Path, runner: CliRunner) -> None:
    """XKX is outside ISO 3166-1, and the code OCHA and HDX give Kosovo."""
    result = runner.invoke(app, ["--lang", "en", "init", str(tmp_path / "net"), "--country",
                                 "XKX", "--phone-code", "383"])
    assert result.exit_code == 0, result.output
    assert "country: Kosovo (XKX), dialling code +383" in result.stdout
