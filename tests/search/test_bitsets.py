"""The bitset helpers behind facet counts and ordering agree with plain Python."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from registry.search.facets import SORT_DIRECTLY, GenerationView, bits, mark_state, mask_of


def test_mask_of_and_bits_round_trip():
    positions = [0, 3, 8, 63, 64, 1000]
    assert bits(mask_of(positions)) == positions
    assert mask_of([]) == 0


def make_view(size: int) -> GenerationView:
    rng = random.Random(7)
    return GenerationView(
        size=size,
        live=(1 << size) - 1,
        masks={},
        course_ids=list(range(1, size + 1)),
        prices=[Decimal(rng.randrange(0, 2000)) for _ in range(size)],
        published=[(date(2025, 1, 1) + timedelta(days=rng.randrange(600))).isoformat() for _ in range(size)],
        weights=[1.0] * size,
        next_start=[date(2026, 12, 1) + timedelta(days=rng.randrange(300)) for _ in range(size)],
    )


@pytest.mark.parametrize("order", ["prijs", "nieuw", "start"])
@pytest.mark.parametrize("chosen", [SORT_DIRECTLY // 2, SORT_DIRECTLY * 2])
def test_first_matches_a_full_sort_on_both_paths(order, chosen):
    view = make_view(3 * SORT_DIRECTLY)
    docs = random.Random(chosen).sample(range(view.size), chosen)
    expected = sorted(docs, key=view.sort_key(order))[:25]
    assert view.first(mask_of(docs), 25, order) == expected


def test_mark_state_follows_the_latest_award_and_expiry():
    marks = [["2024-01-01", "2026-12-31", "valid", 1], ["2025-06-01", "2026-01-01", "suspended", 2]]
    assert mark_state(marks, date(2025, 1, 1)) == "geldig"
    assert mark_state(marks, date(2025, 7, 1)) == "geschorst"
    assert mark_state([["2020-01-01", "2023-01-01", "valid", 3]], date(2026, 1, 1)) == "verlopen"
    assert mark_state([], date(2026, 1, 1)) == "geen"
