"""Input an attacker or a careless client sends: a clear 4xx in Dutch (page or problem+json), never a 5xx,
and nothing saved. Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from registry.accounts.service import create_api_token
from registry.catalogue.enums import CourseStatus
from registry.extensions import db
from tests.conftest import Browser
from tests.factories import make_course

HUGE = "99999999999999999999"  # beyond 64 bits
COURSE = {"title": "Oudergesprekken voeren", "summary": "Lastig.", "delivery_mode": "online", "price": "99"}


@dataclass
class Sender:
    """The ways a request reaches the registry: anonymous, as a provider's page, as an API client."""

    client: FlaskClient
    provider_page: Browser
    organisation_page: Browser
    bearer: dict[str, str]
    provider_id: int
    course_id: int


@pytest.fixture
def sender(app, people) -> Sender:
    course = make_course(provider=people.provider, status=CourseStatus.PUBLISHED)
    db.session.commit()
    _token, secret = create_api_token(people.member, "hostile-input")
    provider_page = Browser(app.test_client())
    provider_page.login(people.member.email)
    organisation_page = Browser(app.test_client())
    organisation_page.login(people.organisation.email)
    return Sender(
        app.test_client(),
        provider_page,
        organisation_page,
        {"Authorization": f"Bearer {secret}"},
        people.provider.id,
        course.id,
    )


def new_course_page(s: Sender) -> str:
    return f"/aanbieder/{s.provider_id}/opleidingen/nieuw"


def raw_json(s: Sender, path: str, body: str):
    return s.client.post(path, data=body, content_type="application/json", headers=s.bearer)


# name -> (how to send it, the statuses that are a right answer)
ATTACKS: dict[str, tuple[Callable[[Sender], object], set[int]]] = {
    "NUL in the course form": (
        lambda s: s.provider_page.post(
            new_course_page(s), new_course_page(s), {**COURSE, "title": "Ouder\x00gesprek"}
        ),
        {422},
    ),
    "NUL in API JSON": (
        lambda s: s.client.post(
            "/api/v1/provider/courses",
            json={**COURSE, "title": "Ouder\x00gesprek", "provider_id": s.provider_id},
            headers=s.bearer,
        ),
        {422},
    ),
    "NUL in the login e-mail": (
        lambda s: Browser(s.client).post(
            "/inloggen", "/inloggen", {"email": "a\x00@b.nl", "password": "x" * 12}
        ),
        {422},
    ),
    "a lone surrogate in JSON": (
        lambda s: raw_json(s, "/api/v1/provider/courses", '{"title": "Ouder\\ud800gesprek", "summary": "x"}'),
        {422},
    ),
    "JSON nested 50,000 deep": (
        lambda s: raw_json(s, "/api/v1/provider/courses", "[" * 50_000 + "]" * 50_000),
        {422},
    ),
    "a number beyond 64 bits in JSON": (
        lambda s: raw_json(
            s,
            "/api/v1/provider/courses",
            f'{{"title": "Oudergesprekken voeren", "summary": "x", "study_load_hours": {HUGE}}}',
        ),
        {422},
    ),
    "a course id beyond 64 bits": (lambda s: s.client.get(f"/opleidingen/{HUGE}"), {404}),
    "an API course id beyond 64 bits": (lambda s: s.client.get(f"/api/v1/courses/{HUGE}"), {404}),
    "an API review id beyond 64 bits": (
        lambda s: s.client.post(f"/api/v1/reviews/{HUGE}/comments", json={"body": "x"}, headers=s.bearer),
        {404},
    ),
    "saving a course id beyond 64 bits": (
        lambda s: s.organisation_page.post("/bewaarlijst", f"/bewaarlijst/{HUGE}"),
        {404},
    ),
    "comparing a course id beyond 64 bits": (
        lambda s: s.organisation_page.client.get(
            f"/bewaarlijst/vergelijken?c={HUGE}&c=1", follow_redirects=True
        ),
        {200, 404, 422},
    ),
    "an API provider filter beyond 64 bits": (
        lambda s: s.client.get(f"/api/v1/courses?provider={HUGE}"),
        {422},
    ),
    "a search page beyond 64 bits": (lambda s: s.client.get(f"/zoeken?q=kind&pagina={HUGE}"), {200, 422}),
    "study hours of 10^20 in the course form": (
        lambda s: s.provider_page.post(
            new_course_page(s), new_course_page(s), {**COURSE, "study_load_hours": HUGE}
        ),
        {422},
    ),
    "a price of 10^20 in the course form": (
        lambda s: s.provider_page.post(new_course_page(s), new_course_page(s), {**COURSE, "price": HUGE}),
        {422},
    ),
    "modified_since at the end of time": (
        lambda s: s.client.get("/api/v1/courses?modified_since=9999-12-31T23:59:59Z"),
        {200, 422},
    ),
    "modified_since before the start of time": (
        lambda s: s.client.get("/api/v1/courses?modified_since=0001-01-01T00:00%2B14:00"),
        {200, 422},
    ),
    "a 10,000-character search": (lambda s: s.client.get("/zoeken?q=" + "kind" * 2_500), {414}),
    "a 10,000-character API query": (lambda s: s.client.get("/api/v1/courses?q=" + "kind" * 2_500), {414}),
}


def stored_rows() -> dict[str, int]:
    """The number of rows in every table but the rate-limit counters (those count refused requests too)."""
    db.session.expire_all()
    counts = {}
    for table in db.metadata.sorted_tables:
        if "rate" not in table.name:
            counts[table.name] = db.session.scalar(sa.select(sa.func.count()).select_from(table))
    return counts


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_hostile_input_is_refused_in_dutch_and_saves_nothing(app, sender, attack):
    send, statuses = ATTACKS[attack]
    before = stored_rows()
    response = send(sender)
    assert response.status_code in statuses, response.get_data(as_text=True)[:300]
    if response.request.path.startswith("/api/"):
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        if response.status_code >= 400:
            assert response.mimetype == "application/problem+json"
            assert response.headers["Content-Language"] == "nl"
    elif response.status_code >= 400:
        assert response.mimetype == "text/html"
        assert 'lang="nl"' in response.get_data(as_text=True)
    assert stored_rows() == before
