"""The one set of rules for planner input: an admin's rule changes and an organisation's certificates."""

from __future__ import annotations

from marshmallow import fields, validate

from registry.forms import FormSchema
from registry.validation import WebAddress

_REQUIRED = {"required": "Dit veld is verplicht.", "null": "Dit veld is verplicht."}
_DATE = {"invalid": "Vul een datum in als JJJJ-MM-DD."}


class RuleSchema(FormSchema):
    """What an admin may change in a rule."""

    role_slugs = fields.List(fields.String(), load_default=list)
    care_types = fields.List(fields.String(), load_default=list)
    babies_only = fields.Boolean(load_default=False)
    vve_only = fields.Boolean(load_default=False)
    holders_per_location = fields.Integer(validate=validate.Range(min=0, max=100, error="0 tot 100."))
    hours_per_fte = fields.Integer(validate=validate.Range(min=0, max=1000, error="0 tot 1000."))
    hours_per_location = fields.Integer(validate=validate.Range(min=0, max=10_000, error="0 tot 10000."))
    renewal_months = fields.Integer(
        allow_none=True, validate=validate.Range(min=1, max=240, error="1 tot 240.")
    )
    plan_ahead_days = fields.Integer(validate=validate.Range(min=0, max=730, error="0 tot 730."))
    explanation = fields.String(validate=validate.Length(max=5000))
    source_url = WebAddress(
        required=True, error_messages={"invalid_web_address": "Vul een volledige URL in (https://…)."}
    )
    # Empty when nobody has compared the rule with its source yet.
    source_checked_on = fields.Date(allow_none=True, error_messages=_DATE)


class CertificateSchema(FormSchema):
    """A certificate one staff member holds; without an end date it does not expire."""

    requirement_code = fields.String(
        required=True, error_messages={**_REQUIRED, "required": "Kies een certificaat uit de lijst."}
    )
    holder = fields.String(
        required=True,
        validate=validate.Length(min=1, max=120, error="Gebruik 1 tot 120 tekens."),
        error_messages={**_REQUIRED, "required": "Vul in wie het certificaat heeft."},
    )
    valid_until = fields.Date(allow_none=True, load_default=None, error_messages=_DATE)
