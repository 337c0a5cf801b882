"""The warm path of `psea report`: a report asked again with nothing changed (files, templates,
code, commit, day, language, options) is given from the one kept, without the framework, the
models or Jinja — byte for byte what making it again gives, with the same messages and exit
code — and any change makes it again."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import launch

PERIOD = ("report", "semester", "2021-S2")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture
def network(shipped_network: Path) -> Path:
    repo = shipped_network
    _git(repo, "init", "-q")
    _git(repo, "add", "data")
    _git(repo, "commit", "-q", "-m", "Start")
    return repo


def _made_again(repo: Path, *args: str) -> tuple[str, str, int]:
    out, err, code, _loaded = launch(repo, *args, PSEA_NO_CACHE="1")
    return out, err, code


def test_a_report_asked_again_is_given_from_the_kept_one(network: Path) -> None:
    args = (*PERIOD, "--format", "html", "-o", "report.html")
    first = launch(network, *args)
    assert "jinja2" in first[3]
    made = (network / "report.html").read_bytes()
    (network / "report.html").unlink()
    again = launch(network, *args)
    assert again[3] == []  # no framework, no models, no Jinja, no gitpython
    assert again[:3] == first[:3] == ("report.html\n", "", 0)
    assert (network / "report.html").read_bytes() == made
    assert _made_again(network, *args)[:3] == first[:3]
    assert (network / "report.html").read_bytes() == made


@pytest.mark.parametrize("args", [
    (*PERIOD,), (*PERIOD, "--lang", "en"), ("--lang", "en", *PERIOD, "--format=md"),
    (*PERIOD, "--format", "html"), (*PERIOD, "--format", "html", "--lang", "en")])
def test_the_kept_report_is_what_making_it_again_gives(network: Path, args: tuple[str, ...]
                                                     ) -> None:
    (network / "data" / "notes.txt").write_text("x\n", encoding="utf-8")  # uncommitted change
    launch(network, *args)
    default_file = next(network.glob("*.html"), None)
    made = default_file.read_bytes() if default_file else None
    kept = launch(network, *args)
    assert kept[3] == []
    fresh = _made_again(network, *args)
    assert kept[:3] == fresh
    assert "uncommitted" in fresh[1] or "non enregistrées" in fresh[1]
    if default_file is not None:
        assert default_file.read_bytes() == made


def test_a_report_with_data_errors_keeps_its_warning_and_exit_code(network: Path) -> None:
    organisation = min((network / "data" / "focal_points").glob("*.yaml"))
    organisation.write_text(organisation.read_text(encoding="utf-8") + "unknown_key: 1\n",
                            encoding="utf-8")
    _git(network, "commit", "-q", "-am", "Break")
    first = launch(network, *PERIOD, "--lang", "en")
    kept = launch(network, *PERIOD, "--lang", "en")
    assert kept[3] == []
    assert kept[:3] == first[:3]
    assert kept[2] == 1
    assert "the data has errors" in kept[1]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_where_to_write_the_missing_summary_is_said_to_its_maker_not_to_the_hct(
    network: Path, lang: str
) -> None:
    """A period without the network's words: the report says so plainly, and where to write
    them (a file of the repository, a command) is said on standard error, kept or not."""
    args = ("report", "semester", "2019-S1", "--lang", lang)
    first = launch(network, *args)
    kept = launch(network, *args)
    assert kept[3] == []
    assert kept[:3] == first[:3] == _made_again(network, *args)
    out, err, code = first[:3]
    progress = "data/plan/mali-2019-2021/progress/2019-S1.yaml"
    assert code == 0
    assert progress in err
    assert "--draft" in err
    assert progress not in out
    assert "--draft" not in out
    assert "psea" not in out.split("##")[1]
    assert ("wrote no summary" if lang == "en" else "n'a écrit ni synthèse") in out
    written = launch(network, *PERIOD, "--lang", lang)
    assert "--draft" not in written[1]
    drafted = launch(network, *args, "--draft")
    assert drafted[2] == 0, drafted[1]
    assert progress in drafted[0]
    out, err, code = launch(network, *args)[:3]  # the summary is the draft's: still said
    assert code == 0
    assert progress in err
    assert ("To rewrite" if lang == "en" else "À réécrire") in out


@pytest.mark.parametrize("change", ["data", "commit", "template", "day", "language"])
def test_any_change_makes_the_report_again(network: Path, change: str) -> None:
    launch(network, *PERIOD, "--lang", "en")
    extra: dict[str, str] = {}
    args: tuple[str, ...] = (*PERIOD, "--lang", "en")
    if change == "data":
        service = min((network / "data" / "services").glob("*.yaml"))
        service.write_text(service.read_text(encoding="utf-8") + "\n# a comment\n",
                           encoding="utf-8")
    elif change == "commit":
        _git(network, "commit", "-q", "--allow-empty", "-m", "Another")
    elif change == "template":
        (network / "templates").mkdir()
        (network / "templates" / "report.md.j2").write_text("own {{ period.key }}\n",
                                                            encoding="utf-8")
    elif change == "day":
        extra["PSEA_TODAY"] = "2022-03-01"
    else:
        args = (*PERIOD, "--lang", "fr")
    out, _err, _code, loaded = launch(network, *args, **extra)
    assert "psea_cli.models" in loaded
    if change == "template":
        assert out == "own 2021-S2\n"


def test_only_the_last_reports_are_kept(network: Path) -> None:
    for period in ("2020-S1", "2020-S2", "2021-S1", "2021-S2"):
        for lang in ("fr", "en", "fr"):
            launch(network, "report", "semester", period, "--lang", lang)
    kept = list((network / ".psea-cache" / "reports").iterdir())
    assert 0 < len(kept) <= 8
    assert all(path.stat().st_mode & 0o077 == 0 for path in kept)


def test_an_encrypted_store_never_keeps_a_report(network: Path) -> None:
    case = min((network / "data" / "cases").glob("*.yaml"))
    shutil.copy(case, case.with_suffix(".age"))
    launch(network, *PERIOD)
    reports = network / ".psea-cache" / "reports"
    assert not reports.exists() or not any(reports.iterdir())


def test_links_planted_in_the_cache_lead_nothing_elsewhere(network: Path, tmp_path: Path
                                                          ) -> None:
    """A `reports` folder that is a link, or a `verdict` that is one, is never written
    through, read through, or pruned through: the files it leads to stay as they were."""
    launch(network, "validate")  # makes the cache folder
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    precious = [elsewhere / f"{i:032x}" for i in range(12)]
    for path in precious:
        path.write_text("keep me\n", encoding="utf-8")
    (network / ".psea-cache" / "reports").symlink_to(elsewhere)
    (network / ".psea-cache" / "verdict").unlink(missing_ok=True)
    (network / ".psea-cache" / "verdict").symlink_to(elsewhere / precious[0].name)
    for period in ("2020-S2", "2021-S1", "2021-S2"):
        launch(network, "report", "semester", period)
    launch(network, "validate")
    assert sorted(elsewhere.iterdir()) == precious
    assert all(path.read_text(encoding="utf-8") == "keep me\n" for path in precious)
    out, _err, code, loaded = launch(network, *PERIOD)
    assert "psea_cli.models" in loaded  # nothing kept, nothing read through the link
    assert code == 0
    assert out


def test_the_reports_own_options_count_only_after_its_kind(network: Path) -> None:
    launch(network, *PERIOD)
    launch(network, *PERIOD)
    for args in (("report", "-o", "r2.md", "semester", "2021-S2"),
                 ("report", "--format", "html", "semester", "2021-S2")):
        _out, _err, code, _loaded = launch(network, *args)
        assert code == 2
        assert not (network / "r2.md").exists()


def test_the_output_path_is_printed_as_the_usual_path_prints_it(network: Path) -> None:
    args = (*PERIOD, "-o", "./r1.md")
    first = launch(network, *args)
    kept = launch(network, *args)
    assert kept[3] == []
    assert kept[0] == first[0] == "r1.md\n"


def test_a_short_option_joined_by_an_equals_sign_is_read_as_the_usual_path_reads_it(
        network: Path) -> None:
    """``-o=r.md`` is the file ``=r.md`` to the command line's parser: a kept report given
    again goes to that same file, never to ``r.md``."""
    first = launch(network, *PERIOD, "-o=r.md")
    again = launch(network, *PERIOD, "-o=r.md")
    assert first[:3] == again[:3] == ("=r.md\n", "", 0)
    assert (network / "=r.md").is_file()
    assert not (network / "r.md").exists()


def test_terminal_escapes_in_the_data_are_dropped_as_on_the_usual_path(network: Path) -> None:
    network_file = network / "data" / "network.yaml"
    text = network_file.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name: "))
    network_file.write_text(text.replace(name, f'name: "\\e[31m{name[6:]}"'), encoding="utf-8")
    fresh = _made_again(network, *PERIOD)
    launch(network, *PERIOD)
    again = launch(network, *PERIOD)
    assert again[:3] == fresh
    assert "\x1b" not in again[0]


def test_a_report_made_for_want_of_a_kept_one_walks_the_files_and_asks_git_once(
        network: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The console script looks for a kept report (a walk of every data file, three git
    processes); when none is kept, the report it then makes uses what that look took."""
    import sys
    from collections import Counter

    from psea_cli import gitrepo, instant
    from psea_cli import launch as console

    calls: Counter[str] = Counter()
    take_print, revision = instant.take_print, gitrepo.revision

    def counted_print(*args: object, **kwargs: object) -> object:
        calls["print"] += 1
        return take_print(*args, **kwargs)  # type: ignore[arg-type]

    def counted_revision(root: Path) -> object:
        calls["revision"] += 1
        return revision(root)

    monkeypatch.setattr(instant, "take_print", counted_print)
    monkeypatch.setattr(gitrepo, "revision", counted_revision)
    monkeypatch.setattr(instant, "RACY_MARGIN_NS", 0)
    for name in ("PSEA_NO_CACHE", "PSEA_LANG", "PSEA_IDENTITY", "PSEA_ROOT", "PSEA_TODAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(network)
    monkeypatch.setattr(sys, "argv", ["psea", *PERIOD, "--format", "html", "-o", "made.html"])
    with pytest.raises(SystemExit) as ended:
        console.main()
    assert ended.value.code in (0, None)
    assert calls == {"print": 1, "revision": 1}
    assert (network / "made.html").read_bytes() == _report_made_again(network)


def _report_made_again(repo: Path) -> bytes:
    _made_again(repo, *PERIOD, "--format", "html", "-o", "again.html")
    return (repo / "again.html").read_bytes()


def test_a_print_held_by_a_command_that_failed_is_never_used_by_a_later_one(
        network: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """psea called again in the same process (a script, a notebook): the print a report's
    first look took, for a command that then failed, must not stand for the files of a
    later report, made after they changed (that report was given from the one kept before
    the change)."""
    import sys

    from psea_cli import instant
    from psea_cli import launch as console

    monkeypatch.setattr(instant, "RACY_MARGIN_NS", 0)
    for name in ("PSEA_NO_CACHE", "PSEA_LANG", "PSEA_IDENTITY", "PSEA_ROOT", "PSEA_TODAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(network)
    (network / "a-folder").mkdir()

    def run(*args: str) -> None:
        monkeypatch.setattr(sys, "argv", ["psea", *args])
        with pytest.raises(SystemExit):
            console.main()

    run(*PERIOD, "-o", "before.md")  # kept, under the print of the files as they are
    run(*PERIOD, "--lang", "en", "-o", "a-folder")  # no kept one: its look holds the print
    network_file = network / "data" / "network.yaml"
    network_file.write_text(network_file.read_text(encoding="utf-8").replace(
        "name: Réseau national PSEA du Mali", "name: Réseau PSEA du Mali"), encoding="utf-8")
    run(*PERIOD, "-oafter.md")  # not answered by the console script: made by the usual path
    assert (network / "after.md").read_bytes() != (network / "before.md").read_bytes()
    _made_again(network, *PERIOD, "-o", "again.md")
    assert (network / "after.md").read_bytes() == (network / "again.md").read_bytes()
