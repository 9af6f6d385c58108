"""Every example of how people search that the registry must understand, on the demo catalogue."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from registry.catalogue.models import Course
from registry.extensions import db
from registry.search import execution, service
from registry.search.diversity import SAME_TITLE
from tests.search.conftest import TODAY


def outcome(query: str, n: int = 10, **params) -> service.SearchOutcome:
    return service.search(service.parse_search_args({"q": query, "per_pagina": n, **params}), TODAY)


def titles(query: str, n: int = 10, **params) -> list[str]:
    return [db.session.get(Course, r.course_id).title for r in outcome(query, n, **params).ranked]


@pytest.fixture
def client(catalogue):
    return catalogue.test_client()


# (what people type, words of which the first title has one): words the titles do not use as typed.
FOUND_BY_PARTS_AND_THESAURUS = [
    ("mishandeling", "kindermishandeling|aandachtsfunctionaris|meldcode"),  # head of a compound
    ("taalontwikkeling", "taal"),
    ("natuurbeleving", "natuur|buiten"),
    ("achterstand", "achterstand|observeren|kinderen volgen"),
    ("oudercontact", "ouder"),
    ("praktijkbegeleider", "praktijkopleider|werkbegeleider|mentor"),
    ("preventie van infecties", "infectiepreventie|hygiëne"),
    ("infectiepreventie", "infectiepreventie|hygiëne"),
    ("zuigelingen", "baby|0-jarigen|sensitie"),
    ("teamleider", "leiding|leider"),
    ("locatiemanager", "leiding|leider"),
    ("werkbegeleider", "praktijkopleider|werkbegeleider|mentor"),
    ("sport- en spelbegeleiding", "sport"),
    ("welke cursus voor babyscholing", "baby|0-jarigen"),
]


@pytest.mark.parametrize(("query", "words"), FOUND_BY_PARTS_AND_THESAURUS)
def test_what_people_type_finds_what_they_mean(catalogue, query, words):
    result = outcome(query, 3)
    assert result.total >= 3, query
    assert not result.partial or result.complete, query  # some course has every word
    first = db.session.get(Course, result.ranked[0].course_id).title.lower()
    assert any(word in first for word in words.split("|")), first


def test_a_compound_and_its_words_written_apart_find_the_same_course(catalogue):
    assert titles("preventie van infecties", 1) == titles("infectiepreventie", 1)
    assert "infectiepreventie" in titles("preventie van infecties", 1)[0].lower()
    assert set(titles("taalontwikkeling", 50)) & set(titles("ontwikkeling van taal", 50))


def test_a_shared_head_is_understood_as_both_words(catalogue):
    assert titles("sportbegeleiding", 1) == titles("sport- en spelbegeleiding", 1)


def test_ehbo_also_finds_the_narrower_kinder_ehbo(catalogue):
    found = titles("EHBO", 5)
    assert found and all("ehbo" in title.lower() or "eerste hulp" in title.lower() for title in found)


def test_buiten_ranks_outdoor_play_above_sport_on_the_bso(catalogue):
    found = titles("buiten", 50)
    outdoor = min(i for i, title in enumerate(found) if "Buitenspelen" in title or "Naar buiten" in title)
    sport = [i for i, title in enumerate(found) if title == "Sport en spel op de bso"]
    assert outdoor == 0
    assert not sport or outdoor < sport[0]


@pytest.mark.parametrize(
    ("query", "level"),
    [("pedagogisch medewerker 3", "mbo-3"), ("niveau 3", "mbo-3"), ("mbo 4", "mbo-4"), ("mbo-4", "mbo-4")],
)
def test_levels_in_the_query_are_levels(catalogue, query, level):
    result = outcome(query, 5)
    assert result.total
    courses = [db.session.get(Course, r.course_id) for r in result.ranked]
    assert all(course.level.value == level for course in courses), [(c.title, c.level) for c in courses]


def test_3f_is_a_language_level_not_an_mbo_level(catalogue):
    assert all("3F" in title for title in titles("3F", 5))


def test_no_course_with_every_word_gives_the_best_partial_matches_and_says_so(catalogue, client):
    query = "hbo ad pedagogisch educatief professional"
    result = outcome(query, 10)
    assert result.partial and result.complete == 0 and result.total > 0
    assert result.notice == "Geen opleidingen met alle woorden; dit zijn de beste treffers."
    courses = [db.session.get(Course, r.course_id) for r in result.ranked]
    assert courses[0].level.value == "hbo"
    page = client.get("/zoeken", query_string={"q": query}).get_data(as_text=True)
    assert "Geen opleidingen met alle woorden; dit zijn de beste treffers." in page
    api = client.get("/api/v1/search", query_string={"q": query}).get_json()
    assert api["partial"] is True and api["notice"] == result.notice and api["total"] == result.total


def test_few_complete_matches_come_first_then_the_best_others(catalogue):
    result = outcome("de zes interactievaardigheden", 10)
    assert result.partial and 0 < result.complete < execution.FEW_COMPLETE
    assert result.total > result.complete
    first = [db.session.get(Course, r.course_id).title for r in result.ranked[: result.complete]]
    assert all("zes interactievaardigheden" in title for title in first)
    assert "alle woorden; daarna de beste andere treffers" in result.notice


def test_a_search_with_enough_complete_matches_is_not_partial(catalogue, client):
    result = outcome("kinder-EHBO")
    assert not result.partial and result.notice is None
    assert client.get("/api/v1/search?q=kinder-EHBO").get_json()["partial"] is False


def test_a_filter_that_empties_the_result_is_named_instead_of_guessing(catalogue):
    result = outcome("kinder-EHBO", niveau=["hbo"])
    assert result.total == 0 and not result.partial


def test_a_title_phrase_ranks_above_a_synonym_in_the_description(catalogue):
    first = db.session.get(Course, outcome("eerste hulp", 1).ranked[0].course_id)
    assert "eerste hulp" in first.title.lower()


def test_near_identical_courses_do_not_fill_the_first_page(catalogue):
    for query in ("kinder-EHBO", "babyscholing", "vve", "bhv", "oudergesprekken"):
        found = titles(query, 10)
        every_title = set(titles(query, 50))
        # A title comes back a third time only once every other title has had its place.
        assert max(found.count(title) for title in found) <= SAME_TITLE or set(found) == every_title, found


def test_paging_after_diversifying_neither_repeats_nor_skips(catalogue):
    pages = [r.course_id for p in (1, 2, 3) for r in outcome("kinderopvang", 10, pagina=p).ranked]
    assert len(pages) == len(set(pages)) == 30
    whole = [r.course_id for r in outcome("kinderopvang", 30).ranked]
    assert pages == whole


def test_only_published_courses_in_partial_matches(catalogue):
    hidden = set(db.session.scalars(sa.select(Course.id).where(sa.not_(Course.published()))))
    found = {r.course_id for r in outcome("hbo ad pedagogisch educatief professional", 50).ranked}
    assert found and not found & hidden
