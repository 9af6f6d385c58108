"""Officials keep subsidy schemes and funds current: every field, the application windows, the check date."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, ValidationError, fields, validate, validates_schema
from sqlalchemy.orm import selectinload

from registry.accounts.models import User
from registry.errors import NotFound
from registry.extensions import db
from registry.reference.loader import Conflict, conflicts_of
from registry.reference.official import apply_official_change
from registry.reference.permissions import require_reference_maintainer
from registry.reference.vocabularies import SCHEMES
from registry.schema import Schema
from registry.schemes.models import AmountBasis, Applicant, SubsidyScheme
from registry.validation import WebAddress, load_or_fail

# A scheme whose facts nobody compared with the source for this long is listed as needing a check.
STALE_AFTER = timedelta(days=183)


class WindowSchema(Schema):
    opens = fields.Date(required=True, error_messages={"invalid": _l("Vul een datum in als JJJJ-MM-DD.")})
    closes = fields.Date(
        allow_none=True, load_default=None, error_messages={"invalid": _l("Vul een datum in.")}
    )
    lottery = fields.Boolean(load_default=False)

    @validates_schema
    def _closes_after_opening(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("closes") and data["closes"] < data["opens"]:
            raise ValidationError(_("Een aanvraagperiode sluit niet voor ze opent."), "closes")


class SchemeFormSchema(Schema):
    """What an official may change on a scheme; the code is its key and stays."""

    class Meta:
        unknown = EXCLUDE

    name = fields.String(
        required=True, validate=validate.Length(min=2, max=200, error=_l("2 tot 200 tekens."))
    )
    funder = fields.String(
        required=True, validate=validate.Length(min=2, max=200, error=_l("2 tot 200 tekens."))
    )
    applicant = fields.String(
        required=True, validate=validate.OneOf([a.value for a in Applicant], error=_l("Kies wie aanvraagt."))
    )
    summary = fields.String(
        required=True, validate=validate.Length(min=2, max=5000, error=_l("2 tot 5000 tekens."))
    )
    covers = fields.String(
        required=True, validate=validate.Length(min=2, max=5000, error=_l("2 tot 5000 tekens."))
    )
    excludes = fields.String(load_default="", validate=validate.Length(max=5000))
    conditions = fields.String(load_default="", validate=validate.Length(max=5000))
    max_amount = fields.Decimal(
        allow_none=True,
        places=2,
        validate=validate.Range(min=0, max=10_000_000, error=_l("Een bedrag van 0 tot 10 miljoen.")),
        error_messages={"invalid": _l("Vul een bedrag in, bijvoorbeeld 750 of 750,00.")},
    )
    max_amount_per = fields.String(
        allow_none=True,
        validate=validate.OneOf(
            [basis.value for basis in AmountBasis], error=_l("Kies per persoon of per aanvraag.")
        ),
    )
    min_costs = fields.Decimal(
        allow_none=True,
        places=2,
        validate=validate.Range(min=0, max=10_000_000, error=_l("Een bedrag van 0 tot 10 miljoen.")),
        error_messages={"invalid": _l("Vul een bedrag in, bijvoorbeeld 5000 of 5.000,00.")},
    )
    cofinancing_percent = fields.Integer(
        allow_none=True,
        validate=validate.Range(min=0, max=100, error=_l("Een percentage van 0 tot 100.")),
        error_messages={"invalid": _l("Vul een heel getal in.")},
    )
    active_from = fields.Date(
        allow_none=True, error_messages={"invalid": _l("Vul een datum in als JJJJ-MM-DD.")}
    )
    active_until = fields.Date(
        allow_none=True, error_messages={"invalid": _l("Vul een datum in als JJJJ-MM-DD.")}
    )
    source_url = WebAddress(
        allow_none=True,
        error_messages={"invalid_web_address": _l("Vul een volledige URL in (https://…) of laat leeg.")},
    )
    last_checked_on = fields.Date(
        allow_none=True, error_messages={"invalid": _l("Vul een datum in als JJJJ-MM-DD.")}
    )
    windows = fields.List(fields.Nested(WindowSchema), load_default=list)

    @validates_schema
    def _ends_after_start(self, data: dict[str, Any], **_kwargs: Any) -> None:
        start, end = data.get("active_from"), data.get("active_until")
        if start and end and end < start:
            raise ValidationError(_("De regeling eindigt niet voor ze begint."), "active_until")


def _values(loaded: dict[str, Any]) -> dict[str, Any]:
    """Form values in the form the reference files give them (so the loader can compare)."""
    values = {**loaded, "source_url": loaded.get("source_url") or ""}
    values["windows"] = tuple(
        sorted((w["opens"], w["closes"], w["lottery"]) for w in loaded.get("windows", []))
    )
    values.setdefault("max_amount_per", None)
    return values


def schemes_for_officials(user: User | None, today: date) -> dict[str, Any]:
    """Every scheme, those whose check is older than six months (or missing), and the files' conflicts.

    :raise PermissionDenied: not an official or admin.
    """
    require_reference_maintainer(user)
    schemes = list(
        db.session.scalars(
            sa.select(SubsidyScheme).options(selectinload(SubsidyScheme.windows)).order_by(SubsidyScheme.name)
        )
    )
    stale = [s for s in schemes if s.last_checked_on is None or s.last_checked_on < today - STALE_AFTER]
    return {"schemes": schemes, "stale": stale, "conflicts": conflicts_of(SCHEMES)}


def scheme_for_official(user: User | None, code: str) -> tuple[SubsidyScheme, list[Conflict]]:
    """One scheme for its edit form, with the data file's values that differ from an official's edits.

    :raise PermissionDenied: not an official or admin.
    :raise NotFound: no scheme has this code.
    """
    require_reference_maintainer(user)
    scheme = SCHEMES.find(code)
    if scheme is None:
        raise NotFound(_("Deze regeling bestaat niet."))
    return scheme, [c for c in conflicts_of(SCHEMES) if c.key == code]


def update_scheme(user: User | None, code: str, data: dict[str, Any]) -> list[str]:
    """An official changes a scheme; returns the changed fields (audited, kept by `reference load`).

    :raise PermissionDenied: not an official or admin.
    :raise NotFound: no scheme has this code.
    :raise ValidationFailed: a field is invalid (nothing is changed).
    """
    require_reference_maintainer(user)
    scheme = SCHEMES.find(code)
    if scheme is None:
        raise NotFound(_("Deze regeling bestaat niet."))
    values = _values(load_or_fail(SchemeFormSchema(), data))
    return apply_official_change(SCHEMES, scheme, values, user)
