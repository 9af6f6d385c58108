#!/usr/bin/env python3
"""Peak memory of a bulk import (preview, then confirmation) for files of growing length.

Writes a CSV of ``rows`` rows (5 runs per course) to a temporary file, imports it into a fresh SQLite
database with the real migrations, and prints how far the process's peak resident memory rose above
what it used just before the import, and the time each step took. Each size runs in a process of its
own, so one size's peak does not hide the next. ``--tracemalloc`` reports Python's own allocations
instead (exact, but it makes the import several times slower). Flat memory means the figure hardly
grows with the file.

Usage: ``.venv/bin/python scripts/measure_import_memory.py [--rows 2000 20000] [--tracemalloc]``
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS_PER_COURSE = 5


def write_file(path: Path, rows: int) -> None:
    """A valid import file of ``rows`` rows, written line by line."""
    from registry.exchange.columns import HEADERS

    first = date.today() + timedelta(days=30)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        for n in range(rows):
            course, run = divmod(n, RUNS_PER_COURSE)
            day = (first + timedelta(days=7 * run + course % 5)).strftime("%d-%m-%Y")
            writer.writerow(
                [
                    f"K-{course:06}",
                    f"Training {course} voor pedagogisch medewerkers",
                    "Een praktische training over veiligheid en gezondheid.",
                    "Oefenen in de groep.",
                    "mbo-3",
                    "Klassikaal",
                    "8",
                    "149,50",
                    "nl",
                    "Certificaat",
                    "pedagogisch-medewerker",
                    "kinder-ehbo",
                    day,
                    day,
                    "nee",
                    "Utrecht",
                    "Utrecht",
                    "12",
                    "",
                ]
            )


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1e6


def _reset_peak_rss() -> None:
    # Linux: writing 5 to clear_refs resets VmHWM, so the peak is the import's, not the set-up's.
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def _peak_rss_mb() -> float:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1e3  # kilobytes


def measure(rows: int, use_tracemalloc: bool) -> None:
    from flask_migrate import upgrade

    from registry import create_app
    from registry.accounts.models import Role, User
    from registry.catalogue.enums import Province
    from registry.catalogue.models import Provider, TargetRole, Topic
    from registry.exchange import service
    from registry.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/registry.db",
                "SECRET_KEY": "measure-import-memory-only-not-for-production",
                "SEARCH_INDEX_DIR": f"{folder}/index",
                "REGISTRY_DUMP_DIR": f"{folder}/dumps",
                "TESTING": True,
            }
        )
        app.instance_path = folder
        with app.app_context():
            upgrade()
            provider = Provider(
                slug="p",
                name="Opleider",
                kvk_number="12345678",
                email="p@example.org",
                city="Utrecht",
                province=Province.UTRECHT,
            )
            user = User(
                email="m@example.org", name="M", role=Role.PROVIDER, providers=[provider], password_hash="x"
            )
            db.session.add_all(
                [
                    provider,
                    user,
                    TargetRole(slug="pedagogisch-medewerker", name="PM"),
                    Topic(slug="kinder-ehbo", name="Kinder-EHBO"),
                ]
            )
            db.session.commit()
            path = Path(folder) / "import.csv"
            write_file(path, rows)
            size = path.stat().st_size

            baseline = _rss_mb()
            _reset_peak_rss()
            if use_tracemalloc:
                tracemalloc.start()
            started = time.perf_counter()
            with path.open("rb") as stream:
                preview = service.preview_import(user, provider.id, stream)
            preview_time = time.perf_counter() - started
            preview_peak = tracemalloc.get_traced_memory()[1] / 1e6 if use_tracemalloc else _peak_rss_mb()
            if use_tracemalloc:
                tracemalloc.reset_peak()
            started = time.perf_counter()
            result = service.confirm_import(user, provider.id, preview.token, preview.digest)
            confirm_time = time.perf_counter() - started
            confirm_peak = tracemalloc.get_traced_memory()[1] / 1e6 if use_tracemalloc else _peak_rss_mb()
            what = "tracemalloc peak" if use_tracemalloc else f"peak RSS above the {baseline:.0f} MB before"
            if not use_tracemalloc:
                preview_peak -= baseline
                confirm_peak -= baseline
            print(
                f"{rows:>7} rows ({size / 1e6:.1f} MB, {len(result.created)} courses), {what}: "
                f"preview {preview_peak:.1f} MB in {preview_time:.0f} s, "
                f"preview + confirmation {confirm_peak:.1f} MB, confirmation {confirm_time:.0f} s",
                flush=True,
            )
            db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process measuring one size
    args = parser.parse_args()
    if args.one:
        measure(args.one, args.tracemalloc)
        return
    for rows in args.rows:
        extra = ["--tracemalloc"] if args.tracemalloc else []
        subprocess.run([sys.executable, __file__, "--one", str(rows), *extra], check=True)


if __name__ == "__main__":
    main()
