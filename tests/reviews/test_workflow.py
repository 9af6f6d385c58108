"""The review state machine: every legal and illegal transition, four eyes, audit and mails."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.catalogue.enums import CourseStatus
from registry.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from registry.reviews.models import MarkStatus, Recommendation, Review, ReviewState
from registry.reviews.workflow import TRANSITIONS, apply_transition, user_actions
from tests.conftest import count
from tests.factories import People, case_in_state

LEGAL = [(action, source) for action, t in TRANSITIONS.items() for source in sorted(t.sources)]
ILLEGAL = [
    (action, state) for action, t in TRANSITIONS.items() for state in ReviewState if state not in t.sources
]


def actor_for(action: str, people: People):
    """Someone who is allowed to take ``action`` when the state is right."""
    if action in {"submit", "resubmit", "withdraw"}:
        return people.member
    if action in {"confirm", "send_back"}:
        return people.second_official
    if action == "expire":
        return None
    return people.official


def audit_for(review: Review) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            sa.select(AuditEvent).where(
                AuditEvent.subject_type == "review", AuditEvent.subject_id == str(review.id)
            )
        )
    )


@pytest.mark.parametrize(("action", "source"), LEGAL)
def test_every_legal_transition_reaches_its_state_and_is_audited(people, action, source):
    review = case_in_state(people, source)
    transition = TRANSITIONS[action]
    expected = transition.target_for(review)
    actor = actor_for(action, people)
    apply_transition(actor, review.id, action, comment="Toelichting bij de stap.", version=review.version)

    db.session.expire_all()
    review = db.session.get(Review, review.id)
    assert review.state is expected
    [event] = audit_for(review)
    assert event.action == f"review.{action}"
    assert event.before["state"] == source.value and event.after["state"] == expected.value
    assert event.actor_id == (actor.id if actor else None)
    # The step's mails are the ones its table entry names, no more and no fewer.
    sent = set(db.session.scalars(sa.select(OutboxMessage.subject)))
    assert sent == {s for s in (transition.notify_provider, transition.notify_officials) if s}


# The workflow as it is meant to be: a change to the table must be a deliberate change here too.
EXPECTED_TABLE = {
    "submit": ({"draft"}, "submitted", False),
    "resubmit": ({"changes_requested"}, "submitted", False),
    "take": ({"submitted"}, "in_review", False),
    "request_changes": ({"in_review"}, "changes_requested", True),
    "recommend_approve": ({"in_review"}, "awaiting_confirmation", True),
    "recommend_reject": ({"in_review"}, "awaiting_confirmation", True),
    "confirm": ({"awaiting_confirmation"}, None, False),  # follows the recommendation, see below
    "send_back": ({"awaiting_confirmation"}, "in_review", True),
    "suspend": ({"approved"}, "suspended", True),
    "reinstate": ({"suspended"}, "approved", True),
    "revoke": ({"approved", "suspended"}, "revoked", True),
    "expire": ({"approved"}, "expired", False),
    "withdraw": (
        {"draft", "submitted", "in_review", "changes_requested", "awaiting_confirmation"},
        "withdrawn",
        False,
    ),
}


def test_the_table_is_the_workflow():
    actual = {
        action: (
            {state.value for state in t.sources},
            t.target.value if isinstance(t.target, ReviewState) else None,
            t.needs_comment,
        )
        for action, t in TRANSITIONS.items()
    }
    assert actual == EXPECTED_TABLE


@pytest.mark.parametrize(
    ("recommendation", "decided"),
    [(Recommendation.APPROVE, ReviewState.APPROVED), (Recommendation.REJECT, ReviewState.REJECTED)],
)
def test_confirm_decides_as_the_recommendation_proposed(people, recommendation, decided):
    review = case_in_state(people, ReviewState.AWAITING_CONFIRMATION)
    review.recommendation = recommendation
    db.session.commit()
    assert TRANSITIONS["confirm"].target_for(review) is decided
    apply_transition(people.second_official, review.id, "confirm", version=review.version)
    db.session.expire_all()
    assert db.session.get(Review, review.id).state is decided


@pytest.mark.parametrize(("action", "state"), ILLEGAL)
def test_every_illegal_transition_is_refused_and_changes_nothing(people, action, state):
    review = case_in_state(people, state)
    version = review.version
    actor = actor_for(action, people)
    if state is ReviewState.DRAFT and actor is not None and actor is not people.member:
        # Officials do not even see a provider's unsubmitted draft.
        with pytest.raises(NotFound):
            apply_transition(actor, review.id, action, comment="x", version=version)
    else:
        with pytest.raises(InvalidTransition) as error:
            apply_transition(actor, review.id, action, comment="x", version=version)
        assert "kan niet bij een beoordeling met status" in error.value.message
    db.session.expire_all()
    review = db.session.get(Review, review.id)
    assert review.state is state and review.version == version
    assert audit_for(review) == []


def test_a_full_case_from_draft_to_a_published_course_with_its_mark(people):
    review = case_in_state(people, ReviewState.DRAFT)
    apply_transition(people.member, review.id, "submit")
    apply_transition(people.official, review.id, "take")
    with pytest.raises(ValidationFailed) as missing:
        apply_transition(people.official, review.id, "recommend_approve", comment="Prima cursus.")
    assert missing.value.fields["checklist"]  # the checklist must be complete first
    review = db.session.get(Review, review.id)
    review.checklist = {code: True for code in missing.value.fields["checklist"]}
    db.session.commit()
    apply_transition(people.official, review.id, "recommend_approve", comment="Voldoet aan alle criteria.")
    apply_transition(people.second_official, review.id, "confirm")

    review = db.session.get(Review, review.id)
    assert review.state is ReviewState.APPROVED
    assert review.course.status is CourseStatus.PUBLISHED
    [mark] = review.marks
    assert mark.status is MarkStatus.VALID
    assert (mark.valid_until.year - mark.awarded_on.year) == 3
    assert review.confirmed_by_id == people.second_official.id and review.decided_at is not None
    recipients = set(db.session.scalars(sa.select(OutboxMessage.recipient)))
    assert "aanbieder@kindwijs.example" in recipients  # told of the decision
    assert "beoordelaar2@branche.example" in recipients  # told a recommendation waits


def test_a_rejection_confirmed_leaves_the_course_unpublished(people):
    review = case_in_state(people, ReviewState.AWAITING_CONFIRMATION)
    review.recommendation = Recommendation.REJECT
    db.session.commit()
    apply_transition(people.second_official, review.id, "confirm")
    review = db.session.get(Review, review.id)
    assert review.state is ReviewState.REJECTED and review.marks == []
    assert review.course.status is CourseStatus.DRAFT


def test_four_eyes_the_recommender_cannot_confirm(people):
    review = case_in_state(people, ReviewState.AWAITING_CONFIRMATION)
    with pytest.raises(PermissionDenied, match="tweede beoordelaar"):
        apply_transition(people.official, review.id, "confirm")
    assert db.session.get(Review, review.id).state is ReviewState.AWAITING_CONFIRMATION


def test_nobody_reviews_a_provider_they_belong_to(people):
    submitted = case_in_state(people, ReviewState.SUBMITTED)
    with pytest.raises(PermissionDenied, match="hoort bij deze aanbieder"):
        apply_transition(people.conflicted_official, submitted.id, "take")
    waiting = case_in_state(people, ReviewState.AWAITING_CONFIRMATION)
    with pytest.raises(PermissionDenied):
        apply_transition(people.conflicted_official, waiting.id, "confirm")


def test_only_the_assigned_official_works_the_case(people):
    review = case_in_state(people, ReviewState.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        apply_transition(people.second_official, review.id, "request_changes", comment="Graag aanpassen.")


def test_steps_that_need_a_reason_refuse_without_one(people):
    review = case_in_state(people, ReviewState.APPROVED)
    with pytest.raises(ValidationFailed) as error:
        apply_transition(people.official, review.id, "suspend", comment="   ")
    assert "comment" in error.value.fields
    assert db.session.get(Review, review.id).state is ReviewState.APPROVED


def test_suspend_reinstate_revoke_follow_the_mark(people):
    review = case_in_state(people, ReviewState.APPROVED)
    apply_transition(people.official, review.id, "suspend", comment="Klacht in onderzoek.")
    assert (
        review.marks[0].status is MarkStatus.SUSPENDED
        and review.marks[0].status_reason == "Klacht in onderzoek."
    )
    apply_transition(people.official, review.id, "reinstate", comment="Klacht ongegrond.")
    assert review.marks[0].status is MarkStatus.VALID
    apply_transition(people.second_official, review.id, "revoke", comment="Criteria niet meer gehaald.")
    assert review.marks[0].status is MarkStatus.REVOKED
    assert {e.action for e in audit_for(review)} == {"review.suspend", "review.reinstate", "review.revoke"}


def test_unknown_action_and_strangers_get_clear_errors(people):
    from registry.errors import NotFound

    review = case_in_state(people, ReviewState.DRAFT)
    with pytest.raises(ValidationFailed) as unknown:
        apply_transition(people.member, review.id, "approve_everything")
    assert "action" in unknown.value.fields
    with pytest.raises(NotFound):
        apply_transition(people.other_member, review.id, "submit")  # another provider's draft stays invisible
    with pytest.raises(NotFound):
        apply_transition(people.organisation, review.id, "submit")
    assert count(AuditEvent) == 0


def test_people_take_every_step_but_expiry_which_the_daily_job_takes():
    assert set(user_actions()) == set(TRANSITIONS) - {"expire"}
    assert TRANSITIONS["expire"].allowed(None, None)  # no user: the system
