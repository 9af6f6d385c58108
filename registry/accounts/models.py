"""People who sign in, their role, and which provider or organisation they act for."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

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


class User(Timestamped, db.Model):
    """An account. ``session_version`` is bumped to end every existing session of the user."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_type(Role))
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisation.id"), index=True)
    is_active: Mapped[bool] = mapped_column(default=True)
    session_version: Mapped[int] = mapped_column(default=1)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    providers: Mapped[list[Provider]] = relationship(secondary=provider_members)
    organisation: Mapped[Organisation | None] = relationship()
