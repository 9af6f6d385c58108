#!/usr/bin/env python3
"""Measure /statistieken on a large demo catalogue: page renders beside the computation the job does.

Everything runs in one process against one database, so the figures are comparable. Without
``--database-url`` a demo catalogue of ``--courses`` courses is built into a temporary SQLite file first.

    .venv/bin/python scripts/bench_statistics.py                          # 100,000 courses
    .venv/bin/python scripts/bench_statistics.py --courses 2000           # a quick look
    .venv/bin/python scripts/bench_statistics.py --database-url sqlite:////tmp/bench.db
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = ROOT / ".venv" / "bin"
TODAY = date(2026, 11, 27)


def build(database_url: str, courses: int, workdir: Path) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "SEARCH_INDEX_DIR": str(workdir / "index")}
    flask = [str(VENV_BIN / "flask"), "--app", "registry"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run(
        [*flask, "demo-data", "--courses", str(courses), "--today", TODAY.isoformat()],
        env=env,
        cwd=ROOT,
        check=True,
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def timed(function, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    """Build (if needed), measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=100_000)
    parser.add_argument("--database-url", help="an existing catalogue; defaults to building one")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-statistics-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    if not args.database_url:
        print(f"Building {args.courses} courses in {database_url} ...", flush=True)
        build(database_url, args.courses, workdir)
    os.environ["DATABASE_URL"] = database_url

    import sqlalchemy as sa

    from registry import create_app
    from registry.catalogue.models import Course, CourseRun
    from registry.extensions import db
    from registry.statistics import service
    from registry.statistics.models import StatisticsSnapshot

    app = create_app({"SEARCH_INDEX_DIR": str(workdir / "index"), "TESTING": True})
    client = app.test_client()
    rows: list[tuple[str, str]] = []
    with app.app_context():
        courses = db.session.scalar(sa.select(sa.func.count(Course.id)))
        public = db.session.scalar(sa.select(sa.func.count(Course.id)).where(Course.published()))
        print(f"{courses:,} courses, {public:,} public, {database_url.split(':')[0]}", flush=True)

        day = date.today()
        baseline = timed(lambda: service.compute_figures(day), 3)
        rows.append(
            ("baseline: every figure computed (uncached), median of 3", ms(statistics.median(baseline)))
        )

        def page() -> None:
            response = client.get("/statistieken")
            assert response.status_code == 200, response.status_code

        db.session.execute(sa.delete(StatisticsSnapshot))
        db.session.commit()
        service.clear_cache()
        rows.append(
            ("page, very first request (nothing ever counted: counts and stores)", ms(timed(page, 1)[0]))
        )
        warm = sorted(timed(page, args.rounds))
        rows.append(
            (
                f"page, cached, median / worst of {args.rounds}",
                f"{ms(statistics.median(warm))} / {ms(warm[-1])}",
            )
        )
        api = sorted(timed(lambda: client.get("/api/v1/statistics"), args.rounds))
        rows.append(("JSON API, cached, median", ms(statistics.median(api))))
        filtered = sorted(
            timed(lambda: client.get("/statistieken?periode=12&provincie=zeeland"), args.rounds)
        )
        rows.append(("page with filters, cached, median", ms(statistics.median(filtered))))

        course = db.session.scalar(sa.select(Course).where(Course.published()).limit(1))
        course.runs.append(
            CourseRun(starts_on=day + timedelta(days=30), ends_on=day + timedelta(days=30), is_online=True)
        )
        db.session.commit()
        after_change = sorted(timed(page, args.rounds))
        rows.append(
            (
                "page after a catalogue change, before the job ran, median / worst",
                f"{ms(statistics.median(after_change))} / {ms(after_change[-1])}",
            )
        )
        rows.append(
            (
                "job statistics-refresh after the change (counts and stores)",
                ms(timed(lambda: service.refresh_figures(day), 1)[0]),
            )
        )
        rows.append(
            ("job statistics-refresh, nothing changed", ms(timed(lambda: service.refresh_figures(day), 1)[0]))
        )
        rows.append(("page, first request after the job (reads the stored figures)", ms(timed(page, 1)[0])))
        service.clear_cache()  # another worker
        rows.append(("page in a fresh worker (reads the stored figures)", ms(timed(page, 1)[0])))
        again = sorted(timed(page, args.rounds))
        rows.append(("page, cached again, median", ms(statistics.median(again))))
        rows.append(
            (
                "daily job: take_snapshot (figures current)",
                ms(timed(lambda: service.take_snapshot(day), 1)[0]),
            )
        )

    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
