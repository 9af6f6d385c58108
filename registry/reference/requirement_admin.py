"""Officials keep the legal requirements current (the compliance rules that apply them: their own screen)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, fields, validate

from registry.accounts.models import User
from registry.catalogue.models import LegalRequirement
from registry.compliance.models import ComplianceRule
from registry.errors import NotFound
from registry.extensions import db
from registry.reference.loader import conflicts_of
from registry.reference.official import apply_official_change
from registry.reference.permissions import require_reference_maintainer
from registry.reference.vocabularies import COMPLIANCE_RULES, REQUIREMENTS
from registry.schema import Schema
from registry.validation import WebAddress, load_or_fail


class RequirementFormSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    name = fields.String(
        required=True, validate=validate.Length(min=2, max=160, error=_l("2 tot 160 tekens."))
    )
    description = fields.String(load_default="", validate=validate.Length(max=10_000))
    source_url = WebAddress(
        required=True, error_messages={"invalid_web_address": _l("Vul een volledige URL in (https://…).")}
    )
    source_checked_on = fields.Date(
        allow_none=True, error_messages={"invalid": _l("Vul een datum in als JJJJ-MM-DD.")}
    )


def requirements_for_officials(user: User | None) -> dict[str, Any]:
    """Every legal requirement with the compliance rules that apply it, and where the data files now differ
    from officials' changes.

    :raise PermissionDenied: not an official or admin.
    """
    require_reference_maintainer(user)
    requirements = list(db.session.scalars(sa.select(LegalRequirement).order_by(LegalRequirement.name)))
    rules: dict[str, list[ComplianceRule]] = {}
    for rule in db.session.scalars(sa.select(ComplianceRule).order_by(ComplianceRule.valid_from)):
        rules.setdefault(rule.requirement_code, []).append(rule)
    return {
        "requirements": requirements,
        "rules": rules,
        "conflicts": conflicts_of(REQUIREMENTS) + conflicts_of(COMPLIANCE_RULES),
    }


def update_requirement(user: User | None, code: str, data: dict[str, Any]) -> list[str]:
    """An official corrects a requirement's text or source; returns the changed fields.

    :raise PermissionDenied: not an official or admin.
    :raise NotFound: no requirement has this code.
    :raise ValidationFailed: a field is invalid (nothing is changed).
    """
    require_reference_maintainer(user)
    requirement: LegalRequirement | None = REQUIREMENTS.find(code)
    if requirement is None:
        raise NotFound(_("Deze wettelijke eis bestaat niet."))
    values = load_or_fail(RequirementFormSchema(), data)
    return apply_official_change(REQUIREMENTS, requirement, values, user)
