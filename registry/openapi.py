"""The OpenAPI 3 document of /api/v1 and the API's human documentation.

Both describe every feature's endpoints, so they sit beside the app factory (which wires every feature
too) rather than in the plumbing the features import (``registry.http``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, Response, render_template

from registry.catalogue.openapi import add_provider_paths
from registry.compliance.openapi import add_organisation_paths
from registry.exchange.openapi import add_exchange_paths
from registry.feed import arguments as a
from registry.feed import records as r
from registry.feed.changes import SYNC_OVERLAP
from registry.feed.pagination import DEFAULT_LIMIT, MAX_LIMIT
from registry.feed.queries import MAX_ID
from registry.http.caching import json_response
from registry.http.schemas import ProblemSchema
from registry.reviews.openapi import add_bearer_auth, add_review_paths
from registry.search.schemas import (
    SearchArgsSchema,
    SearchResponseSchema,
    SuggestArgsSchema,
    SuggestResponseSchema,
)
from registry.statistics.openapi import add_statistics_paths

SPEC_MAX_AGE = 3600

_HEADERS = {
    "ETag": {"description": "Validator for If-None-Match.", "schema": {"type": "string"}},
    "Last-Modified": {"description": "Validator for If-Modified-Since.", "schema": {"type": "string"}},
    "Cache-Control": {"description": "How long caches may keep the response.", "schema": {"type": "string"}},
    "RateLimit-Limit": {"description": "Requests allowed per window.", "schema": {"type": "string"}},
    "RateLimit-Remaining": {"description": "Requests left in this window.", "schema": {"type": "string"}},
    "RateLimit-Reset": {"description": "Seconds until the window resets.", "schema": {"type": "string"}},
}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/problem+json": {"schema": "Problem"}}}


def _ok(schema: Any, description: str, mimetype: str = "application/json") -> dict[str, Any]:
    content = (
        {mimetype: {"schema": schema}} if schema is not None else {mimetype: {"schema": {"type": "string"}}}
    )
    return {"description": description, "headers": _HEADERS, "content": content}


_COMMON_RESPONSES = {
    "304": {"description": "Not modified: the client's copy (If-None-Match / If-Modified-Since) is current."},
    "429": {
        "description": "Too many requests from this address; wait Retry-After seconds.",
        "headers": {"Retry-After": {"schema": {"type": "string"}}},
        "content": {"application/problem+json": {"schema": "Problem"}},
    },
}


def _listing(args: type, page: type, summary: str, description: str) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "description": description,
            "parameters": [{"in": "query", "schema": args}],
            "responses": {
                "200": _ok(page, "One page of records (and tombstones for a change feed)."),
                "422": _problem("A query parameter is invalid; `errors` names it."),
                **_COMMON_RESPONSES,
            },
        }
    }


def _record(
    schema: type, name: str, summary: str, extra_content: dict[str, Any] | None = None
) -> dict[str, Any]:
    ok = _ok(schema, f"The {name}.")
    ok["content"].update(extra_content or {})
    return {
        "get": {
            "summary": summary,
            "parameters": [
                {
                    "in": "path",
                    "name": f"{name}_id",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                }
            ],
            "responses": {"200": ok, "404": _problem(f"No public {name} has this id."), **_COMMON_RESPONSES},
        }
    }


@cache
def build_spec() -> dict[str, Any]:
    """The OpenAPI document as a dict (the same for every request, so built once)."""
    spec = APISpec(
        title="Scholingsregister Kinderopvang — open data",
        version="1.0.0",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={
            "description": "The registry's open data (no login): courses, providers, subsidy schemes, "
            f"quality marks and topics. Cursor pagination (`limit` up to {MAX_LIMIT}), "
            "`modified_since` with tombstones, "
            "ETag/Last-Modified, CORS, rate limits per client address. Human documentation: /api/docs. "
            "The workflow endpoints (tag `workflow`) need a personal API token "
            "(Authorization: Bearer <token>).",
            "license": {"name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"},
        },
    )
    spec.components.schema("Problem", schema=ProblemSchema)
    # Nested schemas register themselves under their own names, so the leaves go first.
    spec.components.schema("Topic", schema=r.TopicSchema)
    spec.components.schema("TopicEntry", schema=r.TopicEntrySchema)
    spec.components.schema("Tombstone", schema=r.TombstoneSchema)
    for name, schema in (
        ("Course", r.CourseSchema),
        ("Provider", r.ProviderSchema),
        ("Scheme", r.SchemeSchema),
        ("QualityMark", r.QualityMarkSchema),
    ):
        spec.components.schema(name, schema=schema)
    changes = "With `modified_since`, every record changed since then and tombstones for those that left."
    spec.path(
        path="/api/v1/courses",
        operations=_listing(a.CourseArgsSchema, r.CoursePageSchema, "Published courses", changes),
    )
    ld = {
        "application/ld+json": {"schema": {"type": "object", "description": "schema.org Course (JSON-LD)."}}
    }
    spec.path(
        path="/api/v1/courses/{course_id}", operations=_record(r.CourseSchema, "course", "One course", ld)
    )
    spec.path(
        path="/api/v1/providers",
        operations=_listing(a.PageArgsSchema, r.ProviderPageSchema, "Providers", changes),
    )
    spec.path(
        path="/api/v1/providers/{provider_id}",
        operations=_record(r.ProviderSchema, "provider", "One provider"),
    )
    spec.path(
        path="/api/v1/schemes",
        operations=_listing(
            a.PageArgsSchema, r.SchemePageSchema, "Subsidy schemes with their state today", changes
        ),
    )
    spec.path(path="/api/v1/schemes/{scheme_id}", operations=_record(r.SchemeSchema, "scheme", "One scheme"))
    spec.path(
        path="/api/v1/quality-marks",
        operations=_listing(
            a.MarkArgsSchema, r.QualityMarkPageSchema, "The register of quality marks", changes
        ),
    )
    spec.path(
        path="/api/v1/topics",
        operations={
            "get": {
                "summary": "The topic taxonomy",
                "responses": {"200": _ok(r.TopicListSchema, "Every topic."), **_COMMON_RESPONSES},
            }
        },
    )
    for suffix, mimetype in (("ndjson", "application/x-ndjson"), ("csv", "text/csv")):
        spec.path(
            path=f"/api/v1/dump/courses.{suffix}",
            operations={
                "get": {
                    "summary": f"Every published course ({suffix}), streamed",
                    "responses": {"200": _ok(None, "The dump.", mimetype), **_COMMON_RESPONSES},
                }
            },
        )
    spec.path(
        path="/api/v1/search",
        operations={
            "get": {
                "summary": "Full-text search with facet counts (the same parameters as /zoeken)",
                "parameters": [{"in": "query", "schema": SearchArgsSchema}],
                "responses": {
                    "200": _ok(SearchResponseSchema, "Hits, facet counts and the total."),
                    "422": _problem("A parameter is out of range; `errors` names it."),
                    "429": _COMMON_RESPONSES["429"],
                },
            }
        },
    )
    spec.path(
        path="/api/v1/search/suggest",
        operations={
            "get": {
                "summary": "Completions for the search box",
                "parameters": [{"in": "query", "schema": SuggestArgsSchema}],
                "responses": {
                    "200": _ok(SuggestResponseSchema, "Suggestions."),
                    "422": _problem("A parameter is out of range; `errors` names it."),
                    "429": _COMMON_RESPONSES["429"],
                },
            }
        },
    )
    add_bearer_auth(spec)
    add_provider_paths(spec)
    add_review_paths(spec)
    add_exchange_paths(spec)
    add_organisation_paths(spec)
    add_statistics_paths(spec)
    _add_health_paths(spec)
    return _with_operation_ids(_with_limits(spec.to_dict()))


_LIMIT_RESPONSES = {
    "413": _problem("The body is larger than the registry accepts for this kind of request."),
    "414": _problem("The query string is longer than the registry accepts."),
    "503": {
        "description": "The database cannot be reached; try again after Retry-After seconds.",
        "headers": {"Retry-After": {"schema": {"type": "string"}}},
        "content": {"application/problem+json": {"schema": "Problem"}},
    },
}


def _with_limits(document: dict[str, Any]) -> dict[str, Any]:
    """Every operation can meet the limits on every request (registry/http/limits.py) and a database that
    is down; declared once here rather than in each feature's paths."""
    problem_ref = {"$ref": "#/components/schemas/Problem"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"} or path.startswith("/health/"):
                continue
            codes = ["414", "503"] + (["413"] if method in {"post", "put", "patch"} else [])
            for code in codes:
                response = {**_LIMIT_RESPONSES[code]}
                response["content"] = {"application/problem+json": {"schema": problem_ref}}
                operation["responses"].setdefault(code, response)
    return document


def _add_health_paths(spec: APISpec) -> None:
    figures = {"application/json": {"schema": {"type": "object"}}}
    spec.path(
        path="/health/live",
        operations={
            "get": {
                "summary": "Liveness: the process answers (for a load balancer; not rate limited)",
                "tags": ["operations"],
                "responses": {"200": {"description": '`{"status": "live"}`', "content": figures}},
            }
        },
    )
    spec.path(
        path="/health/ready",
        operations={
            "get": {
                "summary": "Readiness: database reachable, search index generation present, queue depths",
                "tags": ["operations"],
                "responses": {
                    "200": {"description": "Ready, with the figures.", "content": figures},
                    "503": {
                        "description": "Not ready (database or index missing), with the figures.",
                        "headers": {"Retry-After": {"schema": {"type": "string"}}},
                        "content": figures,
                    },
                },
            }
        },
    )


def _with_operation_ids(document: dict[str, Any]) -> dict[str, Any]:
    """Give every operation without one a unique ``operationId`` made of its method and path, which
    client generators turn into function names (``get_api_v1_courses_course_id``)."""
    for path, operations in document["paths"].items():
        words = "_".join(
            part.strip("{}").replace("-", "_").replace(".", "_") for part in path.split("/") if part
        )
        for method, operation in operations.items():
            if isinstance(operation, dict) and method in {"get", "put", "post", "delete", "patch"}:
                operation.setdefault("operationId", f"{method}_{words}")
    return document


def openapi_document() -> Response:
    """The OpenAPI 3 document of this API."""
    # It changes only with the code: the ETag of its bytes is the validator, the same on every
    # worker and host; a Last-Modified of when a process started would differ between them.
    return json_response(build_spec(), last_modified=None, max_age=SPEC_MAX_AGE)


def register(api: Blueprint) -> None:
    """Serve the document at ``/api/v1/openapi.json`` on the app's API blueprint (called by the factory)."""
    api.add_url_rule("/openapi.json", view_func=openapi_document, methods=["GET"])


docs_bp = Blueprint("api_docs", __name__)


@docs_bp.get("/api/docs")
def api_docs() -> str:
    """How to use the open-data feed: endpoints, filters, syncing, caching, limits, errors."""
    return render_template(
        "api/docs.html",
        default_limit=DEFAULT_LIMIT,
        max_limit=MAX_LIMIT,
        overlap_seconds=int(SYNC_OVERLAP.total_seconds()),
    )
