"""An organisation's colleagues and their role: ordinary member, or administrator who keeps the staff
records (personal data) and the colleagues' roles. An organisation always keeps one administrator."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from registry.accounts.models import User
from registry.audit.service import record
from registry.clock import utcnow
from registry.errors import InvalidTransition, NotFound
from registry.extensions import db
from registry.notifications.service import queue_email
from registry.organisations.models import Organisation
from registry.organisations.permissions import require_organisation_admin, require_organisation_member
from registry.transactions import unit_of_work


def colleagues(user: User | None, organisation_id: int) -> list[User]:
    """Everyone with an account for the organisation, administrators first, then by name."""
    require_organisation_member(user, organisation_id)
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.organisation_id == organisation_id)
            .order_by(User.organisation_admin.desc(), User.name, User.email)
        )
    )


def set_colleague_admin(
    user: User | None, organisation_id: int, colleague_id: int, admin: bool
) -> tuple[User, bool]:
    """Make a colleague an administrator (``admin``) or an ordinary member again. Returns the colleague
    and whether anything changed: not when they already had that role (another administrator made the
    same change a moment earlier).

    :raise PermissionDenied: the user is not one of the organisation's administrators.
    :raise NotFound: no such colleague in this organisation.
    :raise InvalidTransition: the change would leave the organisation without an administrator.
    """
    organisation = require_organisation_admin(user, organisation_id)
    with unit_of_work():
        # Touching the organisation's row takes its lock, on PostgreSQL and SQLite alike: two
        # administrators demoting each other at once are handled one after the other, so the second
        # sees the first's change and the organisation keeps an administrator.
        db.session.execute(
            sa.update(Organisation).where(Organisation.id == organisation_id).values(updated_at=utcnow())
        )
        colleague = db.session.scalar(
            sa.select(User)
            .where(User.id == colleague_id, User.organisation_id == organisation_id)
            .execution_options(populate_existing=True)
        )
        if colleague is None:
            raise NotFound(_("Deze collega werkt niet voor uw organisatie."))
        if colleague.organisation_admin == admin:
            return colleague, False
        if not admin and not _other_administrators(organisation_id, colleague.id):
            raise InvalidTransition(
                _(
                    "%(name)s is de laatste beheerder van uw organisatie. Maak eerst een collega "
                    "beheerder; een organisatie houdt altijd iemand die de personeelsgegevens bijhoudt.",
                    name=colleague.name or colleague.email,
                )
            )
        colleague.organisation_admin = admin
        record(
            "organisation.colleague_role_changed",
            "user",
            colleague.id,
            actor_id=user.id,
            before={"organisation_id": organisation_id, "organisation_admin": not admin},
            after={"organisation_id": organisation_id, "organisation_admin": admin},
        )
        queue_email(colleague.email, *role_mail(organisation.name, user.name or user.email, admin))
    return colleague, True


def sole_administrator(user: User | None, organisation_id: int) -> int | None:
    """The id of the organisation's only administrator who can act, if it has just one: that one
    cannot step down until a colleague is made administrator."""
    require_organisation_member(user, organisation_id)
    ids = db.session.scalars(_acting_administrators(organisation_id).limit(2)).all()
    return ids[0] if len(ids) == 1 else None


def _acting_administrators(organisation_id: int) -> sa.Select:
    """Administrators who can act: active, and with a password chosen (an invitation may lapse)."""
    return sa.select(User.id).where(
        User.organisation_id == organisation_id,
        User.organisation_admin.is_(True),
        User.is_active.is_(True),
        User.password_hash.is_not(None),
    )


def _other_administrators(organisation_id: int, colleague_id: int) -> bool:
    """Whether an administrator besides ``colleague_id`` can act for the organisation."""
    others = _acting_administrators(organisation_id).where(User.id != colleague_id).limit(1)
    return db.session.scalar(others) is not None


def role_mail(organisation: str, changed_by: str, admin: bool) -> tuple[str, str]:
    """Subject and body telling a colleague that their role changed."""
    if admin:
        return f"U bent beheerder van {organisation}", (
            f"{changed_by} heeft u beheerder gemaakt van {organisation} in het Scholingsregister "
            "Kinderopvang. U ziet en beheert nu de personeelsgegevens en de planner verplichte scholing, "
            "u krijgt de herinneringen daarover en u kunt de rol van collega's wijzigen.\n\n"
            "Klopt dit niet? Neem dan contact op met een andere beheerder van uw organisatie."
        )
    return f"U bent geen beheerder meer van {organisation}", (
        f"{changed_by} heeft uw rol bij {organisation} in het Scholingsregister Kinderopvang gewijzigd: "
        "u bent nu gewoon lid. U ziet de personeelsgegevens en de planner verplichte scholing niet meer "
        "en krijgt de herinneringen daarover niet meer. De bewaarlijst en gevolgde zoekopdrachten blijft "
        "u gewoon gebruiken.\n\n"
        "Klopt dit niet? Neem dan contact op met een beheerder van uw organisatie."
    )
