"""Public pages are cached and revalidated by the page generation, and are never stale or personal."""

from __future__ import annotations

import time

from sqlalchemy import event

from registry import page_cache
from registry.accounts.models import Role
from registry.catalogue.enums import CourseStatus
from registry.extensions import db
from registry.page_cache import GENERATION_READ_EVERY, bump, forget_generation, pages
from registry.reviews.models import ReviewState
from registry.reviews.workflow import apply_transition
from tests.factories import case_in_state, make_course, make_user


def test_an_anonymous_page_is_revalidated_with_304_until_a_suspension_changes_it(client, people):
    review = case_in_state(people, ReviewState.APPROVED)
    path = f"/opleidingen/{review.course_id}"
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["ETag"].startswith('W/"')
    assert first.cache_control.public and first.cache_control.s_maxage == 1
    assert first.cache_control.max_age == 0
    assert "geschorst" not in first.get_data(as_text=True).lower()
    etag = first.headers["ETag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    # The same page from the worker's memory, byte for byte.
    assert client.get(path).get_data() == first.get_data()

    apply_transition(people.official, review.id, "suspend", comment="Klacht in onderzoek.")

    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "geschorst" in changed.get_data(as_text=True).lower()


def test_an_approval_shows_at_once_on_the_list_and_in_search(client, people):
    before_list = client.get("/opleidingen").get_data(as_text=True)
    before_search = client.get("/zoeken?q=ehbo").get_data(as_text=True)
    assert "Kinder-EHBO basis" not in before_list and "Kinder-EHBO basis" not in before_search
    waiting = case_in_state(people, ReviewState.AWAITING_CONFIRMATION)
    apply_transition(people.second_official, waiting.id, "confirm")
    assert "Kinder-EHBO basis" in client.get("/opleidingen").get_data(as_text=True)
    assert "Kinder-EHBO basis" in client.get("/zoeken?q=ehbo").get_data(as_text=True)


def test_a_change_committed_by_another_worker_shows_within_half_a_second(client, people):
    review = case_in_state(people, ReviewState.APPROVED)
    path = f"/opleidingen/{review.course_id}"
    etag = client.get(path).headers["ETag"]
    forget_generation()
    assert client.get(path).headers["ETag"] == etag  # from memory: the generation was just read
    with db.engine.begin() as connection:  # another process's commit: this worker hears nothing of it
        bump(connection)
    started = time.monotonic()
    while client.get(path).headers["ETag"] == etag:
        assert time.monotonic() - started < GENERATION_READ_EVERY + 0.2, "the change never showed"
        time.sleep(0.02)
    # It was trusted for a while, not read on every page: that is what spares the database.
    assert time.monotonic() - started > GENERATION_READ_EVERY / 4


def test_signed_in_pages_are_private_and_never_come_from_the_cache(client, browser_client, people):
    course = make_course(people.provider, title="Slaapveiligheid", status=CourseStatus.PUBLISHED)
    db.session.commit()
    path = f"/opleidingen/{course.id}"
    anonymous = client.get(path)
    assert anonymous.cache_control.public
    assert 'action="/bewaarlijst/' not in anonymous.get_data(as_text=True)

    browser_client.login(people.organisation.email)
    personal = client.get(path)
    assert personal.status_code == 200
    assert personal.cache_control.private and personal.cache_control.no_store
    assert not personal.cache_control.public and "ETag" not in personal.headers
    assert "Cookie" in personal.headers["Vary"]
    # The organisation sees its shortlist button: rendered for it, not the anonymous copy.
    assert 'action="/bewaarlijst/' in personal.get_data(as_text=True)

    # Another visitor, without a session, gets the anonymous page and not the organisation's copy.
    stranger = client.application.test_client().get(path)
    assert stranger.cache_control.public
    assert 'action="/bewaarlijst/' not in stranger.get_data(as_text=True)
    assert stranger.get_data() == anonymous.get_data()


def test_a_sign_in_changes_no_public_page(client, browser_client, people):
    """Accounts, logins and audit events are not shown publicly: the cached pages stay valid."""
    make_course(people.provider, title="Interactievaardigheden", status=CourseStatus.PUBLISHED)
    db.session.commit()
    etag = client.get("/opleidingen").headers["ETag"]
    browser_client.login(people.admin.email)
    browser_client.logout()
    make_user(Role.ORGANISATION, email="nieuw@kinderopvang.example")
    db.session.commit()
    visitor = client.application.test_client()
    assert visitor.get("/opleidingen", headers={"If-None-Match": etag}).status_code == 304


def test_pages_that_set_a_cookie_are_private(client):
    response = client.get("/inloggen")
    assert response.status_code == 200
    assert response.cache_control.no_store and not response.cache_control.public
    assert "ETag" not in response.headers
    assert len(pages._pages) == 0 or all(b"csrf_token" not in page.body for page in pages._pages.values())


def test_a_provider_writing_a_draft_changes_no_public_page(client, people):
    from registry.catalogue import drafts

    make_course(people.provider, title="Interactievaardigheden", status=CourseStatus.PUBLISHED)
    db.session.commit()
    etag = client.get("/opleidingen").headers["ETag"]
    search_etag = client.get("/zoeken?q=interactievaardigheden").headers["ETag"]
    body = {
        "title": "Nieuwe training in concept",
        "summary": "Nog niet klaar om te publiceren.",
        "delivery_mode": "online",
        "study_load_hours": 4,
        "price": "95.00",
    }
    draft = drafts.create_course(people.member, people.provider.id, body)
    drafts.update_course(people.member, draft.id, {"summary": "Nog steeds niet klaar om te publiceren."})
    assert client.get("/opleidingen", headers={"If-None-Match": etag}).status_code == 304
    # The search log moved (the draft was logged and applied), the index did not: the page stays.
    assert (
        client.get("/zoeken?q=interactievaardigheden", headers={"If-None-Match": search_etag}).status_code
        == 304
    )


def test_a_feed_walks_later_pages_are_validated_but_not_kept(app, client, people):
    for title in ("Interactievaardigheden", "Meertaligheid", "Kinder-EHBO"):
        make_course(people.provider, title=title, status=CourseStatus.PUBLISHED)
    db.session.commit()
    pages.clear()

    def kept() -> tuple[int, int]:
        with app.app_context():
            shared = page_cache._shared()._file.connection()
            return len(pages._pages), shared.execute("SELECT count(*) FROM page").fetchone()[0]

    first = client.get("/api/v1/courses?limit=1")
    assert kept() == (1, 1)
    later_path = first.get_json()["next"].removeprefix("http://localhost")
    later = client.get(later_path)
    assert later.status_code == 200 and later.get_json()["items"]
    assert kept() == (1, 1)  # a walk passes each later page once: it would only push others out
    assert client.get(later_path, headers={"If-None-Match": later.headers["ETag"]}).status_code == 304


def test_a_page_asked_at_another_address_links_to_that_address(client, people):
    review = case_in_state(people, ReviewState.APPROVED)
    path = f"/api/v1/courses/{review.course_id}"
    first = client.get(path, base_url="http://registry.example").get_json()
    second = client.get(path, base_url="http://127.0.0.1:5000").get_json()
    assert first["url"].startswith("http://registry.example/")
    assert second["url"].startswith("http://127.0.0.1:5000/")


def test_a_page_one_worker_rendered_is_served_by_another_of_the_host(client, people, monkeypatch):
    review = case_in_state(people, ReviewState.APPROVED)
    path = f"/opleidingen/{review.course_id}"
    first = client.get(path)
    client.get("/zoeken?q=ehbo")  # counts each visitor's search: kept by its own worker only
    monkeypatch.setattr(page_cache, "pages", page_cache.PageStore())  # another worker: nothing in memory
    statements: list[str] = []

    def note(_connection, _cursor, statement, *_rest) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        again = client.get(path)
        assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]
        assert not any("course_run" in statement for statement in statements)  # not rendered again
        statements.clear()
        client.get("/zoeken?q=ehbo")
        assert any("FROM course" in statement for statement in statements)  # rendered (and counted) here
    finally:
        event.remove(db.engine, "before_cursor_execute", note)

    apply_transition(people.official, review.id, "suspend", comment="Klacht in onderzoek.")
    monkeypatch.setattr(page_cache, "pages", page_cache.PageStore())
    assert "geschorst" in client.get(path).get_data(as_text=True).lower()  # a change: rendered afresh
