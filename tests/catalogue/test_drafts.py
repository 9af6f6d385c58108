"""Providers maintain their offer: drafts, edits of published courses under review, renewal."""

from __future__ import annotations

import pytest

from registry.catalogue import drafts, service
from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course, Topic
from registry.clock import today
from registry.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from registry.extensions import db
from registry.reviews.models import ReviewState
from registry.reviews.workflow import apply_transition
from tests.conftest import count
from tests.factories import People

DRAFT = {
    "title": "Werken met baby's in de praktijk",
    "summary": "Babyscholing volgens de Wet IKK voor pedagogisch medewerkers.",
    "description_html": "<p>Over <em>sensitiviteit</em>.</p><script>x()</script>",
    "delivery_mode": "blended",
    "study_load_hours": 24,
    "price": "395.00",
    "topics": ["babyscholing"],
    "runs": [{"starts_on": "2027-02-01", "ends_on": "2027-03-01", "city": "Utrecht", "province": "utrecht"}],
}


@pytest.fixture
def topic(app):
    db.session.add(Topic(slug="babyscholing", name="Babyscholing"))
    db.session.commit()


def approve(people: People, course_id: int) -> None:
    review = drafts.submit_course(people.member, course_id)
    apply_transition(people.official, review.id, "take")
    review.checklist = {
        code: True
        for code in (
            "learning_goals",
            "legal_requirement",
            "trainer_qualification",
            "practice_transfer",
            "assessment",
            "price_transparency",
        )
    }
    db.session.commit()
    apply_transition(people.official, review.id, "recommend_approve", comment="Goed.")
    apply_transition(people.second_official, review.id, "confirm")


def test_a_provider_creates_a_draft_with_runs(people, topic):
    course = drafts.create_course(people.member, people.provider.id, DRAFT)
    assert course.status is CourseStatus.DRAFT and course.slug == "werken-met-baby-s-in-de-praktijk"
    assert [t.slug for t in course.topics] == ["babyscholing"]
    assert course.runs[0].city == "Utrecht" and "<script>" not in course.description_html
    with pytest.raises(NotFound):
        service.published_course(course.id)  # a draft is not public


def test_bad_input_names_the_fields_and_saves_nothing(people, topic):
    bad = {
        **DRAFT,
        "title": "",
        "price": "-5",
        "topics": ["bestaat-niet"],
        "runs": [{"starts_on": "2027-02-01", "ends_on": "2027-01-01", "is_online": True}],
    }
    with pytest.raises(ValidationFailed) as error:
        drafts.create_course(people.member, people.provider.id, bad)
    assert {"title", "price", "runs"} <= set(error.value.fields)
    with pytest.raises(ValidationFailed) as unknown:
        drafts.create_course(people.member, people.provider.id, {**DRAFT, "topics": ["bestaat-niet"]})
    assert "topics" in unknown.value.fields
    assert count(Course) == 0


def test_nobody_touches_another_providers_drafts(people, topic):
    course = drafts.create_course(people.member, people.provider.id, DRAFT)
    with pytest.raises(NotFound):
        drafts.own_course(people.other_member, course.id)
    with pytest.raises(NotFound):
        drafts.update_course(people.other_member, course.id, {"title": "Overgenomen titel"})
    with pytest.raises(PermissionDenied):
        drafts.create_course(people.other_member, people.provider.id, DRAFT)
    with pytest.raises(NotFound):  # not even visible to officials before it is submitted
        drafts.update_course(people.official, course.id, {"title": "Door beoordelaar"})
    assert db.session.get(Course, course.id).title == DRAFT["title"]


def test_a_stale_edit_is_a_conflict(people, topic):
    from registry.errors import Conflict

    course = drafts.create_course(people.member, people.provider.id, DRAFT)
    seen = course.version
    drafts.update_course(people.member, course.id, {"study_load_hours": 30}, version=seen)
    with pytest.raises(Conflict):
        drafts.update_course(people.member, course.id, {"study_load_hours": 40}, version=seen)
    assert db.session.get(Course, course.id).study_load_hours == 30


def test_edits_wait_while_the_course_is_under_review(people, topic):
    course = drafts.create_course(people.member, people.provider.id, DRAFT)
    drafts.submit_course(people.member, course.id)
    with pytest.raises(InvalidTransition, match="wordt beoordeeld"):
        drafts.update_course(people.member, course.id, {"title": "Snel nog even anders"})


def test_a_published_course_stays_public_as_approved_while_its_next_version_is_reviewed(people, topic):
    course = drafts.create_course(people.member, people.provider.id, DRAFT)
    approve(people, course.id)
    assert service.published_course(course.id).title == DRAFT["title"]

    drafts.update_course(people.member, course.id, {"title": "Werken met baby's: vernieuwde editie"})
    assert service.published_course(course.id).title == DRAFT["title"]  # unchanged until approved
    _course, review = drafts.own_course(people.member, course.id)
    assert review.proposal["title"] == "Werken met baby's: vernieuwde editie"

    approve(people, course.id)
    db.session.expire_all()
    assert service.published_course(course.id).title == "Werken met baby's: vernieuwde editie"
    assert len(service.published_course(course.id).quality_marks) == 2


def test_renewal_starts_from_the_approved_version_and_keeps_the_mark_public(people, topic):
    course = drafts.create_course(people.member, people.provider.id, DRAFT)
    with pytest.raises(InvalidTransition):
        drafts.start_renewal(people.member, course.id)  # nothing approved yet
    approve(people, course.id)
    renewal = drafts.start_renewal(people.member, course.id)
    assert renewal.state is ReviewState.DRAFT and renewal.renewal_of_id is not None
    assert renewal.proposal == {} or renewal.proposal["title"] == DRAFT["title"]
    submitted = drafts.submit_course(people.member, course.id)
    assert submitted.id == renewal.id and submitted.proposal["title"] == DRAFT["title"]
    assert submitted.proposal["topics"] == ["babyscholing"]
    public = service.published_course(course.id)
    assert service.mark_summary(public.quality_marks, today()).is_valid


def test_runs_change_one_at_a_time_even_under_review(people, topic):
    course = drafts.create_course(people.member, people.provider.id, DRAFT)
    first_run_id = course.runs[0].id
    drafts.submit_course(people.member, course.id)
    added = drafts.add_run(
        people.member,
        course.id,
        {
            "starts_on": "2027-05-01",
            "ends_on": "2027-05-02",
            "is_online": True,
            "enrolment_deadline": "2027-04-20",
        },
    )
    assert {run.id for run in db.session.get(Course, course.id).runs} == {first_run_id, added.id}
    drafts.remove_run(people.member, course.id, first_run_id)
    assert [run.id for run in db.session.get(Course, course.id).runs] == [added.id]
    with pytest.raises(ValidationFailed) as late:
        drafts.add_run(
            people.member,
            course.id,
            {
                "starts_on": "2027-05-01",
                "ends_on": "2027-05-02",
                "is_online": True,
                "enrolment_deadline": "2027-05-09",
            },
        )
    assert "enrolment_deadline" in late.value.fields
    with pytest.raises(NotFound):
        drafts.remove_run(people.other_member, course.id, added.id)
