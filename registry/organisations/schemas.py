"""The one set of rules for an organisation's input, shared by its forms and any JSON client."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validate

from registry.catalogue.enums import Province
from registry.forms import FormSchema
from registry.organisations.models import CareType
from registry.validation import is_valid_kvk, is_valid_lrk


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
        validate=validate.Length(min=2, max=200, error=_l("Gebruik 2 tot 200 tekens.")),
    )
    kvk_number = fields.String(required=True, validate=_kvk)
    lrk_numbers = fields.List(fields.String(), load_default=list, validate=_lrk)
    care_type = fields.Enum(
        CareType,
        by_value=True,
        required=True,
        error_messages={"unknown": _l("Kies een soort opvang."), "required": _l("Kies een soort opvang.")},
    )
    staff_count = fields.Integer(
        load_default=1,
        validate=validate.Range(min=1, max=100_000, error=_l("Minstens 1.")),
        error_messages={"invalid": _l("Vul een geheel getal in.")},
    )
    city = fields.String(load_default="", validate=validate.Length(max=100))
    province = fields.Enum(
        Province,
        by_value=True,
        allow_none=True,
        load_default=None,
        error_messages={"unknown": _l("Kies een provincie.")},
    )
    offers_vve = fields.Boolean(load_default=False)


class SignupSchema(OrganisationSchema):
    """A new organisation and the account of the person signing it up (who chooses a password through
    the link mailed to this address)."""

    email = fields.Email(required=True)
    your_name = fields.String(load_default="", validate=validate.Length(max=200))


class InviteSchema(FormSchema):
    """A colleague to invite (the e-mail address is checked once more where accounts are made)."""

    email = fields.String(required=True, validate=validate.Length(max=254))
    name = fields.String(load_default="", validate=validate.Length(max=200))


class ColleagueRoleSchema(FormSchema):
    """The role a colleague gets (``rol``: ``beheerder`` or ``lid``); ``bevestigd`` when administrators
    step down themselves and answered yes to the question whether they are sure."""

    role = fields.String(
        required=True,
        data_key="rol",
        validate=validate.OneOf(["beheerder", "lid"], error=_l("Kies beheerder of lid.")),
    )
    confirmed = fields.Boolean(load_default=False, data_key="bevestigd")
