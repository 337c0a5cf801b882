"""Network settings: ``data/network.yaml``."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from psea_cli.models.base import Flag, LanguageCode, PCode, ShortText, Slug, StrictModel, field

_NOT_IN_A_WORD = r"\x00-\x1f\x7f-\x9f!-&(-,/-@\[-`{-~"
AREA_WORD_PATTERN = f"^[^ {_NOT_IN_A_WORD}]([^{_NOT_IN_A_WORD}]*[^ {_NOT_IN_A_WORD}])?$"
"""A word or a few words (``cercle``, ``province``, ``Local Government Area``): letters, spaces
between them, hyphens, apostrophes and full stops. No control character, digit or sign: the
word goes into the labels of the forms, where ``${…}``, ``*`` or ``#`` would mean something."""

AreaWord = Annotated[str, StringConstraints(min_length=1, max_length=60,
                                            pattern=AREA_WORD_PATTERN)]


class Position(StrictModel):
    lat: float = field("Latitude", "Latitude", "Degrees north (negative south).",
                       "Degrés nord (négatif au sud).", ge=-90, le=90)
    lon: float = field("Longitude", "Longitude", "Degrees east (negative west).",
                       "Degrés est (négatif à l'ouest).", ge=-180, le=180)
class Admin2Area(StrictModel):
    pcode: PCode = field("P-code", "P-code", "OCHA place code of the admin-2 area (cercle).",
                         "Code OCHA (p-code) de la zone d'admin 2 (cercle).")
    name: ShortText = field("Name", "Nom", "Name of the area as commonly written.",
                            "Nom de la zone tel qu'il s'écrit couramment.")


class Region(StrictModel):
    pcode: PCode = field("P-code", "P-code", "OCHA place code of the admin-1 region.",
                         "Code OCHA (p-code) de la région (admin 1).")
    name: ShortText = field("Name", "Nom", "Name of the region as commonly written.",
                            "Nom de la région tel qu'il s'écrit couramment.")
    tile: Annotated[list[Annotated[int, Field(ge=0, le=30)]],
                    Field(min_length=2, max_length=2)] | None = field(
        "Map tile", "Case de la carte",
        "Column and row of the region's square on the report's map, roughly where the region "
        "lies: [0, 0] is the top left (north-west) corner.",
        "Colonne et ligne du carré de la région sur la carte du rapport, à peu près où elle se "
        "trouve : [0, 0] est le coin en haut à gauche (nord-ouest).", default=None)
    centre: Position | None = field(
        "Main town's position", "Position du chef-lieu",
        "Latitude and longitude of the region's main town, to name the nearest region that has a "
        "service this one lacks.",
        "Latitude et longitude du chef-lieu de la région, pour nommer la région la plus proche "
        "qui a un service absent de celle-ci.", default=None)
    admin2: list[Admin2Area] | None = field(
        "Admin-2 areas", "Zones d'admin 2",
        "The region's admin-2 areas (cercles) with their OCHA p-codes; when given, a case's "
        "admin2 must be one of them.",
        "Les zones d'admin 2 (cercles) de la région avec leur p-code OCHA ; si elles sont "
        "données, l'admin2 d'un cas doit en faire partie.", default=None)


class Group(StrictModel):
    id: Slug = field("Identifier", "Identifiant", "Short id used in the plan's responsible lists.",
                     "Identifiant court utilisé dans les listes de responsables du plan.")
    name: ShortText = field("Name", "Nom", "Name of the group as the plan writes it.",
                            "Nom du groupe tel que le plan l'écrit.")
    name_en: ShortText | None = field("Name in English", "Nom en anglais",
                                      "The group's name in an English report.",
                                      "Le nom du groupe dans un rapport en anglais.",
                                      default=None)
    members: list[Slug] = field(
        "Members", "Membres", "Organisation ids that belong to the group, if known.",
        "Identifiants des organisations membres du groupe, s'ils sont connus.",
        default_factory=list)


class SopDeadlines(StrictModel):
    acknowledgement_days: int = field(
        "Acknowledgement deadline (days)", "Délai d'accusé de réception (jours)",
        "Days after reception within which the complainant receives a first response.",
        "Jours après la réception pendant lesquels le plaignant reçoit une première réponse.",
        default=7, ge=1, le=90)
    assistance_referral_hours: int = field(
        "Referral to assistance deadline (hours)", "Délai d'orientation vers l'assistance (heures)",
        "Hours after reception within which a consenting survivor is referred to assistance.",
        "Heures après la réception pendant lesquelles une personne survivante consentante est "
        "orientée vers l'assistance.", default=72, ge=1, le=720)
    directory_verification_days: int = field(
        "Directory verification interval (days)", "Intervalle de vérification de l'annuaire (jours)",
        "A focal point or service not verified for longer than this is out of date.",
        "Un point focal ou un service non vérifié depuis plus longtemps est périmé.",
        default=180, ge=7, le=1000)


RecipientKey = Annotated[str, StringConstraints(
    pattern=r"^(age1[02-9ac-hj-np-z]{58}|ssh-ed25519 AAAA[0-9A-Za-z+/]+=*( [^\n]*)?)$")]


class CaseRecipient(StrictModel):
    name: ShortText = field(
        "Name", "Nom", "Who holds the key (a role, such as 'coordinator'): shown in messages.",
        "Qui détient la clé (un rôle, par exemple « coordinatrice ») : affiché dans les messages.")
    key: RecipientKey = field(
        "Public key", "Clé publique",
        "The holder's age public key (age1…) or SSH ed25519 public key (ssh-ed25519 AAAA…).",
        "Clé publique age (age1…) ou clé publique SSH ed25519 (ssh-ed25519 AAAA…) du détenteur.")


class CaseEncryption(StrictModel):
    required: Flag = field(
        "Required", "Obligatoire",
        "Case records must be encrypted: a case file in clear is an error.",
        "Les fiches de cas doivent être chiffrées : une fiche en clair est une erreur.",
        default=True)
    recipients: list[CaseRecipient] = field(
        "Recipients", "Destinataires",
        "The core team's public keys: every case record is encrypted to all of them.",
        "Les clés publiques de l'équipe restreinte : chaque fiche de cas est chiffrée pour "
        "toutes.", min_length=1)


class Network(StrictModel):
    id: Slug = field("Identifier", "Identifiant", "Short id of the network.",
                     "Identifiant court du réseau.")
    name: ShortText = field("Name", "Nom", "Name of the network in its first language.",
                            "Nom du réseau dans sa première langue.")
    name_en: ShortText | None = field("Name in English", "Nom en anglais",
                                      "Name of the network in English, if different.",
                                      "Nom du réseau en anglais, s'il diffère.", default=None)
    admin2_name: AreaWord | None = field(
        "Name of the admin-2 level", "Nom du niveau admin 2",
        "The network's word for its admin-2 areas, in its first language, as focal points know "
        "it (cercle in Mali, province in Burkina Faso, département in Niger): the forms call "
        "the area by it. Without it they say 'admin-2 area'.",
        "Le mot du réseau pour ses zones d'admin 2, dans sa première langue, tel que les points "
        "focaux le connaissent (cercle au Mali, province au Burkina Faso, département au "
        "Niger) : les formulaires nomment la zone ainsi. Sans lui, ils disent « zone d'admin 2 ».",
        default=None)
    admin2_name_en: AreaWord | None = field(
        "Name of the admin-2 level in English", "Nom du niveau admin 2 en anglais",
        "The same word in English, if different (department for département).",
        "Le même mot en anglais, s'il diffère (department pour département).", default=None)
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = field(
        "Country", "Pays", "ISO 3166-1 alpha-3 code of the country (MLI).",
        "Code ISO 3166-1 alpha-3 du pays (MLI).")
    phone_country_code: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,3}$")] = field(
        "Phone country code", "Indicatif téléphonique",
        "International dialling code without '+' (223): phones written without it are national "
        "numbers of this country.",
        "Indicatif international sans « + » (223) : les téléphones écrits sans lui sont des "
        "numéros nationaux de ce pays.")
    national_phone_digits: int | None = field(
        "National phone number length (no longer used)",
        "Longueur des numéros nationaux (plus utilisée)",
        "No longer used: phones are checked against their country's numbering plan. Kept so "
        "that older network files stay valid; it can be removed.",
        "Plus utilisée : les téléphones sont vérifiés d'après le plan de numérotation de leur "
        "pays. Gardée pour que les anciens fichiers restent valides ; elle peut être supprimée.",
        default=None, ge=4, le=14)
    languages: list[LanguageCode] = field(
        "Languages", "Langues", "Working languages in order of preference; the first is the default.",
        "Langues de travail par ordre de préférence ; la première est celle par défaut.",
        min_length=1)
    regions: list[Region] = field(
        "Regions", "Régions", "Admin-1 regions of the country, including the capital district.",
        "Régions (admin 1) du pays, district de la capitale compris.", min_length=1)
    high_risk_zones: list[PCode] = field(
        "High-risk zones", "Zones à hauts risques",
        "P-codes of the high-risk or pilot regions the plan names.",
        "P-codes des régions à hauts risques ou pilotes que nomme le plan.", default_factory=list)
    groups: list[Group] = field(
        "Named groups", "Groupes nommés",
        "Collective actors the plan names as responsible (Core team, Sous-Cluster VBG…).",
        "Acteurs collectifs que le plan nomme comme responsables (Core team, Sous-Cluster VBG…).",
        default_factory=list)
    suppression_threshold: int = field(
        "Suppression threshold", "Seuil de suppression",
        "Counts below this are shown as '<N' in reports (never below 3). Choose it once, "
        "before the first figures are shared: figures published with two thresholds, set side "
        "by side, narrow each other.",
        "Les effectifs inférieurs à ce seuil sont affichés « <N » dans les rapports (jamais "
        "moins de 3). Choisissez-le une fois, avant de partager les premiers chiffres : des "
        "chiffres publiés avec deux seuils, mis côte à côte, se resserrent l'un l'autre.",
        default=5, ge=3, le=50)
    sop: SopDeadlines = field("SOP deadlines", "Délais des SOP",
                              "Deadlines of the standard operating procedures.",
                              "Délais des procédures opérationnelles standard.",
                              default_factory=SopDeadlines)
    cases_dir: str | None = field(
        "Case store", "Dossier des cas",
        "Folder of case records relative to the repository (default data/cases); may point to a "
        "separate repository with restricted access.",
        "Dossier des fiches de cas relatif au dépôt (par défaut data/cases) ; peut pointer vers "
        "un dépôt séparé à accès restreint.", default=None)

    case_encryption: CaseEncryption | None = field(
        "Case encryption", "Chiffrement des cas",
        "Encrypt case records (age) to the core team's keys; everything else stays readable.",
        "Chiffrer les fiches de cas (age) pour les clés de l'équipe restreinte ; le reste reste "
        "lisible.", default=None)

    def admin2_word(self, language: str) -> str | None:
        """The network's word for its admin-2 areas in ``language`` (``en``: ``admin2_name_en``,
        else ``admin2_name``, as ``name_en`` and ``name``); None when network.yaml names none."""
        if language == "en" and self.admin2_name_en:
            return self.admin2_name_en
        return self.admin2_name

    def admin2_title(self, language: str) -> str | None:
        """``admin2_word`` with a capital, for a label or a column (``Cercle``)."""
        word = self.admin2_word(language)
        return f"{word[:1].upper()}{word[1:]}" if word else None

    def region_by_pcode(self) -> dict[str, Region]:
        return {r.pcode: r for r in self.regions}

    def case_recipients(self) -> list[str]:
        """The public keys case records are encrypted to (none: records are kept in clear)."""
        return [r.key for r in self.case_encryption.recipients] if self.case_encryption else []

    def requires_encryption(self) -> bool:
        return self.case_encryption is not None and self.case_encryption.required
