"""Completeness score and to-do list, staleness on the public page, and the digest to providers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from registry.catalogue.models import TargetRole
from registry.clock import today
from registry.completeness.service import completeness, queue_stale_digests, staleness
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from tests.factories import make_course, make_run

GOOD_DESCRIPTION = (
    "<p>Leerdoelen: " + "na afloop herkent u gevaarlijke situaties en handelt u rustig. " * 6 + "</p>"
)


def _complete_course(provider):
    role = TargetRole(slug="pm", name="Pedagogisch medewerker")
    db.session.add(role)
    course = make_course(
        provider, description_html=GOOD_DESCRIPTION, certificate_type="Certificaat", target_roles=[role]
    )
    make_run(course, today() + timedelta(days=10))
    db.session.commit()
    return course


def test_a_complete_course_scores_100_and_each_gap_is_listed(people) -> None:
    course = _complete_course(people.provider)
    assert (completeness(course, today()).score, completeness(course, today()).missing) == (100, [])
    course.description_html = "<p>Kort.</p>"
    course.certificate_type = ""
    course.target_roles = []
    course.runs = []
    db.session.commit()
    result = completeness(course, today())
    assert {check.key for check in result.missing} == {
        "learning_goals",
        "description_length",
        "certificate",
        "target_roles",
        "runs_ahead",
    }
    assert result.score == 17  # one of six checks (the price was saved just now)


def test_staleness_after_60_days_without_a_run_and_a_year_without_saving(people) -> None:
    course = _complete_course(people.provider)
    day = today()
    assert not staleness(course, day)
    later = day + timedelta(days=10 + 61)
    assert staleness(course, later).no_run_ahead_since == course.runs[0].starts_on
    assert not staleness(course, later).price_unconfirmed
    assert staleness(course, day + timedelta(days=366)).price_unconfirmed


def test_public_page_marks_stale_data_and_the_provider_sees_the_todo(client, browser_client, people) -> None:
    course = _complete_course(people.provider)
    page = client.get(f"/opleidingen/{course.id}").get_data(as_text=True)
    assert "mogelijk verouderd" not in page
    course.runs = []
    db.session.commit()  # a change stamps the course as changed now; a year passes after it
    db.session.execute(
        sa.update(type(course))
        .where(type(course).id == course.id)
        .values(
            updated_at=datetime.now(UTC) - timedelta(days=400),
            created_at=datetime.now(UTC) - timedelta(days=400),
        )
    )
    db.session.commit()
    page = client.get(f"/opleidingen/{course.id}").get_data(as_text=True)
    assert "mogelijk verouderd" in page and "langer dan een jaar" in page
    browser_client.login(people.member.email)
    dashboard = browser_client.client.get("/aanbieder/").get_data(as_text=True)
    assert "Plan een uitvoering in de toekomst." in dashboard


def test_digest_is_queued_once_a_week_per_provider(people) -> None:
    course = _complete_course(people.provider)
    course.runs = []
    db.session.execute(
        sa.update(type(course))
        .where(type(course).id == course.id)
        .values(created_at=datetime.now(UTC) - timedelta(days=100))
    )
    db.session.commit()
    course.published_at = None
    db.session.commit()
    assert queue_stale_digests(today()) == 1
    message = db.session.scalar(sa.select(OutboxMessage))
    assert message.recipient == people.provider.email and course.title in message.body
    assert queue_stale_digests(today()) == 0  # the same week: not again


def test_the_cli_queues_the_digest(runner, people) -> None:
    _complete_course(people.provider)
    result = runner.invoke(args=["courses", "stale-digest"])
    assert result.exit_code == 0 and "0 digest(s) queued." in result.output
