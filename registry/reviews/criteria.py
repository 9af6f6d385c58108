"""The criteria every review checks, versioned per subject type so a case keeps those it was judged on.

Version 1 is built in (below, translated like every other text); officials add later versions in
/beheer/criteria. A case is fixed to the current version when an official takes it into review.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from registry.extensions import db
from registry.reviews.models import CriteriaVersion, Review, SubjectType

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

BUILT_IN_VERSION = 1


def _built_in(subject_type: str) -> dict[str, Any]:
    return COURSE_CRITERIA if subject_type == "course" else PROVIDER_CRITERIA


def latest_version(subject_type: str) -> CriteriaVersion | None:
    """The newest version officials added for this subject type (None: the built-in one is current)."""
    return db.session.scalar(
        sa.select(CriteriaVersion)
        .where(CriteriaVersion.subject_type == SubjectType(subject_type))
        .order_by(CriteriaVersion.version.desc())
        .limit(1)
    )


def current_version_number(subject_type: str) -> int:
    """The version a case taken into review now is judged on."""
    latest = latest_version(subject_type)
    return latest.version if latest else BUILT_IN_VERSION


def criteria_version(subject_type: str, version: int) -> dict[str, Any]:
    """Code -> text of one version of the checklist (unknown versions: the built-in one)."""
    if version != BUILT_IN_VERSION:
        found = db.session.scalar(
            sa.select(CriteriaVersion).where(
                CriteriaVersion.subject_type == SubjectType(subject_type), CriteriaVersion.version == version
            )
        )
        if found is not None:
            return {item["code"]: item["text"] for item in found.items}
    return _built_in(subject_type)


def criteria_for(subject_type: str) -> dict[str, Any]:
    """The current checklist for a course case or a provider case."""
    return criteria_version(subject_type, current_version_number(subject_type))


def criteria_of(review: Review) -> dict[str, Any]:
    """The checklist this case is judged on: its fixed version, or the current one until it is taken."""
    if review.criteria_version is None:
        return criteria_for(review.subject_type.value)
    return criteria_version(review.subject_type.value, review.criteria_version)
