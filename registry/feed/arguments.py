"""The feed's query parameters: paging, incremental sync and the listings' filters, loaded and checked."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, ValidationError, fields, validate, validates_schema

from registry.catalogue.enums import DeliveryMode, Province
from registry.feed.pagination import CURSOR_PATTERN, DEFAULT_LIMIT, MAX_LIMIT
from registry.feed.queries import MAX_ID, NO_MARK, CourseFilters, MarkFilters
from registry.feed.records import MARK_STATES
from registry.reviews.models import MarkStatus, SubjectType
from registry.schema import Schema

INVALID_CURSOR = "Deze cursor is ongeldig; gebruik de 'next'-link uit het vorige antwoord."


class PageArgsSchema(Schema):
    """Paging and incremental sync, shared by every listing."""

    class Meta:
        unknown = EXCLUDE

    limit = fields.Integer(
        load_default=DEFAULT_LIMIT,
        validate=validate.Range(min=1, max=MAX_LIMIT),
        metadata={"description": f"Records per page (1–{MAX_LIMIT}, default {DEFAULT_LIMIT})."},
    )
    cursor = fields.String(
        load_default=None,
        # URL-safe base64 without padding, as encode_cursor writes it; the pattern is in the OpenAPI document.
        validate=[
            validate.Length(max=500),
            validate.Regexp(
                CURSOR_PATTERN,
                error=_l("Deze cursor is ongeldig; gebruik de 'next'-link uit het vorige antwoord."),
            ),
        ],
        metadata={"description": "Opaque token from the `next` link of the previous page."},
    )
    modified_since = fields.AwareDateTime(
        load_default=None,
        default_timezone=None,
        metadata={
            "description": "Only records changed after this instant (ISO 8601 with a time zone), "
            "with tombstones for those that left the feed."
        },
    )


class CourseArgsSchema(PageArgsSchema):
    """Filters of the course listing."""

    topic = fields.String(validate=validate.Length(max=80), metadata={"description": "Topic slug."})
    role = fields.String(validate=validate.Length(max=80), metadata={"description": "Target role slug."})
    province = fields.Enum(Province, by_value=True, metadata={"description": "Has a run in this province."})
    delivery_mode = fields.Enum(DeliveryMode, by_value=True)
    scheme = fields.String(validate=validate.Length(max=40), metadata={"description": "Scheme code."})
    accreditation = fields.String(
        validate=validate.OneOf([*MARK_STATES, NO_MARK]),
        metadata={"description": "State of the course's accreditation today."},
    )
    provider = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID), metadata={"description": "Provider id."}
    )
    starts_after = fields.Date(metadata={"description": "Has a run starting on or after this day."})
    starts_before = fields.Date(metadata={"description": "Has a run starting on or before this day."})
    q = fields.String(
        load_default="",
        validate=validate.Length(max=200),
        metadata={"description": "Words that must all occur in the title or summary."},
    )

    @validates_schema
    def _dates_in_order(self, data: dict[str, Any], **_kwargs: Any) -> None:
        after, before = data.get("starts_after"), data.get("starts_before")
        if after and before and after > before:
            raise ValidationError(_("starts_after ligt na starts_before."), field_name="starts_before")


class MarkArgsSchema(PageArgsSchema):
    """Filters of the quality-mark register."""

    subject_type = fields.Enum(SubjectType, by_value=True)
    # The register only holds marks in force; revoked and expired ones are tombstones.
    state = fields.String(validate=validate.OneOf([MarkStatus.VALID.value, MarkStatus.SUSPENDED.value]))


def course_filters(args: dict[str, Any]) -> CourseFilters:
    """The service's filter object from loaded query parameters."""
    names = CourseFilters.__dataclass_fields__.keys()
    return CourseFilters(**{name: args[name] for name in names if name in args})


def mark_filters(args: dict[str, Any]) -> MarkFilters:
    """The service's filter object from loaded query parameters."""
    state = args.get("state")
    return MarkFilters(subject_type=args.get("subject_type"), state=MarkStatus(state) if state else None)
