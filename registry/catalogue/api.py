"""A provider's own offer through the JSON API: its courses (drafts, edits, submission, renewal) and its
profile, with API tokens. The review cases themselves are in reviews/api.py."""

from __future__ import annotations

from flask import Blueprint

from registry.catalogue import drafts, profiles
from registry.catalogue.profiles import ProviderProfileSchema
from registry.catalogue.schemas import EditMetaSchema, OwnCourseSchema
from registry.errors import PermissionDenied
from registry.reviews.api import api_user, json_body, workflow_limit
from registry.reviews.schemas import ReviewSummarySchema
from registry.validation import load_or_fail

bp = Blueprint("provider_api", __name__, url_prefix="/api/v1")
workflow_limit(bp)


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


def _only_provider(user) -> int:
    if len(user.providers) != 1:
        raise PermissionDenied("Geef provider_id mee: u werkt voor meer dan één (of geen) aanbieder.")
    return user.providers[0].id
