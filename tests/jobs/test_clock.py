"""The clock: slots, one claim per job and slot, takeover of dead runs, retries, catch-up."""

from __future__ import annotations

import time as time_module
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from registry.extensions import db
from registry.jobs import runner
from registry.jobs.models import JobRun, RunOutcome
from registry.jobs.schedule import JOBS, Job

DAY = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _runs(name: str) -> list[JobRun]:
    return list(db.session.scalars(sa.select(JobRun).where(JobRun.job == name).order_by(JobRun.due_at)))


def test_daily_slots_are_dutch_local_times_across_daylight_saving():
    job = Job("x", lambda now: {}, daily_at=time(1, 0))
    assert job.due_slot(datetime(2026, 12, 1, 0, 30, tzinfo=UTC)) == datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    assert job.due_slot(datetime(2026, 11, 30, 23, 59, tzinfo=UTC)) == datetime(
        2026, 11, 30, 0, 0, tzinfo=UTC
    )
    assert job.due_slot(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)) == datetime(2026, 6, 30, 23, 0, tzinfo=UTC)
    assert job.next_slot(datetime(2026, 12, 1, 0, 30, tzinfo=UTC)) == datetime(2026, 12, 2, 0, 0, tzinfo=UTC)
    every = Job("y", lambda now: {}, every=timedelta(minutes=1))
    assert every.due_slot(datetime(2026, 12, 1, 8, 7, 42, tzinfo=UTC)) == datetime(
        2026, 12, 1, 8, 7, tzinfo=UTC
    )


def test_each_slot_runs_once_and_a_second_host_moves_on(app):
    calls = []
    job = Job("tel", lambda now: calls.append(now) or {"done": 1}, daily_at=time(6, 0))
    assert runner.run_due([job], DAY, "host-a") == {"tel": RunOutcome.OK}
    assert runner.run_due([job], DAY + timedelta(minutes=5), "host-b") == {}
    [run] = _runs("tel")
    assert (run.host, run.outcome, run.counts, run.attempt) == ("host-a", RunOutcome.OK, {"done": 1}, 1)
    assert run.finished_at >= run.started_at and len(calls) == 1


def test_missed_days_are_caught_up_in_one_run_of_the_latest_slot(app):
    job = Job("tel", lambda now: {}, daily_at=time(6, 0))
    runner.run_due([job], DAY, "host-a")
    runner.run_due([job], DAY + timedelta(days=3, hours=1), "host-a")  # the clock was down three days
    assert [run.due_at.date().isoformat() for run in _runs("tel")] == ["2026-12-01", "2026-12-04"]


def test_a_failed_run_is_recorded_and_retried_later_in_its_slot(app):
    attempts = []

    def flaky(now):
        attempts.append(now)
        if len(attempts) == 1:
            raise RuntimeError("database weg")
        return {"ok": 1}

    job = Job("wankel", flaky, daily_at=time(6, 0), retry_after=timedelta(seconds=0.3))
    assert runner.run_due([job], DAY, "a") == {"wankel": RunOutcome.FAILED}
    [run] = _runs("wankel")
    assert run.outcome is RunOutcome.FAILED and "database weg" in run.error
    assert runner.run_due([job], DAY, "b") == {}  # too soon
    time_module.sleep(0.4)  # retry and lease times are wall-clock, never the moved clock
    assert runner.run_due([job], DAY, "b") == {"wankel": RunOutcome.OK}
    db.session.expire_all()
    [run] = _runs("wankel")
    assert (run.outcome, run.attempt, run.host, run.error) == (RunOutcome.OK, 2, "b", "")


def test_a_run_whose_host_died_is_taken_over_after_its_lease(app):
    job = Job("lang", lambda now: {}, daily_at=time(6, 0), lease=timedelta(seconds=0.3))
    assert runner.claim(job, job.due_slot(DAY), "dood") is not None  # claimed, then the host vanished
    # A host far ahead in moved time still waits for the lease on the wall clock.
    assert runner.run_due([job], DAY + timedelta(hours=5), "b") == {}
    time_module.sleep(0.4)
    assert runner.run_due([job], DAY, "b") == {"lang": RunOutcome.OK}


def test_prune_keeps_a_week_of_minute_runs_and_a_year_of_daily_ones(app):
    for days_ago in (1, 8, 30, 500):
        due = DAY - timedelta(days=days_ago)
        db.session.add_all(
            [
                JobRun(job="outbox-send", due_at=due, host="h", started_at=due, outcome=RunOutcome.OK),
                JobRun(job="marks-expire", due_at=due, host="h", started_at=due, outcome=RunOutcome.OK),
            ]
        )
    db.session.commit()
    assert runner.prune_runs(DAY, ["outbox-send"]) == {"removed": 4}
    assert len(_runs("outbox-send")) == 1 and len(_runs("marks-expire")) == 3


def test_a_weekly_slot_falls_on_its_weekday():
    monday = Job("w", lambda now: {}, daily_at=time(6, 30), weekday=0)
    # Wednesday 2 December 2026, 12:00 UTC: the latest Monday slot is 30 November, 06:30 in Amsterdam.
    wednesday = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    assert monday.due_slot(wednesday) == datetime(2026, 11, 30, 5, 30, tzinfo=UTC)
    assert monday.next_slot(wednesday) == datetime(2026, 12, 7, 5, 30, tzinfo=UTC)
    # Monday before 06:30 still belongs to the previous week's slot.
    assert monday.due_slot(datetime(2026, 12, 7, 5, 0, tzinfo=UTC)) == datetime(
        2026, 11, 30, 5, 30, tzinfo=UTC
    )


def test_every_job_has_a_unique_name_and_one_timing():
    names = [job.name for job in JOBS]
    assert len(names) == len(set(names))
    assert all((job.daily_at is None) != (job.every is None) for job in JOBS)
    assert all(job.weekday is None or job.daily_at is not None for job in JOBS)
    assert {"statistics-snapshot", "gap-alerts"} <= set(names)


def test_cli_once_and_simulated_time(app):
    cli = app.test_cli_runner()
    result = cli.invoke(args=["jobs", "run", "--job", "job-runs-prune", "--now", "2026-12-01T12:00"])
    assert result.exit_code == 0
    result = cli.invoke(
        args=[
            "jobs",
            "run",
            "--job",
            "job-runs-prune",
            "--now",
            "2026-12-01T12:00",
            "--until",
            "2026-12-04T12:00",
        ]
    )
    assert result.exit_code == 0 and "3 taken uitgevoerd" in result.output, result.output
    assert len(_runs("job-runs-prune")) == 4
    unknown = cli.invoke(args=["jobs", "run", "--job", "bestaat-niet", "--once"])
    assert unknown.exit_code == 2 and "onbekende taak" in unknown.output


def test_the_clock_keeps_going_when_a_round_fails_and_stops_on_request(app):
    rounds: list[int] = []

    class FailsFirstRound(Job):
        def due_slot(self, now):
            rounds.append(1)
            if len(rounds) == 1:
                raise RuntimeError("database locked")  # as a lost connection would, outside any job
            return super().due_slot(now)

    job = FailsFirstRound("tel", lambda now: {}, every=timedelta(minutes=1))
    waits: list[float] = []
    runner.serve([job], "h", should_stop=lambda: len(waits) >= 2, wait=waits.append)
    assert len(_runs("tel")) == 1 and all(1.0 <= w <= 60.0 for w in waits)
