"""Reference data every registry needs: topics, roles, age groups, legal requirements, schemes."""

from __future__ import annotations

import sqlalchemy as sa

from registry.catalogue.models import AgeGroup, LegalRequirement, TargetRole, Topic
from registry.demo import content
from registry.extensions import db
from registry.planner.defaults import CHECKED_ON, DEFAULT_RULES
from registry.planner.models import PlannerRule
from registry.schemes.models import ApplicationWindow, SubsidyScheme


def _missing(model: type, key: str, wanted: list[str]) -> set[str]:
    column = getattr(model, key)
    present = set(db.session.scalars(sa.select(column).where(column.in_(wanted))))
    return set(wanted) - present


def load_reference_data() -> int:
    """Add whatever reference rows are missing (matched by slug or code); returns how many were added."""
    added: list[object] = []

    area_slugs = [slug for slug, _name, _topics in content.TOPIC_AREAS]
    new_areas = _missing(Topic, "slug", area_slugs)
    topic_slugs = [slug for _a, _n, topics in content.TOPIC_AREAS for slug, _name in topics]
    new_topics = _missing(Topic, "slug", topic_slugs)
    for area_slug, area_name, topics in content.TOPIC_AREAS:
        area = db.session.scalar(sa.select(Topic).where(Topic.slug == area_slug))
        if area_slug in new_areas:
            area = Topic(slug=area_slug, name=area_name)
            added.append(area)
        for slug, name in topics:
            if slug in new_topics:
                added.append(Topic(slug=slug, name=name, parent=area))

    new_roles = _missing(TargetRole, "slug", [slug for slug, _ in content.TARGET_ROLES])
    added += [TargetRole(slug=s, name=n) for s, n in content.TARGET_ROLES if s in new_roles]

    new_ages = _missing(AgeGroup, "slug", [slug for slug, _ in content.AGE_GROUPS])
    added += [
        AgeGroup(slug=s, name=n, position=i) for i, (s, n) in enumerate(content.AGE_GROUPS) if s in new_ages
    ]

    new_requirements = _missing(LegalRequirement, "code", [r["code"] for r in content.LEGAL_REQUIREMENTS])
    added += [LegalRequirement(**r) for r in content.LEGAL_REQUIREMENTS if r["code"] in new_requirements]

    new_schemes = _missing(SubsidyScheme, "code", [s["code"] for s in content.SCHEMES])
    for facts in content.SCHEMES:
        if facts["code"] in new_schemes:
            fields = {key: value for key, value in facts.items() if key != "windows"}
            windows = [ApplicationWindow(opens_on=o, closes_on=c) for o, c in facts["windows"]]
            added.append(SubsidyScheme(**fields, windows=windows))

    db.session.add_all(added)
    db.session.flush()
    return len(added) + _load_planner_rules()


def _load_planner_rules() -> int:
    requirements = dict(db.session.execute(sa.select(LegalRequirement.code, LegalRequirement.id)).all())
    present = set(db.session.scalars(sa.select(PlannerRule.legal_requirement_id)))
    rules = [
        PlannerRule(
            legal_requirement_id=requirements[facts["requirement"]],
            source_checked_on=CHECKED_ON,
            **{key: value for key, value in facts.items() if key != "requirement"},
        )
        for facts in DEFAULT_RULES
        if facts["requirement"] in requirements and requirements[facts["requirement"]] not in present
    ]
    db.session.add_all(rules)
    db.session.flush()
    return len(rules)
