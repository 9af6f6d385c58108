"""Officials extend the search thesaurus in /beheer/thesaurus: checked line by line, audited, and live
for every search once the clock's reindex job has rebuilt the index with it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape

import pytest
import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.catalogue.enums import CourseStatus
from registry.extensions import db
from registry.jobs.models import RunOutcome
from registry.jobs.runner import run_due
from registry.jobs.schedule import job_named
from registry.search import thesaurus_store
from registry.search.thesaurus_store import ThesaurusVersion
from tests.conftest import Browser
from tests.factories import make_course

PAGE = "/beheer/thesaurus"
NEW_LINE = "slaapbeleid | veilig slapen | wiegendood"


@pytest.fixture
def official(app, people) -> Browser:
    browser = Browser(app.test_client())
    browser.login(people.official.email)
    yield browser
    thesaurus_store._make_live(None)  # the next test searches with the shipped thesaurus again


def _text(browser: Browser) -> str:
    page = browser.client.get(PAGE).get_data(as_text=True)
    return unescape(re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', page, re.S).group(1))


def _found(client, words: str) -> list[str]:
    return [hit["title"] for hit in client.get(f"/api/v1/search?q={words}").get_json()["hits"]]


def test_an_official_adds_a_concept_and_search_follows_after_the_reindex_job(app, people, official):
    make_course(people.provider, status=CourseStatus.PUBLISHED, title="Veilig slapen op de babygroep")
    db.session.commit()
    assert _found(official.client, "wiegendood") == []

    text = _text(official)
    assert "baby | zuigeling" in text  # the shipped thesaurus to start from
    saved = official.post(PAGE, PAGE, {"text": text + "\n" + NEW_LINE + "\n"}, follow_redirects=True)
    html = unescape(saved.get_data(as_text=True))
    assert "De thesaurus is opgeslagen" in html and 'data-testid="thesaurus-waiting"' in html
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "thesaurus.saved"))
    assert event.after == {"lines": [NEW_LINE]} and event.before == {"lines": []}
    assert event.actor_id == people.official.id
    assert _found(official.client, "wiegendood") == []  # not before the index carries it

    outcome = run_due([job_named("thesaurus-reindex")], datetime(2026, 12, 1, 12, 0, tzinfo=UTC), "clock")
    assert outcome == {"thesaurus-reindex": RunOutcome.OK}
    assert _found(official.client, "wiegendood") == ["Veilig slapen op de babygroep"]
    assert 'data-testid="thesaurus-live"' in official.client.get(PAGE).get_data(as_text=True)

    # Another process that still searches with the shipped thesaurus follows the live version.
    thesaurus_store._make_live(None)
    thesaurus_store.follow_live_thesaurus(force=True)
    assert _found(official.client, "wiegendood") == ["Veilig slapen op de babygroep"]


def test_a_line_that_cannot_be_read_is_refused_with_its_number_and_nothing_is_saved(official):
    text = _text(official)
    response = official.post(PAGE, PAGE, {"text": text + "\nslaapbeleid | | wiegendood\n"})
    assert response.status_code == 422
    html = unescape(response.get_data(as_text=True))
    assert re.search(r"Niet opgeslagen: regel \d+: een term is leeg", html)
    assert "slaapbeleid | | wiegendood" in html  # the draft is kept for correction
    assert db.session.scalar(sa.select(sa.func.count(ThesaurusVersion.id))) == 0


def test_only_officials_and_admins_keep_the_thesaurus(app, people):
    member = Browser(app.test_client())
    member.login(people.organisation.email)
    assert member.client.get(PAGE).status_code == 403
    assert member.post("/account", PAGE, {"text": NEW_LINE}).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(ThesaurusVersion.id))) == 0
