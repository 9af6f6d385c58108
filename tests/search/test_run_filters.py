"""Filters about runs hold for one run together; search near a place finds the nearest runs first."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise

import pytest
from flask import Flask

from registry.catalogue.enums import DeliveryMode, Province
from registry.catalogue.models import Course
from registry.clock import today
from registry.demo.content import CITIES
from registry.extensions import db
from registry.search import service, sync
from registry.search.places import distance_km, locate, place
from tests.conftest import empty_all_tables, empty_search_index
from tests.factories import make_course, make_provider, make_run

QUARTER = 92


@pytest.fixture(autouse=True)
def _empty_index() -> None:
    """This module's catalogue is shared by its tests and keeps its index (overrides the package's)."""


@pytest.fixture(scope="module")
def run_catalogue(_migrated_app: Flask) -> Iterator[dict]:
    """80 courses with 1-4 runs each, in places all over the country, some past, some online."""
    rng = random.Random(17)
    day = today()
    with _migrated_app.app_context():
        empty_all_tables()
        empty_search_index(_migrated_app)
        provider = make_provider()
        runs: dict[int, list[tuple[date, str, str]]] = {}
        for n in range(80):
            online_course = n % 10 == 0
            course = make_course(
                provider,
                title=f"Scholing {n}",
                delivery_mode=DeliveryMode.ONLINE if online_course else DeliveryMode.CLASSROOM,
            )
            runs[course.id] = []
            for _ in range(rng.randint(1, 4)):
                starts = day + timedelta(days=rng.randint(-60, 300))
                if online_course or rng.random() < 0.1:
                    make_run(course, starts, is_online=True, city="", province=None)
                    runs[course.id].append((starts, "online", ""))
                    continue
                province = rng.choice(list(CITIES))
                city = rng.choice(CITIES[province])[0]
                make_run(course, starts, city=city, province=Province(province), seats=rng.randint(8, 20))
                runs[course.id].append((starts, province, city))
        # The case that started it: a run in Limburg next month and one in Hilversum after the quarter.
        misleading = make_course(provider, title="Scholing die misleidde")
        make_run(misleading, day + timedelta(days=20), city="Maastricht", province=Province.LIMBURG)
        make_run(misleading, day + timedelta(days=200), city="Hilversum", province=Province.NOORD_HOLLAND)
        runs[misleading.id] = [
            (day + timedelta(days=20), "limburg", "Maastricht"),
            (day + timedelta(days=200), "noord-holland", "Hilversum"),
        ]
        misleading_id = misleading.id
        db.session.commit()
        sync.rebuild(sync.current_store(), db.engine)
        db.session.remove()
    yield {"runs": runs, "misleading": misleading_id, "day": day}
    with _migrated_app.app_context():
        db.session.remove()
        empty_all_tables()
        empty_search_index(_migrated_app)


@pytest.fixture
def catalogue(run_catalogue: dict, _migrated_app: Flask) -> Iterator[dict]:
    with _migrated_app.app_context():
        yield run_catalogue
        db.session.remove()


def everything(**params) -> list:
    """Every hit of a search, all pages."""
    params = {"per_pagina": 50, **params}
    outcome = service.search(service.parse_search_args(params), today())
    ranked = list(outcome.ranked)
    page = 2
    while len(ranked) < outcome.total:
        ranked += service.search(service.parse_search_args({**params, "pagina": page}), today()).ranked
        page += 1
    return ranked


def in_quarter(starts: date, day: date) -> bool:
    return day <= starts <= day + timedelta(days=QUARTER)


@pytest.mark.parametrize("province", [p.value for p in Province] + ["online"])
def test_every_result_for_a_province_and_a_quarter_has_one_run_with_both(catalogue, province):
    day, runs = catalogue["day"], catalogue["runs"]
    ranked = everything(provincie=province, start="kwartaal")
    expected = {
        course_id
        for course_id, course_runs in runs.items()
        if any(where == province and in_quarter(starts, day) for starts, where, _c in course_runs)
    }
    assert {hit.course_id for hit in ranked} == expected
    for hit in ranked:
        # The run the card shows is that run.
        assert hit.run.run.where == province
        assert in_quarter(hit.run.run.starts, day)
    if province == "noord-holland":
        assert catalogue["misleading"] not in expected
    if province == "limburg":
        assert catalogue["misleading"] in expected


@pytest.mark.parametrize(
    "params",
    [
        {"provincie": "utrecht"},
        {"provincie": ["limburg", "online"]},
        {"start": "maand"},
        {"start": ["maand", "kwartaal"]},
        {"provincie": "gelderland", "sorteer": "start"},
        {"provincie": ["utrecht", "zuid-holland"], "start": "maand"},
        {"provincie": "online", "start": "kwartaal", "sorteer": "start"},
    ],
)
def test_run_facets_from_bitsets_find_and_show_what_a_walk_over_every_run_finds(catalogue, params):
    # Province and start are answered from bitsets, the shown run looked up per page: the same
    # courses, and each card's run passes the filter.
    day, runs = catalogue["day"], catalogue["runs"]
    provinces = params.get("provincie")
    provinces = {provinces} if isinstance(provinces, str) else set(provinces or ())
    window = 31 if params.get("start") == "maand" else QUARTER if "start" in params else None

    def passes(starts: date, where: str) -> bool:
        if starts < day:  # a run that started is history, online or not
            return False
        if provinces and where not in provinces:
            return False
        return window is None or day <= starts <= day + timedelta(days=window)

    ranked = everything(**params)
    expected = {
        course_id for course_id, course_runs in runs.items() if any(passes(s, w) for s, w, _c in course_runs)
    }
    assert {hit.course_id for hit in ranked} == expected
    for hit in ranked:
        shown = hit.run.run
        assert provinces == set() or shown.where in provinces
        if window is not None:
            assert day <= shown.starts <= day + timedelta(days=window)
    if params.get("sorteer") == "start":
        starts = [hit.run.run.starts or date.max for hit in ranked]
        assert starts == sorted(starts)


def test_start_counts_under_a_province_filter_count_runs_that_satisfy_both(catalogue):
    day, runs = catalogue["day"], catalogue["runs"]
    provinces = {"utrecht", "limburg"}
    args = service.parse_search_args({"provincie": sorted(provinces)})
    counts = service.search(args, today()).facet_counts["start"]
    for window, days in (("maand", 31), ("kwartaal", QUARTER)):
        assert counts.get(window, 0) == sum(
            1
            for course_runs in runs.values()
            if any(w in provinces and day <= s <= day + timedelta(days=days) for s, w, _c in course_runs)
        ), window


def test_province_counts_under_a_start_filter_count_runs_that_satisfy_both(catalogue):
    day, runs = catalogue["day"], catalogue["runs"]
    counts = service.search(service.parse_search_args({"start": "kwartaal"}), today()).facet_counts
    for province, count in counts["provincie"].items():
        assert count == sum(
            1
            for course_runs in runs.values()
            if any(where == province and in_quarter(starts, day) for starts, where, _c in course_runs)
        ), province


def test_near_a_place_finds_runs_within_the_radius_nearest_first(catalogue):
    day, runs = catalogue["day"], catalogue["runs"]
    utrecht = locate("Utrecht")
    ranked = everything(bij="Utrecht", straal=25)

    def within(course_runs):
        distances = [
            distance_km(utrecht.lat, utrecht.lon, point.lat, point.lon)
            for starts, where, city in course_runs
            if where != "online" and starts >= day and (point := place(city, where))
        ]
        return min((d for d in distances if d <= 25), default=None)

    expected = {course_id for course_id, course_runs in runs.items() if within(course_runs) is not None}
    assert expected and len(expected) < len(runs)  # some inside, some outside the radius
    assert {hit.course_id for hit in ranked} == expected
    distances = [hit.run.distance_km for hit in ranked]
    assert distances == sorted(distances)
    assert all(distance <= 25 for distance in distances)
    assert [round(d, 6) for d in distances] == [round(within(runs[hit.course_id]), 6) for hit in ranked]
    for first, second in pairwise(ranked):  # as near as each other: the soonest start first
        if first.run.distance_km == second.run.distance_km:
            assert (first.run.run.starts, first.course_id) <= (second.run.run.starts, second.course_id)
    counts = service.search(service.parse_search_args({"bij": "Utrecht", "straal": 25}), today()).facet_counts
    for province, count in counts["provincie"].items():
        assert count == sum(
            1
            for course_runs in runs.values()
            if any(
                where == province
                and starts >= day
                and distance_km(utrecht.lat, utrecht.lon, *point(c, where)) <= 25
                for starts, where, c in course_runs
                if where != "online"
            )
        ), province
    wider = everything(bij="3511", straal=50)  # a postcode in Utrecht, a wider circle
    assert expected < {hit.course_id for hit in wider}


def test_place_and_province_and_start_hold_for_the_same_run(catalogue):
    day, runs = catalogue["day"], catalogue["runs"]
    amsterdam = locate("Amsterdam")
    ranked = everything(bij="Amsterdam", straal=50, start="kwartaal", provincie="noord-holland")
    for hit in ranked:
        run = hit.run.run
        assert run.where == "noord-holland" and in_quarter(run.starts, day)
        assert distance_km(amsterdam.lat, amsterdam.lon, run.lat, run.lon) <= 50
    assert len(ranked) == sum(
        1
        for course_runs in runs.values()
        if any(
            where == "noord-holland"
            and in_quarter(starts, day)
            and distance_km(amsterdam.lat, amsterdam.lon, *point(city, where)) <= 50
            for starts, where, city in course_runs
        )
    )


def point(city: str, province: str) -> tuple[float, float]:
    found = place(city, province)
    return found.lat, found.lon


def test_an_unknown_place_is_refused_with_a_dutch_message(catalogue, _migrated_app):
    client = _migrated_app.test_client()
    page = client.get("/zoeken?bij=Atlantis")
    assert page.status_code == 422
    assert "Deze plaats of postcode kennen we niet" in page.get_data(as_text=True)
    api = client.get("/api/v1/search?bij=Atlantis")
    assert api.status_code == 422
    assert api.content_type.startswith("application/problem+json")
    assert "bij" in api.get_json()["errors"]
    assert client.get("/api/v1/search?bij=Utrecht&straal=30").status_code == 422


def test_search_page_and_api_show_the_matching_run(catalogue, _migrated_app):
    client = _migrated_app.test_client()
    html = client.get("/zoeken?provincie=limburg&start=kwartaal&q=misleidde").get_data(as_text=True)
    assert "Scholing die misleidde" in html
    card = html[html.index("Scholing die misleidde") :]
    assert "Maastricht" in card[: card.index("</li>")]
    assert "Hilversum" not in card[: card.index("</li>")]

    near = client.get("/zoeken?bij=Utrecht&straal=10").get_data(as_text=True)
    assert "binnen 10 km van Utrecht" in near
    assert 'value="Utrecht"' in near
    assert " km)" in near  # each card says how far its run is

    body = client.get("/api/v1/search?bij=Utrecht&straal=25&per_pagina=50").get_json()
    assert body["sort"] == "afstand"
    assert body["near"] == {"place": "Utrecht", "province": "utrecht", "radius_km": 25}
    distances = [hit["run"]["distance_km"] for hit in body["hits"]]
    assert distances and distances == sorted(distances)
    assert all(hit["run"]["city"] and hit["run"]["online"] is False for hit in body["hits"])

    spec = client.get("/api/v1/openapi.json").get_json()
    parameters = {p["name"] for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"bij", "straal"} <= parameters
    assert "run" in spec["components"]["schemas"]["Hit"]["properties"]


def test_a_course_counts_only_runs_that_have_not_started(catalogue):
    day, runs = catalogue["day"], catalogue["runs"]
    past_only = [
        course_id
        for course_id, course_runs in runs.items()
        if course_runs
        and all(starts < day for starts, _w, _c in course_runs)
        and db.session.get(Course, course_id).delivery_mode != DeliveryMode.ONLINE
    ]
    found = {hit.course_id for hit in everything(provincie=[p.value for p in Province] + ["online"])}
    assert not set(past_only) & found


def test_nothing_near_a_place_offers_a_wider_circle(catalogue, _migrated_app):
    # A place with no run within 10 km, but some within 50 km (the seeded catalogue has one).
    candidates = ("Bunnik", "Houten", "Woerden", "Maarssen", "Soest", "Baarn", "Culemborg")
    candidate, wide = next(
        (place_name, wide)
        for place_name in candidates
        if not everything(bij=place_name, straal=10) and (wide := everything(bij=place_name, straal=50))
    )
    outcome = service.search(service.parse_search_args({"bij": candidate, "straal": 10}), today())
    assert outcome.total == 0 and outcome.wider
    assert dict(outcome.wider)[50] == len(wide)
    page = _migrated_app.test_client().get(f"/zoeken?bij={candidate}&straal=10").get_data(as_text=True)
    assert f"Niets binnen 10 km van {candidate}" in page and "straal=50" in page
