"""The run log that is also the lock: one row per job and due slot, claimed by exactly one host."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from registry.db_types import UTCDateTime, enum_type
from registry.extensions import db


class RunOutcome(enum.Enum):
    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"


class JobRun(db.Model):
    """One run of one job for one due slot; the unique (job, due_at) pair keeps a second host out."""

    __table_args__ = (sa.UniqueConstraint("job", "due_at", name="uq_job_run_job_due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(sa.String(60))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    host: Mapped[str] = mapped_column(sa.String(200))
    attempt: Mapped[int] = mapped_column(default=1)
    outcome: Mapped[RunOutcome] = mapped_column(enum_type(RunOutcome), default=RunOutcome.RUNNING)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    counts: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    error: Mapped[str] = mapped_column(sa.Text, default="")
