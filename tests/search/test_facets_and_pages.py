"""Facet counts agree with SQL; the search page and the JSON API show the same search."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import url_for

from registry.catalogue.models import Course, CourseRun, Topic, course_topics
from registry.extensions import db
from registry.schemes.models import SubsidyScheme, course_schemes
from registry.search import service
from registry.search.documents import price_band
from registry.search.views import search_args, search_query, toggle
from tests.search.conftest import TODAY


@pytest.fixture
def client(catalogue):
    """A test client that leaves the shared catalogue in place (the global one empties the tables)."""
    return catalogue.test_client()


def counts(**params) -> dict[str, dict[str, int]]:
    return service.search(service.parse_search_args(params), TODAY).facet_counts


def published(*where) -> sa.Select:
    return sa.select(Course.id).where(Course.published(), *where)


def sql_count(query: sa.Select) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.distinct().subquery()))


def test_topic_and_scheme_counts_match_sql(catalogue):
    facet = counts()
    for slug, value in facet["thema"].items():
        query = published().join(course_topics, course_topics.c.course_id == Course.id).join(Topic)
        assert value == sql_count(query.where(Topic.slug == slug)), slug
    for code, value in facet["regeling"].items():
        query = published().join(course_schemes, course_schemes.c.course_id == Course.id).join(SubsidyScheme)
        assert value == sql_count(query.where(SubsidyScheme.code == code)), code
    assert sum(facet["vorm"].values()) == sql_count(published())


def test_counts_under_a_filter_match_sql_and_ignore_their_own_facet(catalogue):
    facet = counts(vorm=["online"], q="")
    for slug, value in facet["thema"].items():
        query = (
            published(Course.delivery_mode == "online")
            .join(course_topics, course_topics.c.course_id == Course.id)
            .join(Topic)
        )
        assert value == sql_count(query.where(Topic.slug == slug)), slug
    # The chosen facet itself is still counted over everything, so the other modes stay choosable.
    assert facet["vorm"] == counts()["vorm"]
    assert len(facet["vorm"]) > 1


def test_province_and_price_counts_match_sql(catalogue):
    # A province counts a course with a run there that has not started yet.
    facet = counts(q="kinderopvang")
    matched = set(service_ids("kinderopvang"))
    for province, value in facet["provincie"].items():
        if province == "online":
            continue
        ids = set(
            db.session.scalars(
                published(
                    CourseRun.province == province,
                    CourseRun.is_online.is_(False),
                    CourseRun.starts_on >= TODAY,
                ).join(CourseRun)
            )
        )
        assert value == len(ids & matched), province
    prices = dict(db.session.execute(sa.select(Course.id, Course.price).where(Course.id.in_(matched))).all())
    for band, value in facet["prijs"].items():
        assert value == sum(1 for price in prices.values() if price_band(price) == band), band


def service_ids(q: str) -> list[int]:
    args = service.parse_search_args({"q": q, "per_pagina": 50})
    outcome = service.search(args, TODAY)
    ids = [r.course_id for r in outcome.ranked]
    page = 2
    while len(ids) < outcome.total:
        args = service.parse_search_args({"q": q, "per_pagina": 50, "pagina": page})
        ids += [r.course_id for r in service.search(args, TODAY).ranked]
        page += 1
    return ids


@pytest.mark.parametrize("sort", ["prijs", "start", "nieuw"])
def test_sorts_order_by_their_key(catalogue, sort):
    args = service.parse_search_args({"q": "ehbo", "sorteer": sort, "per_pagina": 50})
    ranked = service.search(args, TODAY).ranked
    courses = {
        c.id: c
        for c in db.session.scalars(sa.select(Course).where(Course.id.in_([r.course_id for r in ranked])))
    }
    if sort == "prijs":
        keys = [courses[r.course_id].price for r in ranked]
    elif sort == "start":
        keys = [r.next_start or TODAY.max for r in ranked]
    else:
        keys = [-courses[r.course_id].published_at.toordinal() for r in ranked]
    assert len(keys) > 5
    assert keys == sorted(keys)


def test_search_page_shows_hits_facets_and_shareable_links(catalogue, client):
    response = client.get("/zoeken?q=EHBO&provincie=online")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    total = service.search(service.parse_search_args({"q": "EHBO", "provincie": "online"}), TODAY).total
    assert f"{total} opleidingen gevonden" in html
    assert "<mark" in html
    # A facet link keeps the query and the other filters, and toggles its own value.
    assert re.search(r'href="/zoeken\?q=EHBO&amp;provincie=online&amp;vorm=\w+"', html)
    assert 'href="/zoeken?q=EHBO"' in html  # removes the chosen province filter


def test_json_api_returns_the_same_search(catalogue, client):
    body = client.get("/api/v1/search?q=EHBO&provincie=online&per_pagina=5").get_json()
    outcome = service.search(
        service.parse_search_args({"q": "EHBO", "provincie": "online", "per_pagina": 5}), TODAY
    )
    assert body["total"] == outcome.total
    assert [hit["id"] for hit in body["hits"]] == [r.course_id for r in outcome.ranked]
    assert body["filters"] == {"provincie": ["online"]}
    province = next(facet for facet in body["facets"] if facet["name"] == "provincie")
    assert {"value": "online", "label": "Online", "count": outcome.total, "selected": True} in province[
        "values"
    ]
    assert body["hits"][0]["url"].startswith("http://localhost/opleidingen/")


def test_bad_parameters_give_problem_json_and_a_dutch_page(catalogue, client):
    response = client.get("/api/v1/search?sorteer=duurste")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert "sorteer" in response.get_json()["errors"]
    assert client.get("/zoeken?pagina=0").status_code == 422


def test_misspelling_gets_corrected_results_and_says_so(catalogue, client):
    html = client.get("/zoeken?q=hygeine").get_data(as_text=True)
    assert "Geen resultaten voor ‘hygeine’. Resultaten voor ‘hygiene’" in html


def test_no_results_offers_dropping_a_filter(catalogue, client):
    args = service.parse_search_args({"q": "ehbo", "vorm": "online", "niveau": "hbo"})
    outcome = service.search(args, TODAY)
    assert outcome.total == 0
    assert outcome.relaxations
    html = client.get("/zoeken?q=ehbo&vorm=online&niveau=hbo").get_data(as_text=True)
    assert "Haal een filter weg" in html
    for facet, value, count in outcome.relaxations:
        assert count > 0
        without = {"q": "ehbo", "vorm": "online", "niveau": "hbo"}
        del without[facet]
        assert service.search(service.parse_search_args(without), TODAY).total == count, value


def test_suggest_completes_the_last_word(catalogue, client):
    body = client.get("/api/v1/search/suggest?q=kinder-ehbo herh").get_json()
    assert body["suggestions"]
    assert all(s.startswith("kinder-ehbo herh") for s in body["suggestions"])
    assert client.get("/api/v1/search/suggest?q=").get_json()["suggestions"] == []


def test_search_box_on_every_page_points_at_the_search_page(catalogue, client):
    for path in ("/", "/opleidingen", "/aanbieders"):
        assert 'action="/zoeken"' in client.get(path).get_data(as_text=True), path


@pytest.mark.parametrize(
    "params",
    [
        {"q": "EHBO"},
        {"q": "werken met baby's & peuters", "provincie": ["online", "noord-holland"], "pagina": "2"},
        {"q": "3F/B2 taal (mondeling); één", "sorteer": "prijs", "vorm": "online"},
        {"bij": "3511", "straal": "25"},
        {},
    ],
)
def test_result_links_are_the_addresses_url_for_builds(catalogue, params):
    outcome = service.search(service.parse_search_args(params), TODAY)
    changes = [{}, {"pagina": 3}, {"q": None}, {"bij": None, "straal": None, "pagina": None}]
    changes += [
        toggle(outcome, facet, value) for facet in ("provincie", "vorm") for value in ("online", "zeeland")
    ]
    with catalogue.test_request_context("/zoeken"):
        base = url_for("search.search_page")
        for change in changes:
            built = url_for("search.search_page", **search_args(outcome, **change))
            assert base + search_query(outcome, change) == built
