"""Model-level rules: validated registry numbers, sanitised text, optimistic locking, stable ids."""

from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from registry.catalogue.models import Course
from registry.errors import ValidationFailed
from registry.extensions import db
from registry.organisations.models import CareType, Organisation
from tests.factories import make_course, make_provider, make_run


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", "", "00000000"])
def test_provider_kvk_number_must_be_eight_digits(app, kvk):
    with pytest.raises(ValidationFailed) as error:
        make_provider(kvk_number=kvk)
    assert "kvk_number" in error.value.fields


def test_organisation_numbers_are_validated(app):
    with pytest.raises(ValidationFailed):
        Organisation(
            slug="x", name="X", kvk_number="12345678", lrk_numbers=["12345"], care_type=CareType.DAYCARE
        )
    organisation = Organisation(
        slug="x", name="X", kvk_number="12345678", lrk_numbers=["123456789"], care_type=CareType.DAYCARE
    )
    assert organisation.lrk_numbers == ["123456789"]


def test_course_description_is_sanitised_on_the_way_in(app):
    course = make_course(
        description_html='<p onclick="x()">Hoi <a href="javascript:alert(1)">link</a></p>'
        "<img src=x onerror=alert(1)><style>p{}</style>"
    )
    assert "onclick" not in course.description_html
    assert "javascript:" not in course.description_html
    assert "<img" not in course.description_html and "<style" not in course.description_html
    assert "Hoi" in course.description_html


def test_concurrent_course_edits_are_detected(app):
    course = make_course(title="Origineel")
    db.session.commit()
    # A second session edits and commits first; ours is now stale.
    with db.engine.begin() as other:
        other.execute(sa.update(Course).where(Course.id == course.id).values(title="Door ander", version=2))
    course.title = "Van mij"
    with pytest.raises(StaleDataError):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(Course, course.id).title == "Door ander"


def test_a_run_cannot_end_before_it_starts(app):
    course = make_course()
    with pytest.raises(sa.exc.IntegrityError):
        make_run(course, date(2026, 12, 10), ends_on=date(2026, 12, 1))
    db.session.rollback()


def test_deleted_course_ids_are_never_reused(app):
    first = make_course()
    first_id = first.id
    db.session.commit()
    db.session.delete(first)
    db.session.commit()
    second = make_course()
    assert second.id > first_id
