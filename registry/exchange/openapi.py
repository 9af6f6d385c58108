"""The push endpoints in the OpenAPI document (upsert by the provider's own code, and the batch)."""

from __future__ import annotations

from typing import Any

from apispec import APISpec

from registry.exchange.push import MAX_BATCH
from registry.reviews.openapi import BEARER, ERRORS

_RESULT = {
    "type": "object",
    "properties": {
        "course_code": {"type": "string"},
        "action": {"type": "string", "enum": ["created", "changed", "unchanged"]},
        "opens_review": {"type": "boolean", "description": "A change to a published course went to review."},
        "course": {"allOf": [{"$ref": "#/components/schemas/OwnCourse"}], "nullable": True},
    },
}


def _json(schema: Any, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def add_exchange_paths(spec: APISpec) -> None:
    """Document ``PUT /provider/courses/by-code/{code}`` and ``POST /provider/courses/batch``."""
    course_input = {
        "allOf": [
            {"$ref": "#/components/schemas/CourseInput"},
            {"type": "object", "properties": {"provider_id": {"type": "integer", "minimum": 1}}},
        ]
    }
    code = {
        "in": "path",
        "name": "code",
        "required": True,
        "schema": {"type": "string", "minLength": 1, "maxLength": 40},
    }
    spec.path(
        path="/api/v1/provider/courses/by-code/{code}",
        operations={
            "put": {
                "summary": "Create or change one's own course by one's own code (runs left out: unchanged)",
                "description": "The same rules as the file import: a change to a published course opens "
                "a change review; runs are matched on start date and place.",
                "security": BEARER,
                "tags": ["workflow"],
                "parameters": [code],
                "requestBody": {"required": True, "content": {"application/json": {"schema": course_input}}},
                "responses": {
                    "200": _json(_RESULT, "Changed or unchanged."),
                    "201": _json(_RESULT, "Created as a draft."),
                    **ERRORS,
                },
            }
        },
    )
    item = {
        "allOf": [
            {"$ref": "#/components/schemas/CourseInput"},
            {
                "type": "object",
                "required": ["course_code"],
                "properties": {"course_code": {"type": "string", "minLength": 1, "maxLength": 40}},
            },
        ]
    }
    batch = {
        "type": "object",
        "required": ["courses"],
        "properties": {
            "provider_id": {"type": "integer", "minimum": 1},
            "courses": {"type": "array", "minItems": 1, "maxItems": MAX_BATCH, "items": item},
        },
    }
    spec.path(
        path="/api/v1/provider/courses/batch",
        operations={
            "post": {
                "summary": f"Upsert up to {MAX_BATCH} courses by code, all or nothing",
                "description": "When any course is refused nothing is saved; `errors` names each by index.",
                "security": BEARER,
                "tags": ["workflow"],
                "requestBody": {"required": True, "content": {"application/json": {"schema": batch}}},
                "responses": {
                    "200": _json(
                        {"type": "object", "properties": {"items": {"type": "array", "items": _RESULT}}},
                        "What happened to each course, in the order sent.",
                    ),
                    **ERRORS,
                },
            }
        },
    )
