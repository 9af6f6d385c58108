"""The feed's records as marshmallow schemas: what a listing, a record and a change feed give.

The OpenAPI document is built from these. States that follow the calendar (a mark's, a scheme's) are
dumped for the day in the dump context (see :mod:`registry.dump_context`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import url_for
from marshmallow import fields

from registry.catalogue.enums import DeliveryMode, Level, Province, RecognitionKind
from registry.catalogue.models import Course, Provider
from registry.catalogue.service import mark_summary
from registry.dump_context import context_day, shared_memo
from registry.feed.queries import NO_MARK
from registry.reviews.models import MarkStatus, QualityMark, SubjectType
from registry.schema import Schema
from registry.schemes.models import AmountBasis, Applicant, SchemeState, SubsidyScheme
from registry.validation import WebAddress

MARK_STATES = [status.value for status in MarkStatus]


class Derived(fields.Nested):
    """A nested object computed from the record (documented in OpenAPI like any nested schema)."""

    def __init__(self, compute: Callable[[Any], Any], nested: type[Schema], **kwargs: Any) -> None:
        super().__init__(nested, **kwargs)
        self.compute = compute

    def get_value(self, obj: Any, attr: str, accessor: Any = None, default: Any = None) -> Any:
        return self.compute(obj)


class Shared(fields.Nested):
    """A nested object many records point at (a topic, a provider): dumped once per dump, then reused.

    A full dump repeats the same few hundred topics, roles, schemes and providers a hundred thousand
    times; dumping each once saves a good part of the dump's time. The memo lives in the dump's Context.
    """

    def _serialize(self, nested_obj: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        if nested_obj is None:
            return None
        memo = shared_memo()
        if memo is None:
            return super()._serialize(nested_obj, attr, obj, **kwargs)
        # Target roles and age groups share TermSchema and overlap in ids: the object's type tells them apart.
        key = (type(self.schema), type(nested_obj), nested_obj.id)
        if key not in memo:
            memo[key] = super()._serialize(nested_obj, attr, obj, **kwargs)
        return memo[key]


class MarkSummarySchema(Schema):
    """A mark as a badge shows it: its state today and until when it holds."""

    state = fields.String(required=True, metadata={"enum": [*MARK_STATES, NO_MARK]})
    valid_until = fields.Date(allow_none=True, required=True)


def mark_summary_record(marks: list[QualityMark]) -> dict[str, Any]:
    """A mark summary as :class:`MarkSummarySchema` gives it, for the day being dumped."""
    summary = mark_summary(marks, context_day())
    return {"state": summary.status.value if summary.status else NO_MARK, "valid_until": summary.valid_until}


_UNCHECKED = "The day someone compared the entry with its source; empty when nobody has yet."


class TopicSchema(Schema):
    id = fields.Integer(required=True)
    slug = fields.String(required=True)
    name = fields.String(required=True)
    parent_id = fields.Integer(allow_none=True, required=True)


class TopicEntrySchema(TopicSchema):
    """A topic of the taxonomy with where it comes from (the topics list; course records stay small)."""

    source_url = WebAddress(required=True, metadata={"description": "Empty for the registry's own terms."})
    source_checked_on = fields.Date(allow_none=True, required=True, metadata={"description": _UNCHECKED})
    retired_on = fields.Date(allow_none=True, required=True, metadata={"description": "No longer offered."})


class TermSchema(Schema):
    """A term of a fixed vocabulary (target role, age group)."""

    slug = fields.String(required=True)
    name = fields.String(required=True)


class LegalRequirementSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    source_url = WebAddress(required=True)
    source_checked_on = fields.Date(allow_none=True, required=True, metadata={"description": _UNCHECKED})


class SchemeRefSchema(Schema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)


class ProviderRefSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    quality_mark = Derived(
        lambda provider: mark_summary_record(provider.quality_marks),
        MarkSummarySchema,
        required=True,
        metadata={"description": "The provider's keurmerk today."},
    )


class OfferingSchema(Schema):
    """A run of a course (an OOAPI offering)."""

    id = fields.Integer(required=True)
    start_date = fields.Date(attribute="starts_on", required=True)
    end_date = fields.Date(attribute="ends_on", required=True)
    online = fields.Boolean(attribute="is_online", required=True)
    city = fields.String(required=True)
    province = fields.Enum(Province, by_value=True, allow_none=True, required=True)
    seats = fields.Integer(allow_none=True, required=True)
    enrolment_deadline = fields.Date(allow_none=True, required=True)


class StudyLoadSchema(Schema):
    value = fields.Integer(attribute="study_load_hours", required=True)
    unit = fields.Constant("hour", required=True, metadata={"type": "string", "enum": ["hour"]})


class PriceSchema(Schema):
    amount = fields.Float(attribute="price", required=True)
    currency = fields.Constant("EUR", required=True, metadata={"type": "string", "enum": ["EUR"]})


class CourseSchema(Schema):
    """A published course as the feed and the dump give it."""

    id = fields.Integer(required=True, metadata={"description": "Stable public id; never reused."})
    name = fields.String(attribute="title", required=True)
    abstract = fields.String(attribute="summary", required=True)
    description = fields.String(
        attribute="description_html", required=True, metadata={"description": "HTML."}
    )
    primary_code = fields.String(attribute="course_code", required=True)
    url = fields.Function(
        lambda course: url_for("catalogue.course_detail", course_id=course.id, _external=True),
        required=True,
        metadata={"type": "string", "format": "uri"},
    )
    provider = Shared(ProviderRefSchema, required=True)
    level = fields.Enum(Level, by_value=True, required=True)
    mode_of_delivery = fields.Enum(DeliveryMode, by_value=True, attribute="delivery_mode", required=True)
    study_load = Derived(lambda course: course, StudyLoadSchema, required=True)
    price = Derived(lambda course: course, PriceSchema, required=True)
    teaching_language = fields.String(attribute="language", required=True)
    certificate_type = fields.String(required=True)
    programme = fields.String(attribute="programme_name", required=True)
    cross_over_sectors = fields.List(fields.String(), required=True)
    topics = fields.List(Shared(TopicSchema), required=True)
    target_roles = fields.List(Shared(TermSchema), required=True)
    age_groups = fields.List(Shared(TermSchema), required=True)
    legal_requirement = Shared(LegalRequirementSchema, allow_none=True, required=True)
    schemes = fields.List(Shared(SchemeRefSchema), required=True)
    accreditation = Derived(
        lambda course: mark_summary_record(course.quality_marks),
        MarkSummarySchema,
        required=True,
        metadata={"description": "The course's accreditation today."},
    )
    offerings = fields.List(fields.Nested(OfferingSchema), attribute="runs", required=True)
    published_on = fields.Date(attribute="published_at", allow_none=True, required=True)
    modified_at = fields.AwareDateTime(attribute="changed_at", required=True)


class RecognitionSchema(Schema):
    kind = fields.Enum(RecognitionKind, by_value=True, required=True)
    number = fields.String(required=True)
    valid_until = fields.Date(allow_none=True, required=True)


class ProviderSchema(Schema):
    """An active training provider."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    slug = fields.String(required=True)
    kvk_number = fields.String(required=True)
    email = fields.String(required=True)
    phone = fields.String(required=True)
    website = WebAddress(required=True)
    city = fields.String(required=True)
    province = fields.Enum(Province, by_value=True, required=True)
    description = fields.String(required=True)
    url = fields.Function(
        lambda provider: url_for("catalogue.provider_detail", slug=provider.slug, _external=True),
        required=True,
        metadata={"type": "string", "format": "uri"},
    )
    recognitions = fields.List(fields.Nested(RecognitionSchema), required=True)
    quality_mark = Derived(
        lambda provider: mark_summary_record(provider.quality_marks), MarkSummarySchema, required=True
    )
    modified_at = fields.AwareDateTime(attribute="updated_at", required=True)


class WindowSchema(Schema):
    opens_on = fields.Date(required=True)
    closes_on = fields.Date(allow_none=True, required=True)
    lottery = fields.Boolean(
        required=True, metadata={"description": "Oversubscription is settled by lottery."}
    )


def _scheme_status(scheme: SubsidyScheme) -> dict[str, Any]:
    status = scheme.status_on(context_day())
    return {"state": status.state, "closes_on": status.closes_on, "next_opens_on": status.next_opens_on}


class SchemeStatusSchema(Schema):
    state = fields.Enum(SchemeState, by_value=True, required=True)
    closes_on = fields.Date(allow_none=True, required=True)
    next_opens_on = fields.Date(allow_none=True, required=True)


class SchemeSchema(Schema):
    """A subsidy scheme or fund, with its state today."""

    id = fields.Integer(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    funder = fields.String(required=True)
    applicant = fields.Enum(Applicant, by_value=True, required=True)
    summary = fields.String(required=True)
    covers = fields.String(required=True)
    excludes = fields.String(required=True)
    conditions = fields.String(required=True)
    max_amount = fields.Float(allow_none=True, required=True)
    max_amount_per = fields.Enum(
        AmountBasis,
        by_value=True,
        allow_none=True,
        required=True,
        metadata={"description": "Per person or application."},
    )
    min_costs = fields.Float(
        allow_none=True, required=True, metadata={"description": "Least eligible costs."}
    )
    cofinancing_percent = fields.Integer(allow_none=True, required=True)
    active_from = fields.Date(allow_none=True, required=True)
    active_until = fields.Date(allow_none=True, required=True)
    windows = fields.List(fields.Nested(WindowSchema), required=True)
    status = Derived(
        _scheme_status, SchemeStatusSchema, required=True, metadata={"description": "The state today."}
    )
    source_url = WebAddress(required=True)
    last_checked_on = fields.Date(allow_none=True, required=True, metadata={"description": _UNCHECKED})
    modified_at = fields.AwareDateTime(attribute="updated_at", required=True)


class MarkSubjectSchema(Schema):
    """What a mark is about: a course (accreditation) or a provider (keurmerk)."""

    type = fields.Enum(SubjectType, by_value=True, required=True)
    id = fields.Integer(required=True)
    name = fields.String(required=True)


def _mark_subject(mark: QualityMark) -> dict[str, Any]:
    # The check constraint on quality_mark guarantees the subject its type names.
    if mark.subject_type is SubjectType.COURSE:
        course: Course = mark.course  # type: ignore[assignment]
        return {"type": mark.subject_type, "id": course.id, "name": course.title}
    provider: Provider = mark.provider  # type: ignore[assignment]
    return {"type": mark.subject_type, "id": provider.id, "name": provider.name}


class QualityMarkSchema(Schema):
    """A mark in the public register: what it is about, its state today and its dates."""

    id = fields.Integer(required=True)
    subject = Derived(_mark_subject, MarkSubjectSchema, required=True)
    state = fields.Function(
        lambda mark: mark.status_on(context_day()).value,
        required=True,
        metadata={"type": "string", "enum": MARK_STATES},
    )
    awarded_on = fields.Date(required=True)
    valid_until = fields.Date(required=True)
    modified_at = fields.AwareDateTime(attribute="updated_at", required=True)


class TombstoneSchema(Schema):
    """A record that left the feed."""

    id = fields.Integer(required=True)
    state = fields.String(
        required=True,
        metadata={"enum": ["withdrawn", "unpublished", "suspended", "revoked", "expired", "deleted"]},
    )
    when = fields.AwareDateTime(required=True)


def page_schema(record: type[Schema], name: str) -> type[Schema]:
    """The envelope of a listing of ``record``: items, tombstones (change feeds), next link, sync point."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(record), required=True),
            "tombstones": fields.List(fields.Nested(TombstoneSchema), required=True),
            "next": fields.String(
                allow_none=True, required=True, metadata={"description": "Next page, or null."}
            ),
            "synced_until": fields.AwareDateTime(
                allow_none=True,
                required=True,
                metadata={"description": "Pass as modified_since on the next sync (change feeds only)."},
            ),
        },
        name=name,
    )


CoursePageSchema = page_schema(CourseSchema, "CoursePage")
ProviderPageSchema = page_schema(ProviderSchema, "ProviderPage")
SchemePageSchema = page_schema(SchemeSchema, "SchemePage")
QualityMarkPageSchema = page_schema(QualityMarkSchema, "QualityMarkPage")


class TopicListSchema(Schema):
    items = fields.List(fields.Nested(TopicEntrySchema), required=True)
