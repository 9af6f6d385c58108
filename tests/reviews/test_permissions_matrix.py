"""Every role against every action, through the service layer and through the API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from registry.accounts import service as accounts
from registry.accounts.models import Role
from registry.catalogue import colleagues, drafts, profiles
from registry.catalogue.enums import CourseStatus
from registry.clock import today
from registry.errors import NotFound, PermissionDenied, Unauthenticated
from registry.extensions import db
from registry.reviews import service as reviews
from registry.reviews.models import ReviewState
from registry.reviews.workflow import apply_transition
from tests.factories import People, case_in_state, make_course, make_run

ROLES = [
    "anonymous",
    "organisation",
    "member",
    "other_member",
    "official",
    "second_official",
    "conflicted_official",
    "admin",
]
OFFICIALS = {"official", "second_official"}
COURSE = {
    "title": "Oudergesprekken voeren",
    "summary": "Lastige gesprekken met ouders goed voeren.",
    "delivery_mode": "online",
    "study_load_hours": 6,
    "price": "99.00",
}


def draft_id(p: People) -> int:
    course = make_course(p.provider, status=CourseStatus.DRAFT)
    make_run(course, today() + timedelta(days=30))  # a course is submitted with a run ahead
    db.session.commit()  # requests run in their own session and must see it
    return course.id


# action -> (what it does, given the people and the acting user; the roles that may do it)
ACTIONS: dict[str, tuple[Callable[[People, object], object], set[str]]] = {
    "create_course": (lambda p, u: drafts.create_course(u, p.provider.id, COURSE), {"member"}),
    "view_own_draft": (lambda p, u: drafts.own_course(u, draft_id(p)), {"member"}),
    "view_submitted_course": (
        lambda p, u: drafts.own_course(u, case_in_state(p, ReviewState.SUBMITTED).course_id),
        {"member", "admin", "conflicted_official"} | OFFICIALS,
    ),
    "update_course": (lambda p, u: drafts.update_course(u, draft_id(p), {"price": "10.00"}), {"member"}),
    "submit_course": (lambda p, u: drafts.submit_course(u, draft_id(p)), {"member"}),
    "take": (lambda p, u: apply_transition(u, case_in_state(p, ReviewState.SUBMITTED).id, "take"), OFFICIALS),
    "request_changes": (
        lambda p, u: apply_transition(
            u, case_in_state(p, ReviewState.IN_REVIEW).id, "request_changes", comment="Aanvullen."
        ),
        {"official"},
    ),
    "recommend_approve": (
        lambda p, u: apply_transition(
            u, case_in_state(p, ReviewState.IN_REVIEW).id, "recommend_approve", comment="Goed."
        ),
        {"official"},
    ),
    "confirm": (
        lambda p, u: apply_transition(u, case_in_state(p, ReviewState.AWAITING_CONFIRMATION).id, "confirm"),
        {"second_official"},
    ),
    "send_back": (
        lambda p, u: apply_transition(
            u, case_in_state(p, ReviewState.AWAITING_CONFIRMATION).id, "send_back", comment="Nog eens kijken."
        ),
        {"second_official"},
    ),
    "suspend": (
        lambda p, u: apply_transition(
            u, case_in_state(p, ReviewState.APPROVED).id, "suspend", comment="Onderzoek."
        ),
        OFFICIALS,
    ),
    "revoke": (
        lambda p, u: apply_transition(
            u, case_in_state(p, ReviewState.SUSPENDED).id, "revoke", comment="Ingetrokken."
        ),
        OFFICIALS,
    ),
    "recommend_reject": (
        lambda p, u: apply_transition(
            u, case_in_state(p, ReviewState.IN_REVIEW).id, "recommend_reject", comment="Onvoldoende."
        ),
        {"official"},
    ),
    "reinstate": (
        lambda p, u: apply_transition(
            u, case_in_state(p, ReviewState.SUSPENDED).id, "reinstate", comment="Opgelost."
        ),
        OFFICIALS,
    ),
    "add_run": (
        lambda p, u: drafts.add_run(
            u, draft_id(p), {"starts_on": "2027-01-10", "ends_on": "2027-01-10", "is_online": True}
        ),
        {"member"},
    ),
    "start_renewal": (
        lambda p, u: drafts.start_renewal(u, case_in_state(p, ReviewState.APPROVED).course_id),
        {"member"},
    ),
    "update_profile": (
        lambda p, u: profiles.update_profile(u, p.provider.id, {"city": "Zwolle"}),
        {"member"},
    ),
    "request_keurmerk": (lambda p, u: profiles.request_keurmerk(u, p.provider.id), {"member"}),
    "withdraw": (
        lambda p, u: apply_transition(u, case_in_state(p, ReviewState.SUBMITTED).id, "withdraw"),
        {"member"},
    ),
    "comment": (
        lambda p, u: reviews.add_comment(u, case_in_state(p, ReviewState.IN_REVIEW).id, "Een vraag."),
        {"member"} | OFFICIALS,
    ),
    "checklist": (
        lambda p, u: reviews.update_checklist(
            u, case_in_state(p, ReviewState.IN_REVIEW).id, {"assessment": True}
        ),
        {"official"},
    ),
    "view_queue": (
        lambda p, u: reviews.review_queue(u),
        {"member", "other_member", "admin", "conflicted_official"} | OFFICIALS,
    ),
    "dashboard": (lambda p, u: reviews.official_dashboard(u), {"admin", "conflicted_official"} | OFFICIALS),
    "create_user": (
        lambda p, u: accounts.create_user(
            u, "nieuw@branche.example", Role.REVIEWER, password="een lang wachtwoord"
        ),
        {"admin"},
    ),
    "block_user": (lambda p, u: accounts.set_active(u, p.organisation.id, False), {"admin"}),
    "invite_colleague": (
        lambda p, u: colleagues.invite_colleague(u, p.provider.id, "collega@kindwijs.example"),
        {"member"},
    ),
}


def acting(people: People, role: str):
    return None if role == "anonymous" else getattr(people, role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_service_allows_exactly_the_named_roles(people, action, role):
    perform, allowed = ACTIONS[action]
    if role in allowed:
        perform(people, acting(people, role))
    else:
        with pytest.raises((PermissionDenied, NotFound, Unauthenticated)):
            perform(people, acting(people, role))


# The same through the API: method, path (built from the people), body, and the roles that may call it.
API_CALLS = {
    "create_course": (
        "post",
        lambda p: "/api/v1/provider/courses",
        lambda p: {**COURSE, "provider_id": p.provider.id},
        {"member"},
    ),
    "view_own_draft": ("get", lambda p: f"/api/v1/provider/courses/{draft_id(p)}", None, {"member"}),
    "update_course": (
        "patch",
        lambda p: f"/api/v1/provider/courses/{draft_id(p)}",
        {"price": "10.00"},
        {"member"},
    ),
    "submit_course": ("post", lambda p: f"/api/v1/provider/courses/{draft_id(p)}/submit", None, {"member"}),
    "take": (
        "post",
        lambda p: f"/api/v1/reviews/{case_in_state(p, ReviewState.SUBMITTED).id}/actions",
        {"action": "take", "version": 1},
        OFFICIALS,
    ),
    "confirm": (
        "post",
        lambda p: f"/api/v1/reviews/{case_in_state(p, ReviewState.AWAITING_CONFIRMATION).id}/actions",
        {"action": "confirm", "version": 1},
        {"second_official"},
    ),
    "withdraw": (
        "post",
        lambda p: f"/api/v1/reviews/{case_in_state(p, ReviewState.SUBMITTED).id}/actions",
        {"action": "withdraw", "version": 1},
        {"member"},
    ),
    "comment": (
        "post",
        lambda p: f"/api/v1/reviews/{case_in_state(p, ReviewState.IN_REVIEW).id}/comments",
        {"comment": "Vraag"},
        {"member"} | OFFICIALS,
    ),
    "view_queue": (
        "get",
        lambda p: "/api/v1/reviews",
        None,
        {"member", "other_member", "admin", "conflicted_official"} | OFFICIALS,
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("call", sorted(API_CALLS))
def test_api_allows_exactly_the_named_roles(client, people, call, role):
    method, path, body, allowed = API_CALLS[call]
    headers = {}
    if role != "anonymous":
        _token, secret = accounts.create_api_token(acting(people, role), "matrix")
        headers = {"Authorization": f"Bearer {secret}"}
    payload = body(people) if callable(body) else body
    response = getattr(client, method)(path(people), json=payload, headers=headers)
    if role in allowed:
        assert response.status_code in {200, 201}, response.json
    else:
        expected = {401} if role == "anonymous" else {403, 404}
        assert response.status_code in expected, response.json
        assert response.mimetype == "application/problem+json"
