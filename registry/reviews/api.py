"""The review cases through the JSON API, with API tokens (providers' own courses: catalogue/api.py)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request
from flask_babel import gettext as _
from flask_login import current_user

from registry.errors import Unauthenticated, ValidationFailed
from registry.extensions import limiter
from registry.http.ratelimit import api_limit
from registry.reviews import service
from registry.reviews.criteria import criteria_of
from registry.reviews.schemas import (
    ActionSchema,
    CaseSchema,
    ChecklistSchema,
    CommentInputSchema,
    CommentSchema,
    QueueFilterSchema,
    ReviewSummarySchema,
)
from registry.reviews.workflow import apply_transition, available_actions
from registry.validation import load_or_fail

bp = Blueprint("workflow_api", __name__, url_prefix="/api/v1")
# One bucket for the whole workflow API: providers' endpoints (catalogue/api.py) count in it too.
workflow_limit = limiter.shared_limit(api_limit, scope="workflow_api")
workflow_limit(bp)


def api_user():
    """The token's user. :raise Unauthenticated: no or an invalid bearer token."""
    if not current_user.is_authenticated:
        raise Unauthenticated(_("Stuur een geldig API-token mee: Authorization: Bearer <token>."))
    return current_user._get_current_object()


def json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ValidationFailed(
            _("Stuur een JSON-object als body."), fields={"_body": [_("JSON-object verwacht")]}
        )
    return body


@bp.get("/reviews")
def list_reviews():
    """Officials: the queue (filters: state, subject_type, older_than_days, assigned_to_me); providers:
    their own cases."""
    user = api_user()
    filters = service.QueueFilter(**load_or_fail(QueueFilterSchema(), request.args))
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
