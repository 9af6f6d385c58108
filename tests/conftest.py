"""Shared fixtures: one migrated database per test run, emptied after every test."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_migrate import upgrade

from registry import create_app
from registry.accounts.models import Role
from registry.extensions import db
from registry.feed import record_cache
from registry.organisations.models import CareType, Organisation
from registry.page_cache import forget_generation, pages
from registry.search.demand import discard_pending
from tests.factories import People, make_provider, make_user
from tests.smtp_fixtures import certificate, inbox  # noqa: F401  (SMTP server fixtures)


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
        "REGISTRY_DUMP_DIR": str(tmp_path_factory.mktemp("dumps")),
        "REGISTRY_BACKUP_DIR": str(tmp_path_factory.mktemp("backups")),
        "SECRET_KEY": "test-secret-key-that-is-long-enough-for-anything",
        "PASSWORD_HASH_PROFILE": "CHEAPEST",
        # Tests send many requests from one address; the rate-limit test sets a strict limit itself.
        "REGISTRY_API_RATE_LIMIT": "100000 per minute",
        "REGISTRY_DUMP_RATE_LIMIT": "100000 per minute",
        "REGISTRY_FORM_RATE_LIMIT": "100000 per minute",
        "RATELIMIT_STORAGE_URI": f"registry-local://{tmp_path_factory.mktemp('limits') / 'counters.sqlite'}",
        "REGISTRY_FEED_RECORD_STORE": str(tmp_path_factory.mktemp("feed") / "records.sqlite"),
        # No background threads reading a database the next test empties; the test of it turns it on.
        "REGISTRY_FEED_RECORDS_AHEAD": False,
        "REGISTRY_PAGE_STORE": str(tmp_path_factory.mktemp("pages") / "pages.sqlite"),
    }


@pytest.fixture(scope="session")
def _migrated_app(test_config: dict) -> Iterator[Flask]:
    """The app, with the schema built by the real migrations (not create_all)."""
    app = create_app(test_config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()  # close pooled connections before the interpreter does it noisily


def empty_all_tables() -> None:
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
    forget_generation()
    discard_pending()


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
        pages.clear()
        record_cache._store().clear()  # a day marked made would be of the emptied tables' courses


class IsolatedClient(FlaskClient):
    """Each request gets its own app context (own g, own database session), as on a real server,
    even though the test itself runs inside an app context."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


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


class Browser:
    """Drives the HTML pages like a person: reads the CSRF token from the form it is about to post."""

    TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def csrf_from(self, path: str) -> str:
        page = self.client.get(path, follow_redirects=True).get_data(as_text=True)
        match = self.TOKEN.search(page)
        assert match, f"no form with a CSRF token on {path}"
        return match.group(1)

    def post(self, form_page: str, action: str, data: dict | None = None, **kwargs):
        """Submit a form found on ``form_page`` to ``action``."""
        return self.client.post(
            action, data={**(data or {}), "csrf_token": self.csrf_from(form_page)}, **kwargs
        )

    def login(self, email: str, password: str = "correct horse battery staple"):
        return self.post("/inloggen", "/inloggen", {"email": email, "password": password})

    def logout(self):
        return self.post("/account", "/uitloggen")


@pytest.fixture
def browser_client(client: FlaskClient) -> Browser:
    return Browser(client)


@pytest.fixture
def people(app) -> People:
    """The people of a review: a provider and its member, officials (one conflicted), and others."""
    provider = make_provider(slug="kindwijs", name="Academie Kindwijs")
    other = make_provider(slug="speelplaats", name="Leerhuis De Speelplaats")
    result = People(
        provider=provider,
        other_provider=other,
        member=make_user(Role.PROVIDER, providers=[provider], email="aanbieder@kindwijs.example"),
        other_member=make_user(Role.PROVIDER, providers=[other], email="aanbieder@speelplaats.example"),
        official=make_user(Role.REVIEWER, email="beoordelaar1@branche.example"),
        second_official=make_user(Role.REVIEWER, email="beoordelaar2@branche.example"),
        conflicted_official=make_user(
            Role.REVIEWER, providers=[provider], email="beoordelaar3@branche.example"
        ),
        admin=make_user(Role.ADMIN, email="beheer@branche.example"),
        organisation=make_user(Role.ORGANISATION, email="leiding@kinderopvang.example"),
    )
    result.organisation.organisation = Organisation(
        slug="de-rups", name="Kinderopvang De Rups", kvk_number="12345678", care_type=CareType.DAYCARE
    )
    db.session.commit()
    return result
