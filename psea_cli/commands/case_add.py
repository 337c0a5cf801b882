"""``psea case add``: record a new case.

Every value missing on the command line is asked for in a terminal (``case_input``), the
survivor's consent for each purpose included: a consent nobody was asked about is recorded as
``not_asked`` only when the command runs without a terminal. Before writing, a terminal session
shows what will be recorded and asks for confirmation (an explicit yes or no: Enter alone
asks again, so that a key pressed by mistake loses nothing; no writes nothing); ``--yes``
skips the question. The last line of standard output is the new case id alone.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from psea_cli.cases.vocabulary import (
    AGE_GROUPS,
    ALLEGATIONS,
    CHANNELS,
    LABELS,
    SEXES,
    AgeGroup,
    Allegation,
    Channel,
    PerpetratorAffiliation,
    SurvivorSex,
    YesNoUnknown,
)
from psea_cli.cli_support import err, handle_errors, load, say
from psea_cli.commands import case_common, case_details, case_input
from psea_cli.i18n import N_, _, current_language

if TYPE_CHECKING:
    from psea_cli.models.network import Network

CONSENT_QUESTIONS = {
    "assistance": N_("Has the survivor consented to assistance (referral to services)?"),
    "investigation": N_("Has the survivor consented to take part in an investigation "
                        "(interview, testimony)?"),
    "identity": N_("Has the survivor consented to sharing identifying details with the "
                   "concerned entity or an investigator?"),
    "reporting": N_("Has the survivor consented to non-identifying reporting?"),
}
CONSENT_LABELS = {"yes": N_("yes, consent given"), "no": N_("no, consent refused"),
                  "not_asked": N_("not asked yet")}
CONSENT_NAMES = {"assistance": N_("Consent: assistance"),
                 "investigation": N_("Consent: investigation"),
                 "identity": N_("Consent: identity shared"),
                 "reporting": N_("Consent: reporting")}
ANSWERS = {"yes": N_("yes"), "no": N_("no"), "unknown": N_("unknown")}


def _not_after_today(day: Any) -> Any:
    """``day`` when it is not after today: a prompt asks again at once, rather than the
    record being refused once every question is answered."""
    from psea_cli import clock

    moment = day.date() if isinstance(day, dt.datetime) else day
    if moment > clock.today():
        from psea_cli import catalogue

        raise typer.BadParameter(catalogue.texts("cases.future-date")[1])
    return day


def _refuse_identifying_note(note: str | None) -> None:
    """Stop before any question when the note breaks a rule of the note screening (the
    rules are named, never the text): nothing typed is lost."""
    if not note:
        return
    from psea_cli.cases.privacy import RULE_WORDS, screen

    rules = screen(note)
    if rules:
        from psea_cli.problems import PseaError

        raise PseaError(_("--note looks like it holds {rules}; nothing was asked or written")
                        .format(rules=", ".join(_(RULE_WORDS[r]) for r in rules)),
                        _("A case record never holds a name, a contact or a place: they stay "
                          "with the receiving agency's case worker. Write the note without "
                          "them."), exit_code=1)


def _not_before_the_incident(day: Any, month: str | None) -> Any:
    """``day`` when its month is not before the incident's (``--incident-month``, given)."""
    moment = day.date() if isinstance(day, dt.datetime) else day
    if month not in (None, "unknown") and f"{moment:%Y-%m}" < str(month):
        from psea_cli import catalogue

        raise typer.BadParameter(catalogue.texts("cases.incident-after-reception")[1])
    return day


def _ask_core(network: Network, given: dict[str, Any], incident_month: str | None = None
              ) -> dict[str, Any]:
    """Received, channel, region, sex, age group, allegation: given, or asked for (the day
    received no earlier than the month of the incident, when given)."""
    from psea_cli import clock

    day = given["received"]
    if day is None:
        day = case_input.ask_text(_("Day the complaint was received (YYYY-MM-DD)"),
                                  lambda t: _not_before_the_incident(_not_after_today(
                                      case_input.parse_day_or_time(t, "--received")),
                                      incident_month),
                                  default=clock.today().isoformat())
    channel = given["channel"] or case_input.ask_choice(
        _("Channel through which the complaint came:"), CHANNELS, LABELS["channel"])
    region = given["region"]
    if region is None:
        region = case_input.ask_text(_("Region (name or p-code)"),
                                     lambda t: case_input.region(network, t, "--region"))
    sex = given["sex"] or case_input.ask_choice(_("Survivor's sex:"), SEXES, LABELS["sex"])
    age = given["age_group"] or case_input.ask_choice(_("Survivor's age group:"), AGE_GROUPS,
                                                      LABELS["age_group"])
    allegation = given["allegation"] or case_input.ask_choice(_("Allegation:"), ALLEGATIONS,
                                                              LABELS["allegation"])
    return {"received": day, "channel": channel, "region": region, "sex": sex,
            "age_group": age, "allegation": allegation}


def _consent(given: dict[str, str | None], asking: bool) -> dict[str, str]:
    """Each purpose's consent: given, asked for in a terminal, else ``not_asked``."""
    consent: dict[str, str] = {}
    for purpose, value in given.items():
        if value is None and asking:
            value = case_input.ask_choice(_(CONSENT_QUESTIONS[purpose]), ("yes", "no", "not_asked"),
                                          CONSENT_LABELS)
        consent[purpose] = value or "not_asked"
    return consent


def _admin2_label(network: Network) -> str:
    """The network's word for its admin-2 areas (network.yaml ``admin2_name``), else the
    neutral one."""
    return network.admin2_title(current_language()) or _("Admin-2 area")


def recap(network: Network, fields: dict[str, Any]) -> list[str]:
    """What will be written, one line per field, in the user's words (on standard error)."""
    def label(kind: str, code: str) -> str:
        return _(LABELS[kind][code]) if code in LABELS.get(kind, {}) else code

    region = next((r.name for r in network.regions if r.pcode == fields["region"]), "")
    survivor = fields["survivor"]
    people = f"{label('sex', survivor['sex'])}, {label('age_group', survivor['age_group'])}"
    if survivor["count"] > 1:
        people += " × " + str(survivor["count"])
    perpetrator = fields["perpetrator"]
    rows = [
        (_("Received"), str(fields["received"])),
        (_("Channel"), label("channel", fields["channel"])),
        (_("Region"), f"{region} ({fields['region']})" if region else fields["region"]),
        (_admin2_label(network), fields["admin2"] or "—"),
        (_("Month of the incident"), _(ANSWERS["unknown"]) if fields["incident_month"] ==
         "unknown" else fields["incident_month"]),
        (_("Survivor"), people),
        (_("Allegation"), label("allegation", fields["allegation"])),
        (_("Alleged perpetrator's employer"), label("affiliation", perpetrator["affiliation"])),
        (_("Alleged perpetrator's organisation"), perpetrator["organisation"] or "—"),
        (_("Goods or money exchanged"), _(ANSWERS[fields["goods_exchanged"]])),
        *((_(CONSENT_NAMES[purpose]), _(CONSENT_LABELS[value]))
          for purpose, value in fields["consent"].items()),
        (_("Note"), fields["note"] or "—"),
    ]
    width = max(len(name) for name, _value in rows)
    return [_("The case to be recorded:"),
            *(f"  {name:<{width}}  {value}" for name, value in rows)]


def next_step(case_id: str, committed: bool) -> list[str]:
    lines = [_("next: record each step of the SOP with 'psea case event {id} KIND' (the kinds: "
               "psea case event -h); see the case with 'psea case show {id}'.").format(id=case_id)]
    if not committed:
        lines.append(_("Commit the new file with git (git add, git commit), or use --commit "
                       "next time."))
    return lines


@handle_errors
def add_command(
    ctx: typer.Context,
    received: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--received", help=_("Day the network received the complaint: YYYY-MM-DD, optionally "
                             "THH:MM."))] = None,
    channel: Annotated[Optional[Channel], typer.Option(  # noqa: UP045
        "--channel", case_sensitive=False,
        help=_("Channel through which the complaint came."))] = None,
    region: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--region", help=_("Region: its p-code or its name as data/network.yaml lists it (accents "
                    "and capital letters do not matter)."))] = None,
    sex: Annotated[Optional[SurvivorSex], typer.Option(  # noqa: UP045
        "--sex", case_sensitive=False,
        help=_("Survivor's sex."))] = None,
    age_group: Annotated[Optional[AgeGroup], typer.Option(  # noqa: UP045
        "--age-group", case_sensitive=False,
        help=_("Survivor's age group (child: under 18)."))] = None,
    allegation: Annotated[Optional[Allegation], typer.Option(  # noqa: UP045
        "--allegation", case_sensitive=False,
        help=_("Type of allegation (not_sea after analysis)."))] = None,
    admin2: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--admin2", help=_("P-code of the admin-2 area (cercle, province…), internal use only."))] = None,
    incident_month: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--incident-month", help=_("Month of the incident, YYYY-MM, or unknown (never the "
                                   "day)."))] = None,
    survivors: Annotated[Optional[int], typer.Option(  # noqa: UP045
        "--survivors", min=1, max=1000, help=_("Number of survivors (default: 1)."))] = None,
    perpetrator_affiliation: Annotated[Optional[PerpetratorAffiliation], typer.Option(  # noqa: UP045
        "--perpetrator-affiliation", case_sensitive=False,
        help=_("Alleged perpetrator's type of employer (default: unknown)."))] = None,
    perpetrator_org: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--perpetrator-org", help=_("Alleged perpetrator's organisation: its id, name or "
                                    "acronym in the directory (never a person)."))] = None,
    goods_exchanged: Annotated[Optional[YesNoUnknown], typer.Option(  # noqa: UP045
        "--goods-exchanged", case_sensitive=False,
        help=_("Goods or money exchanged (default: unknown)."))] = None,
    consent_assistance: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--consent-assistance", metavar="yes|no|not_asked",
        help=_("Consent to assistance."))] = None,
    consent_investigation: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--consent-investigation", metavar="yes|no|not_asked",
        help=_("Consent to take part in an investigation (interview, testimony)."))] = None,
    consent_identity: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--consent-identity", metavar="yes|no|not_asked",
        help=_("Consent to share identifying details with the concerned entity or an "
               "investigator."))] = None,
    consent_reporting: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--consent-reporting", metavar="yes|no|not_asked",
        help=_("Consent to non-identifying reporting."))] = None,
    note: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--note", help=_("One short note (280 characters): no name, contact, place or "
                         "narrative."))] = None,
    commit: case_common.Commit = False,
    store_moved: case_common.StoreMoved = False,
    recipients_changed: case_common.RecipientsChanged = False,
    ask: case_common.Interactive = None,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help=_("Write without showing the recap and asking for confirmation "
                              "in a terminal."))] = False,
) -> None:
    from psea_cli.cases import editing
    from psea_cli.cases.store import store_folder

    consents = {purpose: case_input.consent_option(value, f"--consent-{purpose}") for purpose, value
                in (("assistance", consent_assistance), ("investigation", consent_investigation),
                    ("identity", consent_identity), ("reporting", consent_reporting))}
    dataset, problems = load(ctx)
    network = case_input.network(dataset)
    editing.refuse_clear_next_to_sealed(dataset)  # before any question: nothing typed is lost
    case_common.guard_recipients(dataset, recipients_changed, commit)
    case_common.guard_store(dataset, store_moved)
    case_common.warn_stale_recipients(problems)
    case_common.check_commit(store_folder(dataset, create=True), commit)
    given = {"--received": received, "--channel": channel, "--region": region, "--sex": sex,
             "--age-group": age_group, "--allegation": allegation}
    asking = case_input.interactive(ask)
    if asking:  # before any question: nothing typed is lost (else the record's check says it)
        _refuse_identifying_note(note)
    if not asking:
        case_input.refuse_missing([option for option, value in given.items() if value is None])
    month = (case_input.parse_month(incident_month, "--incident-month")
             if incident_month is not None else None)
    core = _ask_core(network, {
        "received": (case_input.parse_day_or_time(received, "--received")
                     if received is not None else None),
        "region": case_input.region(network, region, "--region") if region is not None else None,
        "channel": channel, "sex": sex, "age_group": age_group, "allegation": allegation}, month)
    details = {"incident_month": month,
               "survivors": survivors, "affiliation": perpetrator_affiliation,
               "organisation": perpetrator_org and (
                   case_details.find_organisation(dataset, perpetrator_org) or perpetrator_org),
               "goods": goods_exchanged}
    if asking:
        received_day = core["received"]
        details = case_details.ask(dataset, details, received_day.date() if isinstance(
            received_day, dt.datetime) else received_day)
    fields: dict[str, Any] = {
        "received": core["received"], "channel": core["channel"], "region": core["region"],
        "admin2": admin2, "allegation": core["allegation"],
        "incident_month": details["incident_month"] or "unknown",
        "survivor": {"sex": core["sex"], "age_group": core["age_group"],
                     "count": details["survivors"] or 1},
        "perpetrator": {"affiliation": details["affiliation"] or "unknown",
                        "organisation": details["organisation"]},
        "goods_exchanged": details["goods"] or "unknown",
        "consent": _consent(consents, asking),
        "note": note,
    }
    if asking and not yes:
        err(*recap(network, fields))
        if not case_input.confirm(_("Record this case?")):
            err(_("aborted: nothing was written"))
            raise typer.Exit(code=1)
    case_common.note_shared_store(dataset)  # once every option is read and confirmed
    outcome = editing.add_case(dataset, fields)
    case_common.finish(dataset, outcome, commit, f"case: add {outcome.case_id}")
    err(*next_step(outcome.case_id, commit))
    say(outcome.case_id)
