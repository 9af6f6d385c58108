"""What the organisation API sends out: locations, staff with diplomas and certificates, verdicts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, fields

from registry.schema import Schema


class PlannerArgsSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    datum = fields.Date(load_default=None, error_messages={"invalid": _l("Datum als JJJJ-MM-DD.")})


class LocationOutSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    lrk_number = fields.String()
    care_type = fields.Function(lambda loc: loc.care_type.value)
    offers_vve = fields.Boolean()
    city = fields.String()
    province = fields.Function(lambda loc: loc.province.value if loc.province else None)
    coaching_hours_planned = fields.Integer()


class DiplomaOutSchema(Schema):
    kind = fields.String()
    name = fields.String()


class CertificateOutSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    name = fields.String()
    obtained_on = fields.Date(allow_none=True)
    valid_until = fields.Date(allow_none=True)
    approved = fields.Boolean()
    hours = fields.Integer()


class StaffOutSchema(Schema):
    id = fields.Integer()
    employee_number = fields.String()
    name = fields.String()
    role = fields.String()
    fte = fields.Decimal(as_string=True)
    works_with_babies = fields.Boolean()
    left_on = fields.Date(allow_none=True)
    location_ids = fields.Function(lambda m: [loc.id for loc in m.locations])
    diplomas = fields.List(fields.Nested(DiplomaOutSchema))
    certificates = fields.List(fields.Nested(CertificateOutSchema))


class SourceOutSchema(Schema):
    citation = fields.String()
    url = fields.String()
    checked_on = fields.Date()
    verified = fields.String()


class RuleOutSchema(Schema):
    code = fields.String()
    title = fields.String()
    valid_from = fields.Date()
    valid_until = fields.Date(allow_none=True)
    source = fields.Nested(SourceOutSchema)


class VerdictOutSchema(Schema):
    rule = fields.Nested(RuleOutSchema)
    status = fields.String(metadata={"enum": ["ok", "at_risk", "action"]})
    message = fields.String()
    location_id = fields.Integer(allow_none=True)
    person_id = fields.Integer(allow_none=True)
    people = fields.List(fields.String())
    hours_needed = fields.Integer(allow_none=True)
    hours_planned = fields.Integer(allow_none=True)
    fte = fields.Decimal(as_string=True, allow_none=True)
    due_by = fields.Date(allow_none=True)


class LocationReportOutSchema(Schema):
    location_id = fields.Function(lambda r: r.location.id)
    lrk_number = fields.Function(lambda r: r.location.lrk_number)
    status = fields.String()
    verdicts = fields.List(fields.Nested(VerdictOutSchema))
    person_verdicts = fields.List(fields.Nested(VerdictOutSchema))


class PlannerOutSchema(Schema):
    day = fields.Date(data_key="datum")
    coaching_hours_needed = fields.Integer()
    coaching_hours_planned = fields.Integer()
    reports = fields.List(fields.Nested(LocationReportOutSchema), data_key="locations")
    upcoming = fields.List(fields.Nested(RuleOutSchema), data_key="upcoming_rules")
