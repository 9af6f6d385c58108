"""People who sign in, their role, and which provider or organisation they act for."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.clock import utcnow
from registry.db_types import Timestamped, UTCDateTime, enum_type
from registry.extensions import db

if TYPE_CHECKING:
    from registry.catalogue.models import Provider
    from registry.organisations.models import Organisation

provider_members = sa.Table(
    "provider_member",
    db.metadata,
    sa.Column("user_id", sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("provider_id", sa.ForeignKey("provider.id", ondelete="CASCADE"), primary_key=True),
)


class Role(StrEnum):
    ORGANISATION = "organisation"
    PROVIDER = "provider"
    REVIEWER = "reviewer"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return str(_ROLE_LABELS[self])


_ROLE_LABELS = {
    Role.ORGANISATION: _l("Kinderopvangorganisatie"),
    Role.PROVIDER: _l("Aanbieder"),
    Role.REVIEWER: _l("Beoordelaar (branche)"),
    Role.ADMIN: _l("Beheerder"),
}


class User(Timestamped, db.Model):
    """An account. ``session_version`` is bumped to end every existing session of the user."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_type(Role))
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisation.id"), index=True)
    # Beside ordinary members: the organisation's administrators keep its staff records (personal data).
    organisation_admin: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    is_active: Mapped[bool] = mapped_column(default=True)
    session_version: Mapped[int] = mapped_column(default=1)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    providers: Mapped[list[Provider]] = relationship(secondary=provider_members)
    organisation: Mapped[Organisation | None] = relationship()

    # Flask-Login protocol. The session id embeds session_version, so bumping it ends old sessions.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def invited_only(self) -> bool:
        """Invited or signed up, but no password chosen yet through the mailed link."""
        return self.password_hash is None

    def belongs_to_provider(self, provider_id: int | None) -> bool:
        return provider_id is not None and any(p.id == provider_id for p in self.providers)


class ApiToken(db.Model):
    """A personal API token; only its SHA-256 digest is stored, the token itself is shown once."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    prefix: Mapped[str] = mapped_column(sa.String(12))
    digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class PasswordResetToken(db.Model):
    """A one-time, expiring link to set a new password (also used to invite colleagues)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class LoginAttempt(db.Model):
    """A failed sign-in; counted per account and per address so limits hold across all workers."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    address: Mapped[str] = mapped_column(sa.String(64), index=True)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class PasswordResetRequest(db.Model):
    """Someone asked for a reset link. Known or not, each request is this one row, so answering takes the
    same time either way; the ``password-resets`` job looks the address up and sends the link."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
