"""What the admin page shows of the background work, and the one thing it can do: retry a message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from registry.accounts.models import User
from registry.audit.service import record
from registry.errors import InvalidTransition, NotFound
from registry.extensions import db
from registry.jobs.models import JobRun
from registry.jobs.permissions import require_background_admin
from registry.jobs.schedule import JOBS, Job
from registry.notifications.delivery import queue_summary
from registry.notifications.models import MessageStatus, OutboxMessage
from registry.transactions import unit_of_work


@dataclass
class ScheduledJob:
    job: Job
    next_at: datetime
    last_run: JobRun | None


@dataclass
class BackgroundOverview:
    schedule: list[ScheduledJob]
    recent_runs: list[JobRun]
    outbox_counts: dict[str, int]
    problems: list[OutboxMessage]  # parked, or waiting to be retried after an error
    waiting: list[OutboxMessage]


def schedule_overview(now: datetime) -> list[ScheduledJob]:
    """Each job with its next slot and its latest run (for the CLI and the admin page)."""
    rows = []
    for job in JOBS:
        last = db.session.scalars(
            sa.select(JobRun).where(JobRun.job == job.name).order_by(JobRun.due_at.desc()).limit(1)
        ).first()
        rows.append(ScheduledJob(job=job, next_at=job.next_slot(now), last_run=last))
    return rows


def _recent_runs(shown: int = 50) -> list[JobRun]:
    """The latest runs, leaving out the minute-by-minute runs that had nothing to send."""
    runs = db.session.scalars(sa.select(JobRun).order_by(JobRun.started_at.desc()).limit(shown * 6))
    frequent = {job.name for job in JOBS if job.every is not None}
    useful = [run for run in runs if run.job not in frequent or run.counts.get("sent") or run.error]
    return useful[:shown]


def background_overview(user: User | None, now: datetime) -> BackgroundOverview:
    """Everything an admin needs to see whether mail goes out and the daily work is done."""
    require_background_admin(user)
    return BackgroundOverview(
        schedule=schedule_overview(now),
        recent_runs=_recent_runs(),
        outbox_counts=queue_summary(),
        problems=list(
            db.session.scalars(
                sa.select(OutboxMessage)
                .where(
                    sa.or_(
                        OutboxMessage.status == MessageStatus.PARKED,
                        sa.and_(OutboxMessage.status != MessageStatus.SENT, OutboxMessage.last_error != ""),
                    )
                )
                .order_by(OutboxMessage.id.desc())
                .limit(100)
            )
        ),
        waiting=list(
            db.session.scalars(
                sa.select(OutboxMessage)
                .where(OutboxMessage.status.in_([MessageStatus.PENDING, MessageStatus.SENDING]))
                .order_by(OutboxMessage.id)
                .limit(50)
            )
        ),
    )


def retry_message(user: User | None, message_id: int) -> OutboxMessage:
    """Put a parked message back in the queue (after the address or the server was fixed); audited.

    :raise NotFound: no such message.
    :raise InvalidTransition: the message is not parked.
    """
    require_background_admin(user)
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        raise NotFound(_("Dit bericht bestaat niet."))
    if message.status is not MessageStatus.PARKED:
        raise InvalidTransition(_("Alleen een geparkeerd bericht kan opnieuw worden verstuurd."))
    with unit_of_work():
        message.status, message.next_attempt_at, message.attempts = MessageStatus.PENDING, None, 0
        record(
            "outbox_message.requeued",
            "outbox_message",
            message.id,
            actor_id=user.id,
            before={"status": "parked", "last_error": message.last_error},
            after={"status": "pending"},
        )
    return message
