"""The outbox: e-mails queued in the same transaction as the change that causes them."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from registry.clock import utcnow
from registry.db_types import UTCDateTime, enum_type
from registry.extensions import db


class MessageStatus(enum.Enum):
    """Where a message is on its way out; only ``pending`` and a lapsed ``sending`` may be claimed."""

    PENDING = "pending"
    SENDING = "sending"  # claimed by one sender until ``claimed_until``
    SENT = "sent"
    PARKED = "parked"  # refused for good (5xx) or out of attempts: an admin looks at it

    @property
    def label(self) -> str:
        return str(MESSAGE_STATUS_LABELS[self])


MESSAGE_STATUS_LABELS = {
    MessageStatus.PENDING: _l("wacht"),
    MessageStatus.SENDING: _l("wordt verstuurd"),
    MessageStatus.SENT: _l("verstuurd"),
    MessageStatus.PARKED: _l("geparkeerd"),
}


class MailCategory(enum.Enum):
    """Kinds of e-mail a recipient may switch off; service mail (login links, decisions) has none."""

    REMINDER = "reminder"
    DIGEST = "digest"


class OutboxMessage(db.Model):
    """One e-mail waiting to be sent (or sent); nothing is lost if the mail server is down."""

    __table_args__ = (sa.Index("ix_outbox_message_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    category: Mapped[MailCategory | None] = mapped_column(enum_type(MailCategory))
    # Identifies a message that must be queued only once (e.g. one renewal reminder per mark and term).
    dedup_key: Mapped[str | None] = mapped_column(sa.String(300), unique=True)
    status: Mapped[MessageStatus] = mapped_column(enum_type(MessageStatus), default=MessageStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_token: Mapped[str | None] = mapped_column(sa.String(32))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")


class MailPreference(db.Model):
    """What one address wants to receive, and in which language; no row means everything, in Dutch."""

    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(sa.String(254), unique=True)
    language: Mapped[str] = mapped_column(sa.String(5), default="nl")
    reminders: Mapped[bool] = mapped_column(default=True)
    digests: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def wants(self, category: MailCategory | None) -> bool:
        """Service mail always goes out; a category only while it is switched on."""
        if category is MailCategory.REMINDER:
            return self.reminders
        if category is MailCategory.DIGEST:
            return self.digests
        return True
