"""``flask --app registry statistics snapshot`` (daily) and ``statistics gap-alerts`` (weekly)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from registry.statistics.service import send_gap_alerts, take_snapshot

statistics_cli = AppGroup("statistics", help="Figures of the training offer.")
_TODAY = click.option(
    "--today", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Run as if it were this day."
)


@statistics_cli.command("snapshot")
@_TODAY
def snapshot_command(day) -> None:
    """Store today's figures as this month's snapshot and record gaps that opened or closed. Idempotent."""
    snapshot = take_snapshot(day.date() if day else None)
    click.echo(f"Momentopname van {snapshot.month:%m-%Y} bijgewerkt (stand {snapshot.taken_on:%d-%m-%Y}).")


@statistics_cli.command("gap-alerts")
@_TODAY
def gap_alerts_command(day) -> None:
    """E-mail officials the gaps (requirement × province) that opened or closed since the last alert."""
    click.echo(f"{send_gap_alerts(day.date() if day else None)} e-mails klaargezet.")
