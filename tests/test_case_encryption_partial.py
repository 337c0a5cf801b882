"""A store where this reader opens some case records and not others (records kept in clear
beside encrypted ones, a key that is not a recipient of every record): no case figure is
shared over the records that can be read. Set beside the key holders' figures over all of
them, a region published ``<5`` by the core team and 5 over a part of its cases was 1 to 4.
Real age keys (pyrage), real git."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import git
import pytest
from pyrage import x25519
from typer.testing import CliRunner

from psea_cli import clock
from psea_cli.cli import app
from psea_cli.indicators.accountability import published_accountability
from psea_cli.periods import parse
from psea_cli.validation import load_dataset

ADD = ["case", "add", "--channel", "hotline", "--region", "Mopti", "--sex", "female",
       "--age-group", "child", "--allegation", "sexual_exploitation", "--incident-month",
       "2020-08", "--consent-assistance", "yes", "--commit", "--no-interactive"]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2021, 1, 15))
    monkeypatch.delenv("PSEA_LANG", raising=False)
    monkeypatch.delenv("PSEA_IDENTITY", raising=False)
    monkeypatch.setenv("HOME", "/nonexistent")  # no ~/.ssh key of the machine is used


def _invoke(runner: CliRunner, root: Path, *args: str,
            identity: Path | None = None) -> tuple[int, str, str]:
    options = ["--root", str(root)] + (["--identity", str(identity)] if identity else [])
    result = runner.invoke(app, [*options, *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def mixed(runner: CliRunner, tmp_path: Path, valid_repo: Path) -> tuple[Path, Path]:
    """Six complaints of 2020-Q3 recorded in clear, then encryption turned on (not required)
    and three more recorded, encrypted to the core team: the repository and the core key."""
    identity = x25519.Identity.generate()
    core = tmp_path / "core.key"
    core.write_text(f"{identity}\n")
    (valid_repo / "data" / "cases" / "7KQ2M9AB.yaml").unlink()
    repo = git.Repo.init(valid_repo)
    repo.index.add(["data"])
    repo.index.commit("network")
    for day in range(6):
        code, _out, err = _invoke(runner, valid_repo, *ADD, "--received", f"2020-08-0{day + 1}")
        assert code == 0, err
    network = valid_repo / "data" / "network.yaml"
    network.write_text(network.read_text() + "case_encryption:\n  required: false\n"
                       f"  recipients:\n    - name: coordinator\n      key: {identity.to_public()}\n")
    repo.index.add(["data/network.yaml"])
    repo.index.commit("encryption")
    for day in range(3):
        code, _out, err = _invoke(runner, valid_repo, *ADD, "--received", f"2020-09-0{day + 1}")
        assert code == 0, err
    assert len(list((valid_repo / "data" / "cases").glob("*.age"))) == 3
    return valid_repo, core


def _received(runner: CliRunner, root: Path, identity: Path | None = None) -> dict[str, object]:
    code, out, err = _invoke(runner, root, "--lang", "en", "indicators", "2020-S2", "--suppress",
                             "--format", "json", identity=identity)
    assert code == 0, err
    document = json.loads(out)
    received: dict[str, object] = document["metrics"]["cases_received"]
    return {"received": received, "protection": document["protection"]}


def test_no_case_figure_is_shared_over_the_records_a_member_can_read(
        runner: CliRunner, mixed: tuple[Path, Path]) -> None:
    root, core = mixed
    holder = _received(runner, root, core)
    assert holder["received"]["value"] in (5, 10)  # type: ignore[index]  # 9 complaints, rounded
    member = _received(runner, root)  # 6 of 9 readable: their figures would narrow it
    assert member["received"] == {"value": None, "numerator": None, "denominator": None,
                                  "breakdowns": {}, "details": {},
                                  "not_published": "sealed_records"}
    assert member["protection"]["not_published"] == "sealed_records"  # type: ignore[index]
    assert member["protection"]["quarters"] == []  # type: ignore[index]

    for lang, said in (("en", "Case figures are not published: some case records are encrypted "
                              "and cannot be read here"),
                       ("fr", "Chiffres des cas non publiés : des fiches de cas sont chiffrées "
                              "et ne peuvent pas être lues ici")):
        code, out, err = _invoke(runner, root, "--lang", lang, "indicators", "2020-S2",
                                 "--suppress")
        assert code == 0, err
        assert " ".join(out.split()).count(said) == 1
        target = root.parent / f"member-{lang}.md"
        code, _out, err = _invoke(runner, root, "--lang", lang, "report", "semester", "2020-S2",
                                  "-o", str(target))
        assert code == 0, err
        report = target.read_text()
        assert " ".join(report.split()).count(said) == 2  # cases, accountability: why, no number
        cases = next(part for part in report.split("\n## ")
                     if part.startswith(("Complaints and allegations", "Plaintes")))
        # no figure, and never how many records are sealed or readable
        assert not any(ch.isdigit() for line in cases.splitlines()[1:] for ch in line)


def test_published_figures_are_shared_and_other_periods_stay_unpublished(
        runner: CliRunner, mixed: tuple[Path, Path]) -> None:
    """The key holders' file covers 2020-S2: the member shares its figures, and the earlier
    semesters of the report's trends, which no file covers, are not made from the readable
    records beside them."""
    root, core = mixed
    code, _out, err = _invoke(runner, root, "case", "publish", "2020-S2", "--commit",
                              identity=core)
    assert code == 0, err
    member = _received(runner, root)
    assert member["received"]["value"] in (5, 10)  # type: ignore[index]
    code, out, err = _invoke(runner, root, "--lang", "en", "indicators", "2020-S1", "--suppress",
                             "--format", "json")
    assert code == 0, err
    assert json.loads(out)["protection"]["not_published"] == "sealed_records"


@pytest.mark.parametrize(("edit", "code"), [
    (lambda text: text.replace("base: 5", "base: 10"), "published.other-threshold"),
    (lambda text: text.replace("    - 2020-Q3\n    - 2020-Q4\n", "    - 2020-Q1\n    - 2020-Q2\n"),
     "published.wrong-quarters"),
    (lambda text: text.replace("left_out: 0", "left_out: 3"), "published.not-rounded"),
])
def test_published_figures_psea_would_not_write_are_refused_and_not_shared(
        runner: CliRunner, mixed: tuple[Path, Path], edit: object, code: str) -> None:
    """A pull request can carry a published figures file: one rounded with another threshold
    (a ``<5`` for 0 to 9, printed as "0 to 4"), naming other quarters, or holding a count that
    is not rounded is reported by ``psea validate`` and never shared as the core team's."""
    root, core = mixed
    done, _out, err = _invoke(runner, root, "case", "publish", "2020-S2", identity=core)
    assert done == 0, err
    published = root / "data" / "published" / "2020-S2.yaml"
    text = published.read_text()
    assert callable(edit)
    published.write_text(edit(text))
    assert published.read_text() != text
    done, out, _err = _invoke(runner, root, "--lang", "en", "--no-cache", "validate")
    assert done == 1
    assert f"[{code}]" in out
    done, out, _err = _invoke(runner, root, "--lang", "en", "indicators", "2020-S2",
                              "--suppress", "--format", "json")
    assert done == 1  # the data has an error
    assert json.loads(out)["protection"]["not_published"] == "sealed_records"
    dataset = load_dataset(root, use_cache=False)[0]  # its accountability part is not shared
    assert published_accountability(dataset, parse("2020-S2"), 5) is None


def test_a_member_report_says_why_its_map_has_no_complaints(
        runner: CliRunner, mixed: tuple[Path, Path]) -> None:
    """The map's title promises services and complaints: with no case figure published, the
    complaints' map is left out and a sentence says why, rather than leaving a reader to
    wonder where it went."""
    root, core = mixed
    for lang, said in (("en", "No map of complaints: this report publishes no case figure for "
                              "the period (see “Complaints and allegations of SEA”)."),
                       ("fr", "Pas de carte des plaintes\u00a0: ce rapport ne publie aucun "
                              "chiffre de cas pour la période (voir «\u00a0Plaintes et "
                              "allégations d&#39;EAS\u00a0»).")):
        target = root.parent / f"member-{lang}.html"
        code, _out, err = _invoke(runner, root, "--lang", lang, "report", "semester", "2020-S2",
                                  "-o", str(target))
        assert code == 0, err
        report = target.read_text()
        assert "map-cases-t" not in report
        assert report.count(said) == 1
    target = root.parent / "holder.html"
    code, _out, err = _invoke(runner, root, "--lang", "en", "report", "semester", "2020-S2",
                              "-o", str(target), identity=core)
    assert code == 0, err
    assert "No map of complaints" not in target.read_text()
