"""The workflow through the JSON API: providers' own courses and the review cases, with API tokens."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request
from flask_babel import gettext as _
from flask_login import current_user

from registry.catalogue import drafts, profiles
from registry.catalogue.profiles import ProviderProfileSchema
from registry.catalogue.schemas import load_or_fail
from registry.errors import PermissionDenied, Unauthenticated, ValidationFailed
from registry.extensions import limiter
from registry.http.ratelimit import api_limit
from registry.reviews import service
from registry.reviews.criteria import criteria_of
from registry.reviews.models import ReviewState, SubjectType
from registry.reviews.schemas import (
    ActionSchema,
    CaseSchema,
    ChecklistSchema,
    CommentInputSchema,
    CommentSchema,
    EditMetaSchema,
    OwnCourseSchema,
    ReviewSummarySchema,
)
from registry.reviews.workflow import apply_transition, available_actions

bp = Blueprint("workflow_api", __name__, url_prefix="/api/v1")
limiter.limit(api_limit)(bp)


def api_user():
    """The token's user. :raise Unauthenticated: no or an invalid bearer token."""
    if not current_user.is_authenticated:
        raise Unauthenticated(_("Stuur een geldig API-token mee: Authorization: Bearer <token>."))
    return current_user._get_current_object()


def json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ValidationFailed(
            _("Stuur een JSON-object als body."), fields={"_body": ["JSON-object verwacht"]}
        )
    return body


def _own_course_response(course, review, status: int = 200):
    return OwnCourseSchema().dump(drafts.course_for_owner(course, review)), status


@bp.get("/provider/courses")
def list_own_courses():
    """Every course of the providers the token's user works for."""
    user = api_user()
    courses = [c for provider in user.providers for c in drafts.own_courses(user, provider.id)]
    reviews = drafts.open_reviews(courses)
    return {"items": [OwnCourseSchema().dump(drafts.course_for_owner(c, reviews.get(c.id))) for c in courses]}


@bp.post("/provider/courses")
def create_own_course():
    """Create a draft course. ``provider_id`` may be left out by members of exactly one provider."""
    user, body = api_user(), json_body()
    provider_id = load_or_fail(EditMetaSchema(), body)["provider_id"] or _only_provider(user)
    course = drafts.create_course(user, provider_id, body)
    return _own_course_response(course, None, 201)


@bp.get("/provider/courses/<int:course_id>")
def get_own_course(course_id: int):
    course, review = drafts.own_course(api_user(), course_id)
    return _own_course_response(course, review)


@bp.patch("/provider/courses/<int:course_id>")
def patch_own_course(course_id: int):
    """Change fields (and runs); send ``version`` to be told of concurrent edits (409)."""
    user, body = api_user(), json_body()
    version = load_or_fail(EditMetaSchema(), body)["version"]
    course = drafts.update_course(user, course_id, body, version=version)
    return _own_course_response(course, drafts.open_review(course))


@bp.post("/provider/courses/<int:course_id>/submit")
def submit_own_course(course_id: int):
    review = drafts.submit_course(api_user(), course_id)
    return ReviewSummarySchema().dump(review), 201


@bp.post("/provider/courses/<int:course_id>/renew")
def renew_own_course(course_id: int):
    review = drafts.start_renewal(api_user(), course_id)
    return ReviewSummarySchema().dump(review), 201


@bp.get("/provider/profiles/<int:provider_id>")
def get_profile(provider_id: int):
    return ProviderProfileSchema().dump(profiles.own_profile(api_user(), provider_id))


@bp.patch("/provider/profiles/<int:provider_id>")
def patch_profile(provider_id: int):
    return ProviderProfileSchema().dump(profiles.update_profile(api_user(), provider_id, json_body()))


@bp.post("/provider/profiles/<int:provider_id>/submit")
def submit_profile(provider_id: int):
    """Request the registry's keurmerk for the provider (or its renewal)."""
    return ReviewSummarySchema().dump(profiles.request_keurmerk(api_user(), provider_id)), 201


@bp.get("/reviews")
def list_reviews():
    """Officials: the queue (filters: state, subject_type, older_than_days); providers: their own cases."""
    user = api_user()
    filters = service.QueueFilter(
        state=_enum_arg("state", ReviewState),
        subject_type=_enum_arg("subject_type", SubjectType),
        older_than_days=_bounded_days(request.args.get("older_than_days")),
    )
    return {"items": ReviewSummarySchema(many=True).dump(service.review_queue(user, filters))}


@bp.get("/reviews/<int:review_id>")
def get_review(review_id: int):
    user = api_user()
    review, history = service.review_detail(user, review_id)
    return CaseSchema().dump(_case(user, review, history))


@bp.post("/reviews/<int:review_id>/actions")
def act_on_review(review_id: int):
    """Take a workflow step: {"action": ..., "comment": ..., "version": ...}."""
    user = api_user()
    step = load_or_fail(ActionSchema(), json_body())
    apply_transition(user, review_id, step["action"], comment=step["comment"], version=step["version"])
    review, history = service.review_detail(user, review_id)
    return CaseSchema().dump(_case(user, review, history))


@bp.post("/reviews/<int:review_id>/comments")
def comment_on_review(review_id: int):
    data = load_or_fail(CommentInputSchema(), json_body())
    return CommentSchema().dump(service.add_comment(api_user(), review_id, data["comment"])), 201


@bp.put("/reviews/<int:review_id>/checklist")
def put_checklist(review_id: int):
    user = api_user()
    data = load_or_fail(ChecklistSchema(), json_body())
    service.update_checklist(user, review_id, data["checklist"], version=data["version"])
    review, history = service.review_detail(user, review_id)
    return CaseSchema().dump(_case(user, review, history))


def _case(user, review, history) -> dict[str, Any]:
    return {
        "review": review,
        "criteria": {code: str(text) for code, text in criteria_of(review).items()},
        "history": history,
        "available_actions": [t.action for t in available_actions(user, review)],
    }


def _bounded_days(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or int(value) > 36_500:
        raise ValidationFailed(
            _("Geef een aantal dagen van 0 tot 36500."), fields={"older_than_days": [value]}
        )
    return int(value)


def _only_provider(user) -> int:
    if len(user.providers) != 1:
        raise PermissionDenied(_("Geef provider_id mee: u werkt voor meer dan één (of geen) aanbieder."))
    return user.providers[0].id


def _enum_arg(name: str, enum_cls):
    value = request.args.get(name)
    if value is None:
        return None
    try:
        return enum_cls(value)
    except ValueError as error:
        raise ValidationFailed(
            _("Onbekende waarde voor %(name)s.", name=name), fields={name: [value]}
        ) from error
