"""Two clock processes against one database for a simulated week: every job once a day, every
reminder delivered once."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from registry.extensions import db
from registry.jobs.models import JobRun, RunOutcome
from registry.jobs.schedule import JOBS
from registry.notifications.models import MessageStatus, OutboxMessage
from registry.reviews.models import ReviewState
from tests.factories import case_in_state, make_mark
from tests.smtp_server import registry_process

START = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)
END = START + timedelta(days=7)
# Four rounds a simulated day (00:30, 06:30, 12:30, 18:30 UTC) keep the test to seconds and still
# pass every daily slot (00:00, 01:30, 03:00 and 06:00 UTC in winter).
STEP_MINUTES = 360
FIRST_DAY = date(2026, 12, 1)


def test_a_week_on_two_hosts(app, people, inbox, database_url, test_config):
    marks = {}
    for name, days in (("zestig", 62), ("beide", 17), ("veertien", 3)):
        marks[name] = make_mark(
            course=case_in_state(people, ReviewState.DRAFT).course,
            awarded_on=date(2024, 1, 1),
            valid_until=FIRST_DAY + timedelta(days=days),
        )
    db.session.commit()

    args = [
        "jobs",
        "run",
        "--now",
        START.isoformat(),
        "--until",
        END.isoformat(),
        "--step",
        str(STEP_MINUTES),
    ]
    hosts = [registry_process(args, database_url, test_config, app.config["MAIL_PORT"]) for _ in range(2)]
    outputs = [host.communicate(timeout=120) for host in hosts]
    assert [host.returncode for host in hosts] == [0, 0], outputs

    timed = [job for job in JOBS if job.daily_at is not None]
    runs = db.session.scalars(sa.select(JobRun).where(JobRun.job.in_([job.name for job in timed]))).all()
    for job in timed:
        slots = sorted(run.due_at for run in runs if run.job == job.name)
        rounds = range(0, 7 * 24 * 60 + 1, STEP_MINUTES)
        expected = sorted({job.due_slot(START + timedelta(minutes=m)) for m in rounds})
        # A daily job: the slot begun before the start and one on each of the seven days. A weekly
        # (Monday) job: the Monday before the start and the Monday inside the week.
        assert len(expected) == (8 if job.weekday is None else 2), job.name
        assert slots == expected, job.name  # one run per slot: none missed, none twice (unique claim)
    assert {run.outcome for run in runs} == {RunOutcome.OK}, [
        (r.job, r.error[-600:]) for r in runs if r.error
    ]
    assert len({run.host for run in runs}) >= 1

    reminders = Counter(
        (m["To"], m["Subject"]) for m in inbox.messages if m["Subject"].startswith("Verleng op tijd")
    )
    member = people.member.email
    assert reminders == {
        (member, "Verleng op tijd: ‘Kinder-EHBO basis’ verloopt over 60 dagen"): 1,  # 'zestig' on day 3
        (member, "Verleng op tijd: ‘Kinder-EHBO basis’ verloopt over 17 dagen"): 1,  # 'beide', term 60
        (member, "Verleng op tijd: ‘Kinder-EHBO basis’ verloopt over 14 dagen"): 1,  # 'beide', term 14
        (member, "Verleng op tijd: ‘Kinder-EHBO basis’ verloopt over 3 dagen"): 1,  # 'veertien', term 14
    }
    statuses = db.session.scalars(sa.select(OutboxMessage.status)).all()
    assert set(statuses) == {MessageStatus.SENT}
    assert len(inbox.messages) == len(statuses)  # nothing queued went out twice
    assert len({m["Message-ID"] for m in inbox.messages}) == len(inbox.messages)
