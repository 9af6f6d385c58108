"""The certificates an organisation's staff hold, judged against the planner's rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from registry.accounts.models import User
from registry.audit.service import record
from registry.catalogue.models import LegalRequirement
from registry.catalogue.schemas import load_or_fail
from registry.errors import NotFound, ValidationFailed
from registry.extensions import db
from registry.organisations.models import CertificateRecord
from registry.planner.models import PlannerRule
from registry.planner.permissions import require_planner_of
from registry.planner.schemas import CertificateSchema
from registry.transactions import unit_of_work


def add_certificate(user: User | None, organisation_id: int, data: Mapping[str, Any]) -> CertificateRecord:
    """Record a certificate for a requirement the planner knows.

    :raise ValidationFailed: no holder, an unknown requirement, or no end date for one that expires.
    """
    organisation = require_planner_of(user, organisation_id)
    values = load_or_fail(CertificateSchema(), data)
    holder, code, valid_until = values["holder"].strip(), values["requirement_code"], values["valid_until"]
    if not holder:
        raise ValidationFailed("Vul in wie het certificaat heeft.", fields={"holder": ["verplicht"]})
    rule = db.session.scalar(
        sa.select(PlannerRule).join(PlannerRule.requirement).where(LegalRequirement.code == code)
    )
    if rule is None:
        raise ValidationFailed(
            "Kies een certificaat uit de lijst.", fields={"requirement_code": ["onbekend"]}
        )
    if rule.renewal_months and valid_until is None:
        raise ValidationFailed(
            f"Dit certificaat blijft {rule.renewal_months} maanden geldig; vul in tot wanneer.",
            fields={"valid_until": ["verplicht"]},
        )
    with unit_of_work():
        certificate = CertificateRecord(requirement_code=code, holder=holder, valid_until=valid_until)
        organisation.certificates.append(certificate)
        db.session.flush()
        record(
            "certificate.added",
            "organisation",
            organisation.id,
            actor_id=user.id,
            after={"requirement": code, "valid_until": str(valid_until)},
        )
    return certificate


def remove_certificate(user: User | None, organisation_id: int, certificate_id: int) -> None:
    """Remove one of the organisation's certificates.

    :raise NotFound: not a certificate of this organisation.
    """
    organisation = require_planner_of(user, organisation_id)
    certificate = db.session.get(CertificateRecord, certificate_id)
    if certificate is None or certificate.organisation_id != organisation.id:
        raise NotFound("Onbekend certificaat.")
    with unit_of_work():
        db.session.delete(certificate)
        record(
            "certificate.removed",
            "organisation",
            organisation.id,
            actor_id=user.id,
            before={"requirement": certificate.requirement_code, "holder": certificate.holder},
        )
