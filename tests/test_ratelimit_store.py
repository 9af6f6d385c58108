"""Rate-limit counters in the database are shared by every worker and process."""

from __future__ import annotations

import multiprocessing
import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from registry.ratelimit_store import DatabaseStorage, LocalFileStorage


def test_the_uri_scheme_selects_the_database_storage(app):
    assert isinstance(storage_from_string("registry-db://"), DatabaseStorage)


def test_two_workers_share_one_counter(app):
    first, second = DatabaseStorage(), DatabaseStorage()  # as two gunicorn workers would each have
    limit = parse("5/minute")
    allowed = 0
    for storage in [first, second] * 20:
        allowed += FixedWindowRateLimiter(storage).hit(limit, "api", "10.0.0.1")
    assert allowed == 5
    assert first.get(limit.key_for("api", "10.0.0.1")) == 40  # every hit of both workers counted once
    assert FixedWindowRateLimiter(second).hit(limit, "api", "10.0.0.2")  # other clients are not affected


def test_a_window_ends_and_counting_starts_again(app):
    storage = DatabaseStorage()
    assert storage.incr("k", expiry=1) == 1
    assert storage.incr("k", expiry=1) == 2
    assert storage.get_expiry("k") > time.time()
    time.sleep(1.1)
    assert storage.get("k") == 0
    assert storage.incr("k", expiry=1) == 1
    storage.clear("k")
    assert storage.get("k") == 0


def _hit_from_another_process(config: dict, hits: int, results) -> None:
    from registry import create_app

    app = create_app(config)
    with app.app_context():
        limiter = FixedWindowRateLimiter(DatabaseStorage())
        results.put(sum(limiter.hit(parse("10/minute"), "login", "shared") for _ in range(hits)))


def test_separate_processes_stay_within_the_limit(app, test_config):
    results = multiprocessing.get_context("spawn").Queue()
    processes = [
        multiprocessing.get_context("spawn").Process(
            target=_hit_from_another_process, args=(test_config, 20, results)
        )
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert sum(results.get(timeout=5) for _ in processes) == 10


def _hit_the_host_file(uri: str, hits: int, results) -> None:
    limiter = FixedWindowRateLimiter(storage_from_string(uri))
    results.put(sum(limiter.hit(parse("10/minute"), "api", "shared") for _ in range(hits)))


def test_the_host_file_is_shared_by_separate_processes(tmp_path):
    uri = f"registry-local://{tmp_path / 'counters.sqlite'}"
    assert isinstance(storage_from_string(uri), LocalFileStorage)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [context.Process(target=_hit_the_host_file, args=(uri, 20, results)) for _ in range(2)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert sum(results.get(timeout=5) for _ in processes) == 10
    storage = LocalFileStorage(uri)
    assert storage.get(parse("10/minute").key_for("api", "shared")) == 40


def test_a_window_in_the_host_file_ends_and_counting_starts_again(tmp_path):
    storage = LocalFileStorage(f"registry-local://{tmp_path / 'counters.sqlite'}")
    assert storage.incr("k", expiry=1) == 1
    assert storage.incr("k", expiry=1) == 2
    assert storage.get_expiry("k") > time.time()
    time.sleep(1.1)
    assert storage.get("k") == 0
    assert storage.incr("k", expiry=1) == 1
    storage.clear("k")
    assert storage.get("k") == 0
