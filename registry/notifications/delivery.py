"""Sending the outbox exactly once: claim a message, send it, mark it sent, all keyed by the claim.

A message is claimed with one conditional UPDATE (``status`` still pending, row count 1), so of two
senders only one gets it, on SQLite and PostgreSQL alike; PostgreSQL also skips rows another sender has
locked. A claim is a lease: a sender that dies leaves its message ``sending`` until the lease lapses,
then another sender takes it over. The one window SMTP cannot close (the server accepted the message,
the sender died before recording it, RFC 1047) is one UPDATE long; the stable Message-ID lets the
receiving side recognise the rare copy.
"""

from __future__ import annotations

import secrets
import smtplib
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from registry.clock import utcnow
from registry.extensions import db
from registry.notifications.mailer import Mailer, PermanentFailure, TemporaryFailure
from registry.notifications.models import MessageStatus, OutboxMessage

MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: 1, 2, 4 … minutes after each temporary failure, at most six hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def lease() -> timedelta:
    """How long a claim holds (``OUTBOX_LEASE_SECONDS``, ten minutes unless set)."""
    return timedelta(seconds=float(current_app.config.get("OUTBOX_LEASE_SECONDS", 600)))


def claimable(now: datetime) -> sa.ColumnElement[bool]:
    """Pending and due at ``now``, or claimed by a sender whose lease has lapsed (it died or hung).

    Leases run on the wall clock even when ``now`` is moved (tests, rehearsals): a sender that is
    ahead in simulated time must never take a message from one that is still sending it.
    """
    return sa.or_(
        sa.and_(
            OutboxMessage.status == MessageStatus.PENDING,
            sa.or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
        ),
        sa.and_(OutboxMessage.status == MessageStatus.SENDING, OutboxMessage.claimed_until < utcnow()),
    )


def claim_next(now: datetime) -> tuple[OutboxMessage, str] | None:
    """Claim the oldest claimable message for this sender, committed before anything is sent."""
    candidates = db.session.scalars(
        sa.select(OutboxMessage.id)
        .where(claimable(now))
        .order_by(OutboxMessage.id)
        .limit(10)
        .with_for_update(skip_locked=True)  # PostgreSQL: pass over rows another sender holds
    ).all()
    for message_id in candidates:
        token = secrets.token_hex(16)
        claimed = db.session.execute(
            sa.update(OutboxMessage)
            .where(OutboxMessage.id == message_id, claimable(now))
            .values(
                status=MessageStatus.SENDING,
                claimed_until=utcnow() + lease(),
                claim_token=token,
                attempts=OutboxMessage.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount == 1:
            db.session.commit()
            message = db.session.get(OutboxMessage, message_id, populate_existing=True)
            return message, token
    db.session.commit()
    return None


def _settle(message_id: int, token: str, **values) -> bool:
    """Record the outcome, but only while the claim is still ours (a lapsed lease may be someone else's)."""
    settled = db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.claim_token == token)
        .values(claimed_until=None, claim_token=None, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return settled.rowcount == 1


def send_pending(limit: int = 100, now: datetime | None = None) -> int:
    """Send up to ``limit`` claimable e-mails; returns the number sent.

    Temporary failures (4xx, no connection) wait with backoff; permanent ones (5xx) are parked.
    """
    now = now or utcnow()
    sent = 0
    with Mailer(current_app.config) as mailer:
        for _ in range(limit):
            claim = claim_next(now)
            if claim is None:
                break
            message, token = claim
            try:
                mailer.send(message)
            except PermanentFailure as error:
                _settle(message.id, token, status=MessageStatus.PARKED, last_error=str(error))
            except (TemporaryFailure, OSError, smtplib.SMTPException) as error:
                parked = message.attempts >= MAX_ATTEMPTS
                _settle(
                    message.id,
                    token,
                    status=MessageStatus.PARKED if parked else MessageStatus.PENDING,
                    next_attempt_at=now + retry_delay(message.attempts),
                    last_error=str(error),
                )
                if mailer.broken:
                    break  # the server is unreachable: leave the rest for the next run untouched
            else:
                if not _settle(message.id, token, status=MessageStatus.SENT, sent_at=now, last_error=""):
                    current_app.logger.warning("Outbox message %s was reclaimed while being sent", message.id)
                sent += 1
    return sent


def queue_summary() -> dict[str, int]:
    """Number of messages per status, for the admin page and the job log."""
    rows = db.session.execute(
        sa.select(OutboxMessage.status, sa.func.count()).group_by(OutboxMessage.status)
    ).all()
    counts = {status.value: 0 for status in MessageStatus}
    counts.update({status.value: number for status, number in rows})
    return counts
