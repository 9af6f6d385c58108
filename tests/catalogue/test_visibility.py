"""The public-visibility rules: what anyone may see, and on which day a mark counts."""

from datetime import date

import pytest
import sqlalchemy as sa

from registry.catalogue import service
from registry.catalogue.enums import CourseStatus, ProviderStatus
from registry.catalogue.models import Course
from registry.errors import NotFound
from registry.extensions import db
from registry.reviews.models import MarkStatus, QualityMark
from tests.factories import make_course, make_mark, make_provider

DAY = date(2026, 11, 27)


def published_titles() -> set[str]:
    return set(db.session.scalars(sa.select(Course.title).where(Course.published())))


def test_only_published_courses_of_active_providers_are_public(app):
    active = make_provider()
    suspended = make_provider(status=ProviderStatus.SUSPENDED)
    make_course(active, title="Gepubliceerd")
    make_course(active, title="Concept", status=CourseStatus.DRAFT)
    make_course(active, title="Teruggetrokken", status=CourseStatus.WITHDRAWN)
    make_course(suspended, title="Van geschorste aanbieder")

    assert published_titles() == {"Gepubliceerd"}
    page = service.published_courses_page(page=1, per_page=10)
    assert [course.title for course in page.items] == ["Gepubliceerd"]


def test_a_draft_course_page_is_not_found(app):
    draft = make_course(status=CourseStatus.DRAFT)
    with pytest.raises(NotFound):
        service.published_course(draft.id)


@pytest.mark.parametrize(
    ("awarded_on", "valid_until", "status", "counts"),
    [
        (date(2024, 1, 1), date(2026, 12, 31), MarkStatus.VALID, True),
        (date(2024, 1, 1), DAY, MarkStatus.VALID, True),  # the last day still counts
        (date(2023, 1, 1), date(2026, 11, 26), MarkStatus.VALID, False),  # expired yesterday
        (date(2026, 11, 28), date(2029, 11, 28), MarkStatus.VALID, False),  # not yet awarded
        (date(2025, 1, 1), date(2028, 1, 1), MarkStatus.SUSPENDED, False),
        (date(2025, 1, 1), date(2028, 1, 1), MarkStatus.REVOKED, False),
    ],
)
def test_accreditation_counts_only_while_valid_on_the_day(app, awarded_on, valid_until, status, counts):
    course = make_course()
    make_mark(course=course, awarded_on=awarded_on, valid_until=valid_until, status=status)

    valid_ids = set(db.session.scalars(sa.select(QualityMark.course_id).where(QualityMark.valid_on(DAY))))
    assert (course.id in valid_ids) is counts
    assert service.mark_summary(course.quality_marks, DAY).is_valid is counts


def test_a_valid_mark_past_its_date_reads_as_expired_even_before_the_daily_job(app):
    course = make_course()
    mark = make_mark(course=course, awarded_on=date(2023, 1, 1), valid_until=date(2026, 1, 1))
    assert mark.status is MarkStatus.VALID
    assert mark.status_on(DAY) is MarkStatus.EXPIRED
    assert service.mark_summary([mark], DAY).status is MarkStatus.EXPIRED


def test_the_latest_mark_decides_the_badge(app):
    course = make_course()
    make_mark(course=course, awarded_on=date(2020, 1, 1), valid_until=date(2023, 1, 1))
    make_mark(course=course, awarded_on=date(2025, 6, 1), valid_until=date(2028, 6, 1))
    summary = service.mark_summary(course.quality_marks, DAY)
    assert summary.status is MarkStatus.VALID
    assert summary.valid_until == date(2028, 6, 1)
    # On a day before the renewal was awarded, only the old (now expired) mark existed.
    assert service.mark_summary(course.quality_marks, date(2024, 1, 1)).status is MarkStatus.EXPIRED


def test_word_filter_matches_every_word_and_treats_wildcards_literally(app):
    make_course(title="Kinder-EHBO herhaling", summary="Houd uw certificaat geldig.")
    make_course(title="Babyscholing", summary="Werken met 0-jarigen.")
    make_course(title="100% taal", summary="Taalniveau 3F")

    def titles(words: str) -> list[str]:
        return [c.title for c in service.published_courses_page(1, 10, words=words).items]

    assert titles("ehbo certificaat") == ["Kinder-EHBO herhaling"]
    assert titles("0-jarigen") == ["Babyscholing"]
    assert titles("100%") == ["100% taal"]
    assert titles("%") == ["100% taal"]
    assert titles("ehbo baby") == []


def test_provider_page_lists_only_its_published_courses(app):
    provider = make_provider(slug="kindwijs")
    make_course(provider, title="Openbaar")
    make_course(provider, title="Concept", status=CourseStatus.DRAFT)
    make_course(title="Van een ander")
    found, courses = service.public_provider("kindwijs")
    assert found.id == provider.id
    assert [c.title for c in courses] == ["Openbaar"]
    with pytest.raises(NotFound):
        service.public_provider("bestaat-niet")
