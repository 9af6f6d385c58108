"""The batch endpoint writes as the file import does: checked first, compared, written in batches."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from registry.accounts.service import create_api_token
from registry.audit.models import AuditEvent
from registry.catalogue import drafts
from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course, CourseRun
from registry.errors import InvalidTransition, ValidationFailed
from registry.exchange import push, upsert
from registry.extensions import db
from registry.reviews.models import Review
from tests.conftest import count


def _course(code: str, *, price: str = "149.50", start: str = "2031-01-31") -> dict:
    return {
        "course_code": code,
        "title": f"Kinder-EHBO {code}",
        "summary": "Eerste hulp bij ongelukken met kinderen.",
        "delivery_mode": "classroom",
        "study_load_hours": 8,
        "price": price,
        "target_roles": ["pedagogisch-medewerker"],
        "runs": [{"starts_on": start, "ends_on": start, "city": "Utrecht", "province": "utrecht"}],
    }


@pytest.fixture
def bearer(people) -> dict[str, str]:
    _token, secret = create_api_token(people.member, "test")
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def test_a_batch_in_several_flushes_creates_then_changes_nothing_then_opens_reviews(
    people, vocabulary, monkeypatch
) -> None:
    monkeypatch.setattr(upsert, "FLUSH_EVERY", 3)  # 8 courses: three flushes
    batch = [_course(f"B-{n}") for n in range(8)]
    first = push.upsert_batch(people.member, people.provider.id, batch)
    assert [item.plan.action for item in first] == ["created"] * 8
    assert [item.course.course_code for item in first] == [f"B-{n}" for n in range(8)]
    assert count(Course) == 8 and count(CourseRun) == 8
    run_ids = sorted(db.session.scalars(sa.select(CourseRun.id)))

    again = push.upsert_batch(people.member, people.provider.id, batch)
    assert {item.plan.action for item in again} == {"unchanged"}
    assert {item.course for item in again} == {None}
    assert sorted(db.session.scalars(sa.select(CourseRun.id))) == run_ids

    for course in db.session.scalars(sa.select(Course)):
        if int(course.course_code[2:]) % 2 == 0:
            course.status = CourseStatus.PUBLISHED
    db.session.commit()
    changed = push.upsert_batch(
        people.member, people.provider.id, [_course(f"B-{n}", price="175.00") for n in range(8)]
    )
    assert [item.plan.opens_review for item in changed] == [n % 2 == 0 for n in range(8)]
    db.session.expire_all()
    for item in changed:
        course = db.session.get(Course, item.course.id)
        review = db.session.scalar(sa.select(Review).where(Review.course_id == course.id))
        if course.status is CourseStatus.PUBLISHED:  # as a form edit: the public course waits for review
            assert str(course.price) == "149.50" and review.proposal["price"] == "175.00"
            assert item.review is not None and item.review.id == review.id
        else:
            assert str(course.price) == "175.00" and review is None
    updated = db.session.scalar(
        sa.select(sa.func.count()).select_from(AuditEvent).where(AuditEvent.action == "course.updated")
    )
    assert updated == 8


def test_a_course_under_review_refuses_the_whole_batch_naming_its_index(people, vocabulary) -> None:
    push.upsert_batch(people.member, people.provider.id, [_course("R-1"), _course("R-2")])
    course = db.session.scalar(sa.select(Course).where(Course.course_code == "R-2"))
    drafts.submit_course(people.member, course.id)
    with pytest.raises(ValidationFailed) as refused:
        push.upsert_batch(
            people.member,
            people.provider.id,
            [_course("R-1", price="99.00"), _course("R-2", price="99.00"), _course("R-3")],
        )
    assert set(refused.value.fields) == {"1"}
    assert "beoordeeld" in refused.value.fields["1"]["message"]
    db.session.expire_all()
    assert count(Course) == 2  # R-3 was not created, R-1 not changed
    assert str(db.session.scalar(sa.select(Course.price).where(Course.course_code == "R-1"))) == "149.50"


def test_put_on_a_course_under_review_keeps_its_own_refusal(people, vocabulary) -> None:
    pushed = push.upsert_by_code(people.member, people.provider.id, "P-1", _course("P-1"))
    drafts.submit_course(people.member, pushed.course.id)
    with pytest.raises(InvalidTransition):
        push.upsert_by_code(people.member, people.provider.id, "P-1", _course("P-1", price="99.00"))
    unchanged = push.upsert_by_code(people.member, people.provider.id, "P-1", _course("P-1"))
    assert unchanged.plan.action == "unchanged" and unchanged.course.id == pushed.course.id
    assert unchanged.review is not None  # the submitted review, shown with the course


def test_batch_refusals_are_problem_json_with_index_and_reason(client, people, vocabulary, bearer) -> None:
    bad_run = _course("X-2", start="31-31-2031")
    response = client.post(
        "/api/v1/provider/courses/batch",
        json={"courses": [_course("X-1"), bad_run, _course("X-1"), {**_course("X-4"), "title": ""}]},
        headers=bearer,
    )
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    errors = response.json["errors"]
    assert set(errors) == {"1", "2", "3"}
    assert "runs.0" in errors["1"]["fields"]
    assert "twee keer" in errors["2"]["message"]
    assert "title" in errors["3"]["fields"]
    assert count(Course) == 0


def test_batch_answers_each_course_as_stored(client, people, vocabulary, bearer) -> None:
    response = client.post(
        "/api/v1/provider/courses/batch", json={"courses": [_course("Y-1"), _course("Y-2")]}, headers=bearer
    )
    assert response.status_code == 200
    items = response.json["items"]
    assert [(item["course_code"], item["action"]) for item in items] == [
        ("Y-1", "created"),
        ("Y-2", "created"),
    ]
    assert [item["course"]["runs"][0]["city"] for item in items] == ["Utrecht", "Utrecht"]
    assert items[0]["course"]["status"] == "draft" and items[0]["course"]["open_review"] is None


def test_a_batch_over_the_limit_is_refused(people, vocabulary, monkeypatch) -> None:
    monkeypatch.setattr(push, "MAX_BATCH", 2)
    with pytest.raises(ValidationFailed) as refused:
        push.upsert_batch(people.member, people.provider.id, [_course(f"Z-{n}") for n in range(3)])
    assert refused.value.fields == {"courses": ["lijst"]}
    assert count(Course) == 0
