"""Daily compliance jobs: reminders to administrators, and erasing the records of people who left."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from registry.clock import today
from registry.compliance import reminders, service

compliance_cli = AppGroup("compliance", help="Daily compliance jobs for childcare organisations.")


@compliance_cli.command("reminders")
def reminders_command() -> None:
    """Queue certificate-expiry reminders and red-verdict notices for today."""
    click.echo(f"{reminders.send_reminders(today())} herinnering(en) in de wachtrij.")


@compliance_cli.command("remove-leavers")
def remove_leavers_command() -> None:
    """Erase staff records of people who left longer ago than the retention period."""
    click.echo(f"{service.remove_leavers(today())} oud-medewerker(s) verwijderd.")
