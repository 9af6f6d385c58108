"""The vocabularies a provider picks from when describing a course."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from registry.catalogue.enums import DeliveryMode, Level, Province
from registry.catalogue.models import AgeGroup, LegalRequirement, TargetRole, Topic
from registry.extensions import db
from registry.schemes.models import SubsidyScheme


def choices() -> dict[str, Any]:
    """Options for every choice on the course form: (value, label) pairs."""
    return {
        "levels": [(level.value, level.label) for level in Level],
        "modes": [(mode.value, mode.label) for mode in DeliveryMode],
        "provinces": [(province.value, province.label) for province in Province],
        "topics": db.session.execute(sa.select(Topic.slug, Topic.name).order_by(Topic.name)).all(),
        "target_roles": db.session.execute(
            sa.select(TargetRole.slug, TargetRole.name).order_by(TargetRole.name)
        ).all(),
        "age_groups": db.session.execute(
            sa.select(AgeGroup.slug, AgeGroup.name).order_by(AgeGroup.position)
        ).all(),
        "schemes": db.session.execute(
            sa.select(SubsidyScheme.code, SubsidyScheme.name).order_by(SubsidyScheme.name)
        ).all(),
        "legal_requirements": db.session.execute(
            sa.select(LegalRequirement.code, LegalRequirement.name).order_by(LegalRequirement.name)
        ).all(),
    }
