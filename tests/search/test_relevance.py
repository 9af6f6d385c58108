"""Relevance over the fixed demo catalogue: Dutch queries and the courses they must put on top."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from registry.catalogue.models import Course, Topic, course_topics
from registry.extensions import db
from registry.search import service
from tests.search.conftest import TODAY


def top(query: str, n: int = 3, **params) -> list[int]:
    args = service.parse_search_args({"q": query, "per_pagina": n, **params})
    return [ranked.course_id for ranked in service.search(args, TODAY).ranked]


def topics_of(course_id: int) -> set[str]:
    return set(
        db.session.scalars(
            sa.select(Topic.slug).join(course_topics).where(course_topics.c.course_id == course_id)
        )
    )


def title_of(course_id: int) -> str:
    return db.session.get(Course, course_id).title.lower()


# (query, a topic every one of the top three must have)
BY_TOPIC = [
    ("kinder-EHBO", "kinder-ehbo"),
    ("ehbo", "kinder-ehbo"),
    ("EHBO herhaling", "kinder-ehbo"),
    ("eerste hulp", "kinder-ehbo"),
    ("eerste hulp bij ongelukken", "kinder-ehbo"),
    ("bhv", "bhv"),
    ("bedrijfshulpverlening", "bhv"),
    ("ontruimen", "bhv"),
    ("3F", "taalniveau-3f"),
    ("taaleis", "taalniveau-3f"),
    ("taalniveau", "taalniveau-3f"),
    ("taaltraining", "taalniveau-3f"),
    ("VVE", "vve"),
    ("vroeg- en voorschoolse educatie", "vve"),
    ("peuters VVE", "vve"),
    ("babyscholing", "babyscholing"),
    ("0-jarigen", "babyscholing"),
    ("werken met baby", "babyscholing"),
    ("PBM", "pedagogisch-coach"),
    ("pedagogisch coach", "pedagogisch-coach"),
    ("pedagogisch beleidsmedewerker", "pedagogisch-coach"),
    ("beeldcoaching", "beeldcoaching"),
    ("video-interactiebegeleiding", "beeldcoaching"),
    ("meldcode", "meldcode-kindermishandeling"),
    ("kindermishandeling", "meldcode-kindermishandeling"),
    ("aandachtsfunctionaris", "meldcode-kindermishandeling"),
    ("hygiëne", "hygiene"),
    ("hygiene", "hygiene"),
    ("infectiepreventie", "hygiene"),
    ("oudergesprekken", "oudergesprekken"),
    ("gesprekken met ouders", "oudergesprekken"),
    ("gastouders", "gastouderschap"),
    ("risicovol spelen", "risicovol-spelen"),
    ("interactievaardigheden", "interactievaardigheden"),
    ("intervisie", "intervisie-en-teamleren"),
    ("zij-instromers", "zij-instroom"),
    ("bso activiteiten", "bso-activiteiten"),
    ("digitale vaardigheden", "digitale-vaardigheden"),
    ("leidinggeven", "leidinggeven"),
]


@pytest.mark.parametrize(("query", "topic"), BY_TOPIC)
def test_query_puts_courses_on_the_topic_first(catalogue, query, topic):
    hits = top(query)
    assert hits, query
    assert all(topic in topics_of(course_id) for course_id in hits), [title_of(c) for c in hits]


# (query, a word the first hit's title must contain): title matches beat body matches.
BY_TITLE = [
    ("opleidingen pedagogisch coach", "coach"),
    ("baby's", "baby"),
    ("herhalingstraining", "herhaling"),
    ("opfriscursus", "opfris"),
    ("spelverrijking", "spel"),
    ("kindvolgsysteem", "kindvolgsysteem"),
]


@pytest.mark.parametrize(("query", "word"), BY_TITLE)
def test_title_matches_rank_first(catalogue, query, word):
    assert word in title_of(top(query, 1)[0])


def test_stemming_finds_singular_and_plural_alike(catalogue):
    assert set(top("opleiding", 50)) == set(top("opleidingen", 50))


def test_a_typo_is_corrected_and_said(catalogue):
    args = service.parse_search_args({"q": "beleidsmedeweker"})
    outcome = service.search(args, TODAY)
    assert outcome.corrected_query == "beleidsmedewerker"
    assert outcome.total > 0


def test_valid_accreditation_ranks_before_expired_for_equal_text(catalogue):
    args = service.parse_search_args({"q": "kinder-EHBO", "per_pagina": 50})
    outcome = service.search(args, TODAY)
    states = [ranked.accreditation for ranked in outcome.ranked]
    assert "geldig" in states
    assert states.index("geldig") < min(
        (states.index(state) for state in ("verlopen", "geschorst", "ingetrokken") if state in states),
        default=len(states),
    )


def test_only_published_courses_are_found(catalogue):
    hidden = set(db.session.scalars(sa.select(Course.id).where(sa.not_(Course.published()))))
    assert hidden  # the demo sector has drafts, withdrawn courses and a suspended provider
    everything = service.search(service.parse_search_args({"per_pagina": 50}), TODAY)
    published = db.session.scalar(sa.select(sa.func.count()).select_from(Course).where(Course.published()))
    assert everything.total == published
    assert hidden.isdisjoint(top("", 50, pagina=1) + top("", 50, pagina=2))
