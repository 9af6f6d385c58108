#!/usr/bin/env python3
"""Time ``POST /api/v1/provider/courses/batch`` with a large batch, beside a baseline revision.

Builds a batch of ``--courses`` courses (2 runs each) and, in a fresh database with the real migrations,
posts it through the Flask test client (the whole request: JSON, checks, writing, the answer) three
times, as bench_import.py does for files:

1. **first**: every course is new;
2. **changed**: half the courses have meanwhile been published; the batch now has another price on
   every course and a moved run, so drafts change in place and each published course gets a change
   review, as a form edit would;
3. **again**: the same batch once more, which changes nothing.

Each measurement runs in a process of its own, once with this tree's code and once with the code of
``--baseline`` (unpacked with ``git archive``). The batch limit is raised to the batch's size in both, so
a baseline with a lower limit measures its writer rather than refusing the batch.

Usage: ``.venv/bin/python scripts/bench_push.py [--courses 2000] [--baseline REV]
[--postgres postgresql://postgres@127.0.0.1:5432/scratch] [--no-baseline] [--steps first,changed]``
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_import  # the trees, the child processes and the fresh database

ROOT = Path(__file__).resolve().parent.parent
# The last revision whose batch endpoint planned and wrote course by course.
DEFAULT_BASELINE = "407f231"
STEPS = ("first", "changed", "again")


def write_batch(path: Path, courses: int, *, changed: bool = False) -> None:
    """A valid batch; ``changed``: another price on every course and its second run a day later."""
    first = date.today() + timedelta(days=30)
    items = []
    for n in range(courses):
        runs = []
        for r in range(2):
            day = (first + timedelta(days=7 * r + n % 5 + (1 if changed and r == 1 else 0))).isoformat()
            runs.append({"starts_on": day, "ends_on": day, "city": "Utrecht", "province": "utrecht"})
        items.append(
            {
                "course_code": f"K-{n:06}",
                "title": f"Training {n} voor pedagogisch medewerkers",
                "summary": "Een praktische training over veiligheid en gezondheid.",
                "description_html": "Oefenen in de groep.",
                "level": "mbo-3",
                "delivery_mode": "classroom",
                "study_load_hours": 8,
                "price": "159.50" if changed else "149.50",
                "language": "nl",
                "certificate_type": "Certificaat",
                "target_roles": ["pedagogisch-medewerker"],
                "topics": ["kinder-ehbo"],
                "runs": runs,
            }
        )
    path.write_text(json.dumps({"courses": items}))


def measure(database: str, first_file: Path, changed_file: Path) -> dict[str, float]:
    """In a fresh registry: post the first batch, publish half, post the changed one twice."""
    import sqlalchemy as sa

    from registry.accounts.service import create_api_token
    from registry.catalogue.enums import CourseStatus
    from registry.catalogue.models import Course
    from registry.exchange import push
    from registry.extensions import db

    figures: dict[str, float] = {}
    first, changed = first_file.read_bytes(), changed_file.read_bytes()
    push.MAX_BATCH = max(push.MAX_BATCH, len(json.loads(first)["courses"]))
    with bench_import.registry(database) as (app, provider, user):
        _token, secret = create_api_token(user, "bench")
        db.session.commit()
        provider_id = provider.id  # the requests end the session that holds the objects
        client = app.test_client()
        headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}

        def post(step: str, body: bytes) -> None:
            started = time.perf_counter()
            response = client.post("/api/v1/provider/courses/batch", data=body, headers=headers)
            figures[f"{step} s"] = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"{step}: {response.status_code} {response.get_data(as_text=True)[:500]}")
            actions = [item["action"] for item in response.json["items"]]
            figures[f"{step} written"] = sum(action != "unchanged" for action in actions)

        steps = os.environ.get("BENCH_PUSH_STEPS", ",".join(STEPS)).split(",")
        post("first", first)
        if steps == ["first"]:
            return figures
        for course in db.session.scalars(
            sa.select(Course).where(Course.provider_id == provider_id, Course.course_code.like("K-%"))
        ):
            if int(course.course_code[2:]) % 2 == 0:
                course.status = CourseStatus.PUBLISHED
                course.published_at = date.today()
        db.session.commit()
        if "changed" in steps:
            post("changed", changed)
        if "again" in steps:
            post("again", changed)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=2000)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision to compare with")
    parser.add_argument("--no-baseline", action="store_true", help="measure this tree only")
    parser.add_argument("--postgres", help="a scratch PostgreSQL database (it is emptied)")
    parser.add_argument(
        "--steps", default=",".join(STEPS), help="which of first,changed,again to time (first always runs)"
    )
    args = parser.parse_args()
    os.environ["BENCH_PUSH_STEPS"] = args.steps
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        first, changed = folder / "first.json", folder / "changed.json"
        write_batch(first, args.courses)
        write_batch(changed, args.courses, changed=True)
        trees = {"now": ROOT}
        if not args.no_baseline:
            trees = {"baseline": bench_import.baseline_tree(args.baseline, folder), **trees}
        databases = {"SQLite": "sqlite"} | ({"PostgreSQL": args.postgres} if args.postgres else {})
        print(f"POST /api/v1/provider/courses/batch: {args.courses} courses, 2 runs a course")
        for label, database in databases.items():
            results = {}
            for tree_name, tree in trees.items():
                results[tree_name] = bench_import.child(tree, "bench_push", database, first, changed)
                print(f"  ({label}, {tree_name}: {results[tree_name]})", file=sys.stderr, flush=True)
            print(f"{label:<11} {'step':<10}" + "".join(f"{tree_name:>12}" for tree_name in results))
            for step in [step for step in STEPS if f"{step} s" in results["now"]]:
                cells = "".join(f"{results[tree_name][f'{step} s']:>11.1f}s" for tree_name in results)
                written = results["now"][f"{step} written"]
                print(f"{'':<11} {step:<10}{cells}   ({written:.0f} courses written)")


if __name__ == "__main__":
    main()
