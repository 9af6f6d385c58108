"""Organisations A and B for the permission matrix and the page tests."""

from __future__ import annotations

import pytest

from registry.clock import today
from registry.reference.loader import load_reference
from tests.organisations.world import make_organisation


@pytest.fixture
def world(app, people):
    """Organisations A and B, and the people of a review for the other roles."""
    load_reference(today())
    return people, make_organisation("org-a", "Kinderopvang A"), make_organisation("org-b", "Kinderopvang B")
