"""Unsubscribing in one click and choosing which e-mails arrive, from links that need no login."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.extensions import db
from registry.notifications.models import MailCategory, MailPreference, OutboxMessage
from registry.notifications.preferences import preferences_token, unsubscribe_token
from registry.notifications.service import queue_email, queue_templated_email

ADDRESS = "aanbieder@example.org"
REMINDER = {"subject": "Kinder-EHBO", "days_left": 14, "valid_until": date(2026, 12, 14)}


def _queue_reminder() -> bool:
    queued = queue_templated_email(ADDRESS, "mark_reminder", REMINDER, category=MailCategory.REMINDER)
    db.session.commit()
    return queued


def test_one_click_post_unsubscribes_without_login_or_form_token(app, client):
    token = unsubscribe_token(ADDRESS, MailCategory.REMINDER)
    page = client.get(f"/e-mail/afmelden/{token}")
    assert page.status_code == 200 and "Afmelden" in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(MailPreference)) is None  # a GET (link scanner) changes nothing

    response = client.post(f"/e-mail/afmelden/{token}", data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    preference = db.session.scalars(sa.select(MailPreference)).one()
    assert (preference.address, preference.reminders, preference.digests) == (ADDRESS, False, True)
    assert db.session.scalar(sa.select(AuditEvent.action)) == "mail_preference.unsubscribed"

    assert _queue_reminder() is False  # switched off: nothing queued
    assert queue_email(ADDRESS, "Uw inloglink", "Service-mail komt altijd aan.") is True


def test_an_altered_link_is_a_dutch_404_and_changes_nothing(app, client):
    token = unsubscribe_token(ADDRESS, MailCategory.DIGEST)
    for path in (f"/e-mail/afmelden/{token}x", f"/e-mail/voorkeuren/{token[:-2]}"):
        response = client.get(path)
        assert response.status_code == 404 and "klopt niet" in response.get_data(as_text=True)
    assert client.post(f"/e-mail/afmelden/{token}x").status_code == 404
    assert db.session.scalar(sa.select(MailPreference)) is None


def test_preferences_page_switches_categories_and_language(app, browser_client):
    path = f"/e-mail/voorkeuren/{preferences_token(ADDRESS)}"
    response = browser_client.post(path, path, {"digests": "on", "language": "en"}, follow_redirects=True)
    assert response.status_code == 200 and "Uw keuze is opgeslagen" in response.get_data(as_text=True)
    preference = db.session.scalars(sa.select(MailPreference)).one()
    assert (preference.reminders, preference.digests, preference.language) == (False, True, "en")

    bad = browser_client.post(path, path, {"language": "fr"})
    assert bad.status_code == 422 and "Kies Nederlands of Engels" in bad.get_data(as_text=True)
    db.session.refresh(preference)
    assert preference.language == "en"

    preference.reminders = True
    db.session.commit()
    assert _queue_reminder()
    message = db.session.scalars(sa.select(OutboxMessage)).one()
    assert message.subject.startswith("Renew in time") and 'lang="en"' in message.body_html
