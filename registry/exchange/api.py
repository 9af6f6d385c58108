"""Push endpoints for providers' own systems: upsert one course by its code, or a batch (bearer tokens)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from registry.catalogue import drafts
from registry.catalogue.api import _only_provider
from registry.catalogue.schemas import EditMetaSchema, OwnCourseSchema
from registry.exchange import push
from registry.http.limits import bulk_upload
from registry.reviews.api import api_user, json_body, workflow_limit
from registry.validation import load_or_fail

bp = Blueprint("exchange_api", __name__, url_prefix="/api/v1")
workflow_limit(bp)


def _provider_id(user, body: dict[str, Any]) -> int:
    provider_id = load_or_fail(EditMetaSchema(), {"provider_id": body.get("provider_id")})["provider_id"]
    if provider_id is not None:
        return provider_id
    return _only_provider(user)


def _result(pushed: push.Pushed) -> dict[str, Any]:
    course = pushed.course
    return {
        "course_code": pushed.plan.code,
        "action": pushed.plan.action,
        "opens_review": pushed.plan.opens_review,
        "course": OwnCourseSchema().dump(drafts.course_for_owner(course, pushed.review))
        if course is not None
        else None,
    }


@bp.put("/provider/courses/by-code/<path:code>")
def upsert_course(code: str):
    """Create or change the course with this own code (runs left out: runs unchanged)."""
    user, body = api_user(), json_body()
    pushed = push.upsert_by_code(user, _provider_id(user, body), code, body)
    return _result(pushed), 201 if pushed.plan.action == "created" else 200


@bp.post("/provider/courses/batch")
@bulk_upload
def upsert_batch():
    """Upsert up to 1000 courses by code, all or nothing: {"provider_id": ..., "courses": [...]}."""
    user, body = api_user(), json_body()
    pushed = push.upsert_batch(user, _provider_id(user, body), body.get("courses"))
    return {"items": [_result(item) for item in pushed]}
