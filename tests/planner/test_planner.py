"""The planner's rules, with the calendar moved: what is due when, and what fits."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from registry.accounts.models import Role
from registry.catalogue.enums import Province
from registry.catalogue.models import LegalRequirement
from registry.demo.reference import load_reference_data
from registry.errors import PermissionDenied
from registry.extensions import db
from registry.organisations.models import CareType, CertificateRecord, Organisation, StaffGroup
from registry.planner import service as planner
from registry.planner.models import PlannerRule
from registry.schemes.models import SubsidyScheme
from tests.factories import make_course, make_mark, make_provider, make_run, make_user

DAY = date(2026, 11, 27)


@pytest.fixture
def daycare(app):
    load_reference_data()
    organisation = Organisation(
        slug="de-rups",
        name="Kinderopvang De Rups",
        kvk_number="12345678",
        lrk_numbers=["123456789", "987654321"],
        care_type=CareType.DAYCARE,
        staff_count=14,
        province=Province.UTRECHT,
        city="Utrecht",
        staff=[
            StaffGroup(role_slug="pedagogisch-medewerker", headcount=4, works_with_babies=True),
            StaffGroup(role_slug="pedagogisch-medewerker", headcount=8, works_with_babies=False),
            StaffGroup(role_slug="pedagogisch-beleidsmedewerker", headcount=1),
        ],
        certificates=[
            CertificateRecord(requirement_code="babyscholing", holder="A.", valid_until=None),
            CertificateRecord(
                requirement_code="kinder-ehbo", holder="B.", valid_until=DAY + timedelta(days=30)
            ),
            CertificateRecord(
                requirement_code="kinder-ehbo", holder="C.", valid_until=DAY + timedelta(days=400)
            ),
            CertificateRecord(
                requirement_code="kinder-ehbo", holder="D.", valid_until=DAY - timedelta(days=3)
            ),
        ],
    )
    db.session.add(organisation)
    user = make_user(Role.ORGANISATION)
    user.organisation = organisation
    db.session.commit()
    return user, organisation


def items_by_code(user, organisation, day):
    _org, items = planner.plan(user, organisation.id, day)
    return {item.rule.requirement.code: item for item in items}


def test_babyscholing_counts_only_staff_working_with_babies(daycare):
    items = items_by_code(*daycare, DAY)
    baby = items["babyscholing"]
    assert (baby.in_scope, baby.valid_holders, baby.missing, baby.status) == (4, 1, 3, "action")


def test_3f_applies_to_daycare_but_not_to_bso(daycare):
    user, organisation = daycare
    assert items_by_code(user, organisation, DAY)["taalniveau-3f"].in_scope == 12 + 1
    organisation.care_type = CareType.OUT_OF_SCHOOL
    db.session.commit()
    assert items_by_code(user, organisation, DAY)["taalniveau-3f"].status == "not_applicable"


def test_kinder_ehbo_per_location_moves_from_attention_to_action_as_certificates_lapse(daycare):
    user, organisation = daycare
    now = items_by_code(user, organisation, DAY)["kinder-ehbo"]
    assert now.needed == 2  # one per LRK location
    assert now.valid_holders == 2 and [c.holder for c in now.expiring] == ["B."]
    assert [c.holder for c in now.expired] == ["D."]
    assert now.status == "attention" and now.due_by == DAY + timedelta(days=30)

    later = items_by_code(user, organisation, DAY + timedelta(days=31))["kinder-ehbo"]
    assert later.valid_holders == 1 and later.missing == 1 and later.status == "action"

    much_later = items_by_code(user, organisation, DAY + timedelta(days=401))["kinder-ehbo"]
    assert much_later.missing == 2


def test_coaching_hours_follow_staff_and_locations(daycare):
    coach = items_by_code(*daycare, DAY)["pedagogisch-coach"]
    assert coach.hours_needed == 10 * 12 + 50 * 2


def test_vve_only_when_the_organisation_offers_it(daycare):
    user, organisation = daycare
    assert items_by_code(user, organisation, DAY)["vve-certificaat"].status == "not_applicable"
    organisation.offers_vve = True
    db.session.commit()
    assert items_by_code(user, organisation, DAY)["vve-certificaat"].missing == 8 + 4


def test_options_are_accredited_nearby_first_with_cost_and_only_open_schemes(daycare):
    user, organisation = daycare
    requirement = db.session.scalars(
        sa.select(LegalRequirement).where(LegalRequirement.code == "babyscholing")
    ).one()
    schemes = {s.code: s for s in db.session.scalars(sa.select(SubsidyScheme))}
    provider = make_provider()

    def course(title, province, start_in_days, accredited=True, price="250.00"):
        made = make_course(
            provider,
            title=title,
            legal_requirement=requirement,
            price=Decimal(price),
            schemes=[schemes["OO-KINDEROPVANG"], schemes["STAP"]],
        )
        make_run(made, DAY + timedelta(days=start_in_days), province=province, city="X")
        if accredited:
            make_mark(course=made, awarded_on=DAY - timedelta(days=10), valid_until=DAY + timedelta(days=900))
        return made

    course("Ver weg maar vroeg", Province.LIMBURG, 5)
    course("Dichtbij", Province.UTRECHT, 40)
    course("Niet geaccrediteerd", Province.UTRECHT, 1, accredited=False)
    db.session.commit()

    options = items_by_code(user, organisation, DAY)["babyscholing"].options
    assert [o.course.title for o in options] == ["Dichtbij", "Ver weg maar vroeg"]
    assert options[0].nearby and not options[1].nearby
    assert options[0].people == 3 and options[0].total_cost == Decimal("750.00")
    assert [s.code for s in options[0].paying_schemes] == ["OO-KINDEROPVANG"]  # STAP has ended


def test_rules_are_data_an_admin_changes_with_its_source(daycare):
    user, organisation = daycare
    admin = make_user(Role.ADMIN)
    rule = db.session.scalars(
        sa.select(PlannerRule).join(PlannerRule.requirement).where(LegalRequirement.code == "kinder-ehbo")
    ).one()
    planner.update_rule(
        admin,
        rule.id,
        {
            "holders_per_location": 3,
            "source_url": "https://wetten.overheid.nl/x",
            "source_checked_on": "2026-11-20",
        },
    )
    assert items_by_code(user, organisation, DAY)["kinder-ehbo"].needed == 6
    with pytest.raises(PermissionDenied):
        planner.update_rule(user, rule.id, {"holders_per_location": 0})


def test_nobody_sees_another_organisations_plan(daycare):
    _user, organisation = daycare
    stranger = make_user(Role.ORGANISATION)
    with pytest.raises(PermissionDenied):
        planner.plan(stranger, organisation.id, DAY)
