"""The full open-data dump: every published course, streamed as NDJSON or CSV, in flat memory."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course, Provider
from registry.clock import utcnow
from registry.dump_context import dump_records, dump_with_day
from registry.extensions import db
from registry.feed import dump, queries
from registry.feed.dump_cache import CHUNK, cached_dump
from registry.feed.dump_format import CSV_COLUMNS, CourseCsvSchema, course_records, to_json_line
from registry.feed.records import CourseSchema
from tests.factories import make_course
from tests.feed.test_api import component_properties


def test_ndjson_dump_has_one_course_record_per_line(client, catalogue):
    response = client.get("/api/v1/dump/courses.ndjson")
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    assert response.is_streamed and "Content-Length" not in response.headers
    assert 'filename="courses.ndjson"' in response.headers["Content-Disposition"]
    records = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert [r["id"] for r in records] == [catalogue.ehbo.id, catalogue.online.id, catalogue.plain.id]
    assert all(set(record) == component_properties("Course") for record in records)
    assert records[0] == client.get(f"/api/v1/courses/{catalogue.ehbo.id}").get_json()


def test_csv_dump_has_a_header_and_one_row_per_course(client, catalogue):
    response = client.get("/api/v1/dump/courses.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0]) == CSV_COLUMNS
    assert [int(row["id"]) for row in rows] == [catalogue.ehbo.id, catalogue.online.id, catalogue.plain.id]
    ehbo = rows[0]
    assert ehbo["price_eur"] == "149.50" and ehbo["schemes"] == "OO-KO; STAP"
    assert ehbo["accreditation_state"] == "valid" and ehbo["provider_quality_mark_state"] == "valid"
    assert ehbo["offerings"] == "2"
    assert ehbo["next_start_date"] == (catalogue.day + timedelta(days=20)).isoformat()


def test_the_dump_reads_one_batch_at_a_time_into_plain_records(catalogue):
    """Each batch is read only when the one before it has been streamed, and no ORM object is kept."""
    db.session.expunge_all()  # start from an empty session, as a request does
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        read_by_then = [len(statements) for _course in dump.dump_courses(catalogue.day, batch_size=1)]
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(read_by_then) == 3
    assert read_by_then[0] < read_by_then[1] < read_by_then[2]
    assert len(db.session.identity_map) == 0


def test_a_dump_is_built_once_per_version_and_replaced_after_a_change(client, catalogue, app):
    directory = Path(app.config["REGISTRY_DUMP_DIR"])
    for old in directory.glob("*"):
        old.unlink()
    first = client.get("/api/v1/dump/courses.ndjson").data
    files = list(directory.glob("courses.ndjson.*"))
    assert len(files) == 1 and files[0].read_bytes() == first
    assert client.get("/api/v1/dump/courses.ndjson").data == first

    db.session.get(Course, catalogue.plain.id).title = "Taalniveau 3F, opnieuw"
    db.session.commit()
    second = client.get("/api/v1/dump/courses.ndjson").data
    assert b"Taalniveau 3F, opnieuw" in second
    assert [path.read_bytes() for path in directory.glob("courses.ndjson.*")] == [second]


def download(client, directory: Path, *, fresh: bool) -> bytes:
    if fresh:
        for old in directory.glob("*"):
            old.unlink()
    return client.get("/api/v1/dump/courses.ndjson").data


def made_as_of_now(directory: Path) -> Path:
    """Say the kept dump was made as of now, past the catalogue's creation (and its overlap window)."""
    [kept] = directory.glob("courses.ndjson.*")
    return kept.rename(kept.with_name(kept.name.rsplit(".", 1)[0] + f".{int(utcnow().timestamp() * 1e6)}"))


def test_a_refreshed_dump_equals_one_made_from_scratch(client, catalogue, app):
    directory = Path(app.config["REGISTRY_DUMP_DIR"])
    plain, online, withdrawn, draft = (
        c.id for c in (catalogue.plain, catalogue.online, catalogue.withdrawn, catalogue.draft)
    )
    download(client, directory, fresh=True)
    made_as_of_now(directory)  # so the refresh replaces only what changes below
    db.session.get(Course, plain).price += 10  # an edit
    db.session.get(Course, online).status = CourseStatus.WITHDRAWN  # leaves the dump
    db.session.delete(db.session.get(Course, withdrawn))  # gone (was not in the dump)
    db.session.get(Course, draft).status = CourseStatus.PUBLISHED  # joins the dump
    make_course(db.session.get(Provider, catalogue.other_provider.id), title="Nieuw in het register")
    db.session.commit()
    refreshed = download(client, directory, fresh=False)
    assert refreshed == download(client, directory, fresh=True)
    ids = [json.loads(line)["id"] for line in refreshed.decode().splitlines()]
    assert ids == sorted(ids) and online not in ids and draft in ids and len(ids) == 4


def test_a_refresh_reuses_the_lines_of_records_that_did_not_change(client, catalogue, app):
    directory = Path(app.config["REGISTRY_DUMP_DIR"])
    plain = catalogue.plain.id
    download(client, directory, fresh=True)
    # Mark an unchanged line in the kept file: only a refresh, which copies unchanged lines from the older
    # file, can carry the mark over.
    now = made_as_of_now(directory)
    now.write_text(now.read_text().replace("Babyscholing online", "Babyscholing online (uit de vorige dump)"))
    db.session.get(Course, plain).price += 10
    db.session.commit()
    refreshed = download(client, directory, fresh=False).decode()
    assert "Babyscholing online (uit de vorige dump)" in refreshed
    assert '"amount":205.0' in refreshed  # the changed course was made anew


def test_a_dump_of_many_chunks_is_sent_and_kept_whole(tmp_path):
    made = [f"{n}:{'x' * (n % 500)}\n" for n in range(2000)]  # about eight chunks, lines of every length
    sent = b"".join(cached_dump(tmp_path, "courses.ndjson", "v1", lambda: iter(made), as_of=utcnow()))
    assert sent == "".join(made).encode()
    [kept] = tmp_path.iterdir()
    assert kept.read_bytes() == sent


def test_a_download_broken_off_leaves_no_half_dump(tmp_path):
    long_lines = [letter * CHUNK + "\n" for letter in "abc"]  # each fills a chunk of the response
    lines = cached_dump(tmp_path, "courses.ndjson", "v1", lambda: iter(long_lines), as_of=utcnow())
    assert next(lines) == long_lines[0].encode()
    lines.close()  # the client went away
    assert list(tmp_path.iterdir()) == []


def test_a_refresh_that_comes_out_wrong_is_not_kept(client, catalogue, app):
    directory = Path(app.config["REGISTRY_DUMP_DIR"])
    download(client, directory, fresh=True)
    made_as_of_now(directory)
    # A Core statement bypasses change tracking, so the refresh cannot see this course leave.
    table = Course.__table__
    db.session.execute(sa.update(table).where(table.c.id == catalogue.plain.id).values(status="withdrawn"))
    db.session.commit()
    assert download(client, directory, fresh=False).count(b"\n") == 3  # the stale line, once
    assert list(directory.glob("courses.ndjson.*")) == []
    assert download(client, directory, fresh=False).count(b"\n") == 2  # made afresh, and right


@pytest.mark.usefixtures("request_context")
def test_dump_records_equal_the_course_schema_for_every_kind_of_course(rich_catalogue):
    """The dump reads plain rows and skips marshmallow; its records must stay the schema's, key for key."""
    day = rich_catalogue.day
    loaded = db.session.scalars(
        sa.select(Course).where(Course.published()).order_by(Course.id).options(*queries.COURSE_LOADS)
    ).all()
    expected = [dump_with_day(CourseSchema(), course, day) for course in loaded]
    db.session.expunge_all()
    plain = list(dump.dump_courses(day, batch_size=2))
    assert [to_json_line(record) for record in course_records(plain, day)] == [
        to_json_line(record) for record in expected
    ]
    assert [dump_with_day(CourseSchema(), course, day) for course in plain] == expected
    full = expected[-4]
    assert full["legal_requirement"] and full["age_groups"] and full["cross_over_sectors"]
    # Roles and age groups share a schema and overlap in ids; each course keeps its own.
    assert [term["slug"] for term in full["age_groups"]] == ["0-1", "4-12"]
    assert [term["slug"] for term in full["target_roles"]] == ["gastouder", "leidinggevende"]
    assert len(full["offerings"]) == 3 and full["accreditation"]["state"] == "suspended"
    states = {record["accreditation"]["state"] for record in expected}
    assert states == {"valid", "expired", "suspended", "revoked", "none"}
    assert {record["provider"]["quality_mark"]["state"] for record in expected} == {"valid", "expired"}


@pytest.mark.usefixtures("request_context")
def test_csv_rows_of_plain_records_equal_those_of_orm_courses(rich_catalogue):
    day = rich_catalogue.day
    loaded = db.session.scalars(
        sa.select(Course).where(Course.published()).order_by(Course.id).options(*queries.COURSE_LOADS)
    ).all()
    expected = list(dump_records(CourseCsvSchema(), loaded, day))
    db.session.expunge_all()
    assert list(dump_records(CourseCsvSchema(), dump.dump_courses(day, batch_size=2), day)) == expected


@pytest.mark.usefixtures("request_context")
def test_a_dump_of_some_courses_gives_just_those_in_id_order(rich_catalogue):
    day = rich_catalogue.day
    every = [record["id"] for record in course_records(dump.dump_courses(day), day)]
    wanted = {every[3], every[0], rich_catalogue.draft.id, every[-1]}
    some = [record["id"] for record in course_records(dump.dump_courses(day, 2, only=wanted), day)]
    assert some == [every[0], every[3], every[-1]]
