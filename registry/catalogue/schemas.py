"""The one set of rules for course and run input, shared by the web forms and the JSON API."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, ValidationError, fields, pre_load, validate, validates_schema
from werkzeug.datastructures import MultiDict

from registry.catalogue.enums import DeliveryMode, Level, Province
from registry.dutch_input import decimal_text
from registry.forms import FormSchema
from registry.reviews.schemas import enum_value
from registry.schema import Schema

# The course's own words where marshmallow's (registry.schema) would say too little.
_HOURS = {"invalid": _l("Vul een heel aantal uren in, bijvoorbeeld 8; rond halve uren af.")}
_AMOUNT = {
    "invalid": _l("Vul een bedrag in, bijvoorbeeld 195,00 of 1.250,00."),
    "special": _l("Vul een bedrag in."),
}
_CHOICE = {"unknown": _l("Kies een van de mogelijkheden.")}


def _length(low: int, high: int) -> validate.Length:
    if low:
        return validate.Length(min=low, max=high, error=_l("Gebruik {min} tot {max} tekens."))
    return validate.Length(max=high, error=_l("Gebruik hoogstens {max} tekens."))


def _check_price(value: object) -> None:
    # A plain function rather than validate.Range: the OpenAPI document states a decimal string's
    # bounds badly (as strings), which breaks clients that read it.
    if not 0 <= value <= 100_000:  # type: ignore[operator]
        raise ValidationError(_("Kies een prijs van 0 tot en met 100000 euro."))


def _between(low: float, high: float) -> validate.Range:
    return validate.Range(min=low, max=high, error=_l("Kies een waarde van {min} tot en met {max}."))


class RunSchema(FormSchema):
    """One run (uitvoering): dates, and a place or online."""

    id = fields.Integer(dump_only=True)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    is_online = fields.Boolean(load_default=False)
    city = fields.String(load_default="", validate=_length(0, 100))
    province = fields.Enum(
        Province, by_value=True, allow_none=True, load_default=None, error_messages=_CHOICE
    )
    seats = fields.Integer(allow_none=True, load_default=None, validate=_between(1, 1000))
    enrolment_deadline = fields.Date(allow_none=True, load_default=None)

    @validates_schema
    def _check_run(self, data: dict[str, Any], **_kwargs: Any) -> None:
        problems: dict[str, list[str]] = {}  # every problem at once, so one correction round is enough
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            problems["ends_on"] = [_("De einddatum ligt voor de startdatum.")]
        deadline = data.get("enrolment_deadline")
        if deadline and data.get("starts_on") and deadline > data["starts_on"]:
            problems["enrolment_deadline"] = [_("Inschrijven moet uiterlijk op de startdatum sluiten.")]
        if not data.get("is_online") and (not data.get("city") or not data.get("province")):
            problems["city"] = [_("Geef plaats en provincie op, of kies online.")]
        if problems:
            raise ValidationError(problems)


class CourseContentSchema(Schema):
    """The content of a course that a review judges."""

    class Meta:
        unknown = EXCLUDE

    title = fields.String(required=True, validate=_length(5, 200))
    summary = fields.String(required=True, validate=_length(10, 500))
    description_html = fields.String(load_default="", validate=_length(0, 20_000))
    level = fields.Enum(Level, by_value=True, load_default=Level.NONE, error_messages=_CHOICE)
    delivery_mode = fields.Enum(DeliveryMode, by_value=True, required=True, error_messages=_CHOICE)
    study_load_hours = fields.Integer(required=True, validate=_between(1, 2000), error_messages=_HOURS)
    price = fields.Decimal(
        required=True,
        places=2,
        as_string=True,
        validate=lambda value: _check_price(value),
        error_messages=_AMOUNT,
        metadata={"type": "string", "format": "decimal", "example": "195.00"},
    )
    language = fields.String(
        load_default="nl",
        validate=validate.OneOf(["nl", "en", "de", "fr"], error=_l("Kies nl, en, de of fr.")),
    )
    certificate_type = fields.String(load_default="", validate=_length(0, 120))
    programme_name = fields.String(load_default="", validate=_length(0, 200))
    cross_over_sectors = fields.List(fields.String(validate=_length(0, 60)), load_default=list)
    course_code = fields.String(load_default="", validate=_length(0, 40))
    legal_requirement = fields.String(allow_none=True, load_default=None)
    topics = fields.List(fields.String(), load_default=list)
    target_roles = fields.List(fields.String(), load_default=list)
    age_groups = fields.List(fields.String(), load_default=list)
    schemes = fields.List(fields.String(), load_default=list)

    @pre_load
    def _read_form(self, data: Any, **_kwargs: Any) -> Any:
        """The course form as a JSON client sends it: an emptied text box clears its field."""
        if not isinstance(data, MultiDict):
            return data
        values: dict[str, Any] = {key: value for key, value in data.items() if key not in _CHOICE_LISTS}
        for key in _CHOICE_LISTS:
            values[key] = data.getlist(key)  # no box ticked: the list is emptied
        values["cross_over_sectors"] = [
            s.strip() for s in data.get("cross_over_sectors", "").split(",") if s.strip()
        ]
        values["legal_requirement"] = data.get("legal_requirement") or None
        if "price" in values:  # people type 195,00 or € 1.250,00
            values["price"] = decimal_text(values["price"].strip())
        if "study_load_hours" in values:  # 8,0 is eight hours; 8,5 is refused with a reason
            values["study_load_hours"] = decimal_text(values["study_load_hours"].strip(), whole=True)
        return values


# Course fields a form sends as ticked boxes (repeated keys).
_CHOICE_LISTS = ("topics", "target_roles", "age_groups", "schemes")


class CourseInputSchema(CourseContentSchema):
    """Content plus runs, as a provider sends it."""

    runs = fields.List(fields.Nested(RunSchema))


class EditMetaSchema(Schema):
    """The bookkeeping fields next to a course's content in API requests."""

    class Meta:
        unknown = EXCLUDE

    version = fields.Integer(strict=True, load_default=None)
    provider_id = fields.Integer(strict=True, load_default=None)


class OpenReviewSchema(Schema):
    id = fields.Integer()
    state = enum_value("state")
    version = fields.Integer()
    proposal = fields.Dict()


class OwnCourseSchema(CourseContentSchema):
    """A course as its provider sees it: content, status, version (optimistic locking), runs, open review."""

    id = fields.Integer()
    provider_id = fields.Integer()
    status = fields.String()
    version = fields.Integer()
    runs = fields.List(fields.Nested(RunSchema))
    open_review = fields.Nested(OpenReviewSchema, allow_none=True)
