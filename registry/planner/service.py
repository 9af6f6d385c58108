"""The mandatory-training planner: for each legal requirement, what an organisation must do by when,
and which accredited courses near it fit, at what cost, with which schemes really paying now."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from registry.accounts.models import User
from registry.audit.service import update_with_audit
from registry.catalogue.models import Course, CourseRun, Provider
from registry.catalogue.schemas import load_or_fail
from registry.errors import NotFound
from registry.extensions import db
from registry.organisations.models import CertificateRecord, Organisation
from registry.planner.models import PlannerRule, Scope
from registry.planner.permissions import require_planner_of, require_rule_keeper
from registry.planner.schemas import RuleSchema
from registry.reviews.models import QualityMark
from registry.schemes.models import SchemeState, SubsidyScheme
from registry.transactions import unit_of_work

OPTIONS_PER_REQUIREMENT = 5


@dataclass(frozen=True)
class CourseOption:
    course: Course
    next_run: CourseRun
    people: int
    total_cost: Decimal
    paying_schemes: list[SubsidyScheme]
    nearby: bool


@dataclass
class PlanItem:
    rule: PlannerRule
    applies: bool
    in_scope: int = 0
    needed: int = 0
    valid_holders: int = 0
    expiring: list[CertificateRecord] = field(default_factory=list)
    expired: list[CertificateRecord] = field(default_factory=list)
    hours_needed: int | None = None
    options: list[CourseOption] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.valid_holders)

    @property
    def to_train(self) -> int:
        """People to send on a course now: the missing ones plus those whose certificate runs out soon."""
        return self.missing + len(self.expiring)

    @property
    def status(self) -> str:
        if not self.applies:
            return "not_applicable"
        if self.missing:
            return "action"
        return "attention" if self.expiring else "ok"

    @property
    def due_by(self) -> date | None:
        """The date the next certificate runs out (only for requirements that expire)."""
        dates = [c.valid_until for c in self.expiring if c.valid_until]
        return min(dates) if dates else None


def plan(user: User | None, organisation_id: int, day: date) -> tuple[Organisation, list[PlanItem]]:
    """The organisation's plan on ``day``.

    :raise PermissionDenied: the user does not work for the organisation.
    """
    organisation = require_planner_of(user, organisation_id)
    rules = db.session.scalars(
        sa.select(PlannerRule).options(selectinload(PlannerRule.requirement)).order_by(PlannerRule.id)
    ).all()
    items = [_item(rule, organisation, day) for rule in rules]
    for item in items:
        if item.applies and (item.to_train or item.hours_needed):
            item.options = course_options(item.rule, organisation, day, max(item.to_train, 1))
    return organisation, items


def _item(rule: PlannerRule, organisation: Organisation, day: date) -> PlanItem:
    if (rule.care_types and organisation.care_type.value not in rule.care_types) or (
        rule.vve_only and not organisation.offers_vve
    ):
        return PlanItem(rule, applies=False)
    in_scope = sum(
        group.headcount
        for group in organisation.staff
        if (not rule.role_slugs or group.role_slug in rule.role_slugs)
        and (not rule.babies_only or group.works_with_babies)
    )
    certificates = _latest_per_holder(
        [c for c in organisation.certificates if c.requirement_code == rule.requirement.code]
    )
    valid = [c for c in certificates if c.valid_until is None or c.valid_until >= day]
    horizon = day + timedelta(days=rule.plan_ahead_days)
    item = PlanItem(
        rule,
        applies=True,
        in_scope=in_scope,
        valid_holders=len(valid),
        expiring=[c for c in valid if c.valid_until is not None and c.valid_until <= horizon],
        expired=[c for c in certificates if c.valid_until is not None and c.valid_until < day],
    )
    if rule.scope is Scope.EVERY_PERSON:
        item.applies = in_scope > 0
        item.needed = in_scope
    elif rule.scope is Scope.PER_LOCATION:
        item.needed = rule.holders_per_location * organisation.location_count
    else:  # hours of coaching, and at least one qualified coach to give them
        item.hours_needed = (
            rule.hours_per_fte * in_scope + rule.hours_per_location * organisation.location_count
        )
        item.needed = 1 if item.hours_needed else 0
    return item


def _latest_per_holder(certificates: list[CertificateRecord]) -> list[CertificateRecord]:
    """One certificate per person: the one valid longest (someone who renewed counts once, as renewed)."""
    latest: dict[str, CertificateRecord] = {}
    for certificate in certificates:
        key = certificate.holder.strip().casefold()
        current = latest.get(key)
        if current is None or _validity(certificate) > _validity(current):
            latest[key] = certificate
    return list(latest.values())


def _validity(certificate: CertificateRecord) -> date:
    return certificate.valid_until or date.max


def course_options(
    rule: PlannerRule, organisation: Organisation, day: date, people: int
) -> list[CourseOption]:
    """Accredited courses for the requirement with a run ahead: nearby or online first, then soonest."""
    courses = db.session.scalars(
        sa.select(Course)
        .where(
            Course.published(),
            Course.legal_requirement_id == rule.legal_requirement_id,
            Course.quality_marks.any(QualityMark.valid_on(day)),
            Course.runs.any(CourseRun.starts_on >= day),
        )
        .options(
            selectinload(Course.runs),
            selectinload(Course.schemes).selectinload(SubsidyScheme.windows),
            selectinload(Course.provider).load_only(Provider.name, Provider.slug),
        )
    ).all()
    options = []
    for course in courses:
        upcoming = [
            run
            for run in course.runs
            if run.starts_on >= day and (run.enrolment_deadline is None or run.enrolment_deadline >= day)
        ]
        if not upcoming:
            continue
        nearby_runs = [r for r in upcoming if r.is_online or r.province == organisation.province]
        run = min(nearby_runs or upcoming, key=lambda r: r.starts_on)
        paying = [s for s in course.schemes if s.status_on(day).state is SchemeState.OPEN]
        options.append(CourseOption(course, run, people, course.price * people, paying, bool(nearby_runs)))
    options.sort(key=lambda o: (not o.nearby, o.next_run.starts_on, o.total_cost))
    return options[:OPTIONS_PER_REQUIREMENT]


def all_rules(user: User | None) -> list[PlannerRule]:
    """Every rule, for admins. :raise PermissionDenied: not an admin."""
    require_rule_keeper(user)
    return list(
        db.session.scalars(
            sa.select(PlannerRule).options(selectinload(PlannerRule.requirement)).order_by(PlannerRule.id)
        )
    )


def update_rule(user: User | None, rule_id: int, data: Mapping[str, Any]) -> PlannerRule:
    """An admin adjusts a rule after a change in law or cao; the change is audited with its source."""
    require_rule_keeper(user)
    rule = db.session.get(PlannerRule, rule_id)
    if rule is None:
        raise NotFound("Onbekende regel.")
    values = load_or_fail(RuleSchema(), data, partial=True)
    with unit_of_work():
        update_with_audit(rule, values, "planner_rule.updated", "planner_rule", actor_id=user.id)
    return rule
