"""Net cost after subsidy: the best single open scheme, capped at its maximum; closed schemes pay nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from registry.schemes.costs import net_cost
from tests.factories import make_course, make_provider, make_scheme

DAY = date(2026, 11, 29)


def test_best_open_scheme_capped_at_its_maximum_gives_the_lower_end(app):
    half_capped = make_scheme([(date(2026, 1, 1), None)], cofinancing_percent=50, max_amount=Decimal(100))
    sixty = make_scheme([(date(2026, 1, 1), None)], cofinancing_percent=60)
    closed = make_scheme([(date(2025, 1, 1), date(2025, 12, 31))], cofinancing_percent=100)
    cost = net_cost(Decimal(400), [half_capped, sixty, closed], DAY)
    assert (cost.price, cost.lowest) == (Decimal(400), Decimal("160.00"))  # 400 - 60 %; not 400 - 100 - 240
    assert cost.schemes == [half_capped, sixty] and cost.has_range


def test_without_an_open_scheme_there_is_no_range(app):
    cost = net_cost(Decimal(149), [make_scheme([(date(2027, 1, 1), None)], cofinancing_percent=50)], DAY)
    assert cost.lowest == cost.price and not cost.has_range


def test_course_page_shows_the_range_and_says_it_is_no_promise(app, client):
    from registry.catalogue.enums import CourseStatus
    from registry.clock import today
    from registry.extensions import db
    from tests.factories import make_mark

    course = make_course(make_provider(), status=CourseStatus.PUBLISHED, price=Decimal(200))
    course.schemes.append(
        make_scheme([(date(2020, 1, 1), None)], cofinancing_percent=50, conditions="Alleen mbo.")
    )
    make_mark(course=course, awarded_on=date(2024, 1, 1), valid_until=date(today().year + 2, 1, 1))
    db.session.commit()
    page = client.get(f"/opleidingen/{course.id}").get_data(as_text=True)
    assert "Kosten na subsidie: tussen" in page and "geen toezegging" in page and "Alleen mbo." in page


def test_compare_page_has_a_net_cost_row(app):
    from registry.catalogue.enums import CourseStatus
    from registry.extensions import db
    from tests.organisations.test_organisation_pages import signed_up

    browser = signed_up(app)
    provider = make_provider()
    courses = [make_course(provider, status=CourseStatus.PUBLISHED, price=Decimal(300)) for _ in range(2)]
    courses[0].schemes.append(make_scheme([(date(2020, 1, 1), None)], cofinancing_percent=50))
    db.session.commit()
    for course in courses:
        browser.post(f"/opleidingen/{course.id}", f"/bewaarlijst/{course.id}")
    page = browser.client.get(f"/bewaarlijst/vergelijken?c={courses[0].id}&c={courses[1].id}").get_data(
        as_text=True
    )
    assert "Na subsidie (bandbreedte, geen toezegging)" in page
    assert "€\xa0150,00 – €\xa0300,00" in page
