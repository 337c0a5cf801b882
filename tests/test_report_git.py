"""The report in a real git repository: the data revision, uncommitted changes, and the
directory changes of the period read from history."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import git
import pytest
from helpers import FIXTURE
from typer.testing import CliRunner

from psea_cli.cli import app


def _commit(repo: git.Repo, message: str, day: str) -> str:
    repo.git.add(A=True)
    moment = f"{day}T10:00:00"
    commit = repo.index.commit(message, author_date=moment, commit_date=moment,
                               author=git.Actor("Coordination", "coordination@example.org"),
                               committer=git.Actor("Coordination", "coordination@example.org"))
    return str(commit.hexsha)


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, str]:
    """The fixture network committed in June 2020, then a focal point added and a service
    removed in October 2020; returns the repository and the last commit."""
    root = tmp_path / "network"
    shutil.copytree(FIXTURE, root)
    repo = git.Repo.init(root)
    _commit(repo, "Import the network", "2020-06-01")
    wfp = root / "data" / "focal_points" / "wfp.yaml"
    wfp.write_text(wfp.read_text(encoding="utf-8").replace(
        "focal_points: []",
        "focal_points:\n  - id: fp-1\n    name: Point focal PSEA PAM\n    role: focal_point\n"
        "    email: psea@wfp.example.org\n    verified_on: 2020-10-02"), encoding="utf-8")
    services = root / "data" / "services" / "tombouctou.yaml"
    text = services.read_text(encoding="utf-8")
    services.write_text(text[:text.index("  - id: tombouctou-psychosocial")], encoding="utf-8")
    last = _commit(repo, "Directory update", "2020-10-05")
    return root, last


def test_the_cover_names_the_commit_and_the_period_changes_come_from_history(
    runner: CliRunner, history: tuple[Path, str]
) -> None:
    root, last = history
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"Data revision: commit {last[:8]} of 5 October 2020." in result.stdout
    assert "| 5 October 2020 | Added | Focal point: Point focal PSEA PAM |" in result.stdout
    assert "| 5 October 2020 | Removed | Service: tombouctou-psychosocial |" in result.stdout
    assert "uncommitted" not in result.output
    assert "Programme alimentaire mondial" not in result.stdout.split(
        "### Entries not verified")[0].split("without a focal point")[1]


def test_changes_outside_the_period_are_not_listed(runner: CliRunner,
                                                   history: tuple[Path, str]) -> None:
    root, _last = history
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2021-S1",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "No focal point or service was added or removed during the period." in result.stdout
    first = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S1",
                                "--lang", "en"])
    assert "| 1 June 2020 | Added | Service: tombouctou-psychosocial |" in first.stdout
    assert "Point focal PSEA PAM" not in first.stdout


def test_uncommitted_changes_are_flagged_on_the_cover_and_on_stderr(
    runner: CliRunner, history: tuple[Path, str]
) -> None:
    root, _last = history
    network = root / "data" / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "fr", "--format", "html", "-o", "-"])
    assert result.exit_code == 0
    assert '<p class="alert" role="alert">Attention\u00a0: les données ont des modifications' \
        in result.stdout
    assert "modifications non enregistrées" in result.stderr
    assert "\u00a0" not in result.stderr  # the terminal's words keep plain spaces


def test_outside_git_the_report_says_there_is_no_revision_or_history(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = tmp_path / "plain"
    shutil.copytree(FIXTURE, root)
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Data revision: not a git repository, no revision available." in result.stdout
    assert "Not available: the data is not in a git repository." in result.stdout


@pytest.mark.parametrize("change", ["unstaged", "staged", "untracked"])
def test_every_kind_of_uncommitted_change_to_the_data_is_flagged(
    runner: CliRunner, history: tuple[Path, str], change: str
) -> None:
    root, _last = history
    repo = git.Repo(root)
    if change == "untracked":
        (root / "data" / "focal_points" / "new-org.yaml").write_text("id: new-org\n",
                                                                   encoding="utf-8")
    else:
        network = root / "data" / "network.yaml"
        network.write_text(network.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        if change == "staged":
            repo.git.add(str(network))
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert "the data has uncommitted changes" in result.stderr


def test_changes_outside_the_data_folder_are_not_flagged(
    runner: CliRunner, history: tuple[Path, str]
) -> None:
    root, _last = history
    (root / "notes.txt").write_text("meeting notes\n", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "uncommitted" not in result.output


def test_a_repository_without_commits_has_no_revision(runner: CliRunner,
                                                      tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    shutil.copytree(FIXTURE, root)
    git.Repo.init(root)
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert "Data revision: none, nothing has been committed yet." in result.stdout
    assert "the data has uncommitted changes" in result.stderr


def _focal_points(count: int, verified: list[str | None]) -> str:
    """``count`` focal points in YAML, the i-th verified on ``verified[i]`` (None: never)."""
    lines = ["focal_points:"]
    for i in range(count):
        lines += [f"  - id: fp-{i + 1}", f"    name: Point focal {i + 1:02d}",
                  "    role: focal_point", f"    email: pf{i + 1}@wfp.example.org"]
        if verified[i] is not None:
            lines.append(f"    verified_on: {verified[i]}")
    return "\n".join(lines)


def test_a_long_list_of_changes_shows_the_latest_counts_them_all_and_names_the_command(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A semester where a whole organisation's directory was entered: the report lists the 30
    latest changes, counts every change by kind, and the command it names lists them all."""
    root = tmp_path / "network"
    shutil.copytree(FIXTURE, root)
    repo = git.Repo.init(root)
    _commit(repo, "Import the network", "2020-06-01")
    wfp = root / "data" / "focal_points" / "wfp.yaml"
    text = wfp.read_text(encoding="utf-8")
    for day, count in (("2020-09-01", 20), ("2020-10-05", 33)):  # 33 added in all
        wfp.write_text(text.replace("focal_points: []", _focal_points(count, ["2020-09-01"] * count)),
                       encoding="utf-8")
        _commit(repo, "Directory update", day)
    services = root / "data" / "services" / "tombouctou.yaml"
    content = services.read_text(encoding="utf-8")
    services.write_text(content[:content.index("  - id: tombouctou-psychosocial")],
                        encoding="utf-8")
    _commit(repo, "Service closed", "2020-11-02")
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    changes = result.stdout.split("### Changes during the period")[1].split("\n## ")[0]
    assert ("The 30 latest of the 34 changes of the period are listed below; "
            "“psea changes --since 2020-07-01 --until 2020-12-31” lists them all.") in changes
    assert "| Focal points | 33 | 0 |" in changes
    assert "| Services | 0 | 1 |" in changes
    listed = [line for line in changes.splitlines() if line.startswith(("| 1 September",
                                                                         "| 5 October",
                                                                         "| 2 November"))]
    assert len(listed) == 30
    assert listed[-1] == "| 2 November 2020 | Removed | Service: tombouctou-psychosocial |"
    assert sum(line.startswith("| 1 September") for line in listed) == 16  # the 4 oldest left
    every = runner.invoke(app, ["--root", str(root), "changes", "--since", "2020-07-01",
                                "--until", "2020-12-31", "--area", "directory", "--area",
                                "services", "--format", "json"])
    assert every.exit_code == 0, every.output
    assert every.stdout.count('"kind": "added"') + every.stdout.count('"kind": "removed"') >= 34
    # a network's own template of an earlier release still lists every change
    (root / "templates" / "partials").mkdir(parents=True)
    (root / "templates" / "partials" / "directory.md.j2").write_text(
        "{% for row in directory.changes %}CHANGE {{ row.cells|join(' / ') }}\n{% endfor %}",
        encoding="utf-8")
    own = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                              "--lang", "en"])
    assert own.exit_code == 0, own.output
    assert own.stdout.count("CHANGE ") == 34
    shutil.rmtree(root / "templates")
    page = tmp_path / "report.html"
    french = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "fr", "--format", "html", "-o", str(page)])
    assert french.exit_code == 0, french.output
    assert ("Les 30 derniers des 34 changements de la période sont listés ci-dessous ; "
            "« psea changes --since 2020-07-01 --until 2020-12-31 » les liste tous.") in (
        page.read_text(encoding="utf-8").replace("\u202f", " ").replace("\u00a0", " "))


def test_a_short_list_of_changes_is_shown_whole_without_a_count(
    runner: CliRunner, history: tuple[Path, str]
) -> None:
    root, _last = history
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "latest of the" not in result.stdout
    assert "| Kind of entry |" not in result.stdout


def test_entries_not_verified_are_one_row_per_organisation_oldest_first(
    runner: CliRunner, tmp_path: Path
) -> None:
    """An organisation's five stale focal points make one row naming the three verified longest
    ago and counting the others, dated by the oldest; an organisation with an entry never
    verified comes first."""
    root = tmp_path / "network"
    shutil.copytree(FIXTURE, root)
    wfp = root / "data" / "focal_points" / "wfp.yaml"
    days = ["2019-05-01", "2019-03-01", "2019-04-01", "2019-06-01", "2019-07-01"]
    wfp.write_text(wfp.read_text(encoding="utf-8").replace(
        "focal_points: []", _focal_points(5, days)), encoding="utf-8")
    unfpa = root / "data" / "focal_points" / "unfpa.yaml"
    unfpa.write_text("".join(line for line in unfpa.read_text(encoding="utf-8").splitlines(True)
                             if "verified_on:" not in line), encoding="utf-8")
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    stale = result.stdout.split("### Entries not verified")[1].split("###")[0]
    rows = [line for line in stale.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[0] == "| Organisation | Entries | Oldest verification |"
    assert rows[1].startswith("| Fonds des Nations unies pour la population"), rows
    assert rows[1].endswith("| never |"), rows
    wfp_rows = [row for row in rows if "(PAM)" in row]
    assert wfp_rows == ["| Programme alimentaire mondial (PAM) | Focal point: Point focal 02, "
                        "Focal point: Point focal 03, Focal point: Point focal 01 and 2 more "
                        "| 1 March 2019 |"]
    assert f"organisations concerned: {len(rows) - 1}." in stale
    french = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "fr"])
    assert "Point focal : Point focal 01 et 2 autres | 1er mars 2019 |" in (
        french.stdout.replace("\u202f", " ").replace("\u00a0", " "))


def test_a_long_list_of_entries_not_verified_shows_the_longest_unverified_and_the_command(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A 10,000-case network listed 296 organisations with entries not verified: 13 of its 34
    printed pages. The report lists the 30 unverified the longest, says how many it leaves
    out, and names the command that lists every entry."""
    root = tmp_path / "network"
    shutil.copytree(FIXTURE, root)
    for i in range(33):
        (root / "data" / "focal_points" / f"ong-{i:02d}.yaml").write_text(
            f"id: ong-{i:02d}\nname: ONG {i:02d}\ntype: nngo\nmembership:\n"
            f"  since: 2019-01-01\nfocal_points:\n  - id: fp-1\n    name: Point focal {i:02d}\n"
            f"    role: focal_point\n    email: pf@ong-{i:02d}.example.org\n"
            f"    verified_on: 2019-{1 + i // 28:02d}-{1 + i % 28:02d}\n", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    stale = result.stdout.split("### Entries not verified")[1].split("###")[0]
    rows = [line for line in stale.splitlines() if line.startswith("| ") and "---" not in line]
    total = int(re.search(r"organisations concerned: (\d+)\.", stale).group(1))
    assert total > 33
    note = re.search(r"The 30 organisations of the (\d+) concerned whose entries have gone "
                     r"longest without a check are listed below; the network's coordination "
                     r"gets the full list with “(psea [^”]+)”\.", stale)
    assert note, stale
    assert int(note.group(1)) == total
    assert f"“{note.group(2)}”.\n\n| Organisation | Entries |" in stale  # the table's own
    assert len(rows) == 1 + 30
    listed = [row for row in rows if row.startswith("| ONG ")]
    assert listed[:2] == ["| ONG 00 | Focal point: Point focal 00 | 1 January 2019 |",
                          "| ONG 01 | Focal point: Point focal 01 | 2 January 2019 |"]
    assert "ONG 32" not in stale  # verified latest of them: left out
    every = runner.invoke(app, ["--root", str(root), *note.group(2).split()[1:]])
    assert "ong-32/fp-1" in every.stdout
    assert sum(f"ong-{i:02d}/fp-1" in every.stdout for i in range(33)) == 33
    page = tmp_path / "report.html"
    french = runner.invoke(app, ["--root", str(root), "report", "semester", "2020-S2",
                                 "--lang", "fr", "--format", "html", "-o", str(page)])
    assert french.exit_code == 0, french.output
    assert (f"Les 30 organisations, sur les {total} concernées, dont les entrées attendent une "
            "vérification depuis le plus longtemps sont listées ci-dessous ; la coordination du "
            f"réseau obtient la liste complète avec « {note.group(2)} ».") in (
        page.read_text(encoding="utf-8").replace("\u202f", " ").replace("\u00a0", " "))
