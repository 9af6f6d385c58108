"""`flask --app registry marks expire` (daily) and `flask --app registry outbox send`."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from registry.notifications.service import send_pending
from registry.reviews.service import expire_marks

marks_cli = AppGroup("marks", help="Quality marks and accreditations.")
outbox_cli = AppGroup("outbox", help="Queued e-mails.")


@marks_cli.command("expire")
@click.option(
    "--today", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Run as if it were this day."
)
def expire_command(day) -> None:
    """Expire marks past their date and queue renewal reminders (60 and 14 days ahead). Idempotent."""
    result = expire_marks(day.date() if day else None)
    click.echo(f"{result['expired']} verlopen, {result['reminders']} herinneringen klaargezet.")


@outbox_cli.command("send")
@click.option("--limit", default=100, show_default=True)
def send_command(limit: int) -> None:
    """Send queued e-mails (SMTP when MAIL_SERVER is set, else to the log)."""
    click.echo(f"{send_pending(limit)} e-mails verstuurd.")
