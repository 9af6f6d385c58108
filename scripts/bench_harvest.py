#!/usr/bin/env python3
"""Time a harvester's walk of /api/v1/courses?limit=100 in-process (test client), beside a baseline.

Each tree (this one, and ``--baseline``: a git revision unpacked with ``git archive``) runs in a process
of its own on a copy of ``--database`` (a SQLite file), or on a scratch PostgreSQL database given with
``--postgres`` (at the baseline's migrations; this tree's are applied after the baseline's walk).
It walks ``--pages`` pages by their ``next`` links three times and prints milliseconds per page:

1. **first**: right after start, nothing kept;
2. **again**: the same pages once the whole pages the page cache keeps are dropped, as any commit
   leaves them (kept for an older generation); records kept by their own stamp stay;
3. **kept**: the same pages once more without a change in between.

Usage: ``.venv/bin/python scripts/bench_harvest.py --database /tmp/x/sqlite-100k.sqlite [--pages 200]
[--baseline REV] [--postgres postgresql://...]``. Writes only to temporary folders and the copies.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_import import baseline_tree  # the registry and migrations of a revision, unpacked

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASELINE = "main"


def measure(pages: int) -> dict[str, float]:
    """In the child: walk ``pages`` pages three times; milliseconds per page (mean, p50)."""
    from urllib.parse import urlsplit

    from registry import create_app, page_cache

    app = create_app()
    client = app.test_client()

    def walk() -> list[float]:
        path, times = "/api/v1/courses?limit=100", []
        for _ in range(pages):
            began = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - began) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code}")
            following = json.loads(response.data)["next"]
            if following is None:
                break
            parts = urlsplit(following)
            path = f"{parts.path}?{parts.query}"
        return sorted(times)

    figures = {}
    for step in ("first", "again", "kept"):
        if step == "again":
            page_cache.pages.clear()  # as any commit would leave them: kept for an older generation
        times = walk()
        figures[f"{step} mean"] = sum(times) / len(times)
        figures[f"{step} p50"] = times[len(times) // 2]
    return figures


def child(tree: Path, env: dict[str, str], pages: int) -> dict[str, float]:
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(1, sys.argv[2]);"
        "import bench_harvest as b, os; print(json.dumps(b.measure(int(sys.argv[3]))), flush=True);"
        "os._exit(0)"  # not waiting for background threads (a search index the app may be building)
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tree), str(ROOT / "scripts"), str(pages)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"{tree} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a filled SQLite file (copied, never written)")
    parser.add_argument(
        "--postgres", help="a filled scratch PostgreSQL database at the baseline's migrations"
    )
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-harvest-") as name:
        folder = Path(name)
        trees = {"baseline": baseline_tree(args.baseline, folder), "now": ROOT}
        results = {}
        for label, tree in trees.items():
            env = {k: v for k, v in os.environ.items() if not k.startswith(("REGISTRY_", "DATABASE_URL"))}
            env.update(
                REGISTRY_WARM_UP="0",
                REGISTRY_API_RATE_LIMIT="100000000 per minute",
                REGISTRY_DUMP_DIR=str(folder / f"{label}-dumps"),
                SEARCH_INDEX_DIR=str(folder / f"{label}-index"),
            )
            if args.postgres:
                env["DATABASE_URL"] = args.postgres
            else:
                copy = folder / f"{label}.sqlite"
                shutil.copyfile(args.database, copy)
                env["DATABASE_URL"] = f"sqlite:///{copy}"
            # Each tree's schema: PostgreSQL moves from the baseline's to this tree's between the two.
            flask = [sys.executable, "-m", "flask", "--app", "registry", "db", "upgrade"]
            subprocess.run(flask, cwd=tree, env=env, check=True, capture_output=True)
            results[label] = child(tree, env, args.pages)
            print(f"  ({label} measured)", file=sys.stderr, flush=True)
        print(f"ms per page over {args.pages} pages of 100 " + "".join(f"{n:>12}" for n in results))
        for key in results["now"]:
            print(f"  {key:<28}" + "".join(f"{results[n][key]:>12.1f}" for n in results))


if __name__ == "__main__":
    main()
