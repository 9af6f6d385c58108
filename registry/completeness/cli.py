"""``flask courses stale-digest``: queue now the weekly e-mail the job ``stale-course-digests`` sends."""

import click
from flask.cli import AppGroup

from registry.clock import today
from registry.completeness.service import queue_stale_digests

courses_cli = AppGroup("courses", help="Course data quality.")


@courses_cli.command("stale-digest")
def stale_digest_command() -> None:
    """Queue one digest per provider with stale courses (at most once a week)."""
    click.echo(f"{queue_stale_digests(today())} digest(s) queued.")
