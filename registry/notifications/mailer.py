"""One SMTP conversation per batch, and the e-mail as it leaves: two parts, sender name, list headers."""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import Any

from flask import current_app

from registry.notifications.models import OutboxMessage
from registry.notifications.preferences import unsubscribe_url


class TemporaryFailure(Exception):
    """The server said "not now" (4xx) or could not be reached: try again later."""


class PermanentFailure(Exception):
    """The server refused the message for good (5xx): sending it again would not help."""


def build_message(message: OutboxMessage, config: Mapping[str, Any]) -> EmailMessage:
    """The e-mail as sent: plain text and HTML, the registry as sender, one-click unsubscribe."""
    sender = config.get("MAIL_FROM", "noreply@scholingsregister.example")
    email = EmailMessage()
    email["From"] = formataddr((config.get("MAIL_FROM_NAME", "Scholingsregister Kinderopvang"), sender))
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    # Stable per message, so a copy sent in SMTP's unavoidable window is recognisable as the same one.
    email["Message-ID"] = f"<outbox.{message.id}.{message.created_at:%Y%m%d%H%M%S}@{sender.split('@')[-1]}>"
    email["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to a robot
    if message.category is not None:
        email["List-Unsubscribe"] = f"<{unsubscribe_url(message.recipient, message.category)}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    email.set_content(message.body)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    return email


class Mailer:
    """Opens the SMTP connection on the first message and reuses it for the batch."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.config = config
        self.smtp: smtplib.SMTP | None = None
        self.broken = False

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.smtp is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.smtp.quit()

    def send(self, message: OutboxMessage) -> None:
        """Hand one message to the server, or to the log when no server is configured (development).

        :raise PermanentFailure: a 5xx answer to the sender, a recipient or the content.
        :raise TemporaryFailure: a 4xx answer, or no (working) connection.
        """
        email = build_message(message, self.config)
        if not self.config.get("MAIL_SERVER"):
            current_app.logger.info("E-mail to %s: %s\n%s", message.recipient, message.subject, message.body)
            return
        try:
            self._connection().send_message(email)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _ in error.recipients.values()]
            raise _by_code(min(codes), str(error.recipients)) from error
        except smtplib.SMTPSenderRefused as error:
            # Our own address or session was refused (e.g. TLS required): every message would be.
            self.broken = True
            raise TemporaryFailure(f"{error.smtp_code} {_text(error.smtp_error)}") from error
        except smtplib.SMTPDataError as error:
            raise _by_code(error.smtp_code, _text(error.smtp_error)) from error
        except (OSError, smtplib.SMTPException) as error:
            self._drop()
            raise TemporaryFailure(f"{type(error).__name__}: {error}") from error

    def _connection(self) -> smtplib.SMTP:
        if self.smtp is None:
            config = self.config
            smtp = None
            try:
                smtp = smtplib.SMTP(config["MAIL_SERVER"], int(config.get("MAIL_PORT", 25)), timeout=30)
                if config.get("MAIL_USE_TLS"):
                    smtp.starttls(
                        context=ssl.create_default_context(cafile=config.get("MAIL_CA_FILE") or None)
                    )
                if config.get("MAIL_USERNAME"):
                    smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
            except (OSError, smtplib.SMTPException):
                self.broken = True  # connection, TLS or login trouble concerns every message alike
                if smtp is not None:
                    smtp.close()
                raise
            self.smtp = smtp
        return self.smtp

    def _drop(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.close()
            finally:
                self.smtp = None


def _by_code(code: int, detail: str) -> Exception:
    text = f"{code} {detail}"
    return PermanentFailure(text) if code >= 500 else TemporaryFailure(text)


def _text(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)
