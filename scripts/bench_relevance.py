#!/usr/bin/env python3
"""Relevance on the judged set (tests/search/judgments.py): the registry against two baselines.

One demo catalogue (fixed seed and day), the same judgments, three engines: the registry's search,
SQLite FTS5 (unicode61 without diacritics, bm25 with the registry's field weights) and
PostgreSQL's ``dutch`` full-text search (weighted tsvector, websearch_to_tsquery, ts_rank), the
latter when a server answers at ``--postgres`` (a database of its own is created and dropped).
Prints nDCG@10, recall@10 and the zero-result rate, overall and per kind of searcher.

    .venv/bin/python scripts/bench_relevance.py
    .venv/bin/python scripts/bench_relevance.py --courses 2000 --worst 15
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 27)
SEED = 2026
PG_DATABASE = "reg_search_compounds_relevance"
PUBLISHED = (
    "course.status = 'published' AND course.provider_id IN (SELECT id FROM provider WHERE status = 'active')"
)
DOCUMENTS = f"""
    SELECT course.id, course.title,
           (SELECT group_concat(topic.name, ' ') FROM course_topic
            JOIN topic ON topic.id = course_topic.topic_id WHERE course_topic.course_id = course.id),
           course.summary, course.description_html
    FROM course WHERE {PUBLISHED}
"""


def registry_engine(service):
    def search(query: str) -> tuple[int, list[int]]:
        outcome = service.search(service.parse_search_args({"q": query, "per_pagina": 10}), TODAY)
        return outcome.total, [ranked.course_id for ranked in outcome.ranked]

    return search


def fts5_engine(database: Path):
    from registry.search.analysis import words
    from registry.search.documents import plain_text

    connection = sqlite3.connect(database)
    rows = connection.execute(DOCUMENTS).fetchall()
    connection.executescript(
        """
        DROP TABLE IF EXISTS fts;
        CREATE VIRTUAL TABLE fts USING fts5(title, topics, summary, body,
            tokenize = 'unicode61 remove_diacritics 2');
        """
    )
    connection.executemany(
        "INSERT INTO fts (rowid, title, topics, summary, body) VALUES (?, ?, ?, ?, ?)",
        [(cid, title, topics or "", summary, plain_text(body)) for cid, title, topics, summary, body in rows],
    )
    connection.commit()  # an open write would lock the registry's database for its own search

    def search(query: str) -> tuple[int, list[int]]:
        terms = words(query)
        if not terms:
            return 0, []
        match = " AND ".join(f'"{term}"' for term in terms)
        total = connection.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", [match]).fetchone()[0]
        ranked = connection.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 5.0, 4.0, 2.0, 1.0), rowid LIMIT 10",
            [match],
        ).fetchall()
        return total, [cid for (cid,) in ranked]

    return search


def postgres_engine(database: Path, server: str):
    """PostgreSQL's dutch text search over the same documents, or None if no server answers."""
    import psycopg

    from registry.search.documents import plain_text

    try:
        admin = psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        print(f"PostgreSQL at {server} not reachable ({error.__class__.__name__}); skipped")
        return None, lambda: None
    admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
    admin.execute(f"CREATE DATABASE {PG_DATABASE}")
    connection = psycopg.connect(f"{server}/{PG_DATABASE}", autocommit=True)
    connection.execute(
        """
        CREATE TABLE doc (id integer PRIMARY KEY, title text, topics text, summary text, body text,
                          tsv tsvector);
        """
    )
    rows = sqlite3.connect(database).execute(DOCUMENTS).fetchall()
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO doc (id, title, topics, summary, body) VALUES (%s, %s, %s, %s, %s)",
            [
                (cid, title, topics or "", summary, plain_text(body))
                for cid, title, topics, summary, body in rows
            ],
        )
    connection.execute(
        """
        UPDATE doc SET tsv = setweight(to_tsvector('dutch', title), 'A')
                          || setweight(to_tsvector('dutch', topics), 'A')
                          || setweight(to_tsvector('dutch', summary), 'B')
                          || setweight(to_tsvector('dutch', body), 'D');
        CREATE INDEX doc_tsv ON doc USING gin (tsv);
        """
    )

    def search(query: str) -> tuple[int, list[int]]:
        found = connection.execute(
            """
            SELECT id, count(*) OVER () FROM doc, websearch_to_tsquery('dutch', %s) AS q
            WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT 10
            """,
            [query],
        ).fetchall()
        return (found[0][1] if found else 0), [cid for cid, _total in found]

    def drop() -> None:
        connection.close()
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        admin.close()

    return search, drop


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--courses", type=int, default=300, help="demo catalogue size (the test uses 300)")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--worst", type=int, default=0, help="also list the registry's N weakest queries")
    args = parser.parse_args()

    from flask_migrate import upgrade

    from registry import create_app
    from registry.extensions import db
    from tests.search.judgments import JUDGMENTS, evaluate

    with tempfile.TemporaryDirectory(prefix="bench-relevance-") as workdir:
        database = Path(workdir) / "registry.db"
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
                "SEARCH_INDEX_DIR": str(Path(workdir) / "index"),
                "SECRET_KEY": "bench-" + "x" * 40,
            }
        )
        with app.app_context():
            from registry.demo.generator import load_demo_sector
            from registry.search import service, sync

            upgrade()
            load_demo_sector(courses=args.courses, seed=SEED, today=TODAY)
            sync.rebuild(sync.current_store(), db.engine)
            courses = {
                cid: (title, level)
                for cid, title, level in sqlite3.connect(database).execute(
                    f"SELECT id, title, level FROM course WHERE {PUBLISHED}"
                )
            }
            engines = {"registry": registry_engine(service), "SQLite FTS5": fts5_engine(database)}
            pg_search, pg_drop = postgres_engine(database, args.postgres)
            if pg_search:
                engines["PostgreSQL dutch"] = pg_search
            kinds = sorted({judgment.who for judgment in JUDGMENTS})
            by_kind = ", ".join(f"{k}: {sum(j.who == k for j in JUDGMENTS)}" for k in kinds)
            print(f"{len(JUDGMENTS)} judged queries ({by_kind}) over {len(courses)} published demo courses")
            print(f"{'engine':18} {'nDCG@10':>8} {'recall@10':>10} {'zero results':>13} {'ms/query':>9}")
            scores = {}
            for name, search in engines.items():
                started = time.perf_counter()
                scores[name] = evaluate(search, courses)
                elapsed = (time.perf_counter() - started) / len(JUDGMENTS) * 1000
                result = scores[name]
                figures = f"{result.ndcg:8.3f} {result.recall:10.3f} {result.zero_rate:12.1%}"
                print(f"{name:18} {figures} {elapsed:9.1f}")
            for kind in kinds:
                subset = [judgment for judgment in JUDGMENTS if judgment.who == kind]
                line = "  ".join(
                    f"{name} {evaluate(search, courses, subset).ndcg:.3f}" for name, search in engines.items()
                )
                print(f"  nDCG@10 for {kind} ({len(subset)}): {line}")
            if args.worst:
                print(f"\nthe registry's {args.worst} weakest queries (nDCG@10):")
                for query, value in sorted(scores["registry"].per_query.items(), key=lambda item: item[1])[
                    : args.worst
                ]:
                    print(f"  {value:.3f}  {query}")
            pg_drop()
            db.engine.dispose()


if __name__ == "__main__":
    main()
