"""French and English are both first-class: every message has a French translation, and the
compiled catalogues match their sources."""

from __future__ import annotations

import io
import runpy
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from psea_cli.cli import app
from psea_cli.i18n import LOCALE_DIR, _, set_language

SCRIPTS = Path(__file__).parent.parent / "scripts"


def test_every_message_in_code_and_templates_has_a_french_translation() -> None:
    tool = runpy.run_path(str(SCRIPTS / "i18n.py"))
    missing = tool["missing"]("fr")
    assert missing == [], "untranslated (run: python scripts/i18n.py missing): " + "; ".join(
        f"{key!r} at {places[0]}" for key, places in missing[:20])


def test_every_rule_a_model_raises_is_said_in_french() -> None:
    """A model's own error (``PydanticCustomError("psea.…", "the session ends before it
    starts")``) is translated where it is shown: each such text must be marked for
    translation (``schema_errors._CUSTOM_MESSAGES``); one was shown in English in a French
    message."""
    import re

    raised = set()
    for module in sorted((Path(__file__).parent.parent / "psea_cli" / "models").glob("*.py")):
        raised |= set(re.findall(r'PydanticCustomError\(\s*"psea\.[^"]+",\s*"([^"]+)"',
                                 module.read_text(encoding="utf-8")))
    assert len(raised) >= 8
    set_language("fr")
    try:
        untranslated = sorted(text for text in raised if _(text) == text)
    finally:
        set_language("en")
    assert untranslated == []


def test_compiled_catalogues_match_their_sources() -> None:
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        compiled = io.BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        mo = po.with_suffix(".mo")
        assert mo.exists(), f"{mo.name} is missing: run python scripts/i18n.py compile"
        assert mo.read_bytes() == compiled.getvalue(), (
            f"{mo.name} is stale: run python scripts/i18n.py compile")


def test_french_is_loaded_and_english_is_the_source() -> None:
    set_language("fr")
    assert _("the file is empty") == "le fichier est vide"
    set_language("en")
    assert _("the file is empty") == "the file is empty"


def test_unknown_language_falls_back_to_english() -> None:
    set_language("de")
    assert _("the file is empty") == "the file is empty"


def test_docs_list_every_problem_code() -> None:
    tool = runpy.run_path(str(SCRIPTS / "problem_codes.py"))
    assert tool["main"](["--check"]) == 0, (
        "the problem-code tables (docs/problem-codes.md, CONTRIBUTING.*.md) are stale: run "
        "python scripts/problem_codes.py")


def test_a_network_yaml_that_does_not_parse_is_explained_in_the_networks_language(
    shipped_network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The network's languages are read from its ``languages:`` line when the file does not
    parse: a French network is told in French what is wrong with it, whatever the system's
    locale."""
    for name in ("PSEA_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    network = shipped_network / "data" / "network.yaml"
    text = network.read_text(encoding="utf-8")
    assert "\nlanguages: [fr, en]\n" in text
    network.write_text(text.replace("\nid: mali\n", '\nid: "mali\n'), encoding="utf-8")
    result = CliRunner().invoke(app, ["--root", str(shipped_network), "--no-cache", "validate"])
    assert result.exit_code == 1
    assert "erreur [yaml.syntax] le fichier n'est pas du YAML valide" in result.stdout
    network.write_text(text.replace("\nid: mali\n", '\nid: "mali\n').replace(
        "languages: [fr, en]", "languages: [en, fr]"), encoding="utf-8")
    result = CliRunner().invoke(app, ["--root", str(shipped_network), "--no-cache", "validate"])
    assert "error [yaml.syntax] the file is not valid YAML" in result.stdout


def test_french_says_crochet_for_every_hook() -> None:
    """A git hook is a « crochet » in every French message (as `psea init --help` says « le
    crochet pre-commit »), never « le hook pre-commit » in one warning and « crochet » in the
    next."""
    import re

    hook = re.compile(r"\bhooks?\b", re.IGNORECASE)
    said: list[str] = []
    for po in sorted((LOCALE_DIR / "fr" / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale="fr")
        for message in catalog:
            english = message.id if isinstance(message.id, str) else message.id[0]
            french = message.string if isinstance(message.string, str) else message.string[0]
            if not english or not hook.search(english):
                continue
            said.append(french)
            assert "crochet" in french, f"{po.name}: {french}"
            assert not hook.search(french), f"{po.name}: {french}"
    assert len(said) >= 4
