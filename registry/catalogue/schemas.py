"""The one set of rules for course and run input, shared by the web forms and the JSON API."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from registry.catalogue.enums import DeliveryMode, Level, Province
from registry.errors import ValidationFailed

_REQUIRED = {"required": "Dit veld is verplicht.", "null": "Dit veld is verplicht."}


class RunSchema(Schema):
    """One run (uitvoering): dates, and a place or online."""

    class Meta:
        unknown = EXCLUDE

    id = fields.Integer(dump_only=True)
    starts_on = fields.Date(required=True, error_messages=_REQUIRED)
    ends_on = fields.Date(required=True, error_messages=_REQUIRED)
    is_online = fields.Boolean(load_default=False)
    city = fields.String(load_default="", validate=validate.Length(max=100))
    province = fields.Enum(Province, by_value=True, allow_none=True, load_default=None)
    seats = fields.Integer(allow_none=True, load_default=None, validate=validate.Range(min=1, max=1000))
    enrolment_deadline = fields.Date(allow_none=True, load_default=None)

    @validates_schema
    def _check_run(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            raise ValidationError("De einddatum ligt voor de startdatum.", "ends_on")
        if not data.get("is_online") and (not data.get("city") or not data.get("province")):
            raise ValidationError("Geef plaats en provincie op, of kies online.", "city")


class CourseContentSchema(Schema):
    """The content of a course that a review judges."""

    class Meta:
        unknown = EXCLUDE

    title = fields.String(required=True, validate=validate.Length(min=5, max=200), error_messages=_REQUIRED)
    summary = fields.String(
        required=True, validate=validate.Length(min=10, max=500), error_messages=_REQUIRED
    )
    description_html = fields.String(load_default="", validate=validate.Length(max=20_000))
    level = fields.Enum(Level, by_value=True, load_default=Level.NONE)
    delivery_mode = fields.Enum(DeliveryMode, by_value=True, required=True, error_messages=_REQUIRED)
    study_load_hours = fields.Integer(
        required=True, validate=validate.Range(min=1, max=2000), error_messages=_REQUIRED
    )
    price = fields.Decimal(
        required=True,
        places=2,
        as_string=True,
        validate=validate.Range(min=0, max=100_000),
        error_messages=_REQUIRED,
    )
    language = fields.String(load_default="nl", validate=validate.OneOf(["nl", "en", "de", "fr"]))
    certificate_type = fields.String(load_default="", validate=validate.Length(max=120))
    programme_name = fields.String(load_default="", validate=validate.Length(max=200))
    cross_over_sectors = fields.List(fields.String(validate=validate.Length(max=60)), load_default=list)
    course_code = fields.String(load_default="", validate=validate.Length(max=40))
    legal_requirement = fields.String(allow_none=True, load_default=None)
    topics = fields.List(fields.String(), load_default=list)
    target_roles = fields.List(fields.String(), load_default=list)
    age_groups = fields.List(fields.String(), load_default=list)
    schemes = fields.List(fields.String(), load_default=list)


class CourseInputSchema(CourseContentSchema):
    """Content plus runs, as a provider sends it."""

    runs = fields.List(fields.Nested(RunSchema))


def load_or_fail(schema: Schema, data: Any, *, partial: bool = False) -> dict[str, Any]:
    """``schema.load`` with marshmallow's errors turned into a ValidationFailed naming the fields."""
    try:
        return schema.load(data, partial=partial)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        raise ValidationFailed("Niet alle velden zijn goed ingevuld.", fields=messages) from error
