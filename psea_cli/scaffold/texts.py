"""The generated files of a new network repository: network.yaml, the plan skeleton, README.md.

Comments are written in the current message language (``psea init --lang``); every data file
starts with its yaml-language-server modeline.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from psea_cli.i18n import N_, _
from psea_cli.schema_export import modeline

if TYPE_CHECKING:
    from psea_cli.scaffold.country import Country

NETWORK_NAME = N_("National PSEA network – {country}")
PLAN_TITLE = N_("PSEA action plan {first}-{last}")


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str) -> list[str]:
    return [f"# {line}".rstrip() for line in text.splitlines()]


def english_country_name(country: Country) -> str:
    from babel import Locale

    return str(Locale.parse("en").territories.get(country.iso2, country.iso3))


def _admin2_name(country: Country) -> list[str]:
    """The word for the admin-2 areas, from the country profile; else the key to fill in,
    commented out (the forms say "admin-2 area" meanwhile)."""
    lines = _comment(_("The word focal points use for the admin-2 areas (cercle in Mali, "
                       "province in Burkina Faso,\ndépartement in Niger): the forms call the "
                       "area by it."))
    if country.admin2_name:
        return [*lines, f"admin2_name: {yaml_text(country.admin2_name)}", ""]
    return [*lines, *_comment(_("TO DO: remove the '#' below and write the word; without it "
                                "the forms\nsay 'admin-2 area'.")), '# admin2_name: ""', ""]


def network_yaml(country: Country, language: str) -> str:
    languages = [language, "en" if language == "fr" else "fr"]
    core_team = _("Core team PSEA")
    lines = [
        modeline("network", "data/network.yaml"),
        *_comment(_("Settings of the PSEA network, read by every psea command. The coordination "
                    "keeps this file\nup to date; see CONTRIBUTING.md.")),
        f"id: psea-{country.iso3.lower()}",
        f"name: {yaml_text(_(NETWORK_NAME).format(country=country.name))}",
    ]
    if language != "en":
        lines.append(f"name_en: {yaml_text(NETWORK_NAME.format(country=english_country_name(country)))}")
    lines += [f"country: {country.iso3}", ""]
    lines += _comment(_("International dialling code (without '+'): phones written without it "
                        "are national numbers\nof this country; every phone is checked against "
                        "its country's numbering plan."))
    lines += [f'phone_country_code: "{country.phone_country_code}"',
              f"languages: [{', '.join(languages)}]", ""]
    lines += _admin2_name(country)
    if country.from_profile:
        lines += _comment(_("Admin-1 regions and their OCHA p-codes, from psea's country profile. "
                            "Check them against\nthe current OCHA common operational dataset "
                            "(COD-AB) before relying on them."))
    else:
        lines += _comment(_("TO DO: replace this placeholder with the admin-1 regions of the "
                            "country and their OCHA\np-codes (common operational dataset COD-AB, "
                            "on data.humdata.org). Focal points and services\nname regions by "
                            "these p-codes."))
    lines.append("regions:")
    for region in country.regions:
        lines += [f"  - pcode: {region['pcode']}", f"    name: {yaml_text(region['name'])}"]
        if "tile" in region:  # [column, row] of its square on the report's map
            lines.append(f"    tile: [{region['tile'][0]}, {region['tile'][1]}]")
    lines += ["",
              *_comment(_("P-codes of the high-risk or pilot regions the plan names.")),
              "high_risk_zones: []", "",
              *_comment(_("Counts below this threshold are shown as '<N' in reports (never "
                          "below 3).")),
              "suppression_threshold: 5", "",
              *_comment(_("Collective actors the plan names as responsible (core team, GBV "
                          "sub-cluster...),\nused in the plan's responsible lists.")),
              "groups:",
              "  - id: core-team",
              f"    name: {yaml_text(core_team)}"]
    return "\n".join(lines) + "\n"


def plan_yaml(plan_id: str, first: int, last: int, language: str) -> str:
    label = f"data/plan/{plan_id}/plan.yaml"
    lines = [
        modeline("plan", label),
        *_comment(_("The network's action plan. Add its results, sub-results, activities and "
                    "indicators\nunder results:, as in the example at the end of this file; "
                    "psea validate checks them.")),
        f"id: {plan_id}",
        f"title: {yaml_text(_(PLAN_TITLE).format(first=first, last=last))}",
    ]
    if language != "en":
        lines.append(f"title_en: {yaml_text(PLAN_TITLE.format(first=first, last=last))}")
    lines += [f"start: {first}-01", f"end: {last}-12", "results: []", ""]
    result, sub_result = _("Expected result"), _("Expected sub-result")
    activity, indicator = (_("Train the focal points of member organisations"),
                           _("Number of focal points trained"))
    example = [
        "results:",
        '  - id: "1"',
        f"    title: {yaml_text(result)}",
        "    sub_results:",
        '      - id: "1.1"',
        f"        title: {yaml_text(sub_result)}",
        "        activities:",
        '          - id: "1.1.1"',
        f"            title: {yaml_text(activity)}",
        "            responsible: [core-team]",
        f"            period: {{start: {first}-01, end: {first}-06}}",
        "            budget: {amount_usd: 5000}",
        "            indicators:",
        '              - id: "1.1-a"',
        f"                text: {yaml_text(indicator)}",
        "                unit: count",
        "                measured_by: manual",
        "                target_source: {kind: example}",
        f'                targets: {{"{first}": 20}}',
    ]
    lines += _comment(_("Example:")) + [f"# {line}" for line in example]
    return "\n".join(lines) + "\n"


def network_readme(country: Country, language: str) -> str:
    title = _(NETWORK_NAME).format(country=country.name)
    body = _("This repository holds the data of the network: its action plan and progress, its "
             "member organisations\nand their PSEA focal points, and the GBV services survivors "
             "can be referred to. Every change is\nchecked by psea before it is merged.\n\n"
             "- Focal points: to update your organisation's file, read CONTRIBUTING.md.\n"
             "- Coordination: `psea validate` checks everything, `psea report semester` writes "
             "the semester report.")
    return f"# {title}\n\n{body}\n"
