"""Saved searches: a new approved course appears in the Atom feed and in the next digest."""

from __future__ import annotations

from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
import sqlalchemy as sa

from registry.clock import today
from registry.errors import NotFound, PermissionDenied, ValidationFailed
from registry.extensions import db
from registry.notifications.models import OutboxMessage
from registry.organisations import saved_searches
from registry.reviews.criteria import COURSE_CRITERIA
from registry.reviews.models import ReviewState
from registry.reviews.workflow import apply_transition
from tests.factories import People, case_in_state, make_course

ATOM = "{http://www.w3.org/2005/Atom}"


def approve_new_course(people: People, title: str) -> int:
    """A provider's draft goes through review and is approved by two officials."""
    review = case_in_state(people, ReviewState.SUBMITTED)
    review.course.title = title
    db.session.commit()
    apply_transition(people.official, review.id, "take")
    review.checklist = dict.fromkeys(COURSE_CRITERIA, True)
    db.session.commit()
    apply_transition(people.official, review.id, "recommend_approve", comment="Goed.")
    apply_transition(people.second_official, review.id, "confirm")
    return review.course_id


def feed_titles(client, saved) -> list[str]:
    response = client.get(f"/zoekopdrachten/{saved.feed_token}.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ElementTree.fromstring(response.data)
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


def test_a_new_approved_course_appears_in_the_feed_without_logging_in(client, people):
    org = people.organisation.organisation_id
    saved = saved_searches.save_search(people.organisation, org, "EHBO", "q=ehbo&pagina=3&sorteer=prijs")
    assert saved.query == "q=ehbo"  # paging and sorting are not part of what is followed
    make_course(people.provider, title="Babyscholing")  # does not match
    db.session.commit()
    assert feed_titles(client, saved) == []

    approve_new_course(people, "Kinder-EHBO voor de dagopvang")
    assert feed_titles(client, saved) == ["Kinder-EHBO voor de dagopvang"]
    assert client.get("/zoekopdrachten/verkeerd.atom").status_code == 404


def test_the_feed_revalidates_and_no_shared_cache_keeps_its_secret_address(client, people):
    org = people.organisation.organisation_id
    saved = saved_searches.save_search(people.organisation, org, "EHBO", "q=ehbo")
    url = f"/zoekopdrachten/{saved.feed_token}.atom"
    first = client.get(url)
    assert first.status_code == 200 and first.headers["ETag"] and first.headers["Last-Modified"]
    assert "private" in first.headers["Cache-Control"] and "public" not in first.headers["Cache-Control"]
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]}).status_code == 304

    approve_new_course(people, "Kinder-EHBO voor de bso")
    changed = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and b"Kinder-EHBO voor de bso" in changed.data


def test_digest_mails_only_what_is_new_once(app, people):
    org = people.organisation.organisation_id
    yesterday = today() - timedelta(days=1)
    saved = saved_searches.save_search(people.organisation, org, "EHBO", "q=ehbo")
    saved.last_digest_on = yesterday - timedelta(days=1)
    make_course(people.provider, title="Kinder-EHBO herhaling", published_at=yesterday)
    make_course(people.provider, title="Kinder-EHBO oud", published_at=date(2024, 1, 1))
    db.session.commit()

    assert saved_searches.send_digests(today()) == 1
    [mail] = db.session.scalars(sa.select(OutboxMessage)).all()
    assert mail.recipient == people.organisation.email
    assert "Kinder-EHBO herhaling" in mail.body and "Kinder-EHBO oud" not in mail.body
    assert saved_searches.send_digests(today()) == 0  # the same day again: nothing new


def test_only_the_organisation_manages_its_searches(people):
    org = people.organisation.organisation_id
    saved = saved_searches.save_search(people.organisation, org, "Baby", "q=baby")
    with pytest.raises(PermissionDenied):
        saved_searches.saved_searches(people.member, org)
    with pytest.raises(ValidationFailed):
        saved_searches.save_search(people.organisation, org, "", "q=baby")
    with pytest.raises(ValidationFailed):
        saved_searches.save_search(people.organisation, org, "Te veel", "pagina=9999")
    saved_searches.delete_saved_search(people.organisation, org, saved.id)
    with pytest.raises(NotFound):
        saved_searches.feed(saved.feed_token, today())


def test_the_search_page_offers_to_follow_and_lists_the_feed(app, people):
    from tests.conftest import Browser

    browser = Browser(app.test_client())
    browser.login(people.organisation.email)
    page = browser.client.get("/zoeken?q=ehbo").get_data(as_text=True)
    assert "Deze zoekopdracht volgen" in page
    response = browser.post(
        "/zoeken?q=ehbo", "/zoekopdrachten", {"name": "EHBO", "query": "q=ehbo"}, follow_redirects=True
    )
    body = response.get_data(as_text=True)
    assert "U volgt deze zoekopdracht." in body and ".atom" in body
