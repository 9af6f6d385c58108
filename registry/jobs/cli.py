"""``flask --app registry jobs run`` (the ``clock`` process) and ``jobs list``."""

from __future__ import annotations

import signal
import threading
from datetime import UTC, datetime, timedelta

import click
from flask.cli import AppGroup

from registry.jobs import runner, service
from registry.jobs.schedule import JOBS, job_named

jobs_cli = AppGroup("jobs", help="Terugkerende achtergrondtaken.")


def _instant(value: str | None) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@jobs_cli.command("run")
@click.option(
    "--now", "start", default=None, help="Act as if it were this instant (ISO 8601, UTC if no offset)."
)
@click.option("--until", default=None, help="With --now: move time up to this instant instead of waiting.")
@click.option("--step", default=60, show_default=True, help="Minutes to move time per round with --until.")
@click.option("--once", is_flag=True, help="Run what is due once and stop (implied by --now alone).")
@click.option("--job", "only", multiple=True, help="Only these jobs (default: all).")
def run_command(start: str | None, until: str | None, step: int, once: bool, only: tuple[str, ...]) -> None:
    """Run every recurring job at its time; safe to run on several hosts at once."""
    try:
        jobs = tuple(job_named(name) for name in only) if only else JOBS
    except KeyError as error:
        raise click.BadParameter(f"onbekende taak {error}", param_hint="--job") from error
    host = runner.host_name()
    start_at, until_at = _instant(start), _instant(until)
    if until_at is not None:
        runs = runner.simulate(jobs, start_at or datetime.now(UTC), until_at, timedelta(minutes=step), host)
        click.echo(f"{runs} taken uitgevoerd door {host}.")
        return
    if once or start_at is not None:  # a moved clock runs what is due then, it does not wait for real time
        ran = runner.run_due(jobs, start_at or datetime.now(UTC), host)
        click.echo(", ".join(f"{name}: {outcome.value}" for name, outcome in ran.items()) or "Niets te doen.")
        return
    stop = threading.Event()
    # The platform stops the clock with SIGTERM: finish the job at hand, then leave.
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    click.echo(f"Klok gestart op {host}: {', '.join(job.name for job in jobs)}.")
    runner.serve(jobs, host, stop.is_set, stop.wait)


@jobs_cli.command("list")
def list_command() -> None:
    """Every job, when it is next due, and how its last run went."""
    for row in service.schedule_overview(datetime.now(UTC)):
        last = row.last_run
        outcome = f"{last.outcome.value} {last.started_at:%Y-%m-%d %H:%M}" if last else "nog nooit"
        click.echo(f"{row.job.name:24} volgende {row.next_at:%Y-%m-%d %H:%M} UTC  laatste: {outcome}")
