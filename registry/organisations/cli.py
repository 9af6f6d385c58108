"""`flask --app registry searches digest`: daily e-mail of new courses for saved searches."""

import click
from flask.cli import AppGroup

from registry.organisations.saved_searches import send_digests

searches_cli = AppGroup("searches", help="Saved searches.")


@searches_cli.command("digest")
@click.option(
    "--today", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Run as if it were this day."
)
def digest_command(day) -> None:
    """Queue the digest e-mails of saved searches (courses published since the last digest)."""
    click.echo(f"{send_digests(day.date() if day else None)} e-mails klaargezet.")
