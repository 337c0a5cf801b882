"""``psea init``: a new network repository, ready for focal points' pull requests.

``scaffold_files`` says what the repository holds (path → text, nothing written);
``create_network_repository`` writes it into a staging folder beside the target, makes the first
commit there and only then moves it into place, so a failure leaves nothing half-written.

Country facts (regions, phone numbering, the word for the admin-2 areas) come from a *country
profile*: the ``network.yaml`` of a network psea ships for that country
(``countries/<ISO3>.yaml``, e.g. MLI). For any other country the user gives the international
dialling code, and the repository starts with one placeholder region, clearly named, so that
``psea validate`` passes from the first commit and the coordinator replaces it with the
country's admin-1 regions; its word for the admin-2 areas is left for the coordinator to write.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from psea_cli import SOURCE_REPOSITORY, __version__
from psea_cli.i18n import _, os_reason
from psea_cli.problems import PseaError
from psea_cli.scaffold.country import Country as Country
from psea_cli.scaffold.country import _profile as _profile
from psea_cli.scaffold.country import _speaking
from psea_cli.scaffold.country import country_for as country_for
from psea_cli.scaffold.country import country_language as country_language
from psea_cli.scaffold.texts import network_readme, network_yaml, plan_yaml

# Package file → path in the new repository (package data holds no dot-files).
STATIC_FILES = {
    "CONTRIBUTING.md": "CONTRIBUTING.md",
    "CONTRIBUTING.fr.md": "CONTRIBUTING.fr.md",
    "CONTRIBUTING.en.md": "CONTRIBUTING.en.md",
    "gitignore": ".gitignore",
    "gitattributes": ".gitattributes",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "validate.yml": ".github/workflows/validate.yml",
    "CODEOWNERS": ".github/CODEOWNERS",
    "vscode-extensions.json": ".vscode/extensions.json",
    "templates-README.md": "templates/README.md",
    "focal_points-README.md": "data/focal_points/README.md",
    "services-README.md": "data/services/README.md",
    "cases-README.md": "data/cases/README.md",
}
EXAMPLE_REGION = "ML09"
"""The region of the example files a focal point copies (Bamako): a network of another country
gets its own first region there instead, so that the copied example passes ``psea validate``."""
VERSION_TOKEN = "@PSEA_VERSION@"
SOURCE_TOKEN = "@PSEA_SOURCE@"
_SOURCE = re.compile(r"^(?:https?|ssh|git|file)://[^\s\"'\\`$]+$")
"""A repository URL pip (``git+URL@tag``) and pre-commit (``repo: URL``) both clone; no space,
quote, backslash or ``$``, since it is written into YAML and a shell command of the workflow."""


@dataclasses.dataclass(frozen=True)
class Created:
    path: Path
    files: list[str]
    commit: str
    country: Country
    source: str = SOURCE_REPOSITORY
    """Where the CI workflow and the pre-commit hook install psea from."""


def _files() -> Any:
    return resources.files("psea_cli.scaffold") / "files"


def psea_source(given: str | None) -> str:
    """The repository the new network installs psea from: ``given`` (a URL, or the path of a
    local clone or mirror, made a ``file://`` URL) or psea's own (``SOURCE_REPOSITORY``)."""
    if given is None:
        return SOURCE_REPOSITORY
    source = given.strip().rstrip("/")
    if source and "://" not in source and Path(source).expanduser().is_dir():
        folder = Path(source).expanduser().resolve()
        if not (folder / ".git").exists() and not (folder / "HEAD").is_file():
            raise PseaError(
                _("{folder} is not a git repository: pre-commit and the CI install psea from "
                  "a git repository").format(folder=folder),
                _("Give the folder of a clone of psea (git clone), or its URL."))
        source = folder.as_uri()
    if not _SOURCE.match(source):
        raise PseaError(
            _("--psea-source takes the URL of a git repository of psea, or the folder of a clone"),
            _("For example --psea-source https://github.com/my-organisation/psea "
              "or --psea-source /srv/mirrors/psea."))
    return source


def missing_tag(source: str) -> str | None:
    """The tag a new network pins (``v`` and this version) when ``source`` is a folder of this
    computer that does not hold it: pre-commit and the CI could not install psea from it.
    None when it holds the tag, or when the source is a URL (not checked: it may be offline)."""
    if not source.startswith("file://"):
        return None
    from urllib.parse import unquote, urlparse

    from psea_cli.gitrepo import has_tag

    tag = f"v{__version__}"
    return tag if has_tag(Path(unquote(urlparse(source).path)), tag) is False else None


def scaffold_files(country: Country, language: str, today: dt.date,
                   source: str = SOURCE_REPOSITORY) -> dict[str, str]:
    """Every file of the new repository: repository path → text. ``country`` comes from
    ``country_for`` with the same ``language``; the CI workflow and the pre-commit hook install
    psea from ``source`` (see ``psea_source``) at the tag of this version."""
    from psea_cli.schema_export import SCHEMA_DIR, rendered_schemas

    first, last = today.year, today.year + 1
    plan_id = f"psea-{first}-{last}"
    with _speaking(language):
        files = {
            "README.md": network_readme(country, language),
            "data/network.yaml": network_yaml(country, language),
            f"data/plan/{plan_id}/plan.yaml": plan_yaml(plan_id, first, last, language),
        }
    for name, target in STATIC_FILES.items():
        text = (_files() / name).read_text(encoding="utf-8")
        text = text.replace(VERSION_TOKEN, __version__).replace(SOURCE_TOKEN, source)
        files[target] = _with_examples_of(country, language,
                                          _with_example_region(text, country))
    for name, text in rendered_schemas().items():
        files[f"{SCHEMA_DIR}/{name}"] = text
    return files


def _with_example_region(text: str, country: Country) -> str:
    """``text`` with its examples' region (``regions: [ML09]``, ``region: ML09``) one of the
    network's own, when the network has no such region."""
    pcodes = [region["pcode"] for region in country.regions]
    if EXAMPLE_REGION in pcodes:
        return text
    return (text.replace(f"regions: [{EXAMPLE_REGION}]", f"regions: [{pcodes[0]}]")
            .replace(f"region: {EXAMPLE_REGION}", f"region: {pcodes[0]}"))


def _with_examples_of(country: Country, language: str, text: str) -> str:
    """``text`` with the Mali examples of its entries made the network's own country's: a
    focal point copies them (a Burkina Faso network's got ``+223`` numbers, Bambara and
    ``bamako-medical-1``); the languages spoken are the network's first."""
    if country.phone_country_code == "223":
        return text
    from psea_cli.phones import MALI_EXAMPLE, filled_example
    from psea_cli.records.editing import slug

    shown = filled_example(country.phone_country_code)
    region = slug(country.regions[0]["name"]) or "region"
    return (text.replace(MALI_EXAMPLE, shown)
            .replace(re.sub(r"[^0-9+]", "", MALI_EXAMPLE), re.sub(r"[^0-9+]", "", shown))
            .replace("languages: [fr, bm]", f"languages: [{language}]")
            .replace("`[fr, bm]`", "`[fr, en]`")
            .replace("bamako-medical-1", f"{region}-medical-1")
            .replace("(in Mali: `+223` and 8 digits)",
                     f"(here: `+{country.phone_country_code}` and "
                     f"{country.national_phone_digits} digits)")
            .replace("(au Mali : `+223` et 8 chiffres)",
                     f"(ici : `+{country.phone_country_code}` et "
                     f"{country.national_phone_digits} chiffres)"))


def _refuse_unless_empty(path: Path) -> None:
    if path.is_file() or (path.exists() and not path.is_dir()):
        raise PseaError(_("{path} is a file, not a folder").format(path=path),
                        _("Choose a new folder for the network repository."))
    if path.is_dir() and any(path.iterdir()):
        raise PseaError(_("{path} is not empty; nothing was written").format(path=path),
                        _("Choose a new or empty folder for the network repository."))


def create_network_repository(path: Path, country: Country, language: str,
                              today: dt.date, source: str = SOURCE_REPOSITORY) -> Created:
    """Write the new repository at ``path`` (absent or empty) with its first commit."""
    from psea_cli.gitrepo import init_repository
    from psea_cli.safe_output import output_folder

    path = path.absolute()
    _refuse_unless_empty(path)
    output_folder(path, _("PATH"))  # never inside a network's data/ or a .git folder
    files = scaffold_files(country, language, today, source)
    with _speaking(language):
        message = _("Start the PSEA network repository (psea init)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.psea-init-"))
    except OSError as exc:
        raise PseaError(_("cannot create {path} ({reason})").format(
            path=path, reason=os_reason(exc))) from exc
    try:
        for label, text in files.items():
            target = staging / label
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        commit = init_repository(staging, message)
        if path.is_dir():
            path.rmdir()
        staging.rename(path)
    except OSError as exc:
        raise PseaError(_("cannot create {path} ({reason})").format(
            path=path, reason=os_reason(exc))) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Created(path, sorted(files), commit, country, source)

