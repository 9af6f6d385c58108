#!/usr/bin/env python3
"""Measure the open-data feed on a large catalogue, served by gunicorn as in production.

Builds a catalogue of ``--courses`` courses (100,000 by default) into a database of its own, serves it
with gunicorn on 127.0.0.1 and prints:

- pages per second when a harvester walks ``/api/v1/courses`` (``limit=100``) by its ``next`` links;
- time and peak memory (RSS of the gunicorn worker) to stream the full NDJSON dump: built from the
  database, read back from the copy kept on disk, and refreshed from that copy after 100 changes;
- the server time of a ``modified_since`` sync after 100 changes.

Usage: ``.venv/bin/python scripts/bench_feed.py [--courses N] [--database-url URL] [--keep]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYNC_OVERLAP_SECONDS = 60  # registry.feed.changes.SYNC_OVERLAP
VENV_BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    """A port on the loopback interface that nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command: list[str], env: dict[str, str]) -> None:
    """Run a flask command, failing loudly."""
    subprocess.run(command, env=env, cwd=ROOT, check=True)


def get(url: str) -> tuple[bytes, dict[str, str]]:
    """GET ``url``; the body and headers."""
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read(), dict(response.headers)


def wait_until_up(base: str, deadline: float) -> None:
    """Poll until gunicorn answers, or give up."""
    while time.monotonic() < deadline:
        try:
            get(f"{base}/api/v1/topics")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start in time")


def rss_kib(pid: int) -> int:
    """Resident memory of a process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers under ``master``."""
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def bench_listing(base: str, seconds: float) -> tuple[int, float]:
    """Walk the course listing by its next links for about ``seconds``; pages and pages per second."""
    url: str | None = f"{base}/api/v1/courses?limit=100"
    pages, started = 0, time.perf_counter()
    while url and time.perf_counter() - started < seconds:
        body, _ = get(url)
        url = json.loads(body)["next"]
        pages += 1
    elapsed = time.perf_counter() - started
    return pages, pages / elapsed


def bench_dump(base: str, master: int) -> tuple[float, int, int, int]:
    """Stream the NDJSON dump; seconds, lines, worker RSS before and at its peak (KiB)."""
    before = {pid: rss_kib(pid) for pid in worker_pids(master)}
    peak = dict(before)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in worker_pids(master):
                peak[pid] = max(peak.get(pid, 0), rss_kib(pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    lines = 0
    with urllib.request.urlopen(f"{base}/api/v1/dump/courses.ndjson", timeout=600) as response:
        for _line in response:
            lines += 1
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    grown = max(peak.values()) if peak else 0
    return elapsed, lines, max(before.values(), default=0), grown


def make_changes(env: dict[str, str], count: int) -> str:
    """Make ``count`` changes through the ORM (edits, new runs, withdrawals); the instant before them."""
    script = f"""
import random
from datetime import timedelta
from decimal import Decimal
import sqlalchemy as sa
from registry import create_app
from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course, CourseRun
from registry.clock import today, utcnow
from registry.extensions import db
app = create_app()
with app.app_context():
    since = utcnow()
    ids = db.session.scalars(sa.select(Course.id).where(Course.published())).all()
    rng = random.Random(7)
    for n, course_id in enumerate(rng.sample(list(ids), {count})):
        course = db.session.get(Course, course_id)
        if n % 10 == 0:
            course.status = CourseStatus.WITHDRAWN
        elif n % 3 == 0:
            day = today() + timedelta(days=30 + n)
            course.runs.append(CourseRun(starts_on=day, ends_on=day, is_online=True))
        else:
            course.price = course.price + Decimal("5.00")
        db.session.commit()
    print(since.isoformat())
"""
    result = subprocess.run(
        [str(VENV_BIN / "python"), "-c", script],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def bench_sync(base: str, since: str) -> tuple[int, int, float, float]:
    """A harvester's sync: every page of modified_since; records, tombstones, server ms, wall ms."""
    url: str | None = f"{base}/api/v1/courses?" + urllib.parse.urlencode(
        {"modified_since": since, "limit": 200}
    )
    records = tombstones = 0
    server_ms = 0.0
    started = time.perf_counter()
    while url:
        body, headers = get(url)
        page = json.loads(body)
        records += len(page["items"])
        tombstones += len(page["tombstones"])
        server_ms += float(headers["Server-Timing"].split("dur=")[1])
        url = page["next"]
    return records, tombstones, server_ms, (time.perf_counter() - started) * 1000


def main() -> None:
    """Build, serve, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=100_000)
    parser.add_argument("--database-url", help="defaults to a new SQLite file in a temporary folder")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--listing-seconds", type=float, default=20.0)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-feed-"))
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url or f"sqlite:///{workdir / 'bench.db'}",
        "SEARCH_INDEX_DIR": str(workdir / "index"),
        "REGISTRY_DUMP_DIR": str(workdir / "dumps"),
        # The benchmark is one client hammering from one address; rate limits would measure themselves.
        "REGISTRY_API_RATE_LIMIT": "1000000 per minute",
        "REGISTRY_DUMP_RATE_LIMIT": "1000000 per minute",
        "PYTHONPATH": str(ROOT),
    }
    flask = [str(VENV_BIN / "flask"), "--app", "registry"]
    print(f"Building {args.courses} courses in {env['DATABASE_URL']} ...", flush=True)
    started = time.perf_counter()
    run([*flask, "db", "upgrade"], env)
    run([*flask, "demo-data", "--courses", str(args.courses)], env)
    built_at = time.monotonic()
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
         "--timeout", "600", "registry:create_app()"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_up(base, time.monotonic() + 60)
        pages, per_second = bench_listing(base, args.listing_seconds)
        print(f"Listing: {pages} pages of 100 courses, {per_second:.1f} pages/s", flush=True)
        # A dump counts everything changed in the minute before it was made as possibly missed (the feed's
        # sync overlap), so one made right after the catalogue was generated would have most of it redone
        # on refresh. Harvesters meet catalogues that changed a little, not ones written a minute ago.
        time.sleep(max(0.0, built_at + SYNC_OVERLAP_SECONDS + 1 - time.monotonic()))
        # The first download after a change builds the dump (and keeps it); the next ones read it back.
        for label in ("built", "kept"):
            seconds, lines, before, peak = bench_dump(base, server.pid)
            print(
                f"NDJSON dump ({label}): {lines} courses in {seconds:.1f} s; "
                f"worker RSS {before / 1024:.0f} MiB before, {peak / 1024:.0f} MiB at peak",
                flush=True,
            )
        since = make_changes(env, 100)
        records, tombstones, server_ms, wall_ms = bench_sync(base, since)
        print(
            f"Sync after 100 changes: {records} records + {tombstones} tombstones, "
            f"server time {server_ms:.1f} ms (wall {wall_ms:.1f} ms)",
            flush=True,
        )
        seconds, lines, before, peak = bench_dump(base, server.pid)
        print(
            f"NDJSON dump (refreshed after the changes): {lines} courses in {seconds:.1f} s; "
            f"worker RSS {before / 1024:.0f} MiB before, {peak / 1024:.0f} MiB at peak",
            flush=True,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
