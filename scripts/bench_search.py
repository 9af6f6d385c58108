#!/usr/bin/env python3
"""Measure search on demo catalogues: indexing rate, query latency with and without facets, memory.

Every size runs in a process of its own (so peak memory is that size's), on a fresh SQLite
database filled by the demo generator. The same queries also run on two baselines over the same
data: SQL ``LIKE`` on the database, and an SQLite FTS5 table.

    .venv/bin/python scripts/bench_search.py                 # 10k and 100k courses
    .venv/bin/python scripts/bench_search.py --sizes 2000    # a quick look
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 27)
QUERIES = [
    "kinder-ehbo",
    "eerste hulp",
    "babyscholing",
    "baby's",
    "3F",
    "taaleis",
    "vve",
    "pedagogisch coach",
    "beleidsmedewerker",
    "opleidingen",
    "kinderopvang",
    "pedagogisch medewerker",
    "meldcode kindermishandeling",
    "hygiëne",
    "bhv herhaling",
    "oudergesprekken voeren",
    "interactievaardigheden",
    "werkplekleren mentor",
    "training kinderopvang",
    "bso activiteiten",
]
FILTERS = {"provincie": ["utrecht", "online"], "vorm": ["classroom", "online", "blended"]}
ROUNDS = 3


def percentiles(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(function, rounds: int = ROUNDS) -> list[float]:
    samples = []
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            function(query)
            samples.append(time.perf_counter() - started)
    return samples


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_child_mb() -> float:
    # The largest finished child process: the reindex's sub-writers.
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_one(size: int, workdir: Path) -> dict:
    """Build a catalogue of ``size`` courses and measure everything on it."""
    from flask_migrate import upgrade

    from registry import create_app
    from registry.extensions import db

    database = workdir / "registry.db"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "SEARCH_INDEX_DIR": str(workdir / "index"),
            "SECRET_KEY": "bench-" + "x" * 40,
        }
    )
    figures: dict = {"size": size}
    with app.app_context():
        from registry.demo.generator import load_demo_sector
        from registry.search import execution, service, sync

        upgrade()
        started = time.perf_counter()
        load_demo_sector(courses=size, seed=2026, today=TODAY, batch_size=2000)
        figures["demo_data_s"] = time.perf_counter() - started
        figures["peak_mb_after_demo"] = peak_mb()

        store = sync.current_store()
        started = time.perf_counter()
        documents = sync.rebuild(store, db.engine)
        elapsed = time.perf_counter() - started
        figures.update(documents=documents, reindex_s=elapsed, docs_per_s=documents / elapsed)
        figures["peak_mb_after_reindex"] = peak_mb()
        figures["peak_mb_reindex_child"] = peak_child_mb()

        searcher = store.searcher()
        started = time.perf_counter()
        service.search(service.parse_search_args({}), TODAY)  # loads the facet values of this generation
        figures["facet_load_s"] = time.perf_counter() - started

        def whoosh_text_only(q: str) -> None:
            query = service.build_query(q)
            searcher.search(query, limit=20)

        def uncached(params: dict, cold: bool = False):
            # Results and matches are cached per index generation; clear them so every query is
            # computed. ``cold`` also drops the term bitsets read from the postings.
            def run(q: str) -> None:
                execution._result_cache._data.clear()
                execution._match_cache._data.clear()
                if cold:
                    execution._term_masks._cache.clear()
                service.search(service.parse_search_args({"q": q, **params}), TODAY)

            return run

        def cached(q: str) -> None:
            service.search(service.parse_search_args({"q": q, **FILTERS}), TODAY)

        figures["whoosh_text_only"] = percentiles(timed(whoosh_text_only))
        # Cold first: every query reads its terms' postings anew. The later runs keep the term
        # bitsets (they live as long as their segment), but compute every result afresh.
        figures["service_cold"] = percentiles(timed(uncached(FILTERS, cold=True)))
        timed(uncached({}), rounds=1)  # reads the term bitsets the cold run dropped
        figures["service_facets"] = percentiles(timed(uncached({})))
        figures["service_facets_filters"] = percentiles(timed(uncached(FILTERS)))
        for q in QUERIES:
            cached(q)
        figures["service_cached"] = percentiles(timed(cached))

        started = time.perf_counter()
        report = sync.check(store, db.engine)
        figures["check_s"] = time.perf_counter() - started
        figures["check_drift"] = report.drifted
        figures["peak_mb"] = peak_mb()
        figures["index_mb"] = (
            sum(p.stat().st_size for p in (workdir / "index").rglob("*") if p.is_file()) / 2**20
        )
        store.close()
        db.engine.dispose()

    figures.update(baselines(database))
    return figures


def baselines(database: Path) -> dict:
    """The same queries with SQL LIKE and with SQLite FTS5, over the same published courses."""
    from registry.search.analysis import words

    connection = sqlite3.connect(database)
    published = (
        "course.status = 'published'"
        " AND course.provider_id IN (SELECT id FROM provider WHERE status = 'active')"
    )

    def like(q: str, facets: bool) -> None:
        terms = words(q) or [q]
        clauses = " AND ".join(
            "(course.title LIKE ? OR course.summary LIKE ? OR course.description_html LIKE ?)" for _ in terms
        )
        params = [f"%{t}%" for t in terms for _ in range(3)]
        where = f"{published} AND {clauses}"
        connection.execute(f"SELECT count(*) FROM course WHERE {where}", params).fetchone()
        connection.execute(f"SELECT id FROM course WHERE {where} ORDER BY title LIMIT 20", params).fetchall()
        if facets:
            for column in ("delivery_mode", "level"):
                connection.execute(
                    f"SELECT {column}, count(*) FROM course WHERE {where} GROUP BY {column}", params
                ).fetchall()

    started = time.perf_counter()
    connection.executescript(
        f"""
        DROP TABLE IF EXISTS fts;
        CREATE VIRTUAL TABLE fts USING fts5(title, topics, summary, body,
            tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO fts (rowid, title, topics, summary, body)
        SELECT course.id, course.title,
               (SELECT group_concat(topic.name, ' ') FROM course_topic
                JOIN topic ON topic.id = course_topic.topic_id WHERE course_topic.course_id = course.id),
               course.summary, course.description_html
        FROM course WHERE {published};
        """
    )
    fts_build = time.perf_counter() - started

    def fts(q: str, facets: bool) -> None:
        terms = words(q) or [q]
        match = " AND ".join(f'"{t}"' for t in terms)
        connection.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", [match]).fetchone()
        connection.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 5.0, 4.0, 2.0, 1.0) LIMIT 20", [match]
        ).fetchall()
        if facets:
            for column in ("delivery_mode", "level"):
                connection.execute(
                    f"SELECT course.{column}, count(*) FROM fts JOIN course ON course.id = fts.rowid "
                    f"WHERE fts MATCH ? GROUP BY course.{column}",
                    [match],
                ).fetchall()

    results = {
        "like_text_only": percentiles(timed(lambda q: like(q, False))),
        "like_facets": percentiles(timed(lambda q: like(q, True))),
        "fts5_build_s": fts_build,
        "fts5_text_only": percentiles(timed(lambda q: fts(q, False))),
        "fts5_facets": percentiles(timed(lambda q: fts(q, True))),
    }
    connection.close()
    return results


def report(figures: dict) -> None:
    size = figures["size"]
    print(f"\n== {size:,} courses ({figures['documents']:,} published, indexed) ==")
    print(f"demo data generated in {figures['demo_data_s']:.1f} s")
    print(
        f"reindex: {figures['reindex_s']:.1f} s, {figures['docs_per_s']:.0f} docs/s; "
        f"index {figures['index_mb']:.1f} MB; facet values loaded in {figures['facet_load_s'] * 1000:.0f} ms"
    )
    print(f"check (every document against the database): {figures['check_s']:.1f} s")
    print(f"drift found by check: {figures['check_drift']}")
    print(
        f"peak RSS: {figures['peak_mb']:.0f} MB (after demo data {figures['peak_mb_after_demo']:.0f} MB, "
        f"after reindex {figures['peak_mb_after_reindex']:.0f} MB); "
        f"largest reindex sub-process {figures['peak_mb_reindex_child']:.0f} MB"
    )
    print(f"{'query latency, ms':56} {'p50':>8} {'p95':>8}")
    rows = [
        ("Whoosh, text only (top 20, no facets)", "whoosh_text_only"),
        ("registry search, 12 facets + 2 filters, nothing cached", "service_cold"),
        ("registry search, 12 facet counts, result not cached", "service_facets"),
        ("registry search, 12 facets + 2 filters, not cached", "service_facets_filters"),
        ("registry search, facets + 2 filters, cached result", "service_cached"),
        ("SQL LIKE, text only (count + top 20)", "like_text_only"),
        ("SQL LIKE + 2 GROUP BY facets", "like_facets"),
        ("SQLite FTS5, text only (count + top 20 by bm25)", "fts5_text_only"),
        ("SQLite FTS5 + 2 GROUP BY facets", "fts5_facets"),
    ]
    for label, key in rows:
        p50, p95 = figures[key]
        print(f"{label:56} {p50:8.1f} {p95:8.1f}")
    for ours, theirs in (("service_facets", "fts5_facets"), ("service_facets_filters", "fts5_facets")):
        ratio = figures[ours][0] / figures[theirs][0]
        print(f"median ratio {ours} / {theirs}: {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        with tempfile.TemporaryDirectory(prefix="bench-search-") as workdir:
            print(json.dumps(run_one(args.one, Path(workdir))))
        return
    print(f"{len(QUERIES)} queries x {ROUNDS} rounds; filters: {FILTERS}")
    for size in args.sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
        report(json.loads(output.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
