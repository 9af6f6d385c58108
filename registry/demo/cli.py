"""`flask --app registry demo-data`: load a realistic demo sector into an empty registry."""

from __future__ import annotations

import os
import sys
from datetime import date

import click
from flask.cli import with_appcontext

from registry.clock import today
from registry.demo.generator import load_demo_sector, registry_has_data
from registry.demo.people import DEMO_ACCOUNTS, load_demo_people
from registry.errors import ValidationFailed


@click.command("demo-data")
@click.option(
    "--courses", default=300, show_default=True, type=click.IntRange(min=1), help="Number of courses."
)
@click.option(
    "--seed", default=2026, show_default=True, help="Random seed; the same seed gives the same sector."
)
@click.option(
    "--today",
    "today_text",
    default=None,
    help="Date the sector is built around (YYYY-MM-DD); defaults to today.",
)
@click.option("--batch-size", default=1000, show_default=True, type=click.IntRange(min=1, max=10_000))
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when the registry already has data.")
@with_appcontext
def demo_data_command(
    courses: int, seed: int, today_text: str | None, batch_size: int, if_empty: bool
) -> None:
    """Create fictional providers, courses, runs and marks, and the real schemes, in an empty registry."""
    if if_empty and registry_has_data():
        click.echo("Het register bevat al gegevens; demogegevens overgeslagen.")
        return
    try:
        day = date.fromisoformat(today_text) if today_text else today()
    except ValueError as error:
        raise click.BadParameter("use YYYY-MM-DD", param_hint="--today") from error
    with click.progressbar(length=courses, label="Opleidingen aanmaken", file=sys.stderr) as bar:
        try:
            summary = load_demo_sector(
                courses=courses, seed=seed, today=day, batch_size=batch_size, progress=bar.update
            )
        except ValidationFailed as error:
            raise click.ClickException(error.message) from error
    password = load_demo_people(os.environ.get("REGISTRY_DEMO_PASSWORD"))
    click.echo("Demo-accounts: " + ", ".join(email for email, _role, _name in DEMO_ACCOUNTS))
    click.echo(f"Wachtwoord van de demo-accounts (wordt niet opgeslagen): {password}")
    click.echo(
        f"{summary.providers} aanbieders, {summary.courses} opleidingen, {summary.runs} uitvoeringen "
        f"en {summary.marks} keurmerken/accreditaties aangemaakt."
    )
