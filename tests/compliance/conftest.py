from __future__ import annotations

from dataclasses import dataclass

import pytest

from registry.accounts.models import Role, User
from registry.extensions import db
from registry.organisations.models import CareType, Organisation
from tests.factories import make_user


@dataclass
class TwoOrganisations:
    a: Organisation
    b: Organisation
    a_member: User
    b_member: User


@pytest.fixture
def orgs(app) -> TwoOrganisations:
    a = Organisation(
        slug="zonnetje", name="Kinderopvang Zonnetje", kvk_number="12345678", care_type=CareType.DAYCARE
    )
    b = Organisation(
        slug="maan", name="Kinderopvang Maan", kvk_number="87654321", care_type=CareType.OUT_OF_SCHOOL
    )
    db.session.add_all([a, b])
    db.session.flush()
    a_member = make_user(Role.ORGANISATION, email="hr@zonnetje.example")
    b_member = make_user(Role.ORGANISATION, email="hr@maan.example")
    a_member.organisation_id, b_member.organisation_id = a.id, b.id
    a_member.organisation_admin = b_member.organisation_admin = True
    db.session.commit()
    return TwoOrganisations(a, b, a_member, b_member)


@pytest.fixture(autouse=True)
def compliance_rules(request):
    """The compliance rules loaded from the reference data, as `reference load` leaves them."""
    if "app" not in request.fixturenames:
        return
    from registry.clock import today
    from registry.reference.loader import load_reference
    from registry.reference.vocabularies import COMPLIANCE_RULES

    request.getfixturevalue("app")
    load_reference(today(), (COMPLIANCE_RULES,))
