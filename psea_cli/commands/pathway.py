"""``psea pathway``: a zone's referral pathway as a one-page A4 poster or a phone card.

HTML (one self-contained file, printed from any browser) or PDF (with the ``pdf`` extra), in
any language psea or the network gives wording for. Example entries and entries not verified
within the network's delay are never printed by default: the user chooses to leave them out
(``--doubtful omit``) or to print them with a visible warning (``--doubtful mark``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from psea_cli.cli_support import err, handle_errors, load, options
from psea_cli.commands.directory import AsOfOption, finish, parse_day
from psea_cli.i18n import _, ngettext
from psea_cli.languages import is_supported

if TYPE_CHECKING:
    import datetime as dt

    from psea_cli.dataset import Dataset
    from psea_cli.models.network import Region

LAYOUTS = ("poster", "card")
FORMATS = ("html", "pdf")
DOUBTFUL = ("omit", "mark")


def _file_name(region: Region, lang: str, layout: str, output_format: str) -> str:
    """``parcours-ML05-affiche.html`` / ``pathway-ML05-card.pdf``: the p-code, never a person."""
    base = "parcours" if lang == "fr" else "pathway"
    kind = {"fr": {"poster": "affiche", "card": "carte"}}.get(lang, {}).get(layout, layout)
    return f"{base}-{region.pcode}-{kind}.{output_format}"


def _targets(regions: list[Region], folder: Path | None, output: Path | None,
             name: Callable[[Region], str], root: Path) -> list[tuple[Path, Path]]:
    """For each region, the file its poster goes to as said and as written: in ``folder``
    (``--all --output``) or the current folder under its own name, a link there replaced and
    never written through; else the ``--output`` file (a link to a regular file written
    through, as for a report)."""
    from psea_cli.safe_output import file_in_folder, output_folder, output_target

    if folder is not None:
        output_folder(folder, "--output", root)
        return [(path, path) for path in (file_in_folder(folder, name(region), root)
                                          for region in regions)]
    if output is not None:
        return [(output, output_target(output, root)) for _region in regions]
    return [(path, path) for path in (file_in_folder(Path(), name(region), root)
                                      for region in regions)]


def _refuse_doubtful(dataset: Dataset, regions: list[Region], as_of: dt.date) -> None:
    from psea_cli.directory.pathway import doubts, zone_entries
    from psea_cli.problems import PseaError

    for region in regions:
        found = doubts(zone_entries(dataset, region.pcode, as_of))
        if found.examples or found.stale:
            days = dataset.network.sop.directory_verification_days if dataset.network else 180
            raise PseaError(
                _("the {region} pathway would carry {entries}; a poster on a wall must never "
                  "send a survivor to a wrong number").format(
                    region=region.name, entries=_doubtful_entries(found.examples, found.stale,
                                                                  days)),
                _("Replace them in data/services/ and data/focal_points/ (set verified_on), or "
                  "choose: --doubtful omit (leave them out) or --doubtful mark (print them with "
                  "a warning)."), exit_code=1)


def _doubtful_entries(examples: int, stale: int, days: int) -> str:
    """"11 example entries with fictitious numbers", "1 entry not verified in the last 180
    days", or both: a kind the zone has none of is not named ("… (0)")."""
    parts = []
    if examples:
        parts.append(ngettext("{n} example entry with a fictitious number",
                              "{n} example entries with fictitious numbers", examples).format(
            n=examples))
    if stale:
        parts.append(ngettext("{n} entry not verified in the last {days} days",
                              "{n} entries not verified in the last {days} days", stale).format(
            n=stale, days=days))
    return _("{first} and {second}").format(first=parts[0], second=parts[1]) \
        if len(parts) == 2 else parts[0]


def _write_wording_skeleton(dataset: Dataset, lang: str) -> None:
    """``data/pathway/<lang>.yaml`` with every text in the network's first language, to
    translate; an existing file is never overwritten."""
    import io

    from ruamel.yaml import YAML

    from psea_cli.pathway_wording import KEYS, wording
    from psea_cli.problems import PseaError
    from psea_cli.safe_output import data_target, write_data

    target = data_target(dataset.root / "data" / "pathway" / f"{lang}.yaml", dataset.root)
    if target.exists():
        raise PseaError(_("{path} already exists; psea never overwrites wording").format(
            path=f"data/pathway/{lang}.yaml"), _("Edit it, or remove it first."), exit_code=1)
    texts = wording(dataset, dataset.network.languages[0] if dataset.network else "en").texts
    header = _("# Wording of the referral poster in '{lang}': translate each text, keep each "
               "{{placeholder}} as it is.").format(lang=lang)
    writer = YAML()
    writer.width = 4096
    writer.allow_unicode = True
    buffer = io.StringIO()
    writer.dump({key: texts[key] for key in KEYS if key in texts}, buffer)
    body = buffer.getvalue()
    write_data(target, f"# yaml-language-server: $schema=../../schemas/pathway.schema.json\n"
                       f"{header}\n{body}", dataset.root)
    err(_("written: {path}").format(path=f"data/pathway/{lang}.yaml"))


@handle_errors
def pathway_command(
    ctx: typer.Context,
    region: Annotated[Optional[str], typer.Argument(  # noqa: UP045 - typer needs Optional
        metavar="REGION", help=_("Region or high-risk zone: its p-code or its name as data/network.yaml "
                           "lists it (accents and capital letters do not matter)."),
        show_default=False)] = None,
    every_region: Annotated[bool, typer.Option(
        "--all", help=_("One pathway per region of network.yaml."))] = False,
    layout: Annotated[str, typer.Option(
        "--layout", help=_("poster (one A4 page) or card (a narrow page for phones)."))] = "poster",
    output_format: Annotated[str, typer.Option(
        "--format", help=_("html (print it from a browser) or pdf (needs the pdf extra)."))] = "html",
    doubtful: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--doubtful", help=_("What to do with example entries and entries not verified in time: "
                             "omit (leave them out) or mark (print them with a warning). "
                             "Without it, psea refuses to print them."), show_default=False)] = None,
    lang: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--lang", help=_("Language of the poster: fr, en, or one the network gives wording for "
                         "in data/pathway/ (default: the network's first language)."),
        show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--output", "-o", show_default=False,
        help=_("File to write (a folder with --all); default: parcours-PCODE-affiche.html "
               "(pathway-PCODE-poster.html in English) in the current folder."))] = None,
    as_of: AsOfOption = None,
    wording_lang: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--wording", metavar="LANG", show_default=False,
        help=_("Write data/pathway/LANG.yaml, the poster's wording to translate into LANG, "
               "and stop."))] = None,
) -> None:
    """A zone's referral pathway on one page: where to report SEA, then each service in the
    order a survivor needs it, with the gaps said plainly."""
    from psea_cli import gitrepo
    from psea_cli.directory.lookup import check_choice, find_region
    from psea_cli.directory.pathway import build
    from psea_cli.pathway_wording import available_languages, wording
    from psea_cli.problems import PseaError
    from psea_cli.report.pathway import render
    from psea_cli.safe_output import write_atomically

    check_choice(layout, LAYOUTS, "--layout")
    check_choice(output_format, FORMATS, "--format")
    if doubtful is not None:
        check_choice(doubtful, DOUBTFUL, "--doubtful")
    if wording_lang is None and (region is None) == (not every_region):
        raise PseaError(_("give one REGION, or --all for every region"),
                        _("Example: psea pathway mopti"))
    day = parse_day(as_of)
    if is_supported(lang):
        options(ctx).lang = lang
    dataset, problems = load(ctx)
    if wording_lang is not None:
        check_choice(wording_lang, (wording_lang,) if wording_lang.isalpha() and
                     2 <= len(wording_lang) <= 3 and wording_lang.islower() else (), "--wording")
        _write_wording_skeleton(dataset, wording_lang)
        return
    network = dataset.network
    poster_lang = lang or options(ctx).lang or (network.languages[0] if network else "en")
    check_choice(poster_lang, available_languages(dataset), "--lang")
    regions = list(network.regions) if every_region and network else [
        find_region(network, region or "")]
    if doubtful is None:
        _refuse_doubtful(dataset, regions, day)
    words = wording(dataset, poster_lang)
    revision = gitrepo.revision(dataset.root)
    if every_region and output is not None and output.exists() and not output.is_dir():
        raise PseaError(_("with --all, --output is a folder"), _("Give a folder, or leave it out."))
    targets = _targets(regions, output if every_region else None, output,
                       lambda chosen: _file_name(chosen, poster_lang, layout, output_format),
                       dataset.root)  # every refusal before the first poster is written
    for chosen, (target, written) in zip(regions, targets, strict=True):
        pathway = build(dataset, chosen, day, doubtful or "omit")  # type: ignore[arg-type]
        page = render(dataset, pathway, words, layout, revision, day)  # type: ignore[arg-type]
        if output_format == "pdf":
            from psea_cli.report.pdf import html_to_pdf

            data: bytes | str = html_to_pdf(page)
        else:
            data = page
        if every_region and output is not None:
            output.mkdir(parents=True, exist_ok=True)
        write_atomically(written, data)
        notes = []
        if pathway.left_out:
            notes.append(ngettext("{count} doubtful entry left out",
                                  "{count} doubtful entries left out",
                                  pathway.left_out).format(count=pathway.left_out))
        if pathway.marked:
            notes.append(ngettext("{count} entry printed with a warning",
                                  "{count} entries printed with a warning",
                                  pathway.marked).format(count=pathway.marked))
        err(_("written: {path}").format(path=target) + (f" ({'; '.join(notes)})" if notes else ""))
    finish(problems)
