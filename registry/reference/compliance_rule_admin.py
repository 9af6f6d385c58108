"""Officials keep the compliance rules current: who a duty reaches is picked from the known care types
and roles, never typed, so a misspelt code cannot silently switch a duty off."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validate, validates_schema

from registry.accounts.models import User
from registry.catalogue.models import TargetRole
from registry.compliance.labels import diploma_label
from registry.compliance.models import ComplianceRule
from registry.compliance.staff_import import DIPLOMA_KINDS, ROLES
from registry.errors import NotFound
from registry.extensions import db
from registry.forms import FormSchema
from registry.organisations.models import CareType
from registry.reference.loader import Conflict, conflicts_of
from registry.reference.official import apply_official_change
from registry.reference.permissions import require_reference_maintainer
from registry.reference.vocabularies import COMPLIANCE_RULES
from registry.validation import WebAddress, load_or_fail

CARE_TYPES = tuple(care_type.value for care_type in CareType)
# Kinds of rule that count people by role; a location's certificate holders may have any role.
_PEOPLE_KINDS = {"coaching_hours", "person_training", "person_language", "person_certificate"}
_COUNT = validate.Range(min=0, max=10_000, error=_l("Een heel getal vanaf 0."))


class ComplianceRuleFormSchema(FormSchema):
    """The edit form of one rule; ``kind`` is the rule's kind, which decides whether roles are needed."""

    def __init__(self, kind: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind = kind

    title = fields.String(
        required=True, validate=validate.Length(min=2, max=200, error=_l("2 tot 200 tekens."))
    )
    explanation = fields.String(load_default="", validate=validate.Length(max=10_000))
    care_types = fields.List(
        fields.String(validate=validate.OneOf(CARE_TYPES, error=_l("Onbekende soort opvang."))),
        load_default=list,
    )
    roles = fields.List(
        fields.String(validate=validate.OneOf(sorted(ROLES), error=_l("Onbekende functie."))),
        load_default=list,
    )
    qualifying_diplomas = fields.List(
        fields.String(validate=validate.OneOf(sorted(DIPLOMA_KINDS), error=_l("Onbekend diploma."))),
        load_default=list,
    )
    babies_only = fields.Boolean(load_default=False)
    vve_only = fields.Boolean(load_default=False)
    valid_from = fields.Date(
        required=True, error_messages={"invalid": _l("Vul een datum in als JJJJ-MM-DD.")}
    )
    valid_until = fields.Date(
        allow_none=True, error_messages={"invalid": _l("Vul een datum in als JJJJ-MM-DD.")}
    )
    plan_ahead_days = fields.Integer(required=True, validate=validate.Range(min=0, max=730))
    min_hours = fields.Integer(load_default=0, validate=_COUNT)
    holders_per_location = fields.Integer(load_default=0, validate=_COUNT)
    default_validity_months = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=120))
    hours_per_centre = fields.Integer(load_default=0, validate=_COUNT)
    hours_per_fte = fields.Integer(load_default=0, validate=_COUNT)
    citation = fields.String(required=True, validate=validate.Length(min=2, max=300))
    source_url = WebAddress(
        required=True, error_messages={"invalid_web_address": _l("Vul een volledige URL in (https://…).")}
    )
    source_checked_on = fields.Date(
        allow_none=True, error_messages={"invalid": _l("Vul een datum in als JJJJ-MM-DD.")}
    )
    verified = fields.String(load_default="", validate=validate.Length(max=10_000))

    @validates_schema
    def _reaches_someone(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if not data.get("care_types"):
            raise ValidationError(_("Kies ten minste één soort opvang."), "care_types")
        if data.get("valid_until") and data.get("valid_from") and data["valid_until"] < data["valid_from"]:
            raise ValidationError(_("De einddatum ligt voor de begindatum."), "valid_until")
        if self.kind in _PEOPLE_KINDS and not data.get("roles"):
            raise ValidationError(_("Kies ten minste één functie."), "roles")


def role_choices() -> list[tuple[str, str]]:
    """The roles staff can have, by their name in the taxonomy where it has one."""
    query = sa.select(TargetRole.slug, TargetRole.name).where(TargetRole.slug.in_(ROLES))
    names = {slug: name for slug, name in db.session.execute(query)}
    names.setdefault("overig", _("Overige functie"))
    return sorted(((slug, names.get(slug, slug)) for slug in ROLES), key=lambda choice: choice[1])


def diploma_choices() -> list[tuple[str, str]]:
    """The diploma kinds staff records know, by the name people use ("mbo 3"), in the order of the codes."""
    return [(kind, diploma_label(kind)) for kind in sorted(DIPLOMA_KINDS)]


def rules_for_officials(user: User | None) -> dict[str, Any]:
    """Every compliance rule and where the data file now differs from officials' changes.

    :raise PermissionDenied: not an official or admin.
    """
    require_reference_maintainer(user)
    rules = list(
        db.session.scalars(sa.select(ComplianceRule).order_by(ComplianceRule.valid_from, ComplianceRule.id))
    )
    return {"rules": rules, "conflicts": conflicts_of(COMPLIANCE_RULES)}


def rule_for_official(user: User | None, code: str) -> tuple[ComplianceRule, list[Conflict]]:
    """One rule for its edit screen, with its conflicts.

    :raise PermissionDenied: not an official or admin.
    :raise NotFound: no rule has this code.
    """
    require_reference_maintainer(user)
    rule: ComplianceRule | None = COMPLIANCE_RULES.find(code)
    if rule is None:
        raise NotFound(_("Deze nalevingsregel bestaat niet."))
    return rule, [conflict for conflict in conflicts_of(COMPLIANCE_RULES) if conflict.key == code]


def update_rule(user: User | None, code: str, form: Any) -> list[str]:
    """An official corrects a rule after a change in law or cao; returns the changed fields.

    :raise PermissionDenied: not an official or admin.
    :raise NotFound: no rule has this code.
    :raise ValidationFailed: a field is invalid or names an unknown role or care type (nothing changed).
    """
    require_reference_maintainer(user)
    rule: ComplianceRule | None = COMPLIANCE_RULES.find(code)
    if rule is None:
        raise NotFound(_("Deze nalevingsregel bestaat niet."))
    values = load_or_fail(ComplianceRuleFormSchema(rule.kind), form)
    if rule.kind != "person_language":
        values.pop("qualifying_diplomas")  # only the language rule accepts a diploma as proof
    return apply_official_change(COMPLIANCE_RULES, rule, values, user)
