"""A scheme's state at a given day: open, closed (and when it reopens) or ended."""

from datetime import date

import pytest

from registry.schemes.models import SchemeState
from tests.factories import make_scheme


@pytest.mark.parametrize(
    ("day", "state", "closes_on", "next_opens_on"),
    [
        (date(2026, 2, 28), SchemeState.CLOSED, None, date(2026, 3, 2)),
        (date(2026, 3, 2), SchemeState.OPEN, date(2026, 3, 31), None),
        (date(2026, 3, 31), SchemeState.OPEN, date(2026, 3, 31), None),
        (date(2026, 4, 1), SchemeState.CLOSED, None, date(2026, 9, 1)),
        (date(2026, 11, 27), SchemeState.CLOSED, None, None),
    ],
)
def test_windows_decide_open_or_closed(app, day, state, closes_on, next_opens_on):
    scheme = make_scheme(
        windows=[(date(2026, 3, 2), date(2026, 3, 31)), (date(2026, 9, 1), date(2026, 9, 30))]
    )
    status = scheme.status_on(day)
    assert (status.state, status.closes_on, status.next_opens_on) == (state, closes_on, next_opens_on)


def test_an_ended_scheme_never_shows_open_even_inside_an_old_window(app):
    # The last window was left open-ended by mistake; the scheme itself stopped.
    scheme = make_scheme(windows=[(date(2023, 11, 1), None)], active_until=date(2023, 12, 31))
    assert scheme.status_on(date(2023, 11, 15)).state is SchemeState.OPEN
    assert scheme.status_on(date(2024, 1, 1)).state is SchemeState.ENDED
    assert scheme.status_on(date(2026, 11, 27)).state is SchemeState.ENDED


def test_an_open_ended_window_stays_open(app):
    scheme = make_scheme(windows=[(date(2026, 1, 1), None)])
    assert scheme.status_on(date(2026, 11, 27)).state is SchemeState.OPEN
    assert scheme.status_on(date(2025, 12, 31)).next_opens_on == date(2026, 1, 1)
