"""The names people use for the diploma and certificate kinds that staff records keep as codes."""

from flask_babel import lazy_gettext as _l

DIPLOMA_LABELS = {
    "havo": "havo",
    "vhbo": "vhbo",
    "vwo": "vwo",
    "mbo-2": "mbo 2",
    "mbo-3": "mbo 3",
    "mbo-4": "mbo 4",
    "associate-degree": "associate degree",
    "hbo-bachelor": "hbo-bachelor",
    "wo-bachelor": "wo-bachelor",
    "wo-master": "wo-master",
    "overig": _l("overig"),
}
CERTIFICATE_LABELS = {
    "kinder-ehbo": _l("Kinder-EHBO"),
    "taal-3f": _l("Taalniveau 3F"),
    "babyscholing": _l("Babyscholing"),
    "vve": _l("VVE-certificaat"),
}


def diploma_label(kind: str) -> str:
    """A diploma kind in words ("mbo 4")."""
    return str(DIPLOMA_LABELS.get(kind, kind))


def certificate_label(kind: str) -> str:
    """A certificate kind in words ("Kinder-EHBO")."""
    return str(CERTIFICATE_LABELS.get(kind, kind))


RULE_KIND_LABELS = {
    "coaching_hours": _l("coachingsuren per locatie"),
    "person_training": _l("scholing per medewerker"),
    "person_language": _l("taaleis per medewerker"),
    "location_certificate": _l("certificaat per locatie"),
    "person_certificate": _l("certificaat per medewerker"),
}


def rule_kind_label(kind: str) -> str:
    """What a compliance rule counts, in words ("scholing per medewerker")."""
    return str(RULE_KIND_LABELS.get(kind, kind))
