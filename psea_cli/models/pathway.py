"""The fixed wording of a referral-pathway poster: ``data/pathway/<language>.yaml``.

psea ships the French and English wording; a network overrides any of it, or adds a local
language (Bambara, Songhay…), with a file named after the language code. Every key is
optional here; ``psea validate`` reports the keys a declared language still lacks.
"""

from __future__ import annotations

from typing import Any

from psea_cli.models.base import ShortText, StrictModel, field


def _text(title_en: str, title_fr: str) -> Any:
    return field(title_en, title_fr, f"Poster wording: {title_en.lower()}.",
                 f"Texte de l'affiche : {title_fr.lower()}.", default=None)


class PathwayWording(StrictModel):
    """One language's wording. Texts may hold ``{placeholders}``, as the built-in ones do."""

    title: ShortText | None = _text("Title", "Titre")
    subtitle: ShortText | None = _text("Subtitle", "Sous-titre")
    report_title: ShortText | None = _text("Reporting heading", "Titre du signalement")
    report_intro: ShortText | None = _text("Reporting introduction", "Introduction du signalement")
    focal_point: ShortText | None = _text("Focal point label", "Libellé du point focal")
    no_channel: ShortText | None = _text("No reporting channel", "Aucun canal de signalement")
    care_title: ShortText | None = _text("Care heading", "Titre des soins")
    urgent: ShortText | None = _text("72-hour message", "Message des 72 heures")
    medical: ShortText | None = _text("Medical care", "Soins médicaux")
    psychosocial: ShortText | None = _text("Psychosocial support", "Soutien psychosocial")
    case_management: ShortText | None = _text("Case management", "Gestion de cas")
    safety_shelter: ShortText | None = _text("Safety and shelter", "Sécurité et hébergement")
    legal: ShortText | None = _text("Legal aid", "Aide juridique")
    child_protection: ShortText | None = _text("Child protection", "Protection de l'enfance")
    livelihood: ShortText | None = _text("Livelihood support", "Moyens de subsistance")
    complaint_channel: ShortText | None = _text("Reporting channel", "Canal de signalement")
    gap: ShortText | None = _text("Gap sentence", "Phrase de lacune")
    gap_unverified: ShortText | None = _text("Gap sentence when only unverified entries are "
                                             "printed", "Phrase de lacune quand seules des "
                                             "entrées non vérifiées sont imprimées")
    gap_nearest: ShortText | None = _text("Nearest region", "Région la plus proche")
    gap_elsewhere: ShortText | None = _text("Regions that have it", "Régions qui l'ont")
    gap_nowhere: ShortText | None = _text("Nowhere", "Nulle part")
    hours: ShortText | None = _text("Hours label", "Libellé des horaires")
    languages: ShortText | None = _text("Languages label", "Libellé des langues")
    place: ShortText | None = _text("Place label", "Libellé du lieu")
    served: ShortText | None = _text("Who is served label", "Libellé du public")
    verified: ShortText | None = _text("Verified on", "Vérifié le")
    nationwide: ShortText | None = _text("Nationwide mark", "Mention nationale")
    cost_free: ShortText | None = _text("Free", "Gratuit")
    cost_paid: ShortText | None = _text("Paid", "Payant")
    cost_mixed: ShortText | None = _text("Partly paid", "Partiellement payant")
    cmr_pep: ShortText | None = _text("Clinical care after rape", "Soins cliniques après un viol")
    child_friendly: ShortText | None = _text("Child-friendly", "Adapté aux enfants")
    female_staff: ShortText | None = _text("Women staff", "Personnel féminin")
    disability_access: ShortText | None = _text("Disability access", "Accès handicap")
    everyone: ShortText | None = _text("Everyone", "Tout le monde")
    women: ShortText | None = _text("Women and girls", "Femmes et filles")
    men: ShortText | None = _text("Men and boys", "Hommes et garçons")
    ages_range: ShortText | None = _text("Age range", "Tranche d'âge")
    ages_from: ShortText | None = _text("From an age", "À partir d'un âge")
    ages_to: ShortText | None = _text("Up to an age", "Jusqu'à un âge")
    example_warning: ShortText | None = _text("Example warning", "Avertissement d'exemple")
    stale_warning: ShortText | None = _text("Unverified warning", "Avertissement non vérifié")
    never_verified: ShortText | None = _text("Never verified", "Jamais vérifié")
    principles_title: ShortText | None = _text("Principles heading", "Titre des principes")
    principles: list[ShortText] | None = field(
        "Principles", "Principes", "The survivor-centred principles, a few short sentences.",
        "Les principes centrés sur la personne survivante, en quelques phrases courtes.",
        default=None)
    small_print: ShortText | None = _text("Small print", "Mentions")
    no_revision: ShortText | None = _text("No revision", "Sans révision")
