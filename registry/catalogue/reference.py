"""The vocabularies a provider picks from when describing a course."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from registry.catalogue.enums import DeliveryMode, Level, Province
from registry.catalogue.models import AgeGroup, LegalRequirement, TargetRole, Topic
from registry.extensions import db
from registry.schemes.models import SubsidyScheme


def _in_use(model: Any, key: Any, order: Any) -> list[Any]:
    query = sa.select(key, model.name).where(model.retired_on.is_(None)).order_by(order)
    return db.session.execute(query).all()


def choices() -> dict[str, Any]:
    """Options for every choice on the course form: (value, label) pairs."""
    return {
        "levels": [(level.value, level.label) for level in Level],
        "modes": [(mode.value, mode.label) for mode in DeliveryMode],
        "provinces": [(province.value, province.label) for province in Province],
        # Retired terms stay on the courses that have them but are not offered for new choices.
        "topics": _in_use(Topic, Topic.slug, Topic.name),
        "target_roles": _in_use(TargetRole, TargetRole.slug, TargetRole.name),
        "age_groups": _in_use(AgeGroup, AgeGroup.slug, AgeGroup.position),
        "schemes": _in_use(SubsidyScheme, SubsidyScheme.code, SubsidyScheme.name),
        "legal_requirements": _in_use(LegalRequirement, LegalRequirement.code, LegalRequirement.name),
    }


# Vocabularies whose codes are stored on courses, staff and certificates, by the name a code is kept under.
_TERMS = {
    "topic": (Topic, Topic.slug),
    "target_role": (TargetRole, TargetRole.slug),
    "age_group": (AgeGroup, AgeGroup.slug),
    "legal_requirement": (LegalRequirement, LegalRequirement.code),
    "scheme": (SubsidyScheme, SubsidyScheme.code),
}
_FIXED = {"level": Level, "delivery_mode": DeliveryMode, "province": Province}


def term_names(vocabulary: str) -> dict[str, str]:
    """The name of every code of a vocabulary (retired terms included: old records still carry them)."""
    if vocabulary in _FIXED:
        return {member.value: member.label for member in _FIXED[vocabulary]}
    model, key = _TERMS[vocabulary]
    return dict(db.session.execute(sa.select(key, model.name)).all())


def vocabularies() -> tuple[str, ...]:
    """The vocabularies :func:`term_names` knows."""
    return (*_TERMS, *_FIXED)
