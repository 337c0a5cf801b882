"""Hardening: what a killed command leaves in the case store, what `psea init` keeps out of
git, and a rewritten cache that only a gate without cache sees through."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from psea_cli import cache
from psea_cli.cases import store
from psea_cli.cli import app
from psea_cli.validation import load_dataset

REPO = Path(__file__).parent.parent
SCAFFOLD = REPO / "psea_cli" / "scaffold" / "files"
CASE = Path("data") / "cases" / "7KQ2M9AB.yaml"


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True).stdout


def test_a_leftover_of_a_killed_case_add_is_ignored_by_git_in_a_new_network(
        runner: CliRunner, tmp_path: Path) -> None:
    network = tmp_path / "reseau"
    result = runner.invoke(app, ["init", str(network), "--country", "MLI"])
    assert result.exit_code == 0, result.output
    cases = network / "data" / "cases"
    cases.mkdir(parents=True, exist_ok=True)
    (cases / ".psea-0123456789ab.tmp").write_text("id: 7KQ2M9AB\nnote: x\n", encoding="utf-8")
    for report in ("psea-report-2020-S2.html", "rapport-psea-2020-S2.html",
                   "psea-report-2020-S2.pdf", "psea-report-2020-S2.md"):
        (network / report).write_text("x", encoding="utf-8")
    _git(network, "init", "-q")
    _git(network, "add", "-A")
    staged = _git(network, "diff", "--cached", "--name-only").splitlines()
    assert not [name for name in staged if name.endswith(".tmp") or "report" in name
                or "rapport" in name], staged


def test_case_add_deletes_a_stale_leftover_whose_record_is_safe_and_keeps_the_others(
        valid_repo: Path) -> None:
    cases = valid_repo / CASE.parent
    record = (valid_repo / CASE).read_bytes()
    safe = cases / ".psea-aaaaaaaaaaaa.tmp"
    safe.write_bytes(record)  # its record reached its name
    orphan = cases / ".psea-bbbbbbbbbbbb.tmp"
    orphan.write_bytes(record.replace(b"7KQ2M9AB", b"7KQ2M9AC"))  # the only copy of a record
    fresh = cases / ".psea-cccccccccccc.tmp"
    fresh.write_bytes(record)  # a command writing right now
    old = time.time() - 2 * store.LEFTOVER_AGE_SECONDS
    for path in (safe, orphan):
        os.utime(path, (old, old))
    assert store.create(cases / "ZZZZ2345.yaml", "id: ZZZZ2345\n", valid_repo)
    assert not safe.exists()
    assert orphan.exists()
    assert fresh.exists()
    _dataset, problems = load_dataset(valid_repo, use_cache=False)
    assert {(p.file, p.code) for p in problems if p.code == "cases.leftover-temporary"} == {
        (f"data/cases/{orphan.name}", "cases.leftover-temporary"),
        (f"data/cases/{fresh.name}", "cases.leftover-temporary")}


def _forge_verdict(root: Path) -> None:
    """What someone who can write .psea-cache/ can do: empty the last verdict's problem list
    and recompute its checksum (keyed by the folder's binding, which someone on this machine
    can read)."""
    index_path = root / cache.CACHE_DIR / "index"
    binding = cache.Cache.open(root)._binding()
    index: dict[str, Any] = cache._read(index_path, binding)
    key, files, _problems, *rest = index["verdict"]  # rest: the warm path's stat list
    index["verdict"] = (key, files, [], *rest)
    cache._write(index_path, index, binding)


def _hook_entries() -> list[str]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    configs = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (
        REPO / ".pre-commit-config.yaml", SCAFFOLD / "pre-commit-config.yaml")]
    entries = [hook["entry"] for hook in hooks]
    entries += [hook["entry"] for config in configs for repo in config["repos"]
                for hook in repo["hooks"]  # a remote hook's entry is .pre-commit-hooks.yaml's
                if hook["id"] == "psea-validate" and "entry" in hook]
    workflows = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (
        REPO / ".github" / "workflows" / "validate.yml", SCAFFOLD / "validate.yml")]
    entries += [step["run"] for workflow in workflows
                for step in workflow["jobs"]["validate"]["steps"]
                if "validate" in step.get("run", "") and "psea" in step.get("run", "")]
    return entries


@pytest.mark.slow
def test_a_rewritten_cache_verdict_cannot_pass_the_hook_or_ci(valid_repo: Path) -> None:
    case = valid_repo / CASE
    case.write_text(case.read_text(encoding="utf-8") + "note: appeler Mme Traoré au 20 00 90 19\n",
                    encoding="utf-8")
    env = {**os.environ, "PSEA_LANG": "en"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "psea_cli", "--root", str(valid_repo),
                               *args], capture_output=True, text=True, env=env, check=False,
                              timeout=120)

    assert run("validate").returncode == 1  # writes the cache and its verdict
    _forge_verdict(valid_repo)
    assert run("validate").returncode == 0  # what the unkeyed checksum lets through
    entries = _hook_entries()
    assert len(entries) == 4  # the published hook (psea init uses it), own config, two workflows
    for entry in entries:
        args = entry.split("#")[0].split()
        assert args[:3] == ["psea", "--no-cache", "validate"], entry
        assert run(*args[1:]).returncode == 1, entry


def _with_admin2(root: Path, value: str, areas: str | None) -> list[tuple[str, str]]:
    case = root / CASE
    case.write_text(case.read_text(encoding="utf-8").replace(
        "region: ML05\n", f"region: ML05\nadmin2: {value}\n"), encoding="utf-8")
    if areas is not None:
        network = root / "data" / "network.yaml"
        network.write_text(network.read_text(encoding="utf-8").replace(
            "    name: Mopti\n", f"    name: Mopti\n    admin2: {areas}\n"), encoding="utf-8")
    _dataset, problems = load_dataset(root, use_cache=False)
    return [(p.file, p.code) for p in problems]


def test_an_admin2_of_another_region_is_refused(valid_repo: Path) -> None:
    assert _with_admin2(valid_repo, "ML76123456", None) == [(CASE.as_posix(),
                                                             "ref.area-outside-region")]


def test_an_admin2_of_the_region_passes_without_a_list(valid_repo: Path) -> None:
    assert _with_admin2(valid_repo, "ML0599", None) == []


def test_with_the_regions_list_only_its_areas_pass(valid_repo: Path, tmp_path: Path) -> None:
    areas = "[{pcode: ML0501, name: Mopti}, {pcode: ML0503, name: Bandiagara}]"
    assert _with_admin2(valid_repo, "ML0599", areas) == [(CASE.as_posix(), "ref.area-outside-region")]
    other = tmp_path / "other"
    import shutil

    shutil.copytree(Path(__file__).parent / "data" / "valid", other)
    assert _with_admin2(other, "ML0503", areas) == []
