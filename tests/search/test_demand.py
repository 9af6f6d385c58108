"""Searches that found little are tallied per term and day, with nothing that points to a person."""

from __future__ import annotations

import time
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from registry.clock import today
from registry.errors import PermissionDenied
from registry.extensions import db
from registry.search import demand, service
from registry.search.models import SearchDemand
from tests.factories import make_course, make_provider
from tests.search.conftest import TODAY


def tally() -> list[tuple]:
    demand.flush_counts()  # this process's counts, written as a reader in it would find them
    return [
        tuple(row)
        for row in db.session.execute(
            sa.select(SearchDemand.day, SearchDemand.term, SearchDemand.outcome, SearchDemand.count).order_by(
                SearchDemand.term, SearchDemand.outcome
            )
        )
    ]


def search(query: str) -> service.SearchOutcome:
    return service.search(service.parse_search_args({"q": query}), TODAY)


def test_the_table_has_room_for_no_personal_data():
    columns = {column.name for column in SearchDemand.__table__.columns}
    assert columns == {
        "id",
        "day",
        "term",
        "outcome",
        "count",
    }  # no user, IP, session, time or query as typed


def test_searches_that_find_nothing_are_counted_per_normalised_term_and_day(app, client):
    make_course(make_provider(), title="Kinder-EHBO basis")
    db.session.commit()
    for typed in ("Slaapbeleid", "slaapbeleid ", "SLAAPBELEID"):
        client.get("/zoeken", query_string={"q": typed}, headers={"X-Forwarded-For": "198.51.100.7"})
    client.get("/api/v1/search", query_string={"q": "kinder-EHBO"})  # one course: few
    db.session.expire_all()
    rows = tally()
    assert [(term, outcome, count) for _day, term, outcome, count in rows] == [
        ("kinder ehbo", "weinig", 1),
        ("slaapbeleid", "geen", 3),
    ]
    stored = " ".join(str(value) for row in rows for value in row)
    assert "198.51.100.7" not in stored


def test_few_and_partial_results_are_told_apart(app):
    demand.count_search("kinder ehbo", 2, False, TODAY)
    demand.count_search("ehbo wiegendood", 5, True, TODAY)
    demand.count_search("ehbo", 40, False, TODAY)  # enough: not counted
    assert [(term, outcome) for _d, term, outcome, _c in tally()] == [
        ("ehbo wiegendood", "gedeeltelijk"),
        ("kinder ehbo", "weinig"),
    ]


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("jan.jansen@example.nl slaapbeleid", "slaapbeleid"),
        ("bel 0612345678 over bhv", "bel bhv"),
        ("BSN 123456789 babyscholing", "bsn babyscholing"),
        ("www.voorbeeld.nl", ""),
    ],
)
def test_what_could_identify_someone_is_left_out(typed, kept):
    assert demand.normalised_term(typed) == kept


def test_officials_see_the_demand_others_do_not(app, people):
    demand.count_search("slaapbeleid", 0, False, date(2026, 11, 2))
    demand.count_search("slaapbeleid", 0, False, date(2026, 11, 3))
    demand.count_search("wiegendood", 1, False, date(2026, 11, 3))
    rows = demand.search_demand(people.official, date(2026, 11, 1), date(2026, 11, 30))
    assert [(row.term, row.outcome, row.searches, row.days) for row in rows] == [
        ("slaapbeleid", "geen", 2, 2),
        ("wiegendood", "weinig", 1, 1),
    ]
    for user in (people.member, people.organisation, None):
        with pytest.raises(PermissionDenied):
            demand.search_demand(user, date(2026, 11, 1), date(2026, 11, 30))


def test_the_officials_page_lists_the_demand_and_is_closed_to_others(app, client, people, browser_client):
    demand.count_search("slaapbeleid", 0, False, today())
    assert client.get("/zoeken/vraag").status_code in (302, 401)  # to the login page
    browser_client.login(people.member.email)
    assert client.get("/zoeken/vraag").status_code == 403
    browser_client.logout()
    browser_client.login(people.official.email)
    page = client.get("/zoeken/vraag")
    assert page.status_code == 200
    assert "slaapbeleid" in page.get_data(as_text=True)


def test_counts_are_written_together_and_soon_not_one_transaction_per_search(app, people, monkeypatch):
    writes: list[str] = []

    def note(_connection, _cursor, statement, *_rest) -> None:
        if statement.startswith("INSERT") and "search_demand" in statement:
            writes.append(statement)

    demand.flush_counts()
    event.listen(db.engine, "before_cursor_execute", note)
    try:
        for _ in range(30):
            demand.count_search("slaapbeleid", 0, False, TODAY)
        assert writes == []  # kept in the process: under load, searches do not queue on one row
        rows = demand.search_demand(people.official, TODAY, TODAY)  # a reader here sees them at once
        assert [(row.term, row.searches) for row in rows] == [("slaapbeleid", 30)]
        assert len(writes) == 1
    finally:
        event.remove(db.engine, "before_cursor_execute", note)

    monkeypatch.setattr(demand, "FLUSH_EVERY", 0.05)
    time.sleep(0.06)
    demand.count_search("slaapbeleid", 0, False, TODAY)  # due: written by the search itself
    with db.engine.connect() as connection:  # as another process reads, with nothing flushed for it
        assert (
            connection.scalar(sa.select(SearchDemand.count).where(SearchDemand.term == "slaapbeleid")) == 31
        )
