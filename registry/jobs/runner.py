"""Running due jobs under a database lock: one ``job_run`` row per job and slot, claimed by one host.

The claim is an INSERT against the unique (job, due_at) pair, so on SQLite and PostgreSQL alike a
second host gets an integrity error and moves on. A run left ``running`` past its lease (its host died)
or ``failed`` a while ago may be taken over with one conditional UPDATE whose row count says who won.
"""

from __future__ import annotations

import logging
import os
import socket
import traceback
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from registry.clock import utcnow
from registry.extensions import db
from registry.jobs.models import JobRun, RunOutcome

log = logging.getLogger(__name__)

# Minute-by-minute runs are only worth a week of history; daily ones a year.
KEEP_FREQUENT_RUNS = timedelta(days=7)
KEEP_DAILY_RUNS = timedelta(days=400)


def host_name() -> str:
    """Which process ran a job, as the admin page shows it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def claim(job, slot: datetime, host: str) -> JobRun | None:
    """The run of ``job`` for ``slot`` if this host may do it, else None (another host has it)."""
    # Start, end, lease and retry times are wall-clock even when ``now`` is moved: a host that is ahead
    # in simulated time must not take over a run another host is still doing.
    wall = utcnow()
    db.session.add(JobRun(job=job.name, due_at=slot, host=host, started_at=wall, counts={}))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
    else:
        return _run_of(job.name, slot)
    taken_over = db.session.execute(
        sa.update(JobRun)
        .where(
            JobRun.job == job.name,
            JobRun.due_at == slot,
            sa.or_(
                sa.and_(JobRun.outcome == RunOutcome.RUNNING, JobRun.started_at < wall - job.lease),
                sa.and_(
                    JobRun.outcome == RunOutcome.FAILED,
                    JobRun.finished_at < wall - job.retry_after,
                    JobRun.attempt < job.attempts,
                ),
            ),
        )
        .values(
            host=host,
            started_at=wall,
            outcome=RunOutcome.RUNNING,
            attempt=JobRun.attempt + 1,
            finished_at=None,
            error="",
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return _run_of(job.name, slot) if taken_over.rowcount == 1 else None


def _run_of(name: str, slot: datetime) -> JobRun:
    return db.session.scalars(
        sa.select(JobRun)
        .where(JobRun.job == name, JobRun.due_at == slot)
        .execution_options(populate_existing=True)
    ).one()


def run_job(job, slot: datetime, now: datetime, host: str) -> RunOutcome | None:
    """Claim and run one job for one slot; records start, end, outcome and counts."""
    run = claim(job, slot, host)
    if run is None:
        return None
    run_id = run.id
    try:
        counts = job.run(now)
    except Exception:  # a job's failure is recorded and retried; it must not stop the clock
        db.session.rollback()
        log.exception("Job %s for %s failed", job.name, slot)
        outcome, counts, error = RunOutcome.FAILED, {}, traceback.format_exc()[-4000:]
    else:
        outcome, error = RunOutcome.OK, ""
    finished = utcnow()
    db.session.execute(
        sa.update(JobRun)
        .where(JobRun.id == run_id)
        .values(outcome=outcome, finished_at=finished, counts=dict(counts), error=error)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.remove()  # the next job starts with a fresh session, as a new request would
    return outcome


def run_due(jobs: Iterable, now: datetime, host: str) -> dict[str, RunOutcome]:
    """Run every job whose latest slot this host could claim; returns what this host ran."""
    ran = {}
    for job in jobs:
        outcome = run_job(job, job.due_slot(now), now, host)
        if outcome is not None:
            ran[job.name] = outcome
    return ran


def serve(jobs: Iterable, host: str, should_stop: Callable[[], bool], wait: Callable[[float], None]) -> None:
    """The clock process: run what is due, sleep until the next slot (at most a minute), repeat."""
    jobs = tuple(jobs)
    while not should_stop():
        try:
            run_due(jobs, utcnow(), host)
        except Exception:  # the database was unreachable or locked: try again next round, keep the clock up
            log.exception("The clock could not reach the database")
            db.session.rollback()
            db.session.remove()
        now = utcnow()
        wake = min(job.next_slot(now) for job in jobs)
        wait(min(max((wake - now).total_seconds(), 1.0), 60.0))


def simulate(jobs: Iterable, start: datetime, until: datetime, step: timedelta, host: str) -> int:
    """Move time from ``start`` to ``until`` in ``step``s, running what is due at each: a week of
    the clock in seconds, for tests and rehearsals. Returns the number of runs this host did."""
    jobs = tuple(jobs)
    runs = 0
    now = start
    while now <= until:
        runs += len(run_due(jobs, now, host))
        now += step
    return runs


def prune_runs(now: datetime, frequent_jobs: Iterable[str]) -> dict[str, int]:
    """Forget old run records: frequent jobs' after a week, daily ones' after about a year."""
    frequent = db.session.execute(
        sa.delete(JobRun).where(JobRun.job.in_(list(frequent_jobs)), JobRun.due_at < now - KEEP_FREQUENT_RUNS)
    ).rowcount
    daily = db.session.execute(sa.delete(JobRun).where(JobRun.due_at < now - KEEP_DAILY_RUNS)).rowcount
    db.session.commit()
    return {"removed": frequent + daily}
