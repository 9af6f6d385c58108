"""Shared fixtures: one migrated database per test run, emptied after every test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_migrate import upgrade

from registry import create_app
from registry.extensions import db


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """PostgreSQL when DATABASE_URL is set (CI gives each run a fresh database), else a new SQLite file."""
    from registry.config import normalise_database_url

    if os.environ.get("DATABASE_URL"):
        return normalise_database_url(os.environ["DATABASE_URL"])
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'registry.db'}"


@pytest.fixture(scope="session")
def test_config(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SEARCH_INDEX_DIR": str(tmp_path_factory.mktemp("index")),
        "SECRET_KEY": "test-secret-key-that-is-long-enough-for-anything",
    }


@pytest.fixture(scope="session")
def _migrated_app(test_config: dict) -> Iterator[Flask]:
    """The app, with the schema built by the real migrations (not create_all)."""
    app = create_app(test_config)
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()  # close pooled connections before the interpreter does it noisily


def empty_all_tables() -> None:
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


def empty_search_index(app: Flask) -> None:
    """Remove the search index directory's contents; the next search starts a new, empty index."""
    from registry.search.sync import current_store

    current_store().close()
    for path in Path(app.config["SEARCH_INDEX_DIR"]).iterdir():
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


@pytest.fixture
def app(_migrated_app: Flask) -> Iterator[Flask]:
    """The app inside an application context; every table and the search index are emptied afterwards."""
    with _migrated_app.app_context():
        yield _migrated_app
        db.session.remove()
        empty_all_tables()
        empty_search_index(_migrated_app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def artifacts_dir() -> Path:
    """Where tests leave files for people to look at (screenshots)."""
    path = Path(__file__).resolve().parent.parent / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


def count(model: type) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0
