#!/usr/bin/env python3
"""Time a provider's bulk import (preview, then confirmation) of a large file, beside a baseline.

Writes a CSV with the template's columns (``--rows`` rows, 5 runs per course), then in a fresh
database with the real migrations times three imports of one provider, each preview and confirmation:

1. **first**: every course is new;
2. **changed**: half the courses have meanwhile been published; the file now has another price on
   every course and a moved run, so drafts change in place and each published course gets a change
   review, as a form edit would;
3. **again**: the same file once more, which changes nothing.

Each measurement runs in a process of its own, once with this tree's code and once with the code of
``--baseline`` (a git revision, unpacked with ``git archive`` into a temporary folder), on SQLite and,
with ``--postgres``, on PostgreSQL. It prints the seconds side by side and the rise of peak resident
memory during the confirmations.

Usage: ``.venv/bin/python scripts/bench_import.py [--rows 20000] [--baseline REV]
[--postgres postgresql://postgres@127.0.0.1:5432/scratch] [--no-baseline]``

The PostgreSQL database is emptied (its ``public`` schema dropped) before every measurement: name a
scratch database.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNS_PER_COURSE = 5
# The last revision that staged an import course by course (a flush, audit event and uuid update each).
DEFAULT_BASELINE = "28f15a3"
STEPS = ("first", "changed", "again")


def write_file(path: Path, rows: int, *, changed: bool = False) -> None:
    """A valid import file of ``rows`` rows; ``changed``: another price, each last run a day later."""
    sys.path.insert(0, str(ROOT))
    from registry.exchange.columns import HEADERS

    first = date.today() + timedelta(days=30)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        for n in range(rows):
            course, run = divmod(n, RUNS_PER_COURSE)
            moved = 1 if changed and run == RUNS_PER_COURSE - 1 else 0
            day = (first + timedelta(days=7 * run + course % 5 + moved)).strftime("%d-%m-%Y")
            writer.writerow(
                [
                    f"K-{course:06}",
                    f"Training {course} voor pedagogisch medewerkers",
                    "Een praktische training over veiligheid en gezondheid.",
                    "Oefenen in de groep.",
                    "mbo-3",
                    "Klassikaal",
                    "8",
                    "159,50" if changed else "149,50",
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


# -- one measurement, in a child process whose sys.path starts with the tree under test ----------------


def _reset_peak_rss() -> None:
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")  # Linux: resets VmHWM, so the peak is the step's own


def _rss_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field))
    return int(line.split()[1]) / 1e3


@contextmanager
def registry(database: str) -> Iterator[tuple[Any, Any, Any]]:
    """A fresh registry (real migrations) with one provider, its member and one published course;
    yields (app, provider, user) inside the app context."""
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from registry import create_app
    from registry.accounts.models import Role, User
    from registry.catalogue.enums import CourseStatus, DeliveryMode, Province
    from registry.catalogue.models import Course, Provider, TargetRole, Topic
    from registry.extensions import db

    with tempfile.TemporaryDirectory() as folder:
        if database.startswith("postgresql"):
            engine = sa.create_engine(database)
            with engine.begin() as connection:
                connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            engine.dispose()
        else:
            database = f"sqlite:///{folder}/registry.db"
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": database,
                "SECRET_KEY": "bench-import-only-not-for-production-0123456789",
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
            # One published course, so the search index exists before the imports (as in any real registry).
            other = Course(
                provider=provider,
                title="Bestaande training",
                slug="bestaande-training",
                summary="Een training die al gepubliceerd is.",
                description_html="<p>Beschrijving.</p>",
                delivery_mode=DeliveryMode.CLASSROOM,
                study_load_hours=8,
                price=Decimal("195.00"),
                status=CourseStatus.PUBLISHED,
            )
            db.session.add_all(
                [
                    provider,
                    user,
                    other,
                    TargetRole(slug="pedagogisch-medewerker", name="PM"),
                    Topic(slug="kinder-ehbo", name="Kinder-EHBO"),
                ]
            )
            db.session.commit()
            yield app, provider, user
            db.session.remove()
            db.engine.dispose()


def measure(database: str, first_file: Path, changed_file: Path) -> dict[str, float]:
    import sqlalchemy as sa

    from registry.catalogue.enums import CourseStatus
    from registry.catalogue.models import Course
    from registry.exchange import service
    from registry.extensions import db

    figures: dict[str, float] = {}
    with registry(database) as (_app, provider, user):

        def run(step: str, path: Path) -> None:
            started = time.perf_counter()
            with path.open("rb") as stream:
                preview = service.preview_import(user, provider.id, stream)
            figures[f"{step} preview"] = time.perf_counter() - started
            before = _rss_mb("VmRSS:")
            _reset_peak_rss()
            started = time.perf_counter()
            service.confirm_import(user, provider.id, preview.token, preview.digest)
            figures[f"{step} confirm"] = time.perf_counter() - started
            figures[f"{step} confirm MB"] = _rss_mb("VmHWM:") - before
            figures[f"{step} courses"] = len(preview.created) + len(preview.changed)

        run("first", first_file)
        # Half the imported courses are published meanwhile (set-up, not timed).
        for course in db.session.scalars(
            sa.select(Course).where(Course.provider_id == provider.id, Course.course_code.like("K-%"))
        ):
            if int(course.course_code[2:]) % 2 == 0:
                course.status = CourseStatus.PUBLISHED
                course.published_at = date.today()
        db.session.commit()
        run("changed", changed_file)
        run("again", changed_file)
    return figures


# -- the parent: files, trees, a table ---------------------------------------------------------------


def child(tree: Path, module: str, database: str, first: Path, changed: Path) -> dict[str, float]:
    """``module.measure(database, first, changed)`` in a process whose code is ``tree``'s."""
    code = (
        "import importlib, json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(1, sys.argv[2]);"
        "b = importlib.import_module(sys.argv[3]); from pathlib import Path;"
        "print(json.dumps(b.measure(sys.argv[4], Path(sys.argv[5]), Path(sys.argv[6]))))"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(tree),
            str(ROOT / "scripts"),
            module,
            database,
            str(first),
            str(changed),
        ],
        cwd=tree,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"{module} in {tree} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def baseline_tree(revision: str, folder: Path) -> Path:
    """The registry and migrations of ``revision``, unpacked into ``folder``."""
    tree = folder / "baseline"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "registry", "migrations"],
        check=True,
        capture_output=True,
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision to compare with")
    parser.add_argument("--no-baseline", action="store_true", help="measure this tree only")
    parser.add_argument("--postgres", help="a scratch PostgreSQL database (it is emptied)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        first, changed = folder / "first.csv", folder / "changed.csv"
        write_file(first, args.rows)
        write_file(changed, args.rows, changed=True)
        trees = {"now": ROOT}
        if not args.no_baseline:
            trees = {"baseline": baseline_tree(args.baseline, folder), **trees}
        databases = {"SQLite": "sqlite"} | ({"PostgreSQL": args.postgres} if args.postgres else {})
        print(f"{args.rows} rows ({args.rows // RUNS_PER_COURSE} courses), {RUNS_PER_COURSE} runs a course")
        for label, database in databases.items():
            results = {}
            for tree_name, tree in trees.items():
                results[tree_name] = child(tree, "bench_import", database, first, changed)
                print(f"  ({label}, {tree_name} measured)", file=sys.stderr, flush=True)
            header = f"{label:<11} {'step':<18}" + "".join(f"{name:>12}" for name in results)
            print(header)
            for step in STEPS:
                for what, unit in (("preview", "s"), ("confirm", "s"), ("confirm MB", "MB")):
                    key = f"{step} {what}"
                    cells = "".join(f"{results[name][key]:>10.1f}{unit:<2}" for name in results)
                    print(f"{'':<11} {key:<18}{cells}")
            courses = results["now"]
            print(
                f"{'':<11} courses written: first {courses['first courses']:.0f}, "
                f"changed {courses['changed courses']:.0f}, again {courses['again courses']:.0f}"
            )


if __name__ == "__main__":
    main()
