"""The recurring jobs, as data: adding one is one entry in ``JOBS``.

A job is due in slots: ``daily_at`` a local (Amsterdam) time (on ``weekday`` only, for a weekly job), or
``every`` so many minutes. Only the
latest slot that has begun is run; after downtime the missed slots collapse into that one run, and the
jobs themselves catch up on what they missed (a reminder term reached while the clock was down is still
sent, once; a digest covers every day since the previous one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from registry.backups.service import BackupUnsupported, make_backup
from registry.clock import AMSTERDAM
from registry.completeness.service import queue_stale_digests
from registry.compliance.reminders import send_reminders
from registry.compliance.service import remove_leavers
from registry.extensions import db
from registry.jobs.runner import prune_runs
from registry.notifications.delivery import queue_summary, send_pending
from registry.organisations.saved_searches import send_digests
from registry.reviews.service import expire_marks
from registry.search.sync import prune_log
from registry.statistics.service import send_gap_alerts, take_snapshot


def local_day(now: datetime):
    """The Dutch calendar day at instant ``now``."""
    return now.astimezone(AMSTERDAM).date()


@dataclass(frozen=True)
class Job:
    """A recurring job: what it is called, what it runs, and when it is due."""

    name: str
    run: Callable[[datetime], dict[str, int]]
    daily_at: time | None = None
    # With ``daily_at``: run only on this day of the week (Monday is 0), making the job weekly.
    weekday: int | None = None
    every: timedelta | None = None
    # A run still "running" after this long is taken to have died with its host; another may take over.
    lease: timedelta = timedelta(minutes=30)
    # A failed run is tried again after this long, up to ``attempts`` times in its slot.
    retry_after: timedelta = timedelta(minutes=10)
    attempts: int = 3

    def due_slot(self, now: datetime) -> datetime:
        """The start (UTC) of the latest slot that has begun at ``now``."""
        if self.every is not None:
            step = int(self.every.total_seconds())
            return datetime.fromtimestamp(int(now.timestamp()) // step * step, UTC)
        assert self.daily_at is not None
        local = now.astimezone(AMSTERDAM)
        slot = datetime.combine(local.date(), self.daily_at, AMSTERDAM)
        if slot > local:
            slot = datetime.combine(local.date() - timedelta(days=1), self.daily_at, AMSTERDAM)
        if self.weekday is not None:
            back = (slot.weekday() - self.weekday) % 7
            slot = datetime.combine(slot.date() - timedelta(days=back), self.daily_at, AMSTERDAM)
        return slot.astimezone(UTC)

    def next_slot(self, now: datetime) -> datetime:
        """The start (UTC) of the first slot after ``now``."""
        if self.every is not None:
            return self.due_slot(now) + self.every
        local = self.due_slot(now).astimezone(AMSTERDAM)
        days = 1 if self.weekday is None else 7
        return datetime.combine(local.date() + timedelta(days=days), self.daily_at, AMSTERDAM).astimezone(UTC)


def _expire_marks(now: datetime) -> dict[str, int]:
    return expire_marks(local_day(now))


def _digests(now: datetime) -> dict[str, int]:
    return {"queued": send_digests(local_day(now))}


def _outbox(now: datetime) -> dict[str, int]:
    sent = send_pending(limit=500, now=now)
    return {"sent": sent, **queue_summary()}


def _backup(now: datetime) -> dict[str, int]:
    try:
        path = make_backup(now)
    except BackupUnsupported:
        return {"skipped": 1}  # PostgreSQL: pg_dump does this (README)
    return {"bytes": path.stat().st_size}


def _compliance_reminders(now: datetime) -> dict[str, int]:
    return {"queued": send_reminders(local_day(now))}


def _remove_leavers(now: datetime) -> dict[str, int]:
    return {"erased": remove_leavers(local_day(now))}


def _statistics_snapshot(now: datetime) -> dict[str, int]:
    snapshot = take_snapshot(local_day(now))
    return {"month": snapshot.month.month}


def _gap_alerts(now: datetime) -> dict[str, int]:
    return {"queued": send_gap_alerts(local_day(now))}


def _stale_course_digests(now: datetime) -> dict[str, int]:
    return {"queued": queue_stale_digests(local_day(now))}


def _prune_search_log(_now: datetime) -> dict[str, int]:
    return prune_log(db.engine)


def _prune_runs(now: datetime) -> dict[str, int]:
    return prune_runs(now, frequent_jobs=[job.name for job in JOBS if job.every is not None])


JOBS: tuple[Job, ...] = (
    Job("marks-expire", _expire_marks, daily_at=time(1, 0)),
    Job("backup", _backup, daily_at=time(2, 30)),
    Job("saved-search-digests", _digests, daily_at=time(7, 0)),
    Job("compliance-reminders", _compliance_reminders, daily_at=time(6, 30)),
    Job("staff-retention", _remove_leavers, daily_at=time(3, 30)),
    Job("job-runs-prune", _prune_runs, daily_at=time(4, 0)),
    Job("statistics-snapshot", _statistics_snapshot, daily_at=time(3, 0)),
    Job("gap-alerts", _gap_alerts, daily_at=time(6, 30), weekday=0),
    Job("stale-course-digests", _stale_course_digests, daily_at=time(7, 30), weekday=0),
    Job("search-log-prune", _prune_search_log, daily_at=time(4, 15)),
    Job("outbox-send", _outbox, every=timedelta(minutes=1), lease=timedelta(minutes=15), attempts=1),
)


def job_named(name: str) -> Job:
    """:raise KeyError: no such job."""
    return {job.name: job for job in JOBS}[name]
