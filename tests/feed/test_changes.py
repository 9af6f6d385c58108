"""Incremental harvesting: change tracking, tombstones, and replaying changes onto a copy."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from registry.catalogue.enums import CourseStatus, ProviderStatus
from registry.catalogue.models import Course, CourseRun
from registry.clock import utcnow
from registry.dump_context import dump_with_day
from registry.extensions import db
from registry.feed import changes, queries
from registry.feed.models import FeedTombstone, RecordKind
from registry.feed.pagination import Cursor
from registry.feed.records import CourseSchema, QualityMarkSchema
from registry.reviews.models import MarkStatus
from tests.factories import make_course, make_mark, make_run


def changed_at(course_id: int) -> datetime:
    return db.session.scalar(sa.select(Course.changed_at).where(Course.id == course_id))


def test_a_new_run_moves_the_course_without_counting_as_an_edit(catalogue):
    before, version = changed_at(catalogue.plain.id), catalogue.plain.version
    make_run(catalogue.plain, catalogue.day + timedelta(days=200))
    db.session.commit()
    assert changed_at(catalogue.plain.id) > before
    assert db.session.get(Course, catalogue.plain.id).version == version  # the optimistic lock is untouched


def test_a_provider_change_moves_every_course_of_that_provider(catalogue):
    before = {c.id: changed_at(c.id) for c in (catalogue.ehbo, catalogue.online)}
    catalogue.provider.name = "Academie Kindwijs B.V."
    db.session.commit()
    assert changed_at(catalogue.ehbo.id) > before[catalogue.ehbo.id]
    assert changed_at(catalogue.online.id) == before[catalogue.online.id]  # another provider's course


def test_a_revoked_mark_moves_its_course_and_deleting_a_course_leaves_a_tombstone(catalogue):
    before = changed_at(catalogue.ehbo.id)
    catalogue.ehbo.quality_marks[0].status = MarkStatus.REVOKED
    db.session.commit()
    assert changed_at(catalogue.ehbo.id) > before
    gone_id = catalogue.draft.id
    db.session.delete(catalogue.draft)
    db.session.commit()
    tombstone = db.session.get(FeedTombstone, (RecordKind.COURSE, gone_id))
    assert tombstone is not None and tombstone.removed_at <= utcnow()


def harvest(listing, changes, day, since=None, limit=2):
    """What a harvester does: page through a listing (or a change feed) to the end."""
    records, tombstones, cursor, synced_until = [], [], Cursor(), None
    while True:
        page = listing(cursor, limit, day) if since is None else changes(since, cursor, limit, day, utcnow())
        records += page.records
        tombstones += page.tombstones
        synced_until = page.synced_until or synced_until
        if page.next_cursor is None:
            return records, tombstones, synced_until
        cursor = page.next_cursor


def course_listing(cursor, limit, day):
    return queries.course_page(queries.CourseFilters(), cursor, limit, day)


def mark_listing(cursor, limit, day):
    return queries.mark_page(queries.MarkFilters(), cursor, limit, day)


def snapshot(schema, listing, day):
    records, _, _ = harvest(listing, None, day)
    return {record.id: dump_with_day(schema, record, day) for record in records}


def replay(copy, schema, changes, since, day):
    """Apply a change feed to a harvester's copy: records are upserts, tombstones deletes."""
    records, tombstones, synced_until = harvest(None, changes, day, since=since)
    for record in records:
        copy[record.id] = dump_with_day(schema, record, day)
    for tombstone in tombstones:
        copy.pop(tombstone.id, None)
    return synced_until, tombstones


@pytest.mark.usefixtures("request_context")
def test_replaying_changes_reproduces_the_full_set(catalogue):
    day = catalogue.day
    schema = CourseSchema()
    copy = snapshot(schema, course_listing, day)
    since = utcnow()
    assert set(copy) == {catalogue.ehbo.id, catalogue.online.id, catalogue.plain.id}

    # Every kind of change a harvester must learn of.
    catalogue.ehbo.price = Decimal("99.00")  # an edit
    make_run(catalogue.plain, day + timedelta(days=120))  # a new run
    catalogue.online.status = CourseStatus.WITHDRAWN  # withdrawn
    catalogue.draft.status = CourseStatus.PUBLISHED  # newly published
    new = make_course(catalogue.other_provider, title="Nieuw: VVE in de praktijk")  # new
    catalogue.provider.status = ProviderStatus.SUSPENDED  # takes the EHBO course out of the feed
    db.session.commit()
    deleted_id = catalogue.plain.id
    db.session.delete(catalogue.plain)  # hard delete
    db.session.commit()

    synced_until, tombstones = replay(copy, schema, changes.course_changes, since, day)
    assert copy == snapshot(schema, course_listing, day)
    assert set(copy) == {new.id}
    states = {t.id: t.state for t in tombstones}
    assert states[catalogue.online.id] == "withdrawn"
    assert states[catalogue.ehbo.id] == "suspended"
    assert states[deleted_id] == "deleted"
    assert synced_until is not None and synced_until < utcnow()

    # Nothing changed since: the next sync brings only what the overlap window re-sends, harmlessly.
    replay(copy, schema, changes.course_changes, synced_until, day)
    assert copy == snapshot(schema, course_listing, day)


@pytest.mark.usefixtures("request_context")
def test_replay_follows_the_calendar_when_marks_expire(catalogue):
    """No row changes when a mark expires; the day passing must still reach the harvester."""
    day = catalogue.day
    make_mark(
        course=catalogue.plain, awarded_on=day - timedelta(days=10), valid_until=day + timedelta(days=3)
    )
    db.session.commit()
    courses, marks = (
        snapshot(CourseSchema(), course_listing, day),
        snapshot(QualityMarkSchema(), mark_listing, day),
    )
    since = utcnow()

    later = day + timedelta(days=5)
    replay(courses, CourseSchema(), changes.course_changes, since, later)
    _, tombstones = replay(marks, QualityMarkSchema(), changes.mark_changes, since, later)
    assert courses == snapshot(CourseSchema(), course_listing, later)
    assert courses[catalogue.plain.id]["accreditation"]["state"] == "expired"
    assert marks == snapshot(QualityMarkSchema(), mark_listing, later)
    expired = [t for t in tombstones if t.state == "expired"]
    # The mark was valid through day + 3, so it expired when day + 4 began in the Netherlands.
    assert [t.when for t in expired] == [queries.start_of_day(day + timedelta(days=4))]


def test_scheme_changes_follow_the_calendar(catalogue):
    day = catalogue.day
    catalogue.open_scheme.windows[0].closes_on = day + timedelta(days=2)
    db.session.commit()
    since = utcnow()
    assert changes.scheme_changes(since, Cursor(), 10, day, utcnow()).records == []
    later = changes.scheme_changes(since, Cursor(), 10, day + timedelta(days=3), utcnow())
    assert [scheme.code for scheme in later.records] == ["OO-KO"]


def test_provider_changes_with_tombstones(catalogue):
    since = utcnow()
    catalogue.other_provider.status = ProviderStatus.SUSPENDED
    catalogue.provider.city = "Kampen"
    db.session.commit()
    page = changes.provider_changes(since, Cursor(), 10, catalogue.day, utcnow())
    assert [p.id for p in page.records] == [catalogue.provider.id]
    assert [(t.id, t.state) for t in page.tombstones] == [(catalogue.other_provider.id, "suspended")]


def test_change_feed_over_http_carries_the_sync_point_across_pages(client, catalogue):
    since = (utcnow() - timedelta(hours=1)).isoformat()
    pages = [client.get("/api/v1/courses", query_string={"modified_since": since, "limit": 2}).get_json()]
    while pages[-1]["next"]:
        pages.append(client.get(pages[-1]["next"]).get_json())
    assert len(pages) == 3
    assert {page["synced_until"] for page in pages} == {pages[0]["synced_until"]} != {None}
    seen = [item["id"] for page in pages for item in page["items"]]
    tombstones = [t for page in pages for t in page["tombstones"]]
    seen += [t["id"] for t in tombstones]
    assert sorted(seen) == sorted(
        c.id
        for c in (
            catalogue.ehbo,
            catalogue.online,
            catalogue.plain,
            catalogue.draft,
            catalogue.withdrawn,
            catalogue.suspended_providers_course,
        )
    )
    assert {t["state"] for t in tombstones} == {"unpublished", "withdrawn", "suspended"}


def test_a_delete_in_a_failed_flush_leaves_no_tombstone(catalogue):
    draft_id = catalogue.draft.id
    runs = catalogue.plain.runs  # loaded now, so no autoflush splits the flush below in two
    db.session.delete(catalogue.draft)
    # A run that ends before it starts breaks a check constraint, so the whole flush fails.
    runs.append(CourseRun(starts_on=catalogue.day, ends_on=catalogue.day - timedelta(days=1), is_online=True))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()
    catalogue.provider.city = "Kampen"
    db.session.commit()
    assert db.session.get(Course, draft_id) is not None
    assert db.session.get(FeedTombstone, (RecordKind.COURSE, draft_id)) is None
