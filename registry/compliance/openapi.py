"""The organisation API in the OpenAPI document."""

from __future__ import annotations

from typing import Any

from apispec import APISpec

from registry.compliance import schemas as s
from registry.reviews.openapi import BEARER, ERRORS, json_content, path_id

_READ_ERRORS = {code: ERRORS[code] for code in ("401", "403", "404", "429")}
_JSON_BODY = {"content": {"application/json": {"schema": {"type": "object"}}}}
_DATUM = {
    "in": "query",
    "name": "datum",
    "schema": {"type": "string", "format": "date"},
    "description": "YYYY-MM-DD; default today. Rules dated later apply from their date.",
}


def _list_of(schema: Any, description: str) -> dict[str, Any]:
    return json_content(
        {"type": "object", "properties": {"items": {"type": "array", "items": schema}}}, description
    )


def _operation(summary: str, responses: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "summary": summary,
        "tags": ["Organisation"],
        "security": BEARER,
        "responses": {**responses, **_READ_ERRORS},
        **extra,
    }


def add_organisation_paths(spec: APISpec) -> None:
    """Locations, staff, certificates and the planner of the token user's organisation."""
    invalid = {"422": ERRORS["422"]}
    staff_id = [path_id("staff_id")]
    spec.path(
        path="/api/v1/organisation/locations",
        operations={
            "get": _operation(
                "The organisation's LRK locations", {"200": _list_of(s.LocationOutSchema, "Locations.")}
            ),
            "post": _operation(
                "Register a location (LRK number, care type, VVE, place, province)",
                {"201": json_content(s.LocationOutSchema, "The new location."), **invalid},
                requestBody=_JSON_BODY,
            ),
        },
    )
    spec.path(
        path="/api/v1/organisation/staff",
        operations={
            "get": _operation(
                "Current staff with diplomas and certificates (every call is audited)",
                {"200": _list_of(s.StaffOutSchema, "Staff.")},
            )
        },
    )
    spec.path(
        path="/api/v1/organisation/staff/{staff_id}",
        operations={
            "get": _operation(
                "One person's record",
                {"200": json_content(s.StaffOutSchema, "The person.")},
                parameters=staff_id,
            )
        },
    )
    spec.path(
        path="/api/v1/organisation/staff/{staff_id}/certificates",
        operations={
            "post": _operation(
                "Record a certificate (kinder-ehbo, taal-3f, babyscholing, vve)",
                {"201": json_content(s.CertificateOutSchema, "The certificate."), **invalid},
                parameters=staff_id,
                requestBody=_JSON_BODY,
            )
        },
    )
    spec.path(
        path="/api/v1/organisation/planner",
        operations={
            "get": _operation(
                "Every verdict per location and person on a day, each with its rule and legal source",
                {"200": json_content(s.PlannerOutSchema, "The verdicts."), **invalid},
                parameters=[_DATUM],
            )
        },
    )
