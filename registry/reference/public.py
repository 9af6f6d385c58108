"""What the public sees of the reference data: every term in use, with its source and check date."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from registry.catalogue.enums import Level
from registry.catalogue.models import AgeGroup, LegalRequirement, TargetRole, Topic
from registry.compliance.models import ComplianceRule
from registry.extensions import db


def _current(model: type, *order: Any) -> list[Any]:
    return list(db.session.scalars(sa.select(model).where(model.retired_on.is_(None)).order_by(*order)))


def vocabularies_for_public() -> dict[str, Any]:
    """The vocabularies in use (retired terms left out), grouped as the public page shows them."""
    topics = _current(Topic, Topic.name)
    areas = [topic for topic in topics if topic.parent_id is None]
    rules: dict[str, list[ComplianceRule]] = {}
    for rule in _current(ComplianceRule, ComplianceRule.valid_from, ComplianceRule.id):
        rules.setdefault(rule.requirement_code, []).append(rule)
    return {
        "areas": [(area, [t for t in topics if t.parent_id == area.id]) for area in areas],
        "roles": _current(TargetRole, TargetRole.name),
        "age_groups": _current(AgeGroup, AgeGroup.position),
        "requirements": _current(LegalRequirement, LegalRequirement.name),
        "rules": rules,
        "levels": [(level.value, level.label) for level in Level],
    }
