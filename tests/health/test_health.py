"""Liveness, readiness with its figures, and a database that is down or drops its connections."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from registry.extensions import db
from registry.search import sync
from registry.search.sync import current_store
from tests.conftest import empty_search_index

ROOT = Path(__file__).resolve().parents[2]


def test_liveness_answers_without_asking_anything(client):
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.get_json() == {"status": "live"}


def test_readiness_reports_the_database_the_index_and_the_queues(app, client):
    sync.rebuild(current_store(), db.engine)
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready"
    assert body["database"]["reachable"] is True
    assert body["database"]["queue_depth"] == {"outbox": 0}
    index = body["search_index"]
    assert index["generation"] == current_store().current_name()
    assert index["documents"] == index["published_courses"] and index["log_positions_behind"] == 0
    assert "postgres" not in response.get_data(as_text=True)  # no address or secret in the figures


def test_readiness_is_503_without_a_search_index(app, client):
    empty_search_index(app)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert response.get_json()["search_index"]["present"] is False


def test_health_is_never_rate_limited(app, client):
    app.config["RATELIMIT_ENABLED"] = True
    answers = {client.get("/health/live").status_code for _ in range(30)}
    assert answers == {200}


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str

    def json(self):
        import json

        return json.loads(self.text)


def get(url: str) -> Answer:
    """A GET over the network; an error status is an answer too."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return Answer(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        return Answer(error.code, dict(error.headers), error.read().decode())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server_without_database(tmp_path):
    """The real server (gunicorn) pointed at a database port where nothing listens."""
    closed = free_port()
    port = free_port()
    environ = {
        **os.environ,
        "DATABASE_URL": f"postgresql://postgres@127.0.0.1:{closed}/nothing",
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "SECRET_KEY": "x" * 40,
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", "1", "registry:create_app()"],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            get(f"{base}/health/live")
            break
        except OSError:
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=20)


def test_with_the_database_down_pages_and_api_answer_503_with_retry_after(server_without_database):
    base = server_without_database
    assert get(f"{base}/health/live").status == 200
    ready = get(f"{base}/health/ready")
    assert ready.status == 503
    assert ready.json()["database"]["reachable"] is False
    page = get(f"{base}/opleidingen")
    assert page.status == 503
    assert page.headers["Retry-After"] == "30"
    assert "Het register is even niet bereikbaar" in page.text
    api = get(f"{base}/api/v1/courses")
    assert api.status == 503
    assert api.headers["Content-Type"] == "application/problem+json"
    assert api.headers["Retry-After"] == "30"
    assert api.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="dropping the server's connections is a PostgreSQL scenario; SQLite has no server",
)
def test_the_app_recovers_by_itself_when_the_database_drops_its_connections(app, client):
    assert client.get("/api/v1/courses").status_code == 200  # a pooled connection now exists
    with db.engine.connect() as connection:
        own = connection.scalar(sa.text("SELECT pg_backend_pid()"))
    with sa.create_engine(db.engine.url, poolclass=sa.pool.NullPool).connect() as admin:
        dropped = admin.execute(
            sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).all()
    assert dropped and own
    assert client.get("/api/v1/courses").status_code == 200
    assert client.get("/opleidingen").status_code == 200
