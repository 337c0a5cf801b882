"""A case store that is not here (``cases_dir`` names a store kept in its own repository and not
cloned beside this one, data/cases a link that leads nowhere) shares no case figure but the
published ones: figures over no record read « <5 » cases in a report an HCT takes for the
network's, whatever the store holds. A network that never made data/cases has no case, and its
figures say so as before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import git
import pytest
from typer.testing import CliRunner

from psea_cli.cli import app

PERIOD = "2021-S1"


def _run(runner: CliRunner, repo: Path, *args: str, lang: str = "en") -> Any:
    return runner.invoke(app, ["--root", str(repo), "--lang", lang, *args])


def _shared(runner: CliRunner, repo: Path) -> dict[str, Any]:
    result = _run(runner, repo, "indicators", PERIOD, "--as-of", "2021-12-31", "--format",
                  "json", "--suppress")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _store_elsewhere(repo: Path) -> Path:
    """The shipped records moved to a store beside the repository, as a network keeps them
    that gives only the core team access to the cases."""
    store = repo.parent / "store"
    (repo / "data" / "cases").rename(store)
    network = repo / "data" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8") + "cases_dir: ../store\n",
                       encoding="utf-8")
    return store


def test_a_store_not_cloned_shares_no_case_figure(runner: CliRunner,
                                                  shipped_network: Path) -> None:
    store = _store_elsewhere(shipped_network)
    with_store = _shared(runner, shipped_network)
    assert with_store["metrics"]["cases_received"]["value"] not in (None, 0)
    shutil.rmtree(store)
    checked = _run(runner, shipped_network, "validate")
    assert checked.exit_code == 0  # a member without the store still checks the rest
    assert "[cases.store-missing]" in checked.stdout
    without = _shared(runner, shipped_network)
    assert without["protection"]["not_published"] == "store_absent"
    exact = _run(runner, shipped_network, "indicators", PERIOD, "--as-of", "2021-12-31")
    assert "warning: the case store ../store is not here: these figures count no case" \
        in exact.stderr  # the core team's exact figures read 0 with no word
    listed = _run(runner, shipped_network, "case", "list")
    assert "the case store ../store is not here: no case record was read" in listed.stderr
    for name in ("cases_received", "response_within_7_days", "assistance_referral_within_72h"):
        assert without["metrics"][name]["value"] is None, name
    assert without["metrics"]["cases_received"]["not_published"] == "store_absent"
    report = _run(runner, shipped_network, "report", "semester", PERIOD, "--format", "md",
                  lang="fr")
    assert report.exit_code == 0, report.output
    text = report.stdout.replace("\u00a0", " ")  # French puts a fixed space before a colon
    assert "le dossier des cas est introuvable ici" in text
    assert "non publié : dossier des cas introuvable" in text
    assert "cas d'EAS reçus dans la période" not in text  # no count of cases at all


def test_published_figures_stand_in_for_a_store_not_cloned(runner: CliRunner,
                                                           shipped_network: Path) -> None:
    """What a key holder published is what a member without the store shares."""
    store = _store_elsewhere(shipped_network)
    published = _run(runner, shipped_network, "case", "publish", PERIOD)
    assert published.exit_code == 0, published.output
    assert (shipped_network / "data" / "published" / f"{PERIOD}.yaml").is_file()
    with_store = _shared(runner, shipped_network)
    shutil.rmtree(store)
    without = _shared(runner, shipped_network)
    assert "not_published" not in without["protection"]
    assert without["protection"]["source"]["file"] == f"data/published/{PERIOD}.yaml"
    assert "source" not in with_store["protection"]
    assert without["metrics"]["cases_received"] == with_store["metrics"]["cases_received"]


def test_publishing_and_auditing_without_the_store_are_refused(runner: CliRunner,
                                                              shipped_network: Path) -> None:
    shutil.rmtree(_store_elsewhere(shipped_network))
    refused = _run(runner, shipped_network, "case", "publish", PERIOD)
    assert refused.exit_code == 1
    assert "the case store ../store is not here" in refused.stderr
    assert not (shipped_network / "data" / "published").exists()  # nothing written
    audit = _run(runner, shipped_network, "audit", lang="fr")
    assert audit.exit_code == 1
    assert "le dossier des cas ../store n'est pas ici" in audit.stderr


def test_a_case_store_link_that_leads_nowhere_shares_no_case_figure(
        runner: CliRunner, shipped_network: Path) -> None:
    cases = shipped_network / "data" / "cases"
    shutil.rmtree(cases)
    cases.symlink_to("gone", target_is_directory=True)
    checked = _run(runner, shipped_network, "validate")
    assert ("data/cases:1:1: warning [cases.store-missing] the case store data/cases is a link "
            "that leads nowhere") in checked.stdout
    assert _shared(runner, shipped_network)["protection"]["not_published"] == "store_absent"


def test_a_network_without_case_folder_has_no_case(runner: CliRunner,
                                                   shipped_network: Path) -> None:
    """No data/cases and no cases_dir: a network that has recorded no case yet."""
    shutil.rmtree(shipped_network / "data" / "cases")
    checked = _run(runner, shipped_network, "validate")
    assert "cases.store-missing" not in checked.stdout
    shared = _shared(runner, shipped_network)
    assert "not_published" not in shared["protection"]
    assert shared["metrics"]["cases_received"]["value"] == "<5"  # 0 to 4, as any small count


@pytest.mark.parametrize("how", ["folder made by hand", "submodule not fetched",
                                 "submodule fetched at a commit never pushed",
                                 "submodule with a README", "gitlink without .gitmodules",
                                 "data/cases named and absent", "a file"])
def test_a_store_that_is_not_really_here_shares_no_case_figure(
        runner: CliRunner, shipped_network: Path, how: str) -> None:
    """An empty folder where the store should be (a submodule a plain clone did not fetch, a
    folder made by hand) shared « <5 » everywhere, and `case publish` wrote those zeros for
    every member; so did `cases_dir: data/cases` written in network.yaml with no such folder."""
    network = shipped_network / "data" / "network.yaml"
    cases = shipped_network / "data" / "cases"
    if how == "folder made by hand":
        shutil.rmtree(_store_elsewhere(shipped_network))
        (shipped_network.parent / "store").mkdir()
        said = "is empty, as if it were not cloned here"
    elif how.startswith("submodule"):
        shutil.rmtree(cases)
        cases.mkdir()
        (shipped_network / ".gitmodules").write_text(  # written as git reads it too
            '[submodule "cases"]\n\tpath = "data/cases" ; the core team\'s store\n'
            '\turl = ../psea-cases.git\n', encoding="utf-8")
        if how == "submodule fetched at a commit never pushed":
            (cases / ".git").write_text("gitdir: ../../.git/modules/cases\n", encoding="utf-8")
        elif how == "submodule with a README":
            (cases / "README.md").write_text("# Case store\n", encoding="utf-8")
        said = "is empty, as if it were not cloned here"
    elif how == "gitlink without .gitmodules":
        shutil.rmtree(cases)
        cases.mkdir()
        repository = git.Repo.init(shipped_network)
        repository.git.update_index("--add", "--cacheinfo",
                                    f"160000,{'1' * 40},data/cases")
        said = "is empty, as if it were not cloned here"
    elif how == "data/cases named and absent":
        shutil.rmtree(cases)
        network.write_text(network.read_text(encoding="utf-8") + "cases_dir: data/cases\n",
                           encoding="utf-8")
        said = "the case store data/cases (cases_dir) does not exist"
    else:
        shutil.rmtree(cases)
        cases.write_text("not a folder\n", encoding="utf-8")
        said = "the case store data/cases (cases_dir) is a file, not a folder"
    checked = _run(runner, shipped_network, "validate")
    assert said in checked.stdout
    assert _shared(runner, shipped_network)["protection"]["not_published"] == "store_absent"
    refused = _run(runner, shipped_network, "case", "publish", PERIOD)
    assert refused.exit_code == 1
    assert not (shipped_network / "data" / "published").exists()


def test_a_data_cases_folder_with_its_readme_only_is_a_network_without_case(
        runner: CliRunner, shipped_network: Path) -> None:
    cases = shipped_network / "data" / "cases"
    shutil.rmtree(cases)
    cases.mkdir()
    (cases / "README.md").write_text("Case records go here.\n", encoding="utf-8")
    assert "not_published" not in _shared(runner, shipped_network)["protection"]


def test_a_separate_store_made_before_its_first_case_is_here(
        runner: CliRunner, shipped_network: Path, trusted_network: Path) -> None:
    """`git init ../store` before the first case: a store of its own (its .git a folder), with
    no case yet, is here; a submodule's checkout (its .git a file) or an empty folder is not,
    and the cached verdict of `psea validate` follows the change."""
    store = _store_elsewhere(shipped_network)
    shutil.rmtree(store)
    store.mkdir()
    git.Repo.init(store)
    checked = _run(runner, shipped_network, "validate")
    assert "cases.store-missing" not in checked.stdout
    assert "not_published" not in _shared(runner, shipped_network)["protection"]
    shutil.rmtree(store / ".git")  # an empty folder now: the warm verdict must not hide it
    again = _run(runner, shipped_network, "validate")
    assert "is empty, as if it were not cloned here" in again.stdout
    (store / ".git").write_text("gitdir: ../network/.git/modules/store\n", encoding="utf-8")
    once_more = _run(runner, shipped_network, "validate")
    assert "is empty, as if it were not cloned here" in once_more.stdout
    assert _shared(runner, shipped_network)["protection"]["not_published"] == "store_absent"
