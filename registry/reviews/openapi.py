"""The workflow API in the OpenAPI document: providers' own courses and profiles, and review cases."""

from __future__ import annotations

from typing import Any

from apispec import APISpec

from registry.catalogue.profiles import ProviderProfileSchema
from registry.catalogue.schemas import CourseInputSchema, RunSchema
from registry.reviews import schemas as r
from registry.reviews.models import ReviewState

BEARER = [{"bearerAuth": []}]


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/problem+json": {"schema": "Problem"}}}


def _json(schema: Any, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "401": _problem("No or an invalid bearer token."),
    "403": _problem("The token's user may not do this."),
    "404": _problem("Not found, or not visible to this user."),
    "409": _problem("Stale `version`, a concurrent change, or a step the case's state does not allow."),
    "422": _problem("Invalid input; `errors` names the fields."),
    "429": _problem("Too many requests; wait Retry-After seconds."),
}


def _id(name: str) -> dict[str, Any]:
    return {"in": "path", "name": name, "required": True, "schema": {"type": "integer", "minimum": 1}}


def _operation(
    summary: str,
    ok: dict[str, Any],
    *,
    status: str = "200",
    body: Any = None,
    params: list | None = None,
    query: Any = None,
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "security": BEARER,
        "tags": ["workflow"],
        "parameters": [*(params or []), *([{"in": "query", "schema": query}] if query else [])],
        "responses": {status: ok, **ERRORS},
    }
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return operation


def add_workflow_paths(spec: APISpec) -> None:
    """Document every workflow endpoint (all need ``Authorization: Bearer <token>``)."""
    spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    # Nested schemas register themselves under their own names, so the leaves go first.
    for name, schema in (
        ("Run", RunSchema),
        ("Comment", r.CommentSchema),
        ("CourseInput", CourseInputSchema),
        ("OwnCourse", r.OwnCourseSchema),
        ("ReviewSummary", r.ReviewSummarySchema),
        ("Case", r.CaseSchema),
        ("Action", r.ActionSchema),
        ("CommentInput", r.CommentInputSchema),
        ("Checklist", r.ChecklistSchema),
        ("ProviderProfile", ProviderProfileSchema),
    ):
        spec.components.schema(name, schema=schema)
    course_id, review_id, provider_id = _id("course_id"), _id("review_id"), _id("provider_id")
    own_list = {"type": "object", "properties": {"items": {"type": "array", "items": "OwnCourse"}}}
    review_list = {"type": "object", "properties": {"items": {"type": "array", "items": "ReviewSummary"}}}
    spec.path(
        path="/api/v1/provider/courses",
        operations={
            "get": _operation("Every course of the token user's providers", _json(own_list, "The courses.")),
            "post": _operation(
                "Create a draft course (with runs); `provider_id` when you work for several",
                _json("OwnCourse", "The draft."),
                status="201",
                body="CourseInput",
            ),
        },
    )
    spec.path(
        path="/api/v1/provider/courses/{course_id}",
        operations={
            "get": _operation(
                "One of your courses, with its open review",
                _json("OwnCourse", "The course."),
                params=[course_id],
            ),
            "patch": _operation(
                "Change fields and runs; send `version` to be told of concurrent edits",
                _json("OwnCourse", "The course."),
                body="CourseInput",
                params=[course_id],
            ),
        },
    )
    for action, summary in (
        ("submit", "Submit the course (or its pending changes) for review"),
        ("renew", "Start the renewal of an approved course"),
    ):
        spec.path(
            path=f"/api/v1/provider/courses/{{course_id}}/{action}",
            operations={
                "post": _operation(
                    summary, _json("ReviewSummary", "The case."), status="201", params=[course_id]
                ),
            },
        )
    spec.path(
        path="/api/v1/provider/profiles/{provider_id}",
        operations={
            "get": _operation(
                "Your provider's profile", _json("ProviderProfile", "The profile."), params=[provider_id]
            ),
            "patch": _operation(
                "Change the profile",
                _json("ProviderProfile", "The profile."),
                body="ProviderProfile",
                params=[provider_id],
            ),
        },
    )
    spec.path(
        path="/api/v1/provider/profiles/{provider_id}/submit",
        operations={
            "post": _operation(
                "Ask for the registry's keurmerk (or its renewal)",
                _json("ReviewSummary", "The case."),
                status="201",
                params=[provider_id],
            ),
        },
    )
    spec.path(
        path="/api/v1/reviews",
        operations={
            "get": _operation(
                "Officials: the queue; providers: their own cases",
                _json(review_list, "The cases."),
                params=[
                    {
                        "in": "query",
                        "name": "state",
                        "schema": {"type": "string", "enum": [state.value for state in ReviewState]},
                    },
                    {
                        "in": "query",
                        "name": "subject_type",
                        "schema": {"type": "string", "enum": ["course", "provider"]},
                    },
                    {
                        "in": "query",
                        "name": "older_than_days",
                        "schema": {"type": "integer", "minimum": 0, "maximum": 36500},
                    },
                ],
            ),
        },
    )
    spec.path(
        path="/api/v1/reviews/{review_id}",
        operations={
            "get": _operation(
                "A case with criteria, comments, history and the steps open to you",
                _json("Case", "The case."),
                params=[review_id],
            ),
        },
    )
    spec.path(
        path="/api/v1/reviews/{review_id}/actions",
        operations={
            "post": _operation(
                "Take a workflow step: submit, take, request_changes, recommend_approve, "
                "recommend_reject, confirm, send_back, suspend, reinstate, revoke, withdraw",
                _json("Case", "The case after the step."),
                body="Action",
                params=[review_id],
            ),
        },
    )
    spec.path(
        path="/api/v1/reviews/{review_id}/comments",
        operations={
            "post": _operation(
                "Write in the case's thread",
                _json("Comment", "The comment."),
                status="201",
                body="CommentInput",
                params=[review_id],
            ),
        },
    )
    spec.path(
        path="/api/v1/reviews/{review_id}/checklist",
        operations={
            "put": _operation(
                "Tick criteria (the assigned official)",
                _json("Case", "The case."),
                body="Checklist",
                params=[review_id],
            ),
        },
    )
