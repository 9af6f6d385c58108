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
