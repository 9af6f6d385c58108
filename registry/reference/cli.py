"""`flask --app registry reference load`: apply the reference data files (safe to run on every release)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from registry.clock import today
from registry.errors import ValidationFailed
from registry.reference.loader import load_reference

reference_cli = AppGroup("reference", help="De referentiegegevens (thema's, eisen, regelingen).")


@reference_cli.command("load")
def load_command() -> None:
    """Add new and update changed reference entries; keep what officials changed; retire, never delete."""
    try:
        report = load_reference(today())
    except ValidationFailed as error:
        raise click.ClickException(error.message) from error
    click.echo(
        f"Referentiegegevens: {len(report.added)} toegevoegd, {len(report.updated)} bijgewerkt, "
        f"{len(report.retired)} buiten gebruik gesteld."
    )
    for line in report.added + report.updated + report.retired:
        click.echo(f"  {line}")
    if report.conflicts:
        click.echo(f"{len(report.conflicts)} door beheerders gewijzigde velden wijken af van de bestanden:")
        for conflict in report.conflicts:
            click.echo(
                f"  {conflict.vocabulary} {conflict.key} {conflict.field}: "
                f"in het register {conflict.current!r}, in het bestand {conflict.in_file!r}"
            )
