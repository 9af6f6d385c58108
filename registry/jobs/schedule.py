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

from flask import current_app
from flask_babel import lazy_gettext as _l

from registry.accounts.service import send_reset_links
from registry.backups.service import BackupUnsupported, make_backup
from registry.clock import AMSTERDAM
from registry.completeness.service import queue_stale_digests
from registry.compliance.reminders import send_reminders
from registry.compliance.service import remove_leavers
from registry.extensions import db
from registry.feed.record_cache import make_day
from registry.jobs.runner import prune_runs
from registry.notifications.delivery import queue_summary, send_pending
from registry.organisations.saved_searches import send_digests
from registry.organisations.signups import remove_abandoned_signups
from registry.reviews.service import expire_marks
from registry.search import sync
from registry.search.thesaurus_store import rebuild_with_saved_thesaurus
from registry.statistics.service import refresh_figures, send_gap_alerts, take_snapshot


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
    # What the job does, in words, for the overview an administrator reads.
    title: str = ""

    @property
    def label(self) -> str:
        return str(self.title or self.name)

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


def _reset_links(now: datetime) -> dict[str, int]:
    return send_reset_links()


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


def _abandoned_signups(now: datetime) -> dict[str, int]:
    return {"removed": remove_abandoned_signups(now, int(current_app.config["ABANDONED_SIGNUP_DAYS"]))}


def _statistics_snapshot(now: datetime) -> dict[str, int]:
    snapshot = take_snapshot(local_day(now))
    return {"month": snapshot.month.month}


def _statistics_refresh(now: datetime) -> dict[str, int]:
    figures = refresh_figures(local_day(now))
    return {"published": figures["totals"]["published"]}


def _thesaurus_reindex(now: datetime) -> dict[str, int]:
    count = rebuild_with_saved_thesaurus(lambda: sync.rebuild(sync.current_store(), db.engine))
    return {"reindexed": count or 0}


def _gap_alerts(now: datetime) -> dict[str, int]:
    return {"queued": send_gap_alerts(local_day(now))}


def _stale_course_digests(now: datetime) -> dict[str, int]:
    return {"queued": queue_stale_digests(local_day(now))}


def _feed_records(now: datetime) -> dict[str, int]:
    return make_day(local_day(now))


def _prune_search_log(_now: datetime) -> dict[str, int]:
    return sync.prune_log(db.engine)


def _prune_runs(now: datetime) -> dict[str, int]:
    return prune_runs(now, frequent_jobs=[job.name for job in JOBS if job.every is not None])


JOBS: tuple[Job, ...] = (
    # Just after midnight: every record of the listing changes with the day (the states of marks).
    Job(
        "feed-records",
        _feed_records,
        daily_at=time(0, 5),
        title=_l("Records van de open-datafeed voor de nieuwe dag maken"),
    ),
    Job(
        "marks-expire",
        _expire_marks,
        daily_at=time(1, 0),
        title=_l("Verlopen keurmerken en accreditaties bijwerken"),
    ),
    Job(
        "backup",
        _backup,
        daily_at=time(2, 30),
        title=_l("Back-up maken"),
    ),
    Job(
        "saved-search-digests",
        _digests,
        daily_at=time(7, 0),
        title=_l("Nieuw aanbod voor gevolgde zoekopdrachten mailen"),
    ),
    Job(
        "compliance-reminders",
        _compliance_reminders,
        daily_at=time(6, 30),
        title=_l("Herinneringen over scholingseisen sturen"),
    ),
    Job(
        "staff-retention",
        _remove_leavers,
        daily_at=time(3, 30),
        title=_l("Gegevens van oud-medewerkers verwijderen"),
    ),
    Job(
        "abandoned-signups",
        _abandoned_signups,
        daily_at=time(3, 45),
        title=_l("Nooit afgemaakte aanmeldingen van organisaties verwijderen"),
    ),
    Job(
        "job-runs-prune",
        _prune_runs,
        daily_at=time(4, 0),
        title=_l("Oude taakverslagen opruimen"),
    ),
    Job(
        "statistics-snapshot", _statistics_snapshot, daily_at=time(3, 0), title=_l("Statistieken vastleggen")
    ),
    Job(
        "gap-alerts",
        _gap_alerts,
        daily_at=time(6, 30),
        weekday=0,
        title=_l("Signalen over ontbrekend aanbod sturen"),
    ),
    Job(
        "stale-course-digests",
        _stale_course_digests,
        daily_at=time(7, 30),
        weekday=0,
        title=_l("Aanbieders wijzen op verouderde opleidingen"),
    ),
    Job(
        "search-log-prune",
        _prune_search_log,
        daily_at=time(4, 15),
        title=_l("Oude regels van het zoeklogboek opruimen"),
    ),
    # Before the outbox, so a reset link asked for goes out in the same minute.
    Job(
        "password-resets",
        _reset_links,
        every=timedelta(minutes=1),
        lease=timedelta(minutes=15),
        attempts=1,
        title=_l("Links om een wachtwoord te kiezen versturen"),
    ),
    Job(
        "outbox-send",
        _outbox,
        every=timedelta(minutes=1),
        lease=timedelta(minutes=15),
        attempts=1,
        title=_l("E-mail versturen"),
    ),
    # Rebuilds the search index only when officials saved another thesaurus.
    Job(
        "thesaurus-reindex",
        _thesaurus_reindex,
        every=timedelta(minutes=5),
        lease=timedelta(hours=1),
        attempts=1,
        title=_l("Zoekindex opnieuw opbouwen na een nieuwe thesaurus"),
    ),
    # Recomputes the statistics only when the catalogue changed; the pages never compute them.
    Job(
        "statistics-refresh",
        _statistics_refresh,
        every=timedelta(minutes=1),
        lease=timedelta(minutes=15),
        attempts=1,
        title=_l("Statistieken bijwerken na een wijziging in het aanbod"),
    ),
)


def job_label(name: str) -> str:
    """What the job called ``name`` does, in words."""
    return next((job.label for job in JOBS if job.name == name), name)


def job_named(name: str) -> Job:
    """:raise KeyError: no such job."""
    return {job.name: job for job in JOBS}[name]
