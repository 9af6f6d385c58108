"""A provider's public profile, kept by its members, and its request for the registry's keurmerk."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, ValidationError, fields, validate

from registry.accounts.models import User
from registry.audit.service import update_with_audit
from registry.catalogue.enums import Province
from registry.catalogue.models import Provider
from registry.catalogue.permissions import require_profile_manager
from registry.clock import today
from registry.errors import InvalidTransition, ValidationFailed
from registry.extensions import db
from registry.reviews.models import (
    OPEN_FOR_EDITS,
    UNDER_REVIEW,
    QualityMark,
    Review,
    ReviewState,
    SubjectType,
)
from registry.reviews.workflow import apply_transition
from registry.schema import Schema
from registry.transactions import unit_of_work
from registry.validation import WebAddress, is_valid_kvk, load_or_fail

PROFILE_FIELDS = (
    "name",
    "kvk_number",
    "email",
    "phone",
    "website",
    "street",
    "postcode",
    "city",
    "province",
    "description",
)


class ProviderProfileSchema(Schema):
    """The profile fields a provider maintains itself."""

    class Meta:
        unknown = EXCLUDE

    id = fields.Integer(dump_only=True)
    slug = fields.String(dump_only=True)
    name = fields.String(
        required=True, validate=validate.Length(min=2, max=200, error=_l("Gebruik 2 tot 200 tekens."))
    )
    kvk_number = fields.String(required=True, validate=lambda value: _check_kvk(value))
    email = fields.Email(required=True)
    phone = fields.String(load_default="", validate=validate.Length(max=30))
    website = WebAddress(load_default="", validate=validate.Length(max=300))
    street = fields.String(load_default="", validate=validate.Length(max=200))
    postcode = fields.String(
        load_default="",
        validate=validate.Regexp(r"^(\d{4} ?[A-Z]{2})?$", error=_l("Vul een postcode in als 1234 AB.")),
    )
    city = fields.String(
        required=True, validate=validate.Length(min=1, max=100, error=_l("Vul een plaats in."))
    )
    province = fields.Enum(
        Province, by_value=True, required=True, error_messages={"unknown": _l("Kies een provincie.")}
    )
    description = fields.String(load_default="", validate=validate.Length(max=5000))


def _check_kvk(value: str) -> None:
    if not is_valid_kvk(value):
        raise ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."))


# What a keurmerk review judges of the profile; it may not change silently while the mark is valid.
REVIEWED_FIELDS = ("name", "kvk_number")


def _has_valid_keurmerk(provider: Provider) -> bool:
    return db.session.scalar(
        sa.select(sa.exists().where(QualityMark.provider_id == provider.id, QualityMark.valid_on(today())))
    )


def own_profile(user: User | None, provider_id: int) -> Provider:
    """:raise NotFound / PermissionDenied."""
    return require_profile_manager(user, provider_id)


def update_profile(user: User | None, provider_id: int, data: dict[str, Any]) -> Provider:
    """Change the public profile; every change is audited with before and after."""
    provider = require_profile_manager(user, provider_id)
    values = load_or_fail(ProviderProfileSchema(), data, partial=True)
    changed = {
        field for field in REVIEWED_FIELDS if field in values and values[field] != getattr(provider, field)
    }
    if changed and _has_valid_keurmerk(provider):
        raise ValidationFailed(
            _(
                "Naam en KvK-nummer zijn beoordeeld voor het keurmerk. "
                "Vraag een nieuwe beoordeling aan om ze te wijzigen."
            ),
            fields={field: [_("beoordeeld voor het keurmerk")] for field in sorted(changed)},
        )
    if "kvk_number" in changed and db.session.scalar(
        sa.select(Provider.id).where(Provider.kvk_number == values["kvk_number"], Provider.id != provider.id)
    ):
        raise ValidationFailed(
            _("Dit KvK-nummer staat al bij een andere aanbieder."), fields={"kvk_number": [_("bezet")]}
        )
    with unit_of_work():
        update_with_audit(provider, values, "provider.updated", "provider", actor_id=user.id)
    return provider


def request_keurmerk(user: User | None, provider_id: int) -> Review:
    """Submit the provider for the registry's keurmerk (or its renewal)."""
    provider = require_profile_manager(user, provider_id)
    busy = db.session.scalar(
        sa.select(Review.id).where(
            Review.provider_id == provider.id,
            Review.state.in_(UNDER_REVIEW),
        )
    )
    if busy:
        raise InvalidTransition(_("Er loopt al een aanvraag voor het keurmerk van deze aanbieder."))
    review = db.session.scalar(
        sa.select(Review).where(
            Review.provider_id == provider.id,
            Review.state.in_(OPEN_FOR_EDITS),
        )
    )
    if review is None:
        previous = db.session.scalar(
            sa.select(Review.id)
            .where(Review.provider_id == provider.id, Review.state == ReviewState.APPROVED)
            .order_by(Review.id.desc())
        )
        review = Review(
            subject_type=SubjectType.PROVIDER,
            provider=provider,
            state=ReviewState.DRAFT,
            renewal_of_id=previous,
            proposal={},
        )
        db.session.add(review)
        db.session.flush()
    action = "resubmit" if review.state is ReviewState.CHANGES_REQUESTED else "submit"
    return apply_transition(user, review.id, action, version=review.version)


def profile_snapshot(review: Review) -> dict[str, Any]:
    """What a keurmerk review judges of the provider (the workflow freezes it at submission)."""
    provider = review.provider
    return {"name": provider.name, "kvk_number": provider.kvk_number, "description": provider.description}
