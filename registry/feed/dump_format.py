"""The full dump's formats: NDJSON lines of :class:`~registry.feed.records.CourseSchema` records, and CSV.

The NDJSON records are made without marshmallow (see :func:`course_records`); the CSV rows by
:class:`CourseCsvSchema`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from flask import url_for
from marshmallow import fields

from registry.catalogue.enums import DeliveryMode, Level
from registry.catalogue.models import Course
from registry.catalogue.service import mark_summary
from registry.dump_context import context_day
from registry.feed.queries import MAX_ID, NO_MARK
from registry.feed.records import mark_summary_record
from registry.schema import Schema
from registry.validation import web_address_or_empty


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def course_url_parts() -> tuple[str, str]:
    """What a course's public link is made of around its id, for the address of this request.

    Links differ only in the id; url_for per course would cost as much as the rest of the record.
    """
    marker = str(MAX_ID)
    prefix, _, suffix = url_for("catalogue.course_detail", course_id=marker, _external=True).rpartition(
        marker
    )
    return prefix, suffix


def course_records(
    courses: Iterable[Any], day: date, url_parts: tuple[str, str] | None = None
) -> Iterator[dict[str, Any]]:
    """:class:`CourseSchema` records of ``courses`` with states for ``day``, made without marshmallow.

    The full dump serialises every course; walking the schema field by field cost more than reading the
    rows. The shape stays :class:`CourseSchema`'s (it also documents the dump): each key below is one of
    its fields, in its order, converted as its field converts, and tests compare the two on a catalogue
    that exercises every field. ``url_parts`` are what each course's link is made of around its id
    (by default: for the address of this request).
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
            "source_url": web_address_or_empty(item.source_url),
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

    url_prefix, url_suffix = url_parts or course_url_parts()
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
    accreditation_state = fields.Function(lambda course: mark_summary_record(course.quality_marks)["state"])
    accreditation_valid_until = fields.Function(
        lambda course: mark_summary_record(course.quality_marks)["valid_until"]
    )
    provider_quality_mark_state = fields.Function(
        lambda course: mark_summary_record(course.provider.quality_marks)["state"]
    )
    offerings = fields.Function(lambda course: len(course.runs))
    next_start_date = fields.Function(_next_start)
    url = fields.Function(
        lambda course: url_for("catalogue.course_detail", course_id=course.id, _external=True)
    )
    modified_at = fields.AwareDateTime(attribute="changed_at")


CSV_COLUMNS = list(CourseCsvSchema().fields)
