"""The outbox against a real SMTP server: content and headers, TLS and login, retries, races, crashes."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import sqlalchemy as sa

from registry.clock import utcnow
from registry.extensions import db
from registry.notifications.delivery import send_pending
from registry.notifications.models import MailCategory, MessageStatus, OutboxMessage
from registry.notifications.service import queue_email, queue_templated_email
from tests.smtp_server import PASSWORD, USERNAME, Inbox, registry_process, start_server


def _queue(*addresses: str, category: MailCategory | None = None) -> None:
    for address in addresses:
        queue_email(
            address, f"Bericht voor {address}", f"Hallo {address}.\n\nTweede alinea.", category=category
        )
    db.session.commit()


def _statuses() -> dict[str, MessageStatus]:
    return dict(db.session.execute(sa.select(OutboxMessage.recipient, OutboxMessage.status)).all())


def test_a_reminder_arrives_with_text_html_sender_and_one_click_unsubscribe(app, inbox):
    from datetime import date

    queue_templated_email(
        "aanbieder@example.org",
        "mark_reminder",
        {"subject": "Kinder-EHBO", "days_left": 14, "valid_until": date(2026, 12, 14)},
        category=MailCategory.REMINDER,
    )
    db.session.commit()
    assert send_pending() == 1

    [received] = inbox.messages
    assert received["Subject"] == "Verleng op tijd: ‘Kinder-EHBO’ verloopt over 14 dagen"
    assert received["From"].addresses[0].display_name == "Scholingsregister Kinderopvang"
    assert received["Auto-Submitted"] == "auto-generated"
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = received["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith("http://127.0.0.1:5000/e-mail/afmelden/")
    text = received.get_body(("plain",)).get_content()
    html = received.get_body(("html",)).get_content()
    assert "geldig tot en met 14 december 2026" in text and unsubscribe in text
    assert "geldig tot en met 14 december 2026" in html and "#154273" in html and 'lang="nl"' in html


def test_service_mail_has_no_unsubscribe_header(app, inbox):
    _queue("a@example.org")
    send_pending()
    [received] = inbox.messages
    assert received["List-Unsubscribe"] is None
    assert "Tweede alinea." in received.get_body(("html",)).get_content()


def test_starttls_and_login(app, certificate):
    box = Inbox()
    controller = start_server(box, tls=certificate)
    settings = {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": controller.port,
        "MAIL_USE_TLS": True,
        "MAIL_CA_FILE": str(certificate[0]),
        "MAIL_USERNAME": USERNAME,
    }
    app.config.update(settings, MAIL_PASSWORD="fout")
    try:
        _queue("a@example.org")
        assert send_pending() == 0  # wrong password: nothing sent, the message waits
        assert _statuses()["a@example.org"] is MessageStatus.PENDING and box.messages == []
        app.config["MAIL_PASSWORD"] = PASSWORD
        assert send_pending(now=utcnow() + timedelta(minutes=5)) == 1
        assert [m["To"] for m in box.messages] == ["a@example.org"]
    finally:
        controller.stop()
        for key in [*settings, "MAIL_PASSWORD"]:
            app.config.pop(key)


def test_server_that_requires_tls_refuses_plain_senders(app, certificate):
    box = Inbox()
    controller = start_server(box, tls=certificate)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    try:
        _queue("a@example.org")
        assert send_pending() == 0 and box.messages == []
        message = db.session.scalars(sa.select(OutboxMessage)).one()
        assert message.status is MessageStatus.PENDING and message.last_error
    finally:
        controller.stop()
        app.config.pop("MAIL_SERVER")
        app.config.pop("MAIL_PORT")


def test_temporary_refusal_waits_with_backoff_and_permanent_refusal_is_parked(app, inbox):
    inbox.refuse = {"vol@example.org": "452 Mailbox full", "weg@example.org": "550 No such user"}
    _queue("vol@example.org", "weg@example.org", "goed@example.org")
    now = utcnow()
    assert send_pending(now=now) == 1
    messages = {m.recipient: m for m in db.session.scalars(sa.select(OutboxMessage))}
    assert messages["goed@example.org"].status is MessageStatus.SENT
    assert messages["weg@example.org"].status is MessageStatus.PARKED
    assert "550" in messages["weg@example.org"].last_error
    waiting = messages["vol@example.org"]
    assert waiting.status is MessageStatus.PENDING and "452" in waiting.last_error
    assert waiting.next_attempt_at - now == timedelta(minutes=1)

    assert send_pending(now=now + timedelta(seconds=30)) == 0  # not due yet
    assert send_pending(now=now + timedelta(minutes=2)) == 0  # refused again: two minutes now
    db.session.refresh(waiting)
    assert waiting.attempts == 2 and waiting.next_attempt_at - (now + timedelta(minutes=2)) == timedelta(
        minutes=2
    )
    inbox.refuse.clear()
    assert send_pending(now=now + timedelta(minutes=5)) == 1
    assert sorted(m["To"] for m in inbox.messages) == ["goed@example.org", "vol@example.org"]


def test_two_senders_racing_deliver_each_message_once(app, inbox):
    addresses = [f"r{i}@example.org" for i in range(30)]
    _queue(*addresses)
    counts: list[int] = []

    def sender() -> None:
        with app.app_context():
            counts.append(send_pending())
            db.session.remove()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sum(counts) == 30
    assert sorted(m["To"] for m in inbox.messages) == sorted(addresses)
    assert set(_statuses().values()) == {MessageStatus.SENT}


def test_killing_the_sender_mid_batch_loses_nothing_and_duplicates_nothing(
    app, inbox, database_url, test_config
):
    addresses = [f"k{i}@example.org" for i in range(8)]
    _queue(*addresses)
    inbox.hold_at = "k3@example.org"  # the server keeps the sender waiting at this message
    sender = registry_process(
        ["outbox", "send"],
        database_url,
        test_config,
        app.config["MAIL_PORT"],
        REGISTRY_OUTBOX_LEASE_SECONDS="3",
    )
    try:
        assert inbox.holding.wait(20), sender.stderr.read() if sender.poll() is not None else "no hold"
    finally:
        sender.kill()
        sender.communicate(timeout=10)
    inbox.release.set()
    db.session.expire_all()
    assert sorted(m["To"] for m in inbox.messages) == addresses[:3]
    assert _statuses()["k3@example.org"] is MessageStatus.SENDING  # claimed by the dead sender

    assert send_pending() == 4  # the rest; the dead sender's claim is respected until its lease lapses
    held = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.recipient == "k3@example.org")
    ).one()
    time.sleep(max((held.claimed_until - utcnow()).total_seconds(), 0) + 0.1)
    assert send_pending() == 1
    assert sorted(m["To"] for m in inbox.messages) == addresses
    assert len({m["Message-ID"] for m in inbox.messages}) == 8
    assert set(_statuses().values()) == {MessageStatus.SENT}
