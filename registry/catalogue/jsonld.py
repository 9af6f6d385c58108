"""schema.org ``Course`` / ``CourseInstance`` / ``Offer`` JSON-LD for a course, as marshmallow schemas.

The same document is embedded on the course page (a data block, which browsers never execute) and served
by ``GET /api/v1/courses/{id}`` to clients that ask for ``application/ld+json``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import url_for
from marshmallow import fields

from registry.catalogue.enums import DeliveryMode
from registry.catalogue.models import Course, CourseRun
from registry.dump_context import context_day, dump_with_day
from registry.schema import Schema

MIMETYPE = "application/ld+json"

# schema.org courseMode takes free text or a URL; these are the words its examples use.
COURSE_MODES = {
    DeliveryMode.CLASSROOM: "Onsite",
    DeliveryMode.ONLINE: "Online",
    DeliveryMode.BLENDED: "Blended",
    DeliveryMode.IN_COMPANY: "Onsite",
    DeliveryMode.WORKPLACE: "Onsite",
}


def _type(name: str) -> fields.Constant:
    return fields.Constant(name, data_key="@type")


# Field names are schema.org property names, hence camelCase.
class PostalAddressSchema(Schema):
    type_ = _type("PostalAddress")
    addressLocality = fields.String(attribute="city")
    addressRegion = fields.Function(lambda run: run.province.label if run.province else None)
    addressCountry = fields.Constant("NL")


class PlaceSchema(Schema):
    type_ = _type("Place")
    name = fields.String(attribute="city")
    address = fields.Function(lambda run: PostalAddressSchema().dump(run))


class VirtualLocationSchema(Schema):
    type_ = _type("VirtualLocation")
    name = fields.Constant("Online")


def _location(run: CourseRun) -> dict[str, Any]:
    return VirtualLocationSchema().dump(run) if run.is_online else PlaceSchema().dump(run)


class CourseInstanceSchema(Schema):
    type_ = _type("CourseInstance")
    courseMode = fields.Function(
        lambda run: "Online" if run.is_online else COURSE_MODES[run.course.delivery_mode]
    )
    startDate = fields.Date(attribute="starts_on")
    endDate = fields.Date(attribute="ends_on")
    location = fields.Function(_location)
    courseWorkload = fields.Function(lambda run: f"PT{run.course.study_load_hours}H")


class OfferSchema(Schema):
    type_ = _type("Offer")
    category = fields.Function(lambda course: "Paid" if course.price > 0 else "Free")
    price = fields.Decimal(as_string=True)
    priceCurrency = fields.Constant("EUR")
    url = fields.Function(
        lambda course: url_for("catalogue.course_detail", course_id=course.id, _external=True)
    )


class OrganizationSchema(Schema):
    type_ = _type("Organization")
    name = fields.String()
    url = fields.Function(
        lambda provider: url_for("catalogue.provider_detail", slug=provider.slug, _external=True)
    )


class CourseJsonLdSchema(Schema):
    """A published course as a schema.org Course."""

    context = fields.Constant("https://schema.org", data_key="@context")
    type_ = _type("Course")
    id_ = fields.Function(
        lambda course: url_for("catalogue.course_detail", course_id=course.id, _external=True), data_key="@id"
    )
    name = fields.String(attribute="title")
    description = fields.String(attribute="summary")
    courseCode = fields.Function(lambda course: course.course_code or str(course.id))
    inLanguage = fields.String(attribute="language")
    educationalLevel = fields.Function(lambda course: course.level.label)
    educationalCredentialAwarded = fields.String(attribute="certificate_type")
    timeRequired = fields.Function(lambda course: f"PT{course.study_load_hours}H")
    about = fields.Function(lambda course: [topic.name for topic in course.topics])
    provider = fields.Nested(OrganizationSchema)
    # Like the course page: only runs that are still to come.
    hasCourseInstance = fields.Function(
        lambda course: CourseInstanceSchema(many=True).dump(
            [run for run in course.runs if run.starts_on >= context_day()]
        )
    )
    offers = fields.Function(lambda course: [OfferSchema().dump(course)])
    financialAidEligible = fields.Function(lambda course: [scheme.name for scheme in course.schemes])


def course_document(course: Course, day: date) -> dict[str, Any]:
    """The schema.org JSON-LD document of ``course``."""
    return dump_with_day(CourseJsonLdSchema(), course, day)
