"""The one set of rules for an organisation's input, shared by its forms and any JSON client."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate
from werkzeug.datastructures import MultiDict

from registry.catalogue.enums import Province
from registry.forms import FormSchema
from registry.organisations.models import CareType
from registry.validation import is_valid_kvk, is_valid_lrk

_REQUIRED = {"required": "Dit veld is verplicht.", "null": "Dit veld is verplicht."}


def _kvk(value: str) -> None:
    if not is_valid_kvk(value):
        raise ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."))


def _lrk(values: list[str]) -> None:
    wrong = [value for value in values if not is_valid_lrk(value)]
    if wrong:
        raise ValidationError(
            _("Een LRK-nummer bestaat uit 9 cijfers: %(numbers)s.", numbers=", ".join(wrong))
        )


class OrganisationSchema(FormSchema):
    """An organisation's own details (the form has one comma-separated box for LRK numbers)."""

    name = fields.String(
        required=True,
        validate=validate.Length(min=2, max=200, error="Gebruik 2 tot 200 tekens."),
        error_messages=_REQUIRED,
    )
    kvk_number = fields.String(required=True, validate=_kvk, error_messages=_REQUIRED)
    lrk_numbers = fields.List(fields.String(), load_default=list, validate=_lrk)
    care_type = fields.Enum(
        CareType,
        by_value=True,
        required=True,
        error_messages={"unknown": "Kies een soort opvang.", "required": "Kies een soort opvang."},
    )
    staff_count = fields.Integer(
        load_default=1,
        validate=validate.Range(min=1, max=100_000, error="Minstens 1."),
        error_messages={"invalid": "Vul een geheel getal in."},
    )
    city = fields.String(load_default="", validate=validate.Length(max=100))
    province = fields.Enum(
        Province,
        by_value=True,
        allow_none=True,
        load_default=None,
        error_messages={"unknown": "Kies een provincie."},
    )
    offers_vve = fields.Boolean(load_default=False)


class SignupSchema(OrganisationSchema):
    """A new organisation and the account of the person signing it up (who chooses a password through
    the link mailed to this address)."""

    email = fields.Email(
        required=True,
        error_messages={"invalid": "Vul een geldig e-mailadres in.", "required": "Dit veld is verplicht."},
    )
    your_name = fields.String(load_default="", validate=validate.Length(max=200))


class StaffGroupSchema(FormSchema):
    """One row of the staff overview. A row without people is left out."""

    role_slug = fields.String(required=True, error_messages=_REQUIRED)
    headcount = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=100_000, error="0 tot 100000."),
        error_messages={"invalid": "Vul aantallen in als hele getallen.", "null": "Vul een aantal in."},
    )
    works_with_babies = fields.Boolean(load_default=False)


class StaffSchema(Schema):
    """The whole staff overview; the form sends its rows as parallel lists of boxes."""

    class Meta:
        unknown = EXCLUDE

    staff = fields.List(fields.Nested(StaffGroupSchema), required=True, error_messages=_REQUIRED)

    @pre_load
    def _rows_from_form(self, data: Any, **_kwargs: Any) -> Any:
        if not isinstance(data, MultiDict):
            return data
        columns = zip(
            data.getlist("role_slug"),
            data.getlist("headcount"),
            data.getlist("works_with_babies"),
            strict=False,
        )
        return {
            "staff": [
                {"role_slug": role, "headcount": count.strip() or "0", "works_with_babies": babies == "1"}
                for role, count, babies in columns
            ]
        }


class InviteSchema(FormSchema):
    """A colleague to invite (the e-mail address is checked once more where accounts are made)."""

    email = fields.String(required=True, validate=validate.Length(max=254), error_messages=_REQUIRED)
    name = fields.String(load_default="", validate=validate.Length(max=200))
