"""The compliance planner of an organisation on a day: verdicts per location and person, the
coaching-hours total, accredited courses for each gap, and the opleidingsplan for a year."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from registry.accounts.models import User
from registry.audit.service import record
from registry.catalogue.models import Course, CourseRun, LegalRequirement, Provider
from registry.compliance.engine import (
    ACTION,
    AT_RISK,
    CertificateFact,
    Duty,
    LocationFact,
    LocationReport,
    PersonFact,
    PlannedFact,
    Verdict,
    duties,
    evaluate,
)
from registry.compliance.models import Location, StaffMember
from registry.compliance.permissions import require_staff_access
from registry.compliance.rules import Rule, all_rules, upcoming_rules
from registry.extensions import db
from registry.organisations.models import Organisation
from registry.reviews.models import QualityMark
from registry.schemes.costs import NetCost, net_cost
from registry.schemes.models import SubsidyScheme
from registry.transactions import unit_of_work

OPTIONS_PER_GAP = 3


@dataclass(frozen=True)
class CourseOption:
    course: Course
    run: CourseRun
    nearby: bool
    cost: NetCost


@dataclass
class Gap:
    """A verdict that is not ok, with the accredited courses that could close it."""

    verdict: Verdict
    location: LocationFact
    options: list[CourseOption] = field(default_factory=list)


@dataclass
class Plan:
    organisation: Organisation
    day: date
    reports: list[LocationReport]
    people: dict[int, PersonFact]
    gaps: list[Gap]
    upcoming: list[Rule]

    @property
    def duties(self) -> list[Duty]:
        """The organisation's verdicts per duty over all its locations, the most serious first."""
        return duties((r.location.id, v) for r in self.reports for v in r.verdicts + r.person_verdicts)

    def options_for(self, location_id: int, rule_code: str) -> list[CourseOption]:
        """The accredited courses that could close this duty's gaps at this location."""
        return next(
            (
                gap.options
                for gap in self.gaps
                if gap.location.id == location_id and gap.verdict.rule.code == rule_code and gap.options
            ),
            [],
        )

    @property
    def coaching_hours_needed(self) -> int:
        """The binding norm is the organisation's total over its kindercentra."""
        return sum(
            v.hours_needed or 0 for r in self.reports for v in r.verdicts if v.rule.kind == "coaching_hours"
        )

    @property
    def coaching_hours_planned(self) -> int:
        return sum(
            v.hours_planned or 0 for r in self.reports for v in r.verdicts if v.rule.kind == "coaching_hours"
        )


def facts(organisation_id: int) -> tuple[list[LocationFact], list[PersonFact]]:
    """The organisation's locations and current staff as plain facts for the engine."""
    locations = db.session.scalars(
        sa.select(Location).where(Location.organisation_id == organisation_id).order_by(Location.name)
    ).all()
    members = db.session.scalars(
        sa.select(StaffMember)
        .where(StaffMember.organisation_id == organisation_id, StaffMember.left_on.is_(None))
        .options(
            selectinload(StaffMember.locations),
            selectinload(StaffMember.diplomas),
            selectinload(StaffMember.certificates),
            selectinload(StaffMember.planned_courses),
        )
        .order_by(StaffMember.name)
    ).all()
    location_facts = [
        LocationFact(
            loc.id,
            loc.name,
            loc.care_type.value,
            loc.lrk_number,
            loc.offers_vve,
            loc.province.value if loc.province else None,
            loc.coaching_hours_planned,
        )
        for loc in locations
    ]
    people = [
        PersonFact(
            id=m.id,
            name=m.name,
            role=m.role,
            fte=m.fte,
            location_ids=tuple(loc.id for loc in m.locations),
            works_with_babies=m.works_with_babies,
            diplomas=tuple(d.kind for d in m.diplomas),
            certificates=tuple(
                CertificateFact(c.kind, c.obtained_on, c.valid_until, c.approved, c.hours, c.name)
                for c in m.certificates
            ),
            planned=tuple(
                PlannedFact(p.requirement_code, p.title, p.starts_on, p.hours, p.booked)
                for p in m.planned_courses
            ),
        )
        for m in members
    ]
    return location_facts, people


def plan(user: User | None, organisation_id: int, day: date, *, with_options: bool = True) -> Plan:
    """Every verdict on ``day`` (rules dated later than ``day`` do not count yet); the view is audited.

    :raise PermissionDenied: not one of the organisation's people.
    """
    organisation = require_staff_access(user, organisation_id)
    locations, people = facts(organisation_id)
    reports = evaluate(locations, people, list(all_rules()), day)
    gaps = []
    for report in reports:
        seen = set()
        for verdict in report.verdicts + report.person_verdicts:
            if verdict.status in (ACTION, AT_RISK) and verdict.rule.kind != "coaching_hours":
                gaps.append(Gap(verdict, report.location))
                seen.add(verdict.rule.requirement_code)
        if with_options:
            options = {code: course_options(code, report.location.province, day) for code in seen}
            for gap in gaps:
                if gap.location is report.location:
                    gap.options = options[gap.verdict.rule.requirement_code]
    with unit_of_work():
        record("staff.viewed", "organisation", organisation_id, actor_id=user.id, after={"view": "planner"})
    return Plan(organisation, day, reports, {p.id: p for p in people}, gaps, upcoming_rules(day))


def course_options(requirement_code: str, province: str | None, day: date) -> list[CourseOption]:
    """Published courses with a valid quality mark and an open run ahead: near or online first."""
    courses = db.session.scalars(
        sa.select(Course)
        .join(LegalRequirement, Course.legal_requirement_id == LegalRequirement.id)
        .where(
            LegalRequirement.code == requirement_code,
            Course.published(),
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
            r
            for r in course.runs
            if r.starts_on >= day and (r.enrolment_deadline is None or r.enrolment_deadline >= day)
        ]
        if not upcoming:
            continue
        near = [
            r for r in upcoming if r.is_online or (province and r.province and r.province.value == province)
        ]
        run = min(near or upcoming, key=lambda r: r.starts_on)
        options.append(CourseOption(course, run, bool(near), net_cost(course.price, course.schemes, day)))
    options.sort(key=lambda o: (not o.nearby, o.run.starts_on, o.cost.lowest))
    return options[:OPTIONS_PER_GAP]


@dataclass(frozen=True)
class PlanLine:
    """One line of the opleidingsplan: who, where, which duty, what is planned, when, hours, cost."""

    location: str
    lrk_number: str
    person: str
    rule: Rule
    status: str
    course: str
    starts_on: date | None
    hours: int | None
    cost: Decimal | None


def training_plan(user: User | None, organisation_id: int, year: int) -> tuple[Plan, list[PlanLine]]:
    """The opleidingsplan for ``year``: every open duty on 1 January with what is planned for it."""
    current = plan(user, organisation_id, date(year, 1, 1))
    lines = []
    for report in current.reports:
        for verdict in report.verdicts:
            if verdict.rule.kind == "coaching_hours":
                lines.append(
                    PlanLine(
                        report.location.name,
                        report.location.lrk_number,
                        "",
                        verdict.rule,
                        verdict.status,
                        "Coaching en beleidsontwikkeling",
                        None,
                        verdict.hours_needed,
                        None,
                    )
                )
        for gap in current.gaps:
            if gap.location is not report.location:
                continue
            chosen = gap.verdict.planned[0] if gap.verdict.planned else None
            option = gap.options[0] if gap.options else None
            lines.append(
                PlanLine(
                    report.location.name,
                    report.location.lrk_number,
                    ", ".join(gap.verdict.people),
                    gap.verdict.rule,
                    gap.verdict.status,
                    chosen.title if chosen else (option.course.title if option else ""),
                    chosen.starts_on if chosen else (option.run.starts_on if option else None),
                    chosen.hours if chosen else (option.course.study_load_hours if option else None),
                    option.cost.lowest if option and not chosen else None,
                )
            )
    return current, lines
