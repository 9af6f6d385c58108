"""A cursor walk over the course listing never skips a record, whatever is published while it runs."""

from __future__ import annotations

import threading
import time

from registry.catalogue.enums import CourseStatus
from registry.extensions import db
from registry.search import log
from tests.factories import make_course, make_provider


def walk(client, url: str, between=lambda page: None) -> list[int]:
    """Every id a harvester sees following ``next`` links from ``url``; ``between`` runs after each page."""
    seen: list[int] = []
    pages = 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.get_json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        between(pages)
        url = body["next"]
    return seen


def test_an_older_draft_published_behind_the_cursor_is_still_seen(app, client):
    provider = make_provider()
    draft = make_course(provider, title="Oudere conceptopleiding", status=CourseStatus.DRAFT)
    published = [make_course(provider, title=f"Opleiding {n}") for n in range(5)]
    db.session.commit()

    def publish_behind_the_cursor(pages: int) -> None:
        if pages == 1:  # the cursor is past the draft's id now
            draft.status = CourseStatus.PUBLISHED
            db.session.commit()

    seen = walk(client, "/api/v1/courses?limit=2", publish_behind_the_cursor)

    assert draft.id < min(course.id for course in published)
    assert sorted(set(seen)) == sorted([draft.id, *(course.id for course in published)])


def test_a_course_changed_during_the_walk_comes_again_with_its_new_content(app, client):
    provider = make_provider()
    courses = [make_course(provider, title=f"Opleiding {n}") for n in range(4)]
    db.session.commit()

    def rename_the_first(pages: int) -> None:
        if pages == 1:
            courses[0].title = "Opleiding nul, herzien"
            db.session.commit()

    seen = walk(client, "/api/v1/courses?limit=2", rename_the_first)
    assert seen == [c.id for c in courses] + [courses[0].id]
    last = client.get("/api/v1/courses?limit=200").get_json()["items"][-1]
    assert last["id"] == courses[0].id and last["name"] == "Opleiding nul, herzien"


def test_log_positions_are_drawn_in_commit_order(app):
    """A second writer cannot draw a position until the first has committed: on PostgreSQL the commit
    lock holds it back, on SQLite the database's one writer does. So no reader that has seen the later
    position can miss the earlier one."""
    provider = make_provider()
    first, second = make_course(provider), make_course(provider)
    db.session.commit()
    drawn: dict[str, tuple[int, float]] = {}
    first_drew = threading.Event()

    def writer(name: str, course_id: int, hold: float) -> None:
        with app.app_context(), db.engine.connect() as connection:
            with connection.begin():
                position = log.append(connection, {course_id})
                if name == "first":
                    first_drew.set()
                time.sleep(hold)
            drawn[name] = (position, time.monotonic())

    one = threading.Thread(target=writer, args=("first", first.id, 0.5))
    one.start()
    assert first_drew.wait(10)
    two = threading.Thread(target=writer, args=("second", second.id, 0))
    started = time.monotonic()
    two.start()
    one.join(20)
    two.join(20)

    first_position, first_committed = drawn["first"]
    second_position, second_committed = drawn["second"]
    assert second_position > first_position
    assert second_committed >= first_committed and second_committed - started >= 0.3
