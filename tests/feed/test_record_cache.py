"""The course listing keeps each record's JSON between requests, and never serves one that changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from flask import current_app
from sqlalchemy import event

from registry import page_cache
from registry.catalogue.models import Course
from registry.dump_context import dump_with_day
from registry.extensions import db
from registry.feed import api, queries, record_cache
from registry.feed.records import CourseSchema
from registry.reviews.models import MarkStatus
from tests.factories import make_run
from tests.feed.conftest import Catalogue

LISTING = "/api/v1/courses?limit=200"


def schema_records(app, day: date) -> list[dict]:
    """What the listing must show: the schema's records of the published courses, in walk order."""
    with app.test_request_context():
        courses = db.session.scalars(
            sa.select(Course)
            .where(Course.published())
            .order_by(Course.change_seq, Course.id)
            .options(*queries.COURSE_LOADS)
        ).all()
        records = [dump_with_day(CourseSchema(), course, day) for course in courses]
    db.session.expunge_all()
    return records


def full_course(catalogue: Catalogue) -> Course:
    return db.session.scalars(sa.select(Course).where(Course.title == "BHV in de kinderopvang")).one()


def listed(client) -> dict[int, dict]:
    return {item["id"]: item for item in client.get(LISTING).get_json()["items"]}


def test_the_listing_equals_the_schema_records_whether_made_or_kept(app, client, rich_catalogue):
    expected = schema_records(app, rich_catalogue.day)
    made = client.get(LISTING)
    page_cache.pages.clear()  # the whole page is kept too; here the records must be found on their own
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    kept = client.get(LISTING)
    assert made.status_code == kept.status_code == 200
    assert made.get_json()["items"] == expected  # every field, in walk order
    assert kept.data == made.data and kept.headers["ETag"] == made.headers["ETag"]
    # The page's bytes are what the app's encoder makes of the whole page at once.
    with app.test_request_context():
        assert made.data == current_app.json.dumps(made.get_json()).encode()
    # Kept records are not read again: the walk and the listing's Last-Modified are all that is asked.
    assert statements and not any("course_run" in statement for statement in statements)
    assert not any("quality_mark" in statement for statement in statements)


def test_a_kept_page_still_answers_304_to_its_etag(client, catalogue):
    first = client.get(LISTING)
    again = client.get(LISTING, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    catalogue.plain.title = "Taalniveau 3F, herzien"
    db.session.commit()
    changed = client.get(LISTING, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and changed.headers["ETag"] != first.headers["ETag"]


def _edit(catalogue: Catalogue) -> None:
    full_course(catalogue).title = "BHV, herzien"


def _add_run(catalogue: Catalogue) -> None:
    make_run(full_course(catalogue), catalogue.day + timedelta(days=300), city="Assen")


def _rename_provider(catalogue: Catalogue) -> None:
    full_course(catalogue).provider.name = "Academie Kindwijs B.V."


def _suspend_provider_mark(catalogue: Catalogue) -> None:
    full_course(catalogue).provider.quality_marks[0].status = MarkStatus.SUSPENDED


def _suspend_course_mark(catalogue: Catalogue) -> Course:
    catalogue.ehbo.quality_marks[0].status = MarkStatus.SUSPENDED
    return catalogue.ehbo


def _rename_topic(catalogue: Catalogue) -> None:
    full_course(catalogue).topics[0].name = "Brandveiligheid en ontruimen"


def _rename_role(catalogue: Catalogue) -> None:
    full_course(catalogue).target_roles[0].name = "Gastouder (thuis)"


def _rename_age_group(catalogue: Catalogue) -> None:
    full_course(catalogue).age_groups[0].name = "Baby's tot 1 jaar"


def _rename_scheme(catalogue: Catalogue) -> None:
    full_course(catalogue).schemes[0].name = "STAP-budget (beëindigd)"


def _rename_requirement(catalogue: Catalogue) -> None:
    full_course(catalogue).legal_requirement.name = "Bedrijfshulpverlening op locatie"


@pytest.mark.parametrize(
    ("change", "shows"),
    [
        (_edit, lambda item: item["name"] == "BHV, herzien"),
        (_add_run, lambda item: "Assen" in [offering["city"] for offering in item["offerings"]]),
        (_rename_provider, lambda item: item["provider"]["name"] == "Academie Kindwijs B.V."),
        (_suspend_provider_mark, lambda item: item["provider"]["quality_mark"]["state"] == "suspended"),
        (_suspend_course_mark, lambda item: item["accreditation"]["state"] == "suspended"),
        (_rename_topic, lambda item: "Brandveiligheid en ontruimen" in [t["name"] for t in item["topics"]]),
        (_rename_role, lambda item: "Gastouder (thuis)" in [t["name"] for t in item["target_roles"]]),
        (_rename_age_group, lambda item: "Baby's tot 1 jaar" in [t["name"] for t in item["age_groups"]]),
        (_rename_scheme, lambda item: "STAP-budget (beëindigd)" in [s["name"] for s in item["schemes"]]),
        (_rename_requirement, lambda item: item["legal_requirement"]["name"].startswith("Bedrijfs")),
    ],
    ids=lambda value: value.__name__.strip("_") if callable(value) and value.__name__ != "<lambda>" else "",
)
def test_a_change_to_anything_a_record_shows_is_in_the_next_page(
    app, client, rich_catalogue, change: Callable[[Catalogue], Course | None], shows: Callable[[dict], bool]
):
    before = listed(client)  # made, and kept
    full = full_course(rich_catalogue)
    course_id = (change(rich_catalogue) or full).id
    assert not shows(before[course_id])
    db.session.commit()
    after = listed(client)
    assert shows(after[course_id])
    assert list(after.values()) == schema_records(app, rich_catalogue.day)


def test_a_mark_that_expires_with_the_calendar_is_expired_the_next_day(app, client, catalogue, monkeypatch):
    provider_mark_ends = catalogue.day + timedelta(days=500)  # the EHBO course's provider's keurmerk
    for module in (api, page_cache):  # whole pages are kept per day too
        monkeypatch.setattr(module, "today", lambda: provider_mark_ends)
    assert listed(client)[catalogue.ehbo.id]["provider"]["quality_mark"]["state"] == "valid"
    next_day = provider_mark_ends + timedelta(days=1)
    for module in (api, page_cache):
        monkeypatch.setattr(module, "today", lambda: next_day)
    after = listed(client)
    assert after[catalogue.ehbo.id]["provider"]["quality_mark"]["state"] == "expired"
    assert list(after.values()) == schema_records(app, next_day)


def test_a_course_that_leaves_the_feed_leaves_the_next_page(client, catalogue):
    assert catalogue.plain.id in listed(client)
    catalogue.plain.status = catalogue.withdrawn.status
    db.session.commit()
    assert catalogue.plain.id not in listed(client)


def test_records_keep_the_address_they_were_asked_on(client, catalogue):
    here = listed(client)[catalogue.plain.id]["url"]
    page_cache.pages.clear()  # whole pages are kept by path alone
    there = client.get(LISTING, base_url="https://spiegel.example").get_json()["items"]
    assert here.startswith("http://localhost/")
    assert {item["url"] for item in there} == {
        f"https://spiegel.example/opleidingen/{i}" for i in listed(client)
    }


def a_new_worker(app) -> list[str]:
    """Forget what this worker kept in memory, as a worker that just started; the statements it runs."""
    app.extensions.pop(record_cache.EXTENSION, None)
    page_cache.pages.clear()
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    return statements


def reads_records(statements: list[str]) -> bool:
    return any("course_run" in statement or "quality_mark" in statement for statement in statements)


def test_records_one_worker_made_are_found_by_the_next(app, client, rich_catalogue):
    made = client.get(LISTING)
    statements = a_new_worker(app)
    found = client.get(LISTING)
    assert found.data == made.data
    assert statements and not reads_records(statements)  # from the host's file, not made again


def test_the_nightly_job_makes_the_days_records_for_any_address(app, client, rich_catalogue):
    day = rich_catalogue.day
    cli = app.test_cli_runner()
    ran = cli.invoke(args=["jobs", "run", "--job", "feed-records", "--now", f"{day.isoformat()}T12:00"])
    assert ran.exit_code == 0, ran.output
    statements = a_new_worker(app)
    mirror = client.get(LISTING, base_url="https://spiegel.example").get_json()["items"]
    assert not reads_records(statements)
    expected = schema_records(app, day)
    for record in expected:  # the same records, linked at the address asked
        record["url"] = record["url"].replace("http://localhost/", "https://spiegel.example/")
    assert mirror == expected


def test_a_kept_record_of_a_course_changed_since_is_made_again(app, client, catalogue):
    client.get(LISTING)
    catalogue.plain.title = "Taalniveau 3F, herzien"
    db.session.commit()
    statements = a_new_worker(app)
    assert listed(client)[catalogue.plain.id]["name"] == "Taalniveau 3F, herzien"
    assert reads_records(statements)
    assert list(listed(client).values()) == schema_records(app, catalogue.day)


def test_the_job_removes_earlier_days_and_a_lost_file_only_costs_time(app, client, catalogue, tmp_path):
    yesterday, published = catalogue.day - timedelta(days=1), len(listed(client))
    assert record_cache.make_day(yesterday) == {"made": published, "removed": 0}
    assert record_cache.make_day(catalogue.day) == {"made": published, "removed": published}
    before = client.get(LISTING).data
    app.config["REGISTRY_FEED_RECORD_STORE"], kept = (
        str(tmp_path / "elders" / "records.sqlite"),
        (app.config["REGISTRY_FEED_RECORD_STORE"]),
    )
    app.extensions.pop(record_cache.STORE_SETTING, None)
    try:
        statements = a_new_worker(app)
        assert client.get(LISTING).data == before and reads_records(statements)
    finally:
        app.config["REGISTRY_FEED_RECORD_STORE"] = kept
        app.extensions.pop(record_cache.STORE_SETTING, None)


def test_a_walk_where_the_job_did_not_run_makes_the_day_ahead_once(
    app, client, catalogue, monkeypatch, tmp_path
):
    monkeypatch.setitem(app.config, "REGISTRY_FEED_RECORDS_AHEAD", True)
    monkeypatch.setitem(app.config, "REGISTRY_FEED_RECORD_STORE", str(tmp_path / "records.sqlite"))
    monkeypatch.delitem(app.extensions, record_cache.STORE_SETTING, raising=False)  # a host with none made
    monkeypatch.setattr(record_cache, "_ahead", set())
    started: list = []
    make_day_ahead = record_cache.make_day_ahead
    monkeypatch.setattr(record_cache, "make_day_ahead", lambda day: started.append(make_day_ahead(day)))
    first_page = "/api/v1/courses?limit=1"

    first = client.get(first_page)  # the walk's first page finds nothing made
    assert first.status_code == 200 and len(first.get_json()["items"]) == 1
    assert len(started) == 1 and started[0] is not None
    started[0].join(timeout=60)
    store = record_cache._store()
    assert store.is_made(catalogue.day)

    statements = a_new_worker(app)  # another worker, or this one later: the walk finds every record
    walked = list(listed(client).values())
    assert not reads_records(statements)
    assert walked == schema_records(app, catalogue.day)
    assert make_day_ahead(catalogue.day) is None  # this process set out once for the day
    with store.making(wait=False) as ours, store.making(wait=False) as another:  # one process a day
        assert ours and not another
        assert record_cache.make_day(catalogue.day, wait=False) == {"busy": 1}  # left to the holder
    assert record_cache.make_day(catalogue.day) == {"made": 0, "removed": 0}  # nor is a made day made again

    # Every course changed since: a page finds none of its records, but the day was made; walks make
    # their own records, and no other process sets out to make the day again.
    for course in db.session.scalars(sa.select(Course)):
        course.summary += " Herzien."
    db.session.commit()
    monkeypatch.setattr(record_cache, "_ahead", set())
    a_new_worker(app)
    assert client.get(first_page).status_code == 200
    assert len(started) == 1


def test_no_day_is_made_ahead_on_a_host_without_a_record_file(app, client, catalogue, monkeypatch):
    monkeypatch.setitem(app.config, "REGISTRY_FEED_RECORDS_AHEAD", True)
    monkeypatch.setitem(app.config, "REGISTRY_FEED_RECORD_STORE", "")
    monkeypatch.delitem(app.extensions, record_cache.STORE_SETTING, raising=False)
    monkeypatch.setattr(record_cache, "_ahead", set())
    assert list(listed(client).values()) == schema_records(app, catalogue.day)
    assert record_cache._ahead == set()
