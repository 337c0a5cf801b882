"""``psea init PATH``: start a new network repository, with its first commit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from psea_cli import clock, option_types
from psea_cli.cli_support import err, handle_errors, options, say
from psea_cli.i18n import (
    _,
    choose_language,
    current_language,
    language_from_environment,
    set_language,
)


@handle_errors
def init_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(
        metavar="PATH", help=_("Folder of the new repository; it must not exist yet or be empty."))],
    country: Annotated[str, typer.Option(
        "--country", help=_("ISO 3166-1 alpha-3 code of the country (MLI, BFA, NER…)."))] = "MLI",
    lang: Annotated[Optional[str], typer.Option(  # noqa: UP045 - typer needs Optional
        "--lang", help=_("First working language of the network, fr or en; the other comes "
                         "second (default: the language of messages, else the country's)."))
    ] = None,
    phone_code: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--phone-code", help=_("International dialling code without '+' (226); needed for a "
                               "country psea has no profile for."))] = None,
    source: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--psea-source", metavar="URL",
        help=_("Git repository the new repository's CI and pre-commit hook install psea from, "
               "at this version's tag (default: psea's own); a fork, a mirror or a local "
               "clone's folder."))] = None,
) -> None:

    from psea_cli.scaffold import (
        country_for,
        country_language,
        create_network_repository,
        missing_tag,
        psea_source,
    )

    lang = option_types.optional_language(lang)
    language = lang or options(ctx).lang or language_from_environment() \
        or country_language(country) or "en"  # no language said: the country's
    set_language(choose_language(options(ctx).lang, [language]))  # messages; files: `language`
    network_country = country_for(country, language, phone_code)
    created = create_network_repository(path, network_country, language, clock.today(),
                                        psea_source(source))

    say(_("created the network repository {path}: {n} files, first commit {commit}").format(
        path=created.path, n=len(created.files), commit=created.commit[:8]))
    from babel import Locale

    said = Locale.parse(current_language()).territories.get(network_country.iso2,
                                                             network_country.name)
    say(_("country: {name} ({code}), dialling code +{phone}").format(
        name=said, code=network_country.iso3,
        phone=network_country.phone_country_code))  # --country has a default: Mali
    if created.source.startswith("file://"):
        err(_("warning: the CI workflow and the pre-commit hook install psea from {source}, a "
              "folder of this computer: pre-commit works here, but a CI runner (GitHub) cannot "
              "reach it. Before pushing, write the URL of a psea repository the runner can "
              "reach in .github/workflows/validate.yml and .pre-commit-config.yaml.").format(
                  source=created.source))
    tag = missing_tag(created.source)
    if tag is not None:
        err(_("warning: {source} has no tag {tag}, which the CI workflow and the pre-commit hook "
              "install psea at: they will fail until it exists. Tag the commit of this psea "
              "there (git -C FOLDER tag {tag} COMMIT), or give another --psea-source.").format(
                  source=created.source, tag=tag))
    steps = [_("Review data/network.yaml (regions, phone numbering, groups).")]
    if not network_country.from_profile:
        steps[0] = _("Replace the placeholder region in data/network.yaml with the country's "
                     "admin-1 regions, and check its phone numbering.")
    steps += [
        _("Fill in the action plan in {file}.").format(
            file=next(f for f in created.files if f.endswith("/plan.yaml"))),
        _("Push the repository to GitHub, make the 'validate' check required on main, and "
          "name the owners of each organisation file in .github/CODEOWNERS."),
        _("Send CONTRIBUTING.md to the focal points: each organisation adds its own file in "
          "data/focal_points/ through a pull request."),
        _("Before the first complaint is recorded, decide where the case records live: "
          "data/cases/ of this repository is read by every member; keep them in a separate "
          "repository of the core team (cases_dir in data/network.yaml) or encrypted "
          "('psea case encrypt'). See data/cases/README.md."),
    ]
    say(_("Next steps:"))
    for number, step in enumerate(steps, start=1):
        say(f"  {number}. {step}")
