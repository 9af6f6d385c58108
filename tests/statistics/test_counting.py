"""Every figure against the hand-computed sector of conftest.py."""

from __future__ import annotations

from datetime import date

from registry.catalogue.enums import Province
from registry.statistics import counting, service
from registry.statistics.counting import add_months, quantile
from registry.statistics.review_process import review_figures
from tests.statistics.conftest import D


def test_coverage_counts_each_course_once_per_place_within_the_horizon(sector):
    cells = counting.coverage(counting.load_facts(D))
    # C1 (two provinces) and C2 (two runs in Utrecht) count once each; C3 expired yesterday, C4's provider
    # is suspended, C7 is withdrawn, C9's accreditation is suspended; C6's holds until today.
    assert cells["3"] == {
        "babyscholing": {"utrecht": 2, "zeeland": 1},
        "kinder-ehbo": {"noord-holland": 1, "online": 1},
    }
    assert cells["12"] == {
        "babyscholing": {"utrecht": 2, "zeeland": 1, "gelderland": 1, "online": 1},
        "kinder-ehbo": {"noord-holland": 1, "online": 1},
    }


def test_gaps_are_the_requirement_and_province_pairs_without_an_accredited_run_on_site(sector):
    gaps = service.coverage_gaps(service.compute_figures(D))
    by_requirement = {}
    for gap in gaps:
        by_requirement.setdefault(gap.requirement_code, set()).add(gap.province)
    assert by_requirement["babyscholing"] == set(Province) - {Province.UTRECHT, Province.ZEELAND}
    # Online offer does not fill a province's gap, but the gap says how much there is.
    assert by_requirement["kinder-ehbo"] == set(Province) - {Province.NOORD_HOLLAND}
    assert {gap.online_courses for gap in gaps if gap.requirement_code == "kinder-ehbo"} == {1}
    assert len(gaps) == 21


def test_offer_per_topic_and_role(sector):
    assert counting.per_topic(counting.load_facts(D)) == [
        {"slug": "babyscholing", "name": "Babyscholing", "courses": 3, "accredited": 2},
        {"slug": "hygiene", "name": "Hygiëne", "courses": 0, "accredited": 0},
        {"slug": "ehbo", "name": "Kinder-EHBO", "courses": 4, "accredited": 2},
    ]  # the empty area "Veiligheid en gezondheid" is left out
    assert counting.per_role(counting.load_facts(D)) == [
        {"slug": "pm", "name": "Pedagogisch medewerker", "courses": 2, "accredited": 2}
    ]


def test_accreditation_shares_and_totals(sector):
    assert counting.accreditation_shares(counting.load_facts(D)) == {
        "accredited": 4,
        "expired": 1,
        "withdrawn": 1,
        "none": 1,
    }
    assert counting.totals(counting.load_facts(D)) == {"published": 7, "accredited": 4}


def test_online_and_on_site_runs_in_the_coming_year(sector):
    assert counting.delivery(counting.load_facts(D)) == {
        "online_runs": 2,
        "on_site_runs": 9,
        "online_courses": 2,
        "on_site_courses": 6,
    }


def test_price_per_study_hour_median_and_quartiles(sector):
    prices = counting.price_per_hour(counting.load_facts(D))
    # 25, 25, 30, 30, 50, 50; q1 at rank 1.25: 25 + 0.25 × 5. C8 has no study load, C4's provider is
    # suspended, C7 is withdrawn.
    assert prices["all"] == {"courses": 6, "min": 25.0, "q1": 26.25, "median": 30.0, "q3": 45.0, "max": 50.0}
    assert prices["topics"] == [
        {"slug": "babyscholing", "name": "Babyscholing", "courses": 3,
         "min": 30.0, "q1": 40.0, "median": 50.0, "q3": 50.0, "max": 50.0},
        {"slug": "ehbo", "name": "Kinder-EHBO", "courses": 3,
         "min": 25.0, "q1": 25.0, "median": 25.0, "q3": 27.5, "max": 30.0},
    ]  # fmt: skip


def test_study_load_bands(sector):
    bands = {
        (band["low"], band["high"]): band["courses"] for band in counting.study_load(counting.load_facts(D))
    }
    assert bands == {(1, 4): 2, (5, 8): 3, (9, 16): 1, (17, 40): 0, (41, 80): 0, (81, None): 0}


def test_runs_per_month_for_the_coming_year(sector):
    rows = counting.runs_per_month(counting.load_facts(D))
    per_month: dict[str, list[int]] = {}
    for month, _place, _code, accredited, runs in rows:
        per_month.setdefault(month, [0, 0])[0 if accredited else 1] += runs
    assert per_month == {
        "2026-12": [4, 2],
        "2027-01": [2, 0],
        "2027-03": [0, 1],
        "2027-05": [1, 0],
        "2027-06": [1, 0],
    }
    zeeland = [row for row in rows if row[1] == "zeeland"]
    assert zeeland == [
        ["2026-12", "zeeland", "babyscholing", False, 1],
        ["2027-01", "zeeland", "babyscholing", True, 1],
    ]


def test_review_process(sector):
    figures = review_figures(D)
    submissions = {row["month"]: row["cases"] for row in figures["submissions"]}
    assert [*submissions][::11] == ["2025-12", "2026-11"]
    assert {month: n for month, n in submissions.items() if n} == {
        "2026-06": 1,
        "2026-09": 1,
        "2026-10": 1,
        "2026-11": 2,
    }
    # Days to a decision: 2, 10, 20, 30 (the decision 669 days ago is out of the year).
    assert figures["decisions"] == 4
    assert figures["median_days"] == 15.0
    assert figures["p90_days"] == 27.0  # 20 + 0.7 × (30 − 20)
    assert figures["approval_rate"] == 0.75


def test_quantile_and_months_by_hand():
    assert quantile([30, 50, 50], 0.25) == 40
    assert quantile([], 0.5) is None
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 27), -11) == date(2025, 12, 27)
