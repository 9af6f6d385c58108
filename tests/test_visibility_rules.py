"""Each visibility rule is written twice, in Python and in SQL, side by side on its model: they agree.

A grid of marks (every status, awarded and expiring the day before, on and after), courses (every status,
of a provider in every status) and days is asked both ways; the database answers the SQL form.
"""

from datetime import date, timedelta
from itertools import product

import pytest
import sqlalchemy as sa

from registry.catalogue.enums import CourseStatus, ProviderStatus
from registry.catalogue.models import Course, Provider
from registry.extensions import db
from registry.reviews.models import MarkStatus, QualityMark
from tests.factories import make_course, make_mark, make_provider

DAY = date(2026, 11, 27)
EDGES = (-1, 0, 1)  # the day before, the day itself, the day after
DAYS = [DAY + timedelta(days=offset) for offset in range(-2, 3)]


@pytest.fixture
def grid(app) -> tuple[list[Course], list[QualityMark]]:
    providers = [make_provider(status=status) for status in ProviderStatus]
    courses = [make_course(provider, status=status) for provider, status in product(providers, CourseStatus)]
    marked = courses[:-1]  # the last course has no mark at all
    for n, (status, awarded, until) in enumerate(product(MarkStatus, EDGES, EDGES)):
        make_mark(
            course=marked[n % len(marked)],
            awarded_on=DAY + timedelta(days=awarded),
            valid_until=DAY + timedelta(days=until),
            status=status,
        )
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Course))), list(db.session.scalars(sa.select(QualityMark)))


def sql_ids(model: type, condition: sa.ColumnElement[bool]) -> set[int]:
    return set(db.session.scalars(sa.select(model.id).where(condition)))


@pytest.mark.parametrize("day", DAYS)
def test_a_mark_counts_on_a_day_the_same_in_python_and_sql(grid, day):
    _courses, marks = grid
    assert sql_ids(QualityMark, QualityMark.valid_on(day)) == {m.id for m in marks if m.valid_on(day)}
    register = {m.id for m in marks if m.in_register_on(day)}
    assert sql_ids(QualityMark, QualityMark.in_register_on(day)) == register
    if day == DAY:  # the grid holds marks on both sides of the rule
        assert 0 < len(register) < len(marks)
    for status in MarkStatus:
        python = {m.id for m in marks if m.has_status_on(status, day)}
        assert sql_ids(QualityMark, QualityMark.has_status_on(status, day)) == python, status
        assert python == {m.id for m in marks if m.status_on(day) is status}


def test_a_stored_expired_mark_reads_as_expired_both_ways(grid):
    _courses, marks = grid
    stored = {m.id for m in marks if m.status is MarkStatus.EXPIRED}
    assert stored <= sql_ids(QualityMark, QualityMark.has_status_on(MarkStatus.EXPIRED, DAY))


@pytest.mark.parametrize("day", DAYS)
def test_the_mark_a_badge_shows_is_the_same_in_python_and_sql(grid, day):
    courses, _marks = grid
    sql = dict(
        db.session.execute(
            sa.select(Course.id, QualityMark.latest_awarded_id(QualityMark.course_id == Course.id, day))
        ).all()
    )
    python = {}
    for course in courses:
        latest = QualityMark.latest_awarded(course.quality_marks, day)
        python[course.id] = None if latest is None else latest.id
    assert sql == python
    assert None in python.values()  # some course shows no badge on this day


def test_public_courses_and_providers_are_the_same_in_python_and_sql(grid):
    courses, _marks = grid
    providers = list(db.session.scalars(sa.select(Provider)))
    published = {c.id for c in courses if c.published()}
    assert sql_ids(Course, Course.published()) == published
    assert 0 < len(published) < len(courses)
    public = {p.id for p in providers if p.public()}
    assert sql_ids(Provider, Provider.public()) == public
    assert 0 < len(public) < len(providers)
