"""Organisations A and B for the permission matrix and the page tests."""

from __future__ import annotations

import pytest

from registry.demo.reference import load_reference_data
from registry.extensions import db
from tests.organisations.world import make_organisation


@pytest.fixture
def world(app, people):
    """Organisations A and B, and the people of a review for the other roles."""
    load_reference_data()
    db.session.commit()
    return people, make_organisation("org-a", "Kinderopvang A"), make_organisation("org-b", "Kinderopvang B")
