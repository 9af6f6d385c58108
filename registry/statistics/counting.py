"""The catalogue figures on a given day.

Every count uses the registry's own visibility rules: ``Course.published()`` (published, provider not
suspended) and ``QualityMark.valid_on(day)`` (an accreditation counts from its award to its end date,
unless suspended or revoked). The database is read once into ``Facts`` (a row per public course, its runs
in the coming year and its topic and role links), and every figure is counted from those in Python: at
100,000 courses that is several times faster than a grouped query per figure. The results are plain JSON
data, so they can be cached and stored as a snapshot.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from registry.catalogue.models import (
    Course,
    CourseRun,
    LegalRequirement,
    TargetRole,
    Topic,
    course_target_roles,
    course_topics,
)
from registry.extensions import db
from registry.reviews.models import MarkStatus, QualityMark

HORIZONS = (3, 12)  # months ahead the coverage map looks
ONLINE = "online"  # the place of a run given online, counted apart from the provinces
STUDY_LOAD_BINS = ((1, 4), (5, 8), (9, 16), (17, 40), (41, 80), (81, None))


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def coming_months(day: date, count: int = 12) -> list[str]:
    """``count`` month keys starting with the month of ``day``."""
    first = day.replace(day=1)
    return [month_key(add_months(first, n)) for n in range(count)]


def _courses_with_mark(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[bool]:
    # IN (subquery) is read once per query; a correlated EXISTS would be evaluated per course.
    return Course.id.in_(
        sa.select(QualityMark.course_id).where(QualityMark.course_id.is_not(None), condition)
    )


def accredited_on(day: date) -> sa.ColumnElement[bool]:
    """A course with an accreditation that counts on ``day`` (``QualityMark.valid_on``)."""
    return _courses_with_mark(QualityMark.valid_on(day))


def quantile(values: list[float], fraction: float) -> float | None:
    """The ``fraction`` quantile with linear interpolation between ranks (Excel's PERCENTILE.INC)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def requirements() -> list[dict[str, str]]:
    rows = db.session.execute(
        sa.select(LegalRequirement.code, LegalRequirement.name).order_by(LegalRequirement.id)
    )
    return [{"code": code, "name": name} for code, name in rows]


@dataclass(frozen=True)
class CourseFacts:
    price: Decimal
    hours: int
    requirement: str | None  # the legal requirement's code
    state: str  # accredited, expired, withdrawn or none (see accreditation_shares)


@dataclass
class Facts:
    """What the figures are counted from: public courses, their runs from ``day`` for 12 months, links."""

    day: date
    courses: dict[int, CourseFacts]
    runs: list[tuple[int, str, str]]  # (course id, start as YYYY-MM-DD, province value or "online")
    topics: list[tuple[int, int]]  # (course id, topic id)
    roles: list[tuple[int, int]]  # (course id, target role id)


def _accreditation_state(day: date) -> sa.ColumnElement[str]:
    """accredited: a mark counts today; expired: none counts, and one ran out (by its date or marked so);
    withdrawn: none counts, and one was suspended or revoked; none: never accredited."""
    lapsed = _courses_with_mark(
        sa.and_(QualityMark.awarded_on <= day, QualityMark.has_status_on(MarkStatus.EXPIRED, day))
    )
    withdrawn = _courses_with_mark(
        sa.and_(
            QualityMark.awarded_on <= day,
            sa.or_(
                QualityMark.has_status_on(MarkStatus.SUSPENDED, day),
                QualityMark.has_status_on(MarkStatus.REVOKED, day),
            ),
        )
    )
    return sa.case(
        (accredited_on(day), "accredited"), (lapsed, "expired"), (withdrawn, "withdrawn"), else_="none"
    )


def load_facts(day: date) -> Facts:
    """Read what the figures need in five queries."""
    courses = {
        course_id: CourseFacts(Decimal(price), int(hours), code, state)
        for course_id, price, hours, code, state in db.session.execute(
            sa.select(
                Course.id,
                Course.price,
                Course.study_load_hours,
                LegalRequirement.code,
                _accreditation_state(day),
            )
            .outerjoin(LegalRequirement, LegalRequirement.id == Course.legal_requirement_id)
            .where(Course.published())
        )
    }
    # Dates as ISO text and provinces as their stored code: converting 200,000 of each costs seconds.
    starts_on, province = (
        sa.cast(CourseRun.starts_on, sa.String),
        sa.type_coerce(CourseRun.province, sa.String),
    )
    runs = [
        (course_id, start, ONLINE if is_online else place)
        for course_id, start, is_online, place in db.session.execute(
            sa.select(CourseRun.course_id, starts_on, CourseRun.is_online, province).where(
                CourseRun.starts_on >= day, CourseRun.starts_on < add_months(day, 12)
            )
        )
        if course_id in courses
    ]

    def links(table: sa.Table, column: str) -> list[tuple[int, int]]:
        rows = db.session.execute(sa.select(table.c.course_id, getattr(table.c, column)))
        return [(course_id, other) for course_id, other in rows if course_id in courses]

    return Facts(
        day, courses, runs, links(course_topics, "topic_id"), links(course_target_roles, "target_role_id")
    )


def coverage(facts: Facts) -> dict[str, dict[str, dict[str, int]]]:
    """Per horizon, per requirement code, per province (and ``online``): accredited courses with a run
    starting in ``[day, day + horizon months)``. A course counts once per place, however many runs it has.
    """
    result: dict[str, dict[str, dict[str, int]]] = {}
    for months in HORIZONS:
        end = add_months(facts.day, months).isoformat()
        seen: set[tuple[str, str, int]] = set()
        for course_id, starts_on, place in facts.runs:
            course = facts.courses[course_id]
            if starts_on < end and course.state == "accredited" and course.requirement:
                seen.add((course.requirement, place, course_id))
        cells: dict[str, dict[str, int]] = defaultdict(dict)
        for (code, place), n in sorted(Counter((code, place) for code, place, _id in seen).items()):
            cells[code][place] = n
        result[str(months)] = dict(cells)
    return result


def runs_per_month(facts: Facts) -> list[list[Any]]:
    """Runs of public courses starting from the day to the end of the 12th month, as rows
    ``[month, place, requirement code or "", accredited, runs]``."""
    end = add_months(facts.day.replace(day=1), 12).isoformat()
    totals: Counter[tuple[str, str, str, bool]] = Counter()
    for course_id, starts_on, place in facts.runs:
        if starts_on < end:
            course = facts.courses[course_id]
            totals[(starts_on[:7], place, course.requirement or "", course.state == "accredited")] += 1
    return [[*key, runs] for key, runs in sorted(totals.items())]


def _per_label(
    facts: Facts, links: list[tuple[int, int]], model: type, skip_when_empty: frozenset[int] = frozenset()
) -> list[dict[str, Any]]:
    """Public courses per topic or target role, and how many of them are accredited; ``skip_when_empty``
    names rows left out when no course has them."""
    courses: Counter[int] = Counter()
    accredited: Counter[int] = Counter()
    for course_id, label_id in links:
        courses[label_id] += 1
        accredited[label_id] += facts.courses[course_id].state == "accredited"
    rows = db.session.execute(sa.select(model.id, model.slug, model.name).order_by(model.name, model.id))
    return [
        {"slug": slug, "name": name, "courses": courses[row_id], "accredited": accredited[row_id]}
        for row_id, slug, name in rows
        if courses[row_id] or row_id not in skip_when_empty
    ]


def per_topic(facts: Facts) -> list[dict[str, Any]]:
    """Per topic; an area of the taxonomy (a topic with sub-topics) only when courses carry it itself,
    so an empty area is not mistaken for a gap."""
    areas = frozenset(db.session.scalars(sa.select(Topic.parent_id).where(Topic.parent_id.is_not(None))))
    return _per_label(facts, facts.topics, Topic, areas)


def per_role(facts: Facts) -> list[dict[str, Any]]:
    return _per_label(facts, facts.roles, TargetRole)


def accreditation_shares(facts: Facts) -> dict[str, int]:
    """Public courses by the state of their accreditation on the day (see ``_accreditation_state``)."""
    counts = Counter(course.state for course in facts.courses.values())
    return {key: counts.get(key, 0) for key in ("accredited", "expired", "withdrawn", "none")}


def delivery(facts: Facts) -> dict[str, int]:
    """Runs starting in the coming 12 months online and on site, and the courses with such runs."""
    online = [course_id for course_id, _start, place in facts.runs if place == ONLINE]
    on_site = [course_id for course_id, _start, place in facts.runs if place != ONLINE]
    return {
        "online_runs": len(online),
        "on_site_runs": len(on_site),
        "online_courses": len(set(online)),
        "on_site_courses": len(set(on_site)),
    }


def _spread(values: list[float]) -> dict[str, float | int | None]:
    def cents(value: float | None) -> float | None:
        return None if value is None else round(value, 2)

    return {
        "courses": len(values),
        "min": cents(min(values)) if values else None,
        "q1": cents(quantile(values, 0.25)),
        "median": cents(statistics.median(values)) if values else None,
        "q3": cents(quantile(values, 0.75)),
        "max": cents(max(values)) if values else None,
    }


def price_per_hour(facts: Facts) -> dict[str, Any]:
    """Price per study hour of public courses (with a study load), over all and per topic."""
    per_hour = {
        course_id: float(course.price / course.hours)
        for course_id, course in facts.courses.items()
        if course.hours > 0
    }
    by_topic: dict[int, list[float]] = defaultdict(list)
    for course_id, topic_id in facts.topics:
        if course_id in per_hour:
            by_topic[topic_id].append(per_hour[course_id])
    topics = db.session.execute(sa.select(Topic.id, Topic.slug, Topic.name).order_by(Topic.name, Topic.id))
    return {
        "all": _spread(list(per_hour.values())),
        "topics": [
            {"slug": slug, "name": name, **_spread(by_topic[topic_id])}
            for topic_id, slug, name in topics
            if by_topic.get(topic_id)
        ],
    }


def study_load(facts: Facts) -> list[dict[str, Any]]:
    """Public courses per band of study load in hours."""
    per_hours = Counter(course.hours for course in facts.courses.values())
    bands = []
    for low, high in STUDY_LOAD_BINS:
        courses = sum(n for hours, n in per_hours.items() if hours >= low and (high is None or hours <= high))
        bands.append({"low": low, "high": high, "courses": courses})
    return bands


def totals(facts: Facts) -> dict[str, int]:
    accredited = sum(course.state == "accredited" for course in facts.courses.values())
    return {"published": len(facts.courses), "accredited": accredited}
