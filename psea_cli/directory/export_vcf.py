"""vCard 3.0 export of focal points, to import the directory into a phone's contacts.

One card per focal point: FN and N (the name or role title; N's family name the words in
capitals), ORG, TITLE, ROLE, a work e-mail, a
work phone in international form, and a NOTE with the PSEA role, the regions covered and the
languages spoken. Values are escaped and lines folded at 75 octets as RFC 2426 requires; lines
end with CRLF. An example entry says so in its NOTE: its contacts are fictitious.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from psea_cli import phones
from psea_cli.cases.privacy_words import ACRONYMS
from psea_cli.directory import labels
from psea_cli.i18n import _

if TYPE_CHECKING:
    from psea_cli.dataset import Dataset
    from psea_cli.directory.lookup import ListedFocalPoint


def escape(value: str) -> str:
    """A text value with ``\\``, ``,``, ``;`` and line breaks escaped."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces, never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not pieces else 74  # a continuation line starts with a space
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def structured_name(name: str) -> str:
    """The N value (family;given;additional;prefix;suffix) of a focal point's name: the words in
    capitals are the family name, as the region writes it (« TRAORE Aminata », « Aminata
    TRAORE »), the others the given names; a name without such a word (a role title, « Point
    focal PSEA », « Chargée PSEA ») stays whole in the family name, where address books sort by
    it: one whose other words are not all capitalised, or whose capitals are an acronym."""
    words = name.split()
    family = [w for w in words if len(w) > 1 and w.isupper()]
    given = [w for w in words if w not in family]
    if not family or not given or not all(w[:1].isupper() for w in given) \
            or any(w.lower() in ACRONYMS for w in family):
        return f"{escape(name)};;;;"
    return f"{escape(' '.join(family))};{escape(' '.join(given))};;;"


def render_vcards(dataset: Dataset, listed: list[ListedFocalPoint]) -> str:
    """Every focal point as a vCard, in the order given."""
    network = dataset.network
    regions = network.region_by_pcode() if network else {}
    cards = []
    for item in listed:
        org, fp = item.organisation, item.focal_point
        where = ", ".join(regions[p].name if p in regions else p for p in fp.regions)
        note = _("PSEA {role} · regions: {regions} · languages: {languages}").format(
            role=labels.label(labels.ROLES, fp.role).lower(),
            regions=where or _("whole country"),
            languages=labels.language_names(fp.languages) or "—")
        if fp.example:
            note = _("EXAMPLE ENTRY, fictitious contact.") + " " + note
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{escape(fp.name)}", f"N:{structured_name(fp.name)}",
                 f"ORG:{escape(org.name)}"]
        if fp.title:
            lines.append(f"TITLE:{escape(fp.title)}")
        lines.append(f"ROLE:{escape(labels.label(labels.ROLES, fp.role))}")
        if fp.email:
            lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escape(fp.email)}")
        if fp.phone:
            phone = (phones.international_form(fp.phone, network.phone_country_code)
                     if network else fp.phone)
            lines.append(f"TEL;TYPE=WORK,VOICE:{escape(phone)}")
        lines += [f"NOTE:{escape(note)}", "CATEGORIES:PSEA", "END:VCARD"]
        cards.append("\r\n".join(fold(line) for line in lines) + "\r\n")
    return "".join(cards)
