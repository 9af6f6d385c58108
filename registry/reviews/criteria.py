"""The criteria every review checks, kept as data so the branch can refine them."""

from flask_babel import lazy_gettext as _l

COURSE_CRITERIA = {
    "learning_goals": _l("Leerdoelen zijn concreet en passen bij de doelgroep"),
    "legal_requirement": _l("Voldoet aantoonbaar aan de genoemde wettelijke eis (indien van toepassing)"),
    "trainer_qualification": _l("Trainers zijn gekwalificeerd en hebben praktijkervaring in de kinderopvang"),
    "practice_transfer": _l("Er is aandacht voor toepassing op de werkvloer"),
    "assessment": _l("Toetsing en bewijs van deelname zijn helder"),
    "price_transparency": _l("Prijs, studiebelasting en voorwaarden zijn volledig vermeld"),
}

PROVIDER_CRITERIA = {
    "registration": _l("Inschrijving KvK en erkenningen zijn gecontroleerd"),
    "quality_system": _l("De aanbieder werkt met een kwaliteitssysteem en evalueert cursussen"),
    "complaints": _l("Er is een klachtenregeling"),
    "terms": _l("Algemene voorwaarden en annuleringsregels zijn openbaar"),
}


def criteria_for(subject_type: str) -> dict:
    """The checklist for a course case or a provider case."""
    return COURSE_CRITERIA if subject_type == "course" else PROVIDER_CRITERIA
