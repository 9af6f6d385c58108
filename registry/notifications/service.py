"""Queueing e-mails: a plain-text and an HTML part, in the recipient's language, only if wanted."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from registry.extensions import db
from registry.notifications.delivery import send_pending
from registry.notifications.models import MailCategory, OutboxMessage
from registry.notifications.preferences import preference_for, preferences_url, unsubscribe_url

__all__ = ["queue_email", "queue_templated_email", "send_pending"]


def queue_email(
    recipient: str,
    subject: str,
    body: str,
    *,
    dedup_key: str | None = None,
    category: MailCategory | None = None,
) -> bool:
    """Add an e-mail to the current transaction; the HTML part is the text in the registry's layout.

    Returns False when ``dedup_key`` was already queued or the recipient switched ``category`` off.
    """
    if not _should_queue(recipient, category, dedup_key):
        return False
    links = _links(recipient, category)
    html = render_template("mail/plain.html", mail_subject=subject, paragraphs=body.split("\n\n"), **links)
    _add(recipient, subject, body + _text_footer(links), html, category, dedup_key)
    return True


def queue_templated_email(
    recipient: str,
    template: str,
    context: dict[str, Any],
    *,
    dedup_key: str | None = None,
    category: MailCategory | None = None,
) -> bool:
    """Queue ``templates/mail/<template>.txt`` (subject line, blank line, text) and ``.html``,
    rendered in the language the recipient chose. Returns False as :func:`queue_email` does."""
    if not _should_queue(recipient, category, dedup_key):
        return False
    links = _links(recipient, category)
    language = preference_for(recipient).language
    with force_locale(language):
        subject, _, text = render_template(f"mail/{template}.txt", **context, **links).partition("\n\n")
        html = render_template(
            f"mail/{template}.html", mail_subject=subject.strip(), language=language, **context, **links
        )
        text += _text_footer(links)
    _add(recipient, subject.strip(), text, html, category, dedup_key)
    return True


def _should_queue(recipient: str, category: MailCategory | None, dedup_key: str | None) -> bool:
    if dedup_key and db.session.scalar(
        sa.select(OutboxMessage.id).where(OutboxMessage.dedup_key == dedup_key)
    ):
        return False
    return preference_for(recipient).wants(category)


def _links(recipient: str, category: MailCategory | None) -> dict[str, str | None]:
    return {
        "preferences_url": preferences_url(recipient),
        "unsubscribe_url": unsubscribe_url(recipient, category) if category else None,
    }


def _text_footer(links: dict[str, str | None]) -> str:
    lines = ["", "-- ", _("Scholingsregister Kinderopvang")]
    if links["unsubscribe_url"]:
        lines.append(_("Afmelden voor deze e-mails: %(url)s", url=links["unsubscribe_url"]))
    lines.append(_("Kiezen welke e-mails u ontvangt: %(url)s", url=links["preferences_url"]))
    return "\n".join(lines) + "\n"


def _add(
    recipient: str,
    subject: str,
    text: str,
    html: str,
    category: MailCategory | None,
    dedup_key: str | None,
) -> None:
    db.session.add(
        OutboxMessage(
            recipient=recipient,
            subject=subject[:200],
            body=text,
            body_html=html,
            category=category,
            dedup_key=dedup_key,
        )
    )
