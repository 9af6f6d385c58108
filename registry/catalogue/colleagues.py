"""A provider's members invite colleagues, who choose a password through a one-time link."""

from __future__ import annotations

from flask_babel import gettext as _

from registry.accounts.models import Role, User
from registry.accounts.service import invite_account
from registry.catalogue.models import Provider
from registry.catalogue.permissions import require_offer_manager
from registry.errors import NotFound
from registry.extensions import db
from registry.transactions import unit_of_work


def invite_colleague(actor: User | None, provider_id: int, email: str, name: str = "") -> User | None:
    """A provider member invites a colleague to act for the same provider (None: the address had an
    account, whose owner is told instead).

    :raise PermissionDenied: the actor does not work for the provider.
    :raise ValidationFailed: bad e-mail.
    """
    require_offer_manager(
        actor, provider_id, _("U kunt alleen collega's van uw eigen organisatie uitnodigen.")
    )
    provider = db.session.get(Provider, provider_id)
    if provider is None:
        raise NotFound(_("Deze aanbieder bestaat niet."))
    with unit_of_work():
        return invite_account(actor, email, Role.PROVIDER, name, provider=provider)
