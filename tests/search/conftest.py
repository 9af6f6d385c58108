"""Search fixtures: an empty index for every test, and a demo catalogue shared by a module."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask

from registry.demo.generator import load_demo_sector
from registry.extensions import db
from registry.search import sync
from tests.conftest import empty_all_tables, empty_search_index

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _empty_index(request: pytest.FixtureRequest, _migrated_app: Flask) -> None:
    # Tests on the shared demo catalogue keep its index; every other test starts from nothing.
    if "demo_catalogue" not in request.fixturenames:
        with _migrated_app.app_context():
            empty_search_index(_migrated_app)


@pytest.fixture(scope="module")
def demo_catalogue(_migrated_app: Flask) -> Iterator[Flask]:
    """300 demo courses (fixed seed and day), indexed; read-only for the tests that use it."""
    with _migrated_app.app_context():
        empty_search_index(_migrated_app)
        load_demo_sector(courses=300, seed=2026, today=TODAY)
        sync.rebuild(sync.current_store(), db.engine)
        db.session.remove()
    yield _migrated_app
    with _migrated_app.app_context():
        db.session.remove()
        empty_all_tables()
        empty_search_index(_migrated_app)


@pytest.fixture
def catalogue(demo_catalogue: Flask) -> Iterator[Flask]:
    """The demo catalogue inside an application context."""
    with demo_catalogue.app_context():
        yield demo_catalogue
        db.session.remove()
