"""Two application hosts, one database, an index each: a change reaches both, and a host catches up."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from registry import create_app
from registry.catalogue.enums import CourseStatus
from registry.clock import utcnow
from registry.extensions import db
from registry.jobs.schedule import job_named
from registry.search import log, sync
from registry.search.index import store_for
from tests.conftest import IsolatedClient
from tests.factories import make_course, make_provider

# What the registry promises for a change on every host.
WITHIN = 2.0


@pytest.fixture
def host_b(app: Flask, test_config: dict, tmp_path: Path) -> Iterator[Flask]:
    """A second host: the same database, its own index directory, its own client."""
    other = create_app({**test_config, "SEARCH_INDEX_DIR": str(tmp_path / "host-b-index")})
    other.test_client_class = IsolatedClient
    yield other
    with other.app_context():
        store_for(other.config["SEARCH_INDEX_DIR"]).close()
        db.engine.dispose()


def search_on(host: Flask, words: str) -> list[int]:
    response = host.test_client().get("/api/v1/search", query_string={"q": words, "per_pagina": 50})
    assert response.status_code == 200
    assert response.json["notice"] is None  # answered from the index, not the database
    return sorted(hit["id"] for hit in response.json["hits"])


def found_within(host: Flask, words: str, expected: list[int]) -> float:
    """Search ``host`` until it finds ``expected``; how long that took (fails after the promise)."""
    started = time.monotonic()
    while search_on(host, words) != sorted(expected):
        assert time.monotonic() - started < WITHIN, f"{words!r} not found on the other host in time"
        time.sleep(0.05)
    return time.monotonic() - started


def test_a_change_committed_on_one_host_is_found_on_the_other_within_two_seconds(app, host_b):
    provider = make_provider()
    draft = make_course(provider, title="Kindermishandeling signaleren", status=CourseStatus.DRAFT)
    db.session.commit()
    assert search_on(app, "kindermishandeling") == []
    assert search_on(host_b, "kindermishandeling") == []

    draft.status = CourseStatus.PUBLISHED
    db.session.commit()  # on host A: its own index has it when the commit returns
    assert search_on(app, "kindermishandeling") == [draft.id]
    assert found_within(host_b, "kindermishandeling", [draft.id]) < WITHIN

    draft.status = CourseStatus.WITHDRAWN
    db.session.commit()
    assert found_within(host_b, "kindermishandeling", []) < WITHIN
    status = sync.index_status(store_for(host_b.config["SEARCH_INDEX_DIR"]), db.engine)
    assert status.position == status.log_head and status.documents == status.published == 0


def test_a_host_that_was_down_catches_up_by_itself(app, host_b):
    provider = make_provider()
    first = make_course(provider, title="Slaapveiligheid baby's")
    db.session.commit()
    assert search_on(host_b, "slaapveiligheid") == [first.id]

    # Host B takes no requests while host A publishes three more.
    later = [make_course(provider, title=f"Slaapveiligheid deel {n}") for n in range(3)]
    db.session.commit()
    first.title = "Hechting en spel"
    db.session.commit()

    expected = [course.id for course in later]
    assert found_within(host_b, "slaapveiligheid", expected) < WITHIN


def test_a_host_whose_index_was_deleted_rebuilds_it_and_catches_up(app, host_b):
    provider = make_provider()
    kept = make_course(provider, title="Spelbegeleiding buiten")
    db.session.commit()
    assert search_on(host_b, "spelbegeleiding") == [kept.id]

    shutil.rmtree(host_b.config["SEARCH_INDEX_DIR"])
    added = make_course(provider, title="Spelbegeleiding binnen")
    db.session.commit()

    assert found_within(host_b, "spelbegeleiding", [kept.id, added.id]) < WITHIN


def test_a_host_behind_the_pruned_log_rebuilds_instead_of_missing_changes(app, host_b):
    provider = make_provider()
    first = make_course(provider, title="Ouderbetrokkenheid")
    db.session.commit()
    assert search_on(host_b, "ouderbetrokkenheid") == [first.id]

    # While host B is away, enough changes pass that the log forgets the ones B has not seen.
    more = [make_course(provider, title=f"Ouderbetrokkenheid {n}") for n in range(4)]
    db.session.commit()
    for course in more:
        course.summary = "Samen met ouders."
        db.session.commit()
    with db.engine.begin() as connection:
        assert log.prune(connection, keep=1) > 0
        assert (
            log.horizon(connection)
            > sync.index_status(store_for(host_b.config["SEARCH_INDEX_DIR"]), db.engine).position
        )

    # Host B notices at its next look at the log (within the promise) and rebuilds.
    assert found_within(host_b, "ouderbetrokkenheid", [first.id, *(c.id for c in more)]) < WITHIN


def test_the_prune_job_keeps_what_replaying_costs_less_than_a_rebuild(app, monkeypatch):
    provider = make_provider()
    courses = [make_course(provider, title=f"Gespreksvoering {n}") for n in range(3)]
    db.session.commit()
    for course in courses:
        for n in range(3):
            course.summary = f"Versie {n}"
            db.session.commit()
    with db.engine.connect() as connection:
        before = connection.scalar(sa.select(sa.func.count()).select_from(log.SearchLogEntry))
    monkeypatch.setattr(log, "KEEP_AT_LEAST", 2)

    counts = job_named("search-log-prune").run(utcnow())

    with db.engine.connect() as connection:
        after = connection.scalar(sa.select(sa.func.count()).select_from(log.SearchLogEntry))
    # Three published courses: replaying more than three entries costs more than rebuilding them.
    assert before == 12 and after == 3 and counts == {"removed": 9}
