"""The feed's boundary: query parameters loaded, records dumped. The OpenAPI document is built from these.

States that follow the calendar (a mark's, a scheme's) are dumped for the day in the marshmallow
:class:`~marshmallow.experimental.context.Context` (``{"day": date}``), see :func:`dump_with_day`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema
from marshmallow.experimental.context import Context

from registry.catalogue.enums import DeliveryMode, Level, Province, RecognitionKind
from registry.catalogue.models import Course, Provider
from registry.catalogue.service import mark_summary
from registry.feed.pagination import DEFAULT_LIMIT, MAX_LIMIT
from registry.feed.service import MAX_ID, NO_MARK, CourseFilters, MarkFilters
from registry.reviews.models import MarkStatus, QualityMark, SubjectType
from registry.schemes.models import AmountBasis, Applicant, SchemeState, SubsidyScheme

MARK_STATES = [status.value for status in MarkStatus]


def context_day() -> date:
    """The day that calendar states are computed for (set by dump_with_day)."""
    return Context[dict[str, Any]].get()["day"]


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
        memo = Context[dict[str, Any]].get().get("shared")
        if memo is None:
            return super()._serialize(nested_obj, attr, obj, **kwargs)
        # Target roles and age groups share TermSchema and overlap in ids: the object's type tells them apart.
        key = (type(self.schema), type(nested_obj), nested_obj.id)
        if key not in memo:
            memo[key] = super()._serialize(nested_obj, attr, obj, **kwargs)
        return memo[key]


def dump_with_day(schema: Schema, obj: Any, day: date) -> Any:
    """Dump ``obj`` with states computed for ``day``."""
    with Context({"day": day, "shared": {}}):
        return schema.dump(obj)


# -- query parameters ---------------------------------------------------------------------------------


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
        validate=validate.Length(max=500),
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


# -- records ------------------------------------------------------------------------------------------


class MarkSummarySchema(Schema):
    """A mark as a badge shows it: its state today and until when it holds."""

    state = fields.String(required=True, metadata={"enum": [*MARK_STATES, NO_MARK]})
    valid_until = fields.Date(allow_none=True, required=True)


def _summary(marks: list[QualityMark]) -> dict[str, Any]:
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

    source_url = fields.String(required=True, metadata={"description": "Empty for the registry's own terms."})
    source_checked_on = fields.Date(allow_none=True, required=True, metadata={"description": _UNCHECKED})
    retired_on = fields.Date(allow_none=True, required=True, metadata={"description": "No longer offered."})


class TermSchema(Schema):
    """A term of a fixed vocabulary (target role, age group)."""

    slug = fields.String(required=True)
    name = fields.String(required=True)


class LegalRequirementSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    source_url = fields.String(required=True)
    source_checked_on = fields.Date(allow_none=True, required=True, metadata={"description": _UNCHECKED})


class SchemeRefSchema(Schema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)


class ProviderRefSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    quality_mark = Derived(
        lambda provider: _summary(provider.quality_marks),
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
        lambda course: _summary(course.quality_marks),
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
    website = fields.String(required=True)
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
        lambda provider: _summary(provider.quality_marks), MarkSummarySchema, required=True
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
    source_url = fields.String(required=True)
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


def dump_records(schema: Schema, records: Iterable[Any], day: date) -> Iterable[Any]:
    """Dump records one at a time (for streaming) with states for ``day``."""
    with Context({"day": day, "shared": {}}):
        for record in records:
            yield schema.dump(record)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def course_records(courses: Iterable[Any], day: date) -> Iterator[dict[str, Any]]:
    """:class:`CourseSchema` records of ``courses`` with states for ``day``, made without marshmallow.

    The full dump serialises every course; walking the schema field by field cost more than reading the
    rows. The shape stays :class:`CourseSchema`'s (it also documents the dump): each key below is one of
    its fields, in its order, converted as its field converts, and tests compare the two on a catalogue
    that exercises every field.
    """
    shared: dict[tuple[str, int], Any] = {}  # providers and terms recur; each is made once per dump

    def once(kind: str, item: Any, make: Callable[[Any], Any]) -> Any:
        key = (kind, item.id)
        made = shared.get(key)
        if made is None:
            made = shared[key] = make(item)
        return made

    def summary(marks: list[Any]) -> dict[str, Any]:
        found = mark_summary(marks, day)
        return {
            "state": found.status.value if found.status else NO_MARK,
            "valid_until": _iso(found.valid_until),
        }

    def provider(item: Any) -> dict[str, Any]:
        return {"id": item.id, "name": item.name, "quality_mark": summary(item.quality_marks)}

    def topic(item: Any) -> dict[str, Any]:
        return {"id": item.id, "slug": item.slug, "name": item.name, "parent_id": item.parent_id}

    def term(item: Any) -> dict[str, Any]:
        return {"slug": item.slug, "name": item.name}

    def requirement(item: Any) -> dict[str, Any]:
        return {
            "code": item.code,
            "name": item.name,
            "source_url": item.source_url,
            "source_checked_on": _iso(item.source_checked_on),
        }

    def scheme(item: Any) -> dict[str, Any]:
        return {"id": item.id, "code": item.code, "name": item.name}

    def offering(run: Any) -> dict[str, Any]:
        return {
            "id": run.id,
            "start_date": run.starts_on.isoformat(),
            "end_date": run.ends_on.isoformat(),
            "online": run.is_online,
            "city": run.city,
            "province": run.province.value if run.province is not None else None,
            "seats": run.seats,
            "enrolment_deadline": _iso(run.enrolment_deadline),
        }

    # Links differ only in the id; url_for per course would cost as much as the rest of the record.
    marker = str(MAX_ID)
    url_prefix, _, url_suffix = url_for(
        "catalogue.course_detail", course_id=marker, _external=True
    ).rpartition(marker)
    for course in courses:
        legal = course.legal_requirement
        yield {
            "id": course.id,
            "name": course.title,
            "abstract": course.summary,
            "description": course.description_html,
            "primary_code": course.course_code,
            "url": f"{url_prefix}{course.id}{url_suffix}",
            "provider": once("provider", course.provider, provider),
            "level": course.level.value,
            "mode_of_delivery": course.delivery_mode.value,
            "study_load": {"value": course.study_load_hours, "unit": "hour"},
            "price": {"amount": float(course.price), "currency": "EUR"},
            "teaching_language": course.language,
            "certificate_type": course.certificate_type,
            "programme": course.programme_name,
            "cross_over_sectors": list(course.cross_over_sectors),
            "topics": [once("topic", item, topic) for item in course.topics],
            "target_roles": [once("role", item, term) for item in course.target_roles],
            "age_groups": [once("age_group", item, term) for item in course.age_groups],
            "legal_requirement": None if legal is None else once("legal", legal, requirement),
            "schemes": [once("scheme", item, scheme) for item in course.schemes],
            "accreditation": summary(course.quality_marks),
            "offerings": [offering(run) for run in course.runs],
            "published_on": _iso(course.published_at),
            "modified_at": course.changed_at.isoformat(),
        }


def to_json_line(record: Any) -> str:
    """One NDJSON line."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def json_line_id(line: str) -> int:
    """The id of a course line made by :func:`to_json_line` (records start with their id)."""
    if not line.startswith('{"id":'):
        raise ValueError(f"not a course record line: {line[:40]!r}")
    return int(line[6 : line.index(",")])


def _joined(attribute: str, key: str) -> Callable[[Any], str]:
    return lambda course: "; ".join(getattr(item, key) for item in getattr(course, attribute))


def _next_start(course: Course) -> date | None:
    run = course.next_run(context_day())
    return run.starts_on if run else None


class CourseCsvSchema(Schema):
    """A published course flattened to one CSV row; lists are joined with "; "."""

    id = fields.Integer()
    name = fields.String(attribute="title")
    provider_id = fields.Integer()
    provider_name = fields.String(attribute="provider.name")
    level = fields.Enum(Level, by_value=True)
    mode_of_delivery = fields.Enum(DeliveryMode, by_value=True, attribute="delivery_mode")
    study_load_hours = fields.Integer()
    price_eur = fields.Decimal(attribute="price", as_string=True)
    teaching_language = fields.String(attribute="language")
    primary_code = fields.String(attribute="course_code")
    topics = fields.Function(_joined("topics", "slug"))
    target_roles = fields.Function(_joined("target_roles", "slug"))
    schemes = fields.Function(_joined("schemes", "code"))
    legal_requirement = fields.Function(
        lambda course: course.legal_requirement.code if course.legal_requirement else ""
    )
    accreditation_state = fields.Function(lambda course: _summary(course.quality_marks)["state"])
    accreditation_valid_until = fields.Function(lambda course: _summary(course.quality_marks)["valid_until"])
    provider_quality_mark_state = fields.Function(
        lambda course: _summary(course.provider.quality_marks)["state"]
    )
    offerings = fields.Function(lambda course: len(course.runs))
    next_start_date = fields.Function(_next_start)
    url = fields.Function(
        lambda course: url_for("catalogue.course_detail", course_id=course.id, _external=True)
    )
    modified_at = fields.AwareDateTime(attribute="changed_at")


CSV_COLUMNS = list(CourseCsvSchema().fields)
