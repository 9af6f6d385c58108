"""The API's rate limits: one budget per client across the public API, a stricter one for dumps that a
304 does not use up, headers that describe the limit that binds, and counters shared by worker processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from registry.extensions import limiter

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def limits(app):
    """Set the API and dump limits for one test, and start from empty counters."""
    original = {key: app.config[key] for key in ("REGISTRY_API_RATE_LIMIT", "REGISTRY_DUMP_RATE_LIMIT")}
    limiter.reset()

    def set_limits(api: str, dump: str) -> None:
        app.config.update(REGISTRY_API_RATE_LIMIT=api, REGISTRY_DUMP_RATE_LIMIT=dump)

    yield set_limits
    app.config.update(original)
    limiter.reset()


def test_one_budget_per_client_across_every_api_endpoint(client, catalogue, limits):
    limits("5 per minute", "100 per hour")
    address = {"REMOTE_ADDR": "192.0.2.20"}
    paths = [
        "/api/v1/topics",
        "/api/v1/courses",
        "/api/v1/schemes",
        "/api/v1/search?q=ehbo",
        f"/api/v1/courses/{catalogue.ehbo.id}",
        "/ooapi/v5/courses",
        "/api/v1/providers",
    ]
    statuses = [client.get(path, environ_base=address).status_code for path in paths]
    assert statuses == [200, 200, 200, 200, 200, 429, 429]
    refused = client.get("/api/v1/quality-marks", environ_base=address)
    assert refused.status_code == 429 and refused.headers["RateLimit-Limit"] == "5"
    assert refused.headers["RateLimit-Policy"] == "5;w=60"
    # Another client has a budget of its own.
    assert client.get("/api/v1/topics", environ_base={"REMOTE_ADDR": "192.0.2.21"}).status_code == 200


def test_revalidating_a_dump_costs_nothing_of_the_dump_budget(client, catalogue, limits):
    limits("100 per minute", "2 per hour")
    address = {"REMOTE_ADDR": "192.0.2.30"}
    first = client.get("/api/v1/dump/courses.ndjson", environ_base=address)
    assert first.status_code == 200 and first.get_data()
    # The headers describe the dump's limit, the one that binds, not the API's larger budget.
    assert first.headers["RateLimit-Limit"] == "2"
    assert first.headers["RateLimit-Remaining"] == "1"
    assert first.headers["RateLimit-Policy"] == "2;w=3600"
    etag = first.headers["ETag"]
    for _ in range(15):  # a harvester checking every few minutes whether the dump changed
        revalidated = client.get(
            "/api/v1/dump/courses.ndjson", headers={"If-None-Match": etag}, environ_base=address
        )
        assert revalidated.status_code == 304
        assert revalidated.headers["RateLimit-Remaining"] == "1"
    second = client.get("/api/v1/dump/courses.ndjson", environ_base=address)
    assert second.status_code == 200 and second.get_data() and second.headers["RateLimit-Remaining"] == "0"
    refused = client.get("/api/v1/dump/courses.ndjson", environ_base=address)
    assert refused.status_code == 429 and refused.mimetype == "application/problem+json"
    assert refused.headers["RateLimit-Limit"] == "2"
    assert 60 < int(refused.headers["Retry-After"]) <= 3601
    # The rest of the API is still open to this client.
    listing = client.get("/api/v1/courses", environ_base=address)
    assert listing.status_code == 200 and listing.headers["RateLimit-Limit"] == "100"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urlopen(url, timeout=30) as response:
            return response.status
    except HTTPError as error:
        return error.code


def _workers(access_log: Path, skip: int = 0) -> set[str]:
    """The worker processes that answered, from an access log of "pid status" lines."""
    if not access_log.exists():
        return set()
    return {line.split()[0] for line in access_log.read_text().splitlines()[skip:] if line.strip()}


def test_the_limit_holds_across_two_gunicorn_workers(app, test_config, tmp_path):
    """A real gunicorn with two worker processes: together they let through exactly the limit."""
    port = _free_port()
    access_log = tmp_path / "access.log"
    env = {
        **os.environ,
        "DATABASE_URL": test_config["SQLALCHEMY_DATABASE_URI"],
        "SEARCH_INDEX_DIR": test_config["SEARCH_INDEX_DIR"],
        "SECRET_KEY": test_config["SECRET_KEY"],
        "RATELIMIT_STORAGE_URI": f"registry-local://{tmp_path / 'counters.sqlite'}",
        "REGISTRY_API_RATE_LIMIT": "12 per minute",
        "REGISTRY_WARM_UP": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        # A sync worker takes one connection at a time, so a burst is shared by both processes.
        "GUNICORN_WORKER_CLASS": "sync",
        "GUNICORN_ACCESS_LOG": str(access_log),
    }
    env.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
            "--access-logformat", "%(p)s %(s)s", "registry:create_app()",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/api/v1/topics"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        # Wait until both workers answer (each serves a page that counts nothing).
        home = f"http://127.0.0.1:{port}/regelingen"
        while len(_workers(access_log)) < 2 and time.monotonic() < deadline:
            with ThreadPoolExecutor(8) as pool:
                assert set(pool.map(_status, [home] * 8)) == {200}
        served_home = len(access_log.read_text().splitlines())
        with ThreadPoolExecutor(16) as pool:
            statuses = list(pool.map(_status, [url] * 40))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert statuses.count(200) == 12 and statuses.count(429) == 28
    # Both processes served the API, and together they let through one budget.
    assert len(_workers(access_log, skip=served_home)) == 2
