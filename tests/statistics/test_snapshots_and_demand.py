"""Snapshots, the cache per catalogue generation, and demand signals without personal data."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from registry.accounts.models import Role
from registry.catalogue.enums import Province
from registry.extensions import db
from registry.jobs.models import RunOutcome
from registry.jobs.runner import run_due
from registry.jobs.schedule import job_named
from registry.organisations.models import Organisation, SavedSearch
from registry.statistics import service
from registry.statistics.demand import demand_figures, frequent_terms
from registry.statistics.models import StatisticsSnapshot
from tests.factories import make_run, make_user
from tests.statistics.conftest import D, follow


def test_followed_searches_need_five_organisations_within_the_year(sector):
    follow(D, "q=baby", 5)
    follow(D, "q=baby", 1, days_ago=400, prefix="old")  # saved more than 12 months ago: not counted
    follow(D, "q=ehbo&provincie=zeeland", 4)  # one short of the threshold
    follow(D, "q=jan%40example.org", 1)
    # One organisation saving the same search twice still counts once.
    organisation = db.session.scalar(sa.select(Organisation).where(Organisation.slug.like("org-q=baby-0%")))
    db.session.add(
        SavedSearch(
            organisation_id=organisation.id,
            name="nog eens",
            query="q=baby",
            feed_token="another-token",
            last_digest_on=D,
        )
    )
    db.session.commit()
    demand = demand_figures(D)
    assert demand["followed"] == [{"term": "baby", "searches": 5}]
    assert demand["threshold"] == 5
    assert demand["zero_results"] == []  # the search log holds nothing yet


def test_frequent_terms_respects_the_threshold_and_merges_spellings():
    uses = [("Baby ", 3), ("baby", 2), ("3F", 4), ("piet@example.org", 1), ("", 9)]
    assert frequent_terms(uses) == [{"term": "baby", "searches": 5}]
    assert frequent_terms(uses, threshold=4) == [
        {"term": "baby", "searches": 5},
        {"term": "3f", "searches": 4},
    ]
    # However often typed, what identifies someone is never shown.
    personal = [("piet@example.org", 9), ("192.168.1.20", 9), ("0612345678", 9), ("2001:db8::1", 9)]
    assert frequent_terms(personal) == []
    assert frequent_terms([("vve 3f", 5)]) == [{"term": "vve 3f", "searches": 5}]


def test_a_snapshot_holds_no_personal_data(sector):
    user = make_user(Role.ORGANISATION, email="leiding@rups.example")
    follow(D, "q=baby&provincie=zeeland", 6)
    follow(D, "q=leiding%40rups.example", 1)
    db.session.execute(sa.update(SavedSearch).values(user_id=user.id))
    db.session.commit()
    service.take_snapshot(D)
    stored = json.dumps(db.session.scalar(sa.select(StatisticsSnapshot.figures)), ensure_ascii=False)
    assert "@" not in stored
    assert not re.search(r"\b\d{1,3}(\.\d{1,3}){3}\b", stored)  # no IPv4 address
    assert "user_id" not in stored and "organisation" not in stored and "Kinderopvang org" not in stored
    assert "baby · provincie: zeeland" in stored  # the aggregate is there


def test_snapshot_is_one_row_a_month_and_feeds_the_trend(sector):
    service.take_snapshot(D - timedelta(days=40))
    service.take_snapshot(D - timedelta(days=1))
    service.take_snapshot(D)  # the same month again: replaces that month's figures
    months = db.session.scalars(sa.select(StatisticsSnapshot.month).order_by(StatisticsSnapshot.month)).all()
    assert [month.isoformat() for month in months] == ["2026-10-01", "2026-11-01"]
    trend = service.trend(D, service.current_figures(D))
    assert [row["month"] for row in trend] == ["2026-10", "2026-11"]
    assert trend[-1] == {"month": "2026-11", "published": 7, "accredited": 4, "gaps": 21}


def test_demand_older_than_a_year_is_dropped_from_snapshots(sector):
    follow(D, "q=baby", 5)
    old = service.take_snapshot(D - timedelta(days=400))
    assert old.figures["demand"]["followed"]
    service.take_snapshot(D)
    db.session.refresh(old)
    assert old.figures["demand"] is None
    assert old.figures["totals"]["published"] == 7  # the counts stay for the trend


def test_a_change_is_counted_by_the_background_job_never_on_a_request(sector):
    first = service.current_figures(D)  # nothing ever computed: computed now, and stored
    assert db.session.scalar(sa.select(StatisticsSnapshot.generation)) == service.catalogue_generation(D)
    second = service.current_figures(D)
    assert second == first and service.current_figures(D) is second  # cached while it is the latest
    make_run(sector.courses["C6"], D + timedelta(days=30), province=None, is_online=True, city="")
    db.session.commit()
    service.clear_cache()  # a fresh worker: still the stored figures, with the instant they were counted
    stale = service.current_figures(D)
    assert stale["coverage"]["3"]["kinder-ehbo"]["online"] == 1
    assert stale["computed_at"] == first["computed_at"]

    # The clock's job notices the new generation and counts again; pages then serve that.
    outcome = run_due([job_named("statistics-refresh")], datetime(2026, 11, 27, 12, 0, tzinfo=UTC), "host-a")
    assert outcome == {"statistics-refresh": RunOutcome.OK}
    fresh = service.current_figures(D)
    assert fresh["coverage"]["3"]["kinder-ehbo"]["online"] == 2
    assert fresh["computed_at"] >= first["computed_at"]
    run_due([job_named("statistics-refresh")], datetime(2026, 11, 27, 12, 1, tzinfo=UTC), "host-a")
    assert service.current_figures(D) is fresh  # nothing changed: nothing recomputed


def test_a_snapshot_is_served_as_stored(sector):
    snapshot = service.take_snapshot(D)
    service.clear_cache()
    # Mark the stored figures so we can tell they were reused rather than recomputed.
    snapshot.figures = {**snapshot.figures, "totals": {"published": 70, "accredited": 40}}
    db.session.commit()
    assert service.current_figures(D)["totals"]["published"] == 70
    make_run(sector.courses["C8"], D + timedelta(days=5), city="Goes", province=Province.ZEELAND)
    db.session.commit()
    assert service.current_figures(D)["totals"]["published"] == 70  # a change waits for the job
    service.refresh_figures(D)
    assert service.current_figures(D)["totals"]["published"] == 7


def test_searches_that_found_nothing_come_from_the_search_log(sector):
    from registry.search.models import SearchDemand

    for days_ago, term, outcome, n in (
        (10, "nachtopvang", "geen", 3),
        (100, "nachtopvang", "geen", 2),  # 5 in the year: shown
        (400, "kangoeroezorg", "geen", 9),  # older than a year: not counted
        (5, "snoezelen", "geen", 4),  # one short
        (5, "bso", "weinig", 9),  # found a few: not "nothing found"
    ):
        db.session.add(SearchDemand(day=D - timedelta(days=days_ago), term=term, outcome=outcome, count=n))
    db.session.commit()
    assert demand_figures(D)["zero_results"] == [{"term": "nachtopvang", "searches": 5}]
