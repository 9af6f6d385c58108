"""The registry's records in OOAPI v5's shapes (Course, CourseOffering, Organization).

Plain dictionaries, not marshmallow schemas: the shapes are fixed by the vendored specification, and
the tests validate every response against it (tests/ooapi), which a schema of our own would only repeat.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask import url_for

from registry.catalogue.enums import DeliveryMode, Level
from registry.catalogue.models import Course, CourseRun, Provider
from registry.reviews.models import QualityMark
from registry.text import plain_text

LANGUAGE = "nl-NL"
# ISO 639-2 codes for the languages a course may be taught in (Course.language holds ISO 639-1).
TEACHING_LANGUAGES = {"nl": "nld", "en": "eng", "de": "deu", "fr": "fra"}
# OOAPI's levels are the Dutch education levels; a course "at hbo level" is mapped to bachelor (NLQF 6).
LEVELS = {
    Level.MBO_2: "secondary vocational education 2",
    Level.MBO_3: "secondary vocational education 3",
    Level.MBO_4: "secondary vocational education 4",
    Level.HBO: "bachelor",
    Level.NONE: "undefined",
}
MODES = {
    DeliveryMode.CLASSROOM: "situated",
    DeliveryMode.ONLINE: "online",
    DeliveryMode.BLENDED: "hybrid",
    DeliveryMode.IN_COMPANY: "situated",
    DeliveryMode.WORKPLACE: "situated",
}
# Our own extension, under "ext" as OOAPI asks: what the registry adds that OOAPI has no field for.
EXT_KEY = "scholingsregister"
RIO_CONSUMER = "rio"


def _text(value: str) -> list[dict[str, str]]:
    return [{"language": LANGUAGE, "value": value}]


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _description(course: Course) -> list[dict[str, str]]:
    return _text(plain_text(course.description_html) or course.summary)


def _mark(marks: list[QualityMark], day: date) -> dict[str, Any] | None:
    valid = next((mark for mark in marks if mark.valid_on(day)), None)
    if valid is None:
        return None
    return {"awardedOn": valid.awarded_on.isoformat(), "validUntil": valid.valid_until.isoformat()}


def course_record(course: Course, day: date) -> dict[str, Any]:
    """A public course as an OOAPI ``Course``."""
    record: dict[str, Any] = {
        "courseId": course.uuid,
        "primaryCode": {"codeType": "identifier", "code": str(course.id)},
        "name": _text(course.title),
        "abbreviation": course.course_code or f"SR-{course.id}",
        "description": _description(course),
        "teachingLanguage": TEACHING_LANGUAGES.get(course.language, "nld"),
        "level": LEVELS[course.level],
        "studyLoad": {"studyLoadUnit": "hour", "value": course.study_load_hours},
        "modeOfDelivery": [MODES[course.delivery_mode]],
        "link": url_for("catalogue.course_detail", course_id=course.id, _external=True),
        "organization": course.provider.uuid,
        "ext": {
            EXT_KEY: {
                "summary": course.summary,
                "price": {"amount": _amount(course.price), "currency": "EUR"},
                "certificate": course.certificate_type or None,
                "targetRoles": [role.slug for role in course.target_roles],
                "topics": [topic.slug for topic in course.topics],
                "qualityMark": _mark(course.quality_marks, day),
            }
        },
    }
    if course.course_code:
        record["otherCodes"] = [{"codeType": "x-providerCourseCode", "code": course.course_code}]
    next_run = course.next_run(day)
    if next_run is not None:
        record["firstStartDate"] = next_run.starts_on.isoformat()
    if course.published_at is not None:
        record["validFrom"] = course.published_at.isoformat()
    return record


def _registration_status(run: CourseRun, day: date) -> str:
    closes = run.enrolment_deadline or run.starts_on
    return "open" if day <= closes else "closed"


def offering_record(run: CourseRun, day: date) -> dict[str, Any]:
    """A run of a public course as an OOAPI ``CourseOffering``, with the RIO consumer attributes."""
    course = run.course
    record: dict[str, Any] = {
        "offeringId": run.uuid,
        "primaryCode": {"codeType": "offeringCode", "code": str(run.id)},
        "offeringType": "course",
        "name": _text(course.title),
        "abbreviation": course.course_code or f"SR-{course.id}",
        "description": _description(course),
        "teachingLanguage": TEACHING_LANGUAGES.get(course.language, "nld"),
        "modeOfDelivery": ["online"] if run.is_online else [MODES[course.delivery_mode]],
        "resultExpected": bool(course.certificate_type),
        "startDate": run.starts_on.isoformat(),
        "endDate": run.ends_on.isoformat(),
        "priceInformation": [
            {
                "costType": "total costs",
                "amount": _amount(course.price),
                "currency": "EUR",
                "displayAmount": _text(f"€ {_amount(course.price).replace('.', ',')}"),
            }
        ],
        "course": course.uuid,
        "organization": course.provider.uuid,
        "link": url_for("catalogue.course_detail", course_id=course.id, _external=True),
        "consumers": [
            {
                "consumerKey": RIO_CONSUMER,
                "registrationStatus": _registration_status(run, day),
                # The registry records no admission step: anyone may enrol on a listed run.
                "requiredPermissionRegistration": "no",
            }
        ],
    }
    if run.seats is not None:
        record["maxNumberStudents"] = run.seats
    if run.enrolment_deadline is not None:
        record["enrollEndDate"] = run.enrolment_deadline.isoformat()
    if not run.is_online and run.city:
        record["addresses"] = [{"addressType": "teaching", "city": run.city, "countryCode": "NL"}]
    return record


def organization_record(provider: Provider, day: date) -> dict[str, Any]:
    """A public provider as an OOAPI ``Organization`` (type institute), identified by its KvK number."""
    address: dict[str, Any] = {"addressType": "visit", "city": provider.city, "countryCode": "NL"}
    if provider.street:
        address["street"] = provider.street
    if provider.postcode:
        address["postalCode"] = provider.postcode
    return {
        "organizationId": provider.uuid,
        "primaryCode": {"codeType": "x-kvkNumber", "code": provider.kvk_number},
        "organizationType": "institute",
        "name": _text(provider.name),
        "shortName": provider.name[:256],
        "addresses": [address],
        "link": url_for("catalogue.provider_detail", slug=provider.slug, _external=True),
        "otherCodes": [{"codeType": "identifier", "code": str(provider.id)}],
        "ext": {EXT_KEY: {"qualityMark": _mark(provider.quality_marks, day)}},
    }
