"""The catalogue figures, counted in the database on a given day.

Every count uses the registry's own visibility rules: ``Course.published()`` (published, provider not
suspended) and ``QualityMark.valid_on(day)`` (an accreditation counts from its award to its end date,
unless suspended or revoked). The result is plain JSON data, so it can be cached and stored as a snapshot.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from registry.catalogue.enums import Province
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


def accredited_on(day: date) -> sa.ColumnElement[bool]:
    """A course with an accreditation that counts on ``day``."""
    return Course.quality_marks.any(QualityMark.valid_on(day))


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


def coverage(day: date) -> dict[str, dict[str, dict[str, int]]]:
    """Per horizon, per requirement code, per province (and ``online``): accredited courses with a run
    starting in ``[day, day + horizon months)``. A course counts once per place, however many runs it has.
    """
    result: dict[str, dict[str, dict[str, int]]] = {}
    for months in HORIZONS:
        place = sa.case((CourseRun.is_online, sa.literal(ONLINE)), else_=CourseRun.province)
        query = (
            sa.select(LegalRequirement.code, place, sa.func.count(sa.distinct(Course.id)))
            .select_from(CourseRun)
            .join(Course, Course.id == CourseRun.course_id)
            .join(LegalRequirement, LegalRequirement.id == Course.legal_requirement_id)
            .where(
                Course.published(),
                accredited_on(day),
                CourseRun.starts_on >= day,
                CourseRun.starts_on < add_months(day, months),
            )
            .group_by(LegalRequirement.code, place)
        )
        cells: dict[str, dict[str, int]] = defaultdict(dict)
        for code, where, courses in db.session.execute(query):
            cells[code][str(where.value if isinstance(where, Province) else where)] = int(courses)
        result[str(months)] = dict(cells)
    return result


def runs_per_month(day: date) -> list[list[Any]]:
    """Runs of public courses starting from ``day`` to the end of the 12th month, as rows
    ``[month, place, requirement code or "", accredited, runs]``."""
    end = add_months(day.replace(day=1), 12)
    accredited = accredited_on(day).label("accredited")
    place = sa.case((CourseRun.is_online, sa.literal(ONLINE)), else_=CourseRun.province)
    query = (
        sa.select(CourseRun.starts_on, place, LegalRequirement.code, accredited, sa.func.count())
        .select_from(CourseRun)
        .join(Course, Course.id == CourseRun.course_id)
        .outerjoin(LegalRequirement, LegalRequirement.id == Course.legal_requirement_id)
        .where(Course.published(), CourseRun.starts_on >= day, CourseRun.starts_on < end)
        .group_by(CourseRun.starts_on, place, LegalRequirement.code, accredited)
    )
    totals: Counter[tuple[str, str, str, bool]] = Counter()
    for starts_on, where, code, is_accredited, runs in db.session.execute(query):
        where = str(where.value if isinstance(where, Province) else where)
        totals[(month_key(starts_on), where, code or "", bool(is_accredited))] += int(runs)
    return [[*key, runs] for key, runs in sorted(totals.items())]


def _per_label(link: sa.Table, column: str, model: type, day: date) -> list[dict[str, Any]]:
    """Public courses per topic or target role, and how many of them are accredited."""
    link_id = getattr(link.c, column)
    accredited = sa.func.sum(sa.case((accredited_on(day), 1), else_=0))
    counts = {
        row_id: (int(courses), int(accredited_count or 0))
        for row_id, courses, accredited_count in db.session.execute(
            sa.select(link_id, sa.func.count(), accredited)
            .select_from(link)
            .join(Course, Course.id == link.c.course_id)
            .where(Course.published())
            .group_by(link_id)
        )
    }
    rows = db.session.execute(sa.select(model.id, model.slug, model.name).order_by(model.name, model.id))
    return [
        {
            "slug": slug,
            "name": name,
            "courses": counts.get(row_id, (0, 0))[0],
            "accredited": counts.get(row_id, (0, 0))[1],
        }
        for row_id, slug, name in rows
    ]


def per_topic(day: date) -> list[dict[str, Any]]:
    return _per_label(course_topics, "topic_id", Topic, day)


def per_role(day: date) -> list[dict[str, Any]]:
    return _per_label(course_target_roles, "target_role_id", TargetRole, day)


def accreditation_shares(day: date) -> dict[str, int]:
    """Public courses by the state of their accreditation on ``day``.

    accredited: a mark counts today; expired: none counts, and one ran out (by its date or marked so);
    withdrawn: none counts, and one was suspended or revoked; none: never accredited.
    """
    lapsed = Course.quality_marks.any(
        sa.and_(
            QualityMark.awarded_on <= day,
            sa.or_(
                QualityMark.status == MarkStatus.EXPIRED,
                sa.and_(QualityMark.status == MarkStatus.VALID, QualityMark.valid_until < day),
            ),
        )
    )
    withdrawn = Course.quality_marks.any(
        sa.and_(
            QualityMark.awarded_on <= day,
            QualityMark.status.in_([MarkStatus.SUSPENDED, MarkStatus.REVOKED]),
        )
    )
    state = sa.case(
        (accredited_on(day), "accredited"),
        (lapsed, "expired"),
        (withdrawn, "withdrawn"),
        else_="none",
    ).label("state")
    counts = dict(
        db.session.execute(sa.select(state, sa.func.count()).where(Course.published()).group_by(state)).all()
    )
    return {key: int(counts.get(key, 0)) for key in ("accredited", "expired", "withdrawn", "none")}


def delivery(day: date) -> dict[str, int]:
    """Runs starting in the coming 12 months online and on site, and the courses with such runs."""
    end = add_months(day, 12)
    query = (
        sa.select(CourseRun.is_online, sa.func.count(), sa.func.count(sa.distinct(Course.id)))
        .join(Course, Course.id == CourseRun.course_id)
        .where(Course.published(), CourseRun.starts_on >= day, CourseRun.starts_on < end)
        .group_by(CourseRun.is_online)
    )
    result = {"online_runs": 0, "on_site_runs": 0, "online_courses": 0, "on_site_courses": 0}
    for is_online, runs, courses in db.session.execute(query):
        prefix = "online" if is_online else "on_site"
        result[f"{prefix}_runs"], result[f"{prefix}_courses"] = int(runs), int(courses)
    return result


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


def price_per_hour(day: date) -> dict[str, Any]:
    """Price per study hour of public courses (with a study load), over all and per topic."""
    hours_and_prices = {
        course_id: float(Decimal(price) / hours)
        for course_id, price, hours in db.session.execute(
            sa.select(Course.id, Course.price, Course.study_load_hours).where(
                Course.published(), Course.study_load_hours > 0
            )
        )
    }
    by_topic: dict[int, list[float]] = defaultdict(list)
    for course_id, topic_id in db.session.execute(
        sa.select(course_topics.c.course_id, course_topics.c.topic_id)
    ):
        if course_id in hours_and_prices:
            by_topic[topic_id].append(hours_and_prices[course_id])
    topics = db.session.execute(sa.select(Topic.id, Topic.slug, Topic.name).order_by(Topic.name, Topic.id))
    return {
        "all": _spread(list(hours_and_prices.values())),
        "topics": [
            {"slug": slug, "name": name, **_spread(by_topic[topic_id])}
            for topic_id, slug, name in topics
            if by_topic.get(topic_id)
        ],
    }


def study_load(day: date) -> list[dict[str, Any]]:
    """Public courses per band of study load in hours."""
    per_hours = dict(
        db.session.execute(
            sa.select(Course.study_load_hours, sa.func.count())
            .where(Course.published())
            .group_by(Course.study_load_hours)
        ).all()
    )
    bands = []
    for low, high in STUDY_LOAD_BINS:
        courses = sum(n for hours, n in per_hours.items() if hours >= low and (high is None or hours <= high))
        bands.append({"low": low, "high": high, "courses": int(courses)})
    return bands


def totals(day: date) -> dict[str, int]:
    published, accredited = db.session.execute(
        sa.select(sa.func.count(), sa.func.sum(sa.case((accredited_on(day), 1), else_=0))).where(
            Course.published()
        )
    ).one()
    return {"published": int(published), "accredited": int(accredited or 0)}
