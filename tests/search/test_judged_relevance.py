"""The judged set (tests/search/judgments.py) as a floor: ranking cannot silently get worse.

scripts/bench_relevance.py prints the same figures beside SQLite FTS5 and PostgreSQL's dutch search.
"""

from __future__ import annotations

import sqlalchemy as sa

from registry.catalogue.models import Course
from registry.extensions import db
from registry.search import service
from tests.search.conftest import TODAY
from tests.search.judgments import JUDGMENTS, evaluate

# Measured 0.86 / 0.90 / 0 on this catalogue; the floors leave room for ties that change order.
NDCG_FLOOR = 0.84
RECALL_FLOOR = 0.88
ZERO_RESULT_CEILING = 0.02


def registry_search(query: str) -> tuple[int, list[int]]:
    outcome = service.search(service.parse_search_args({"q": query, "per_pagina": 10}), TODAY)
    return outcome.total, [ranked.course_id for ranked in outcome.ranked]


def test_the_judged_set_is_large_and_written_by_every_kind_of_searcher():
    assert len(JUDGMENTS) >= 100
    assert len({judgment.query for judgment in JUDGMENTS}) == len(JUDGMENTS)
    assert {judgment.who for judgment in JUDGMENTS} == {"staff", "manager", "hr"}


def test_ranking_stays_above_its_floor(catalogue):
    courses = {
        cid: (title, str(level))
        for cid, title, level in db.session.execute(
            sa.select(Course.id, Course.title, Course.level).where(Course.published())
        )
    }
    scores = evaluate(registry_search, courses)
    weakest = sorted(scores.per_query.items(), key=lambda item: item[1])[:5]
    assert scores.zero_rate <= ZERO_RESULT_CEILING
    assert scores.ndcg >= NDCG_FLOOR, (scores.ndcg, weakest)
    assert scores.recall >= RECALL_FLOOR, scores.recall
