"""Queueing e-mails, and sending what is queued: by SMTP when configured, to the log otherwise."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app

from registry.clock import utcnow
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from registry.transactions import unit_of_work


def queue_email(recipient: str, subject: str, body: str, *, dedup_key: str | None = None) -> bool:
    """Add an e-mail to the current transaction; returns False when ``dedup_key`` was already queued."""
    if dedup_key and db.session.scalar(
        sa.select(OutboxMessage.id).where(OutboxMessage.dedup_key == dedup_key)
    ):
        return False
    db.session.add(OutboxMessage(recipient=recipient, subject=subject, body=body, dedup_key=dedup_key))
    return True


def send_pending(limit: int = 100) -> int:
    """Send up to ``limit`` queued e-mails; failures stay queued with their error. Returns the number sent."""
    pending = db.session.scalars(
        sa.select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < 10)
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    sent = 0
    for message in pending:
        with unit_of_work():  # one message at a time, so a crash never resends what went out
            message.attempts += 1
            try:
                _deliver(message)
            except (OSError, smtplib.SMTPException) as error:
                message.last_error = str(error)
            else:
                message.sent_at = utcnow()
                sent += 1
    return sent


def _deliver(message: OutboxMessage) -> None:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        current_app.logger.info("E-mail to %s: %s\n%s", message.recipient, message.subject, message.body)
        return
    email = EmailMessage()
    email["From"] = config.get("MAIL_FROM", "noreply@scholingsregister.example")
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
    with smtplib.SMTP(config["MAIL_SERVER"], int(config.get("MAIL_PORT", 25)), timeout=30) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
        smtp.send_message(email)
