"""The full open-data dump: every published course, streamed as NDJSON or CSV, in flat memory."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from registry.catalogue.models import Course
from registry.extensions import db
from registry.feed import service
from registry.feed.dump_cache import cached_dump
from registry.feed.schemas import CSV_COLUMNS
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


def test_a_download_broken_off_leaves_no_half_dump(tmp_path):
    lines = cached_dump(tmp_path, "courses.ndjson", "v1", lambda: iter(["a\n", "b\n", "c\n"]))
    assert next(lines) == b"a\n"
    lines.close()  # the client went away
    assert list(tmp_path.iterdir()) == []
