"""``flask --app registry backup make|list|restore FILE``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from registry.backups import service
from registry.errors import ValidationFailed

backup_cli = AppGroup("backup", help="Reservekopieën van de ingebouwde SQLite-database.")


@backup_cli.command("make")
def make_command() -> None:
    """Make a consistent backup now (the nightly job does the same) and prune old ones."""
    try:
        path = service.make_backup()
    except service.BackupUnsupported as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"Reservekopie gemaakt: {path}")


@backup_cli.command("list")
def list_command() -> None:
    """The backups in the backup folder, newest first."""
    for path in sorted(service.backup_dir().glob(f"{service.PREFIX}*{service.SUFFIX}"), reverse=True):
        click.echo(f"{path}  {path.stat().st_size // 1024} KiB")


@backup_cli.command("restore")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(file: Path, yes: bool) -> None:
    """Replace the database with FILE (the current one is kept as a backup) and rebuild the index."""
    if not yes:
        click.confirm(f"De huidige database vervangen door {file}?", abort=True)
    try:
        before, indexed = service.restore(file)
    except (ValidationFailed, service.BackupUnsupported) as error:
        click.echo(getattr(error, "message", str(error)), err=True)
        sys.exit(1)
    click.echo(f"Hersteld uit {file}; de vorige database staat in {before}.")
    click.echo(f"Zoekindex opnieuw opgebouwd: {indexed} opleidingen.")
