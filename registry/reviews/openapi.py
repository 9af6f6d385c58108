"""The review cases in the OpenAPI document, and the helpers the other workflow endpoints share
(providers' own courses and profiles: catalogue/openapi.py)."""

from __future__ import annotations

from typing import Any

from apispec import APISpec

from registry.reviews import schemas as r
from registry.reviews.models import ReviewState
from registry.reviews.workflow import user_actions

BEARER = [{"bearerAuth": []}]


def problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/problem+json": {"schema": "Problem"}}}


def json_content(schema: Any, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "401": problem("No or an invalid bearer token."),
    "403": problem("The token's user may not do this."),
    "404": problem("Not found, or not visible to this user."),
    "409": problem("Stale `version`, a concurrent change, or a step the case's state does not allow."),
    "422": problem("Invalid input; `errors` names the fields."),
    "429": problem("Too many requests; wait Retry-After seconds."),
}


def path_id(name: str) -> dict[str, Any]:
    return {"in": "path", "name": name, "required": True, "schema": {"type": "integer", "minimum": 1}}


def operation(
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


def add_bearer_auth(spec: APISpec) -> None:
    """The security scheme every workflow endpoint names."""
    spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})


def add_review_paths(spec: APISpec) -> None:
    """Document the review endpoints (all need ``Authorization: Bearer <token>``; see add_bearer_auth)."""
    # Nested schemas register themselves under their own names, so the leaves go first.
    for name, schema in (
        ("Comment", r.CommentSchema),
        ("ReviewSummary", r.ReviewSummarySchema),
        ("Case", r.CaseSchema),
        ("Action", r.ActionSchema),
        ("CommentInput", r.CommentInputSchema),
        ("Checklist", r.ChecklistSchema),
    ):
        spec.components.schema(name, schema=schema)
    review_id = path_id("review_id")
    review_list = {"type": "object", "properties": {"items": {"type": "array", "items": "ReviewSummary"}}}
    spec.path(
        path="/api/v1/reviews",
        operations={
            "get": operation(
                "Officials: the queue; providers: their own cases",
                json_content(review_list, "The cases."),
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
                    {
                        "in": "query",
                        "name": "assigned_to_me",
                        "description": "Only the cases the calling official has taken.",
                        "schema": {"type": "boolean"},
                    },
                ],
            ),
        },
    )
    spec.path(
        path="/api/v1/reviews/{review_id}",
        operations={
            "get": operation(
                "A case with criteria, comments, history and the steps open to you",
                json_content("Case", "The case."),
                params=[review_id],
            ),
        },
    )
    spec.path(
        path="/api/v1/reviews/{review_id}/actions",
        operations={
            "post": operation(
                f"Take a workflow step: {', '.join(user_actions())}",
                json_content("Case", "The case after the step."),
                body="Action",
                params=[review_id],
            ),
        },
    )
    spec.path(
        path="/api/v1/reviews/{review_id}/comments",
        operations={
            "post": operation(
                "Write in the case's thread",
                json_content("Comment", "The comment."),
                status="201",
                body="CommentInput",
                params=[review_id],
            ),
        },
    )
    spec.path(
        path="/api/v1/reviews/{review_id}/checklist",
        operations={
            "put": operation(
                "Tick criteria (the assigned official)",
                json_content("Case", "The case."),
                body="Checklist",
                params=[review_id],
            ),
        },
    )
