"""What harvesters rely on over HTTP: paging under inserts, conditional requests, CORS, rate limits."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from registry.catalogue.models import Course
from registry.clock import utcnow
from registry.extensions import db, limiter
from registry.feed.pagination import CURSOR_PATTERN
from tests.factories import make_course


def walk(client, url: str, between_pages=lambda: None) -> list[int]:
    """Follow the next links to the end, calling ``between_pages`` after every page."""
    seen: list[int] = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.get_json()
        seen += [item["id"] for item in body["items"]]
        url = body["next"]
        between_pages()
    return seen


def test_paging_never_skips_or_repeats_while_courses_are_added(client, catalogue):
    existing = [catalogue.ehbo.id, catalogue.online.id, catalogue.plain.id]
    extra = [make_course(catalogue.provider, title=f"Extra {n}") for n in range(5)]
    db.session.commit()
    existing += [course.id for course in extra]
    added: list[int] = []

    def insert_two() -> None:
        # Another provider publishes while the harvester is half-way.
        for n in range(2):
            added.append(make_course(catalogue.other_provider, title=f"Tijdens het bladeren {n}").id)
        db.session.commit()

    seen = walk(client, "/api/v1/courses?limit=3", insert_two)
    assert len(seen) == len(set(seen))  # nothing twice
    assert set(existing) <= set(seen)  # nothing that existed at the start was skipped
    assert seen == sorted(seen)  # stable order: new courses come after what was already served
    assert set(seen) - set(existing) <= set(added)


def test_a_repeated_request_with_the_etag_gets_304(client, catalogue):
    first = client.get("/api/v1/courses")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "public, max-age=60"
    again = client.get("/api/v1/courses", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag

    catalogue.plain.title = "Taalniveau 3F oefenen en toetsen"
    db.session.commit()
    changed = client.get("/api/v1/courses", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_if_modified_since_gets_304_until_the_record_changes(client, catalogue):
    url = f"/api/v1/courses/{catalogue.plain.id}"
    first = client.get(url)
    last_modified = first.headers["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert first.headers["Cache-Control"] == "public, max-age=300"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/providers",
        "/api/v1/schemes",
        "/api/v1/quality-marks",
        "/api/v1/topics",
        "/api/v1/openapi.json",
    ],
)
def test_every_listing_has_validators_and_answers_304(client, catalogue, url):
    first = client.get(url)
    assert first.status_code == 200 and first.headers["ETag"] and "max-age" in first.headers["Cache-Control"]
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    if url.endswith(("topics", "openapi.json")):
        # Never a false "now": no Last-Modified, or (topics, from the page cache) the moment public data
        # last changed, which stays put while nothing changes.
        time.sleep(1.1)
        again = client.get(url)
        assert again.headers["ETag"] == first.headers["ETag"]
        assert again.headers.get("Last-Modified") == first.headers.get("Last-Modified")
    else:
        assert (
            client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]}).status_code == 304
        )


def test_every_operation_has_a_unique_operation_id_and_the_cursor_its_pattern(client):
    document = client.get("/api/v1/openapi.json").get_json()
    operations = [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in {"get", "put", "post", "delete", "patch"}
    ]
    ids = [operation.get("operationId") for _path, _method, operation in operations]
    assert None not in ids and len(ids) == len(set(ids))
    cursor = next(
        p for p in document["paths"]["/api/v1/courses"]["get"]["parameters"] if p["name"] == "cursor"
    )
    assert cursor["schema"]["pattern"] == CURSOR_PATTERN
    assert client.get("/api/v1/courses?cursor=a%2Bb").status_code == 422  # outside the pattern


def test_the_dump_answers_304_until_a_course_changes(client, catalogue):
    first = client.get("/api/v1/dump/courses.ndjson")
    assert first.data.count(b"\n") == 3  # read to the end, as a streamed response must be
    etag = first.headers["ETag"]
    assert client.get("/api/v1/dump/courses.ndjson", headers={"If-None-Match": etag}).status_code == 304
    # Streaming empties the (here shared) session as it goes, so fetch the course afresh.
    db.session.get(Course, catalogue.plain.id).price += 1
    db.session.commit()
    assert client.get("/api/v1/dump/courses.ndjson", headers={"If-None-Match": etag}).status_code == 200


def test_any_origin_may_read_the_api(client, catalogue):
    response = client.get("/api/v1/courses", headers={"Origin": "https://gemeente.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/courses",
        headers={
            "Origin": "https://gemeente.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200
    assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    page = client.get("/opleidingen")
    assert "Access-Control-Allow-Origin" not in page.headers  # the HTML site is not opened up


@pytest.fixture
def strict_limit(app):
    """Three requests a minute, for this test only."""
    original = app.config["REGISTRY_API_RATE_LIMIT"]
    app.config["REGISTRY_API_RATE_LIMIT"] = "3 per minute"
    yield
    app.config["REGISTRY_API_RATE_LIMIT"] = original
    limiter.reset()


@pytest.mark.usefixtures("strict_limit")
def test_too_many_requests_from_one_address_get_429_with_retry_after(client, catalogue):
    address = {"REMOTE_ADDR": "192.0.2.10"}
    statuses = []
    for _ in range(3):
        response = client.get("/api/v1/topics", environ_base=address)
        statuses.append(response.status_code)
    assert statuses == [200, 200, 200]
    assert response.headers["RateLimit-Limit"] == "3"
    assert response.headers["RateLimit-Remaining"] == "0"
    assert 0 < int(response.headers["RateLimit-Reset"]) <= 61
    preflight = client.options("/api/v1/topics", environ_base=address)
    assert preflight.status_code == 200  # a preflight does not count against the limit
    refused = client.get("/api/v1/topics", environ_base=address)
    assert refused.status_code == 429 and refused.mimetype == "application/problem+json"
    assert 0 < int(refused.headers["Retry-After"]) <= 61
    assert refused.get_json()["titles"] == {"nl": "Te veel verzoeken", "en": "Too many requests"}
    # Another address has its own allowance.
    assert client.get("/api/v1/topics", environ_base={"REMOTE_ADDR": "192.0.2.11"}).status_code == 200


def test_the_documentation_page_explains_the_api_in_dutch(client, catalogue):
    response = client.get("/api/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert '<html lang="nl">' in page and "Bijhouden wat er verandert" in page
    assert "/api/v1/courses?topic=kinder-ehbo" in page and "modified_since" in page
    assert 'id="fout-429"' in page and "/api/v1/openapi.json" in page


def test_the_openapi_document_is_generated_from_the_schemas(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    parameters = {p["name"] for p in document["paths"]["/api/v1/courses"]["get"]["parameters"]}
    assert {"topic", "role", "province", "delivery_mode", "scheme", "accreditation", "provider"} <= parameters
    assert {"starts_after", "starts_before", "q", "limit", "cursor", "modified_since"} <= parameters
    limit = next(p for p in document["paths"]["/api/v1/courses"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 200
    assert set(document["paths"]) >= {
        "/api/v1/courses/{course_id}",
        "/api/v1/providers/{provider_id}",
        "/api/v1/schemes/{scheme_id}",
        "/api/v1/quality-marks",
        "/api/v1/topics",
        "/api/v1/dump/courses.ndjson",
        "/api/v1/dump/courses.csv",
    }


def test_starts_after_is_inclusive(client, catalogue):
    day = (catalogue.day + timedelta(days=90)).isoformat()
    assert [item["id"] for item in client.get(f"/api/v1/courses?starts_after={day}").get_json()["items"]] == [
        catalogue.plain.id
    ]


def test_a_page_that_lost_a_course_reports_the_loss_as_its_last_change(client, catalogue):
    # Age the catalogue (a Core update, so tracking does not stamp it now), then withdraw one course:
    # the page no longer shows that course, so its Last-Modified must be the withdrawal, not older.
    table = Course.__table__
    two_days_ago = utcnow() - timedelta(days=2)
    db.session.execute(sa.update(table).values(changed_at=two_days_ago))
    db.session.commit()
    db.session.get(Course, catalogue.online.id).status = "withdrawn"
    db.session.commit()
    withdrawn_at = db.session.get(Course, catalogue.online.id).changed_at
    response = client.get("/api/v1/courses")
    assert catalogue.online.id not in [item["id"] for item in response.get_json()["items"]]
    assert response.last_modified == withdrawn_at.replace(microsecond=0)
