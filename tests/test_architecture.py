"""The layers of psea_cli import only downward: a test reads every import and lists the back-arrows.

Layers, from the bottom up (a module may import its own layer and the layers below it):

1. **models and vocabularies**: ``models``, the closed vocabularies (``cases.vocabulary``,
   ``records.vocabulary``, ``records.frameworks``, ``languages``), the note screening's
   text rules (``cases.privacy``, ``cases.textfold``), ``i18n``, ``problems`` and the problem
   catalogue, ``clock``, ``periods``, ``formatting``, ``phones`` (numbering plans).
2. **reading and the pipeline**: ``yamlio``, ``yamlfailure``, ``yamllocate``, ``yamlfast``,
   ``yamlnodes``, ``safe_input``,
   ``yamledit`` (the careful check before a round-trip edit),
   ``safe_output``, ``layout``, ``quick`` and ``instant`` (the warm paths of validate),
   ``reading`` and ``record_json``, ``workbook_reading`` (a damaged XLSX workbook),
   ``cache`` and ``cache_files``, ``outcomes``, ``loader``, ``schema_errors``, ``check_marks`` (what
   a per-record check reads), ``dataset``, ``sealing``,
   ``sealed_reading``, ``model_building``, ``case_judging``, ``store_checks``, ``ledger_file``,
   ``pipeline_run``, ``pipeline``
   (which receives its checks from its caller), ``pathway_wording`` (the poster's built-in
   wording), and ``gitrepo``, the one package that talks to git (below the directory, whose history it reads).
3. **checks**: ``checks``, the cross-file rules (each domain package owns the checks of its own
   records: ``cases.checks``, ``records.checks``, ``indicators.checks``).
4. **domain packages**: ``cases``, ``directory``, ``indicators``, ``records``, ``audit``,
   ``forms``, ``disclosure``, ``plan_summary``, ``schema_export``, ``scaffold``.
5. **reports**: ``report``.
6. **commands**: ``validation`` (the pipeline wired to every check), ``commands``, ``cli``,
   ``cli_support``, ``global_options``, ``click_texts``, ``option_types``, ``console``, ``usage_errors``,
   ``launch`` (the console script, which answers a plain warm ``validate`` itself).

Lazy imports inside functions count, and so do imports under ``TYPE_CHECKING``: a back-arrow
hidden in a function is still a back-arrow. A module no layer names fails the test too: give a
new module its layer here. Package ``__init__`` files that a lower layer goes through (``cases``,
``records``) import nothing, so reaching ``cases.vocabulary`` loads nothing above it.

    python -m pytest tests/test_architecture.py -q     # prints the back-arrows when any
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "psea_cli"

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("models and vocabularies", (
        "models", "cases.vocabulary", "records.vocabulary", "records.frameworks", "languages",
        "cases.privacy", "cases.privacy_age", "cases.privacy_words", "cases.privacy_names",
        "cases.privacy_phone",
        "cases.textfold", "i18n", "problems", "problem_codes", "catalogue",
        "clock", "no_plugins", "directory_words", "markdown_text",
        "periods", "formatting", "phones", "printable", "verdicts_kept")),
    ("reading and the pipeline", (
        "", "yamlio", "yamlfailure", "yamlcareful", "yamllocate", "yamlfast", "yamlnodes",
        "safe_input",
        "safe_output", "spreadsheet_csv", "clone_links", "layout",
        "yamledit",
        "reading", "case_comments", "forked", "quick", "instant", "folder_walk", "cache",
        "cache_files", "outcomes",
        "loader",
        "schema_errors", "salvage",
        "check_marks", "dataset", "sealing", "record_json", "sealed_reading", "model_building",
        "case_judging",
        "store_checks", "ledger_file", "memory", "pipeline_run", "pipeline", "pathway_wording",
        "gitrepo",
        "workbook_reading")),
    ("checks", ("checks",)),
    ("domain packages", (
        "cases", "directory", "indicators", "records", "audit", "forms", "disclosure",
        "plan_summary", "schema_export", "scaffold")),
    ("reports", ("report",)),
    ("commands", (
        "validation", "checking", "commands", "cli", "cli_support", "console", "usage_errors",
        "global_options", "click_texts", "option_types", "launch",
        "__main__")),
]

# Packages whose __init__ a lower layer passes through on its way to one of their modules.
BARE_PACKAGES = ("cases", "records")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int | None:
    """The layer of ``module`` (``psea_cli.x.y``): the one naming its longest prefix."""
    inner = module.removeprefix("psea_cli").removeprefix(".")
    best: tuple[int, int] | None = None
    for index, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            matches = inner == prefix or (prefix and inner.startswith(prefix + "."))
            if matches and (best is None or len(prefix) > best[1]):
                best = (index, len(prefix))
    return None if best is None else best[0]


def imports(path: Path, package: str, modules: set[str]) -> list[tuple[str, int]]:
    """Every psea_cli module ``path`` (in ``package``) imports, with the line: ``from a import
    b`` names ``a.b`` when that is a module, else ``a``."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.append((full if full in modules else base, node.lineno))
    return [(name, line) for name, line in found if name.split(".")[0] == "psea_cli"]


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def back_arrows() -> list[str]:
    """``importer:line -> imported (layer -> higher layer)`` for every upward import."""
    modules = all_modules()
    arrows = []
    for name, path in modules.items():
        here = layer_of(name)
        assert here is not None, f"{name} is in no layer: add it to LAYERS in {__file__}"
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for target, line in imports(path, package, set(modules)):
            there = layer_of(target)
            assert there is not None, f"{target} (imported by {name}) is in no layer"
            if there > here:
                arrows.append(f"{name}:{line} -> {target} ({LAYERS[here][0]} -> "
                              f"{LAYERS[there][0]})")
    return arrows


def test_no_import_runs_up_the_layers() -> None:
    arrows = back_arrows()
    assert arrows == [], "imports from a lower layer to a higher one:\n" + "\n".join(arrows)


def test_every_module_has_a_layer() -> None:
    unplaced = [name for name in all_modules() if layer_of(name) is None]
    assert unplaced == []


def test_the_packages_a_lower_layer_passes_through_import_nothing() -> None:
    for package in BARE_PACKAGES:
        tree = ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8"))
        assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))], (
            f"psea_cli/{package}/__init__.py imports something: its vocabulary would load it")


def test_the_test_sees_a_back_arrow(tmp_path: Path) -> None:
    """The reader is not blind: a model importing a command is a back-arrow."""
    source = tmp_path / "bad.py"
    source.write_text("from ..commands import case\nfrom psea_cli.i18n import _\nimport os\n")
    found = imports(source, "psea_cli.models", {"psea_cli.commands.case", "psea_cli.i18n"})
    assert found == [("psea_cli.commands.case", 1), ("psea_cli.i18n", 2)]
    assert layer_of("psea_cli.models.bad") == 0
    assert layer_of("psea_cli.commands.case") == len(LAYERS) - 1
    assert layer_of("psea_cli.cases.vocabulary") == 0
    assert layer_of("psea_cli.cases.store") == 3


# --- the clock ----------------------------------------------------------------------------------

SYSTEM_CLOCK = {("date", "today"), ("datetime", "now"), ("datetime", "today"),
                ("datetime", "utcnow"), ("time", "time"), ("date", "fromtimestamp"),
                ("datetime", "fromtimestamp"), ("datetime", "utcfromtimestamp")}
COMMAND_LAYER = len(LAYERS) - 1


def clock_reads(path: Path) -> list[tuple[str, int]]:
    """Calls that read the time: ``date.today()``, ``datetime.now()``, ``time.time()``… (however
    ``datetime`` is imported), and ``clock.today()``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if (owner_name, node.func.attr) in SYSTEM_CLOCK:
                found.append((f"{owner_name}.{node.func.attr}", node.lineno))
            elif (owner_name, node.func.attr) == ("clock", "today"):
                found.append(("clock.today", node.lineno))
    return found


def test_one_clock_read_by_the_commands_and_passed_down() -> None:
    """Only ``clock.py`` reads the system clock; only the command layer asks it for today."""
    wrong = []
    for name, path in all_modules().items():
        for call, line in clock_reads(path):
            if name == "psea_cli.clock":
                continue
            if call != "clock.today" or layer_of(name) != COMMAND_LAYER:
                wrong.append(f"{name}:{line} {call}()")
    assert wrong == [], "read the day in the command and pass it down:\n" + "\n".join(wrong)


def test_the_clock_test_sees_a_clock(tmp_path: Path) -> None:
    source = tmp_path / "bad.py"
    source.write_text("import datetime as dt\nimport time\nfrom psea_cli import clock\n"
                      "dt.date.today()\ndt.datetime.now()\ntime.time()\nclock.today()\n")
    assert [call for call, _line in clock_reads(source)] == [
        "date.today", "datetime.now", "time.time", "clock.today"]


# --- the languages --------------------------------------------------------------------------------

def language_lists(path: Path) -> list[int]:
    """Lines of a tuple, list or set written out of psea's language codes (``("fr", "en")``)."""
    return [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, (ast.Tuple, ast.List, ast.Set))
            and {getattr(e, "value", None) for e in node.elts} == {"fr", "en"}]


def test_the_supported_languages_are_listed_once() -> None:
    """"fr or en" is decided in ``psea_cli/languages.py``; everything else asks it."""
    found = [f"{name}:{line}" for name, path in all_modules().items()
             if name != "psea_cli.languages" for line in language_lists(path)]
    assert found == [], "use psea_cli.languages (SUPPORTED, is_supported):\n" + "\n".join(found)


def test_only_gitrepo_talks_to_git() -> None:
    """gitpython is imported, and ``git`` run, in ``psea_cli/gitrepo/`` and nowhere else."""
    talkers = []
    for name, path in all_modules().items():
        if name == "psea_cli.gitrepo" or name.startswith("psea_cli.gitrepo."):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import) and any(
                    a.name.split(".")[0] == "git" for a in node.names):
                talkers.append(f"{name}:{node.lineno} imports git")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "git":
                talkers.append(f"{name}:{node.lineno} imports from git")
            elif (isinstance(node, ast.List) and node.elts
                  and isinstance(node.elts[0], ast.Constant) and node.elts[0].value == "git"):
                talkers.append(f"{name}:{node.lineno} runs git")
    assert talkers == []
