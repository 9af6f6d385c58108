"""The full open-data dump: every published course, streamed as NDJSON or CSV, in flat memory."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course, Provider
from registry.clock import utcnow
from registry.extensions import db
from registry.feed import service
from registry.feed.dump_cache import cached_dump
from registry.feed.schemas import CSV_COLUMNS
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


@pytest.mark.usefixtures("request_context")
def test_the_dump_holds_only_one_batch_in_memory(catalogue):
    """The session forgets each batch before the next is read, however many courses there are."""
    db.session.expunge_all()  # start from an empty session, as a request does
    held = []
    for course in service.dump_courses(catalogue.day, batch_size=1):
        held.append(sum(1 for obj in db.session.identity_map.values() if obj.__class__.__name__ == "Course"))
        assert course.title
    assert len(held) == 3
    assert max(held) == 1


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


def test_a_download_broken_off_leaves_no_half_dump(tmp_path):
    lines = cached_dump(tmp_path, "courses.ndjson", "v1", lambda: iter(["a\n", "b\n", "c\n"]), as_of=utcnow())
    assert next(lines) == b"a\n"
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
