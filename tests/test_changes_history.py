"""``directory.changes``: what changed between two dates or revisions, read from a real git history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import git
import pytest
from git_history import commit_all, edit
from hypothesis import given
from hypothesis import strategies as st

from psea_cli.directory.changes import Change, changes, changes_or_none
from psea_cli.directory.history import UNREADABLE, ChangeTracker
from psea_cli.gitrepo import last_changes
from psea_cli.problems import PseaError

NEW_SERVICE = """\
  - id: mopti-legal
    provider: alpha
    type: legal
    name: Aide juridique
    region: ML05
    status: active
"""


@pytest.fixture
def history(valid_repo: Path) -> tuple[Path, list[str]]:
    """Three commits: the initial data (Jan.), a focal point and a service edited (Mar.),
    an organisation removed and the plan edited (June)."""
    repo = git.Repo.init(valid_repo)
    first = commit_all(repo, "Initial data", "2020-01-15")
    data = valid_repo / "data"
    edit(data / "focal_points" / "alpha.yaml", '"+223 20 00 00 01"', '"+223 20 00 00 09"')
    edit(data / "focal_points" / "alpha.yaml", "verified_on: 2020-10-01", "verified_on: 2020-03-01")
    with (data / "services" / "mopti.yaml").open("a", encoding="utf-8") as handle:
        handle.write(NEW_SERVICE)
    second = commit_all(repo, "Update the Mopti pathway", "2020-03-10")
    (data / "focal_points" / "beta.yaml").unlink()
    plan = data / "plan" / "test-plan" / "plan.yaml"
    edit(plan, "amount_usd: 15000", "amount_usd: 16000")
    edit(plan, "responsible: [beta]", "responsible: [alpha]")
    edit(data / "plan" / "test-plan" / "progress" / "2020-S2.yaml", "status: in_progress",
         "status: done")
    third = commit_all(repo, "Beta leaves; plan revised", "2020-06-05")
    return valid_repo, [first, second, third]


def test_whole_history_lists_every_entry_added(history: tuple[Path, list[str]]) -> None:
    root, (first, _second, third) = history
    found = changes(root, None, None)
    added = {(c.entity, c.id) for c in found if c.kind == "added"}
    assert ("organisation", "alpha") in added
    assert ("focal_point", "alpha/fp-1") in added
    assert ("service", "mopti-legal") in added
    assert ("indicator", "1.1-b") in added
    # beta was added, then removed inside the range: no net change
    assert not [c for c in found if c.id == "beta"]
    alpha = next(c for c in found if c.id == "alpha")
    assert (alpha.commit, alpha.date, alpha.fields) == (first, dt.date(2020, 1, 15), ())
    assert max(c.date for c in found) == dt.date(2020, 6, 5)
    assert next(c for c in found if c.id == "2.1.1").commit == third


def test_changes_between_two_dates(history: tuple[Path, list[str]]) -> None:
    root, (_first, second, third) = history
    found = changes(root, "2020-02-01", "2020-12-31")
    assert found == [
        Change("focal_point", "alpha/fp-1", "data/focal_points/alpha.yaml", "modified",
               ("phone", "verified_on"), second, dt.date(2020, 3, 10)),
        Change("service", "mopti-legal", "data/services/mopti.yaml", "added", (), second,
               dt.date(2020, 3, 10)),
        Change("organisation", "beta", "data/focal_points/beta.yaml", "removed", (), third,
               dt.date(2020, 6, 5)),
        Change("activity", "1.1.1", "data/plan/test-plan/plan.yaml", "modified",
               ("progress.2020-S2.status",), third, dt.date(2020, 6, 5)),
        Change("activity", "2.1.1", "data/plan/test-plan/plan.yaml", "modified",
               ("budget", "responsible"), third, dt.date(2020, 6, 5)),
    ]


def test_dates_are_inclusive(history: tuple[Path, list[str]]) -> None:
    root, _commits = history
    assert {c.date for c in changes(root, "2020-03-10", "2020-03-10")} == {dt.date(2020, 3, 10)}
    assert changes(root, "2020-03-11", "2020-06-04") == []
    assert changes(root, dt.date(2020, 6, 5), None) == changes(root, "2020-06-05", None)


def test_revisions_as_bounds(history: tuple[Path, list[str]]) -> None:
    root, (first, second, third) = history
    found = changes(root, first, second)
    assert {(c.entity, c.id, c.kind) for c in found} == {
        ("focal_point", "alpha/fp-1", "modified"), ("service", "mopti-legal", "added")}
    assert changes(root, second[:8], "HEAD") == changes(root, "2020-04-01", None)
    git.Repo(root).create_tag("v1", ref=second)
    assert changes(root, "v1", None) == changes(root, second, third)


def test_only_the_paths_asked_for(history: tuple[Path, list[str]]) -> None:
    root, _commits = history
    found = changes(root, "2020-02-01", None, paths=["data/services"])
    assert [(c.entity, c.id) for c in found] == [("service", "mopti-legal")]


def test_contact_values_never_appear(history: tuple[Path, list[str]]) -> None:
    root, _commits = history
    text = repr(changes(root, None, None))
    assert "+223" not in text
    assert "@example.org" not in text


@pytest.mark.parametrize("bound", ["2020-13-01", "no-such-branch", "--all", ""])
def test_a_wrong_bound_is_a_usage_error(history: tuple[Path, list[str]], bound: str) -> None:
    root, _commits = history
    with pytest.raises(PseaError) as caught:
        changes(root, bound, None)
    assert caught.value.exit_code == 2
    assert "--since" in caught.value.message


def test_outside_git(valid_repo: Path) -> None:
    assert changes_or_none(valid_repo, None, None) is None
    assert last_changes(valid_repo) is None
    with pytest.raises(PseaError):
        changes(valid_repo, None, None)


def test_repository_without_commits(valid_repo: Path) -> None:
    git.Repo.init(valid_repo)
    assert changes(valid_repo, None, None) == []
    assert last_changes(valid_repo) == {}


def test_network_in_a_subfolder_of_the_repository(tmp_path: Path, valid_repo: Path) -> None:
    repo = git.Repo.init(tmp_path)
    commit_all(repo, "Initial data", "2020-01-15")
    found = changes(valid_repo, None, None, paths=["data/services"])
    assert [(c.id, c.file) for c in found] == [("mopti-medical", "data/services/mopti.yaml")]
    assert set(last_changes(valid_repo, ["data/services"]) or {}) == {"data/services/mopti.yaml"}


def test_last_change_of_each_file(history: tuple[Path, list[str]]) -> None:
    root, (first, second, _third) = history
    last = last_changes(root, ["data/focal_points", "data/services"]) or {}
    assert last["data/focal_points/alpha.yaml"].commit == second
    assert last["data/services/mopti.yaml"].date == dt.date(2020, 3, 10)
    assert "data/focal_points/beta.yaml" in last  # its removal is its last change
    assert first not in {v.commit for v in last.values()}


def test_merged_pull_request_counts_on_the_day_it_is_merged(valid_repo: Path) -> None:
    repo = git.Repo.init(valid_repo)
    base = commit_all(repo, "Initial data", "2020-01-15")
    main = repo.active_branch
    branch = repo.create_head("update-alpha", base)
    branch.checkout()
    edit(valid_repo / "data" / "focal_points" / "alpha.yaml", "role: focal_point", "role: alternate")
    commit_all(repo, "Alpha: alternate", "2020-02-01")
    main.checkout()
    repo.git.merge("--no-ff", "--no-edit", "update-alpha",
                   env={"GIT_COMMITTER_DATE": "2020-02-20T09:00:00+00:00",
                        "GIT_AUTHOR_DATE": "2020-02-20T09:00:00+00:00",
                        "GIT_AUTHOR_NAME": "c", "GIT_AUTHOR_EMAIL": "c@example.org",
                        "GIT_COMMITTER_NAME": "c", "GIT_COMMITTER_EMAIL": "c@example.org"})
    found = changes(valid_repo, "2020-02-10", None)
    assert [(c.id, c.fields, c.date, c.commit) for c in found] == [
        ("alpha/fp-1", ("role",), dt.date(2020, 2, 20), repo.head.commit.hexsha)]


def test_a_broken_version_is_skipped() -> None:
    tracker = ChangeTracker()
    path = "data/services/x.yaml"
    v1 = {"services": [{"id": "s", "name": "A", "status": "active"}]}
    v3 = {"services": [{"id": "s", "name": "B", "status": "active"}]}
    tracker.commit("c1", dt.date(2020, 1, 1), [(path, v1, UNREADABLE)])
    tracker.commit("c2", dt.date(2020, 1, 2), [(path, UNREADABLE, v3)])
    assert [(c.id, c.kind, c.fields, c.commit) for c in tracker.changes()] == [
        ("s", "modified", ("name",), "c2")]


def test_an_organisation_moved_to_another_file_is_not_a_change() -> None:
    tracker = ChangeTracker()
    org = {"id": "alpha", "name": "Alpha", "focal_points": [{"id": "fp-1", "name": "X"}]}
    tracker.commit("c1", dt.date(2020, 1, 1), [("data/focal_points/a.yaml", org, None),
                                                ("data/focal_points/alpha.yaml", None, org)])
    assert tracker.changes() == []


def test_an_edit_reverted_is_not_a_change() -> None:
    tracker = ChangeTracker()
    path = "data/services/x.yaml"
    v1 = {"services": [{"id": "s", "hours": "8h-16h"}]}
    v2 = {"services": [{"id": "s", "hours": "24h/24"}]}
    tracker.commit("c1", dt.date(2020, 1, 1), [(path, v1, v2)])
    tracker.commit("c2", dt.date(2020, 1, 2), [(path, v2, v1)])
    assert tracker.changes() == []


service_state = st.dictionaries(
    st.sampled_from(["s1", "s2", "s3", "s4"]),
    st.fixed_dictionaries({"name": st.sampled_from(["A", "B"]),
                           "hours": st.sampled_from(["8h-16h", "24h/24"])}),
    max_size=4)


@given(st.lists(service_state, min_size=2, max_size=6))
def test_net_changes_are_the_difference_between_first_and_last_versions(
        versions: list[dict[str, dict[str, str]]]) -> None:
    """However many commits edit a file in between, the result compares the file before the
    first commit with the file after the last one, entry by entry."""
    path = "data/services/x.yaml"

    def as_file(state: dict[str, dict[str, str]]) -> object:
        return {"services": [{"id": ident, **fields} for ident, fields in state.items()]}

    tracker = ChangeTracker()
    for number in range(1, len(versions)):
        tracker.commit(f"c{number}", dt.date(2020, 1, 1) + dt.timedelta(days=number),
                       [(path, as_file(versions[number - 1]), as_file(versions[number]))])
    first, last = versions[0], versions[-1]
    expected = set()
    for ident in first.keys() | last.keys():
        if ident not in first:
            expected.add((ident, "added", ()))
        elif ident not in last:
            expected.add((ident, "removed", ()))
        elif first[ident] != last[ident]:
            expected.add((ident, "modified", tuple(sorted(
                k for k in first[ident] if first[ident][k] != last[ident][k]))))
    assert {(c.id, c.kind, c.fields) for c in tracker.changes()} == expected


def test_versions_equal_to_todays_files_give_the_same_changes_without_being_parsed(
    history: tuple[Path, list[str]]
) -> None:
    """The report hands over the files it has just read (``Dataset.parsed_files``): versions
    in history with the same bytes are taken from there, and the changes are the same."""
    from psea_cli.validation import load_dataset

    root, _commits = history
    dataset, _problems = load_dataset(root, use_cache=False)
    assert dataset.parsed_files  # today's plan, focal point and service files
    for since, until in [(None, None), ("2020-02-01", None), ("2020-06-05", "2020-06-05")]:
        assert changes_or_none(root, since, until, known=dataset.parsed_files) == changes(
            root, since, until)
    # and they are really taken from there: the same bytes stand for whatever was read
    from psea_cli.cache_files import digest

    services = (root / "data" / "services" / "mopti.yaml").read_bytes()
    stand_in = {digest(services): {"services": []}}
    found = changes_or_none(root, "2020-02-01", None, known=stand_in) or []
    assert "mopti-legal" not in {c.id for c in found}
