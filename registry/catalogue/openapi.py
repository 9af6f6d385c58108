"""Providers' own courses and profiles in the OpenAPI document (the review cases: reviews/openapi.py)."""

from __future__ import annotations

from apispec import APISpec

from registry.catalogue.profiles import ProviderProfileSchema
from registry.catalogue.schemas import CourseInputSchema, OwnCourseSchema, RunSchema
from registry.reviews.openapi import json_content, operation, path_id


def add_provider_paths(spec: APISpec) -> None:
    """Document the provider endpoints (bearer tokens; ReviewSummary comes from add_review_paths)."""
    # Nested schemas register themselves under their own names, so the leaves go first.
    for name, schema in (
        ("Run", RunSchema),
        ("CourseInput", CourseInputSchema),
        ("OwnCourse", OwnCourseSchema),
        ("ProviderProfile", ProviderProfileSchema),
    ):
        spec.components.schema(name, schema=schema)
    course_id, provider_id = path_id("course_id"), path_id("provider_id")
    own_list = {"type": "object", "properties": {"items": {"type": "array", "items": "OwnCourse"}}}
    spec.path(
        path="/api/v1/provider/courses",
        operations={
            "get": operation(
                "Every course of the token user's providers", json_content(own_list, "The courses.")
            ),
            "post": operation(
                "Create a draft course (with runs); `provider_id` when you work for several",
                json_content("OwnCourse", "The draft."),
                status="201",
                body="CourseInput",
            ),
        },
    )
    spec.path(
        path="/api/v1/provider/courses/{course_id}",
        operations={
            "get": operation(
                "One of your courses, with its open review",
                json_content("OwnCourse", "The course."),
                params=[course_id],
            ),
            "patch": operation(
                "Change fields and runs; send `version` to be told of concurrent edits",
                json_content("OwnCourse", "The course."),
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
                "post": operation(
                    summary, json_content("ReviewSummary", "The case."), status="201", params=[course_id]
                ),
            },
        )
    spec.path(
        path="/api/v1/provider/profiles/{provider_id}",
        operations={
            "get": operation(
                "Your provider's profile",
                json_content("ProviderProfile", "The profile."),
                params=[provider_id],
            ),
            "patch": operation(
                "Change the profile",
                json_content("ProviderProfile", "The profile."),
                body="ProviderProfile",
                params=[provider_id],
            ),
        },
    )
    spec.path(
        path="/api/v1/provider/profiles/{provider_id}/submit",
        operations={
            "post": operation(
                "Ask for the registry's keurmerk (or its renewal)",
                json_content("ReviewSummary", "The case."),
                status="201",
                params=[provider_id],
            ),
        },
    )
