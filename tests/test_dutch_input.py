"""Numbers and dates as people in the Netherlands type them, read in one place."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from registry.dutch_input import date_text, decimal_text, parse_date, parse_decimal


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("145,00", "145.00"),
        ("145.00", "145.00"),
        ("€ 1.250,00", "1250.00"),
        ("€\u00a01.250,50", "1250.50"),
        ("1,250.00", "1250.00"),
        ("1.250", "1250"),
        ("0.125", "0.125"),
        ("€ 95,-", "95"),
        ("8", "8"),
    ],
)
def test_dutch_and_international_numbers_are_read(typed, number):
    assert parse_decimal(typed) == Decimal(number)


@pytest.mark.parametrize("typed", ["", "gratis", "1.2.3", "12,5,0", "€"])
def test_text_that_is_no_number_is_refused(typed):
    with pytest.raises(ValueError):
        parse_decimal(typed)


@pytest.mark.parametrize("typed", ["31-01-2027", "31-1-2027", "31/01/2027", "31.01.2027", "2027-01-31"])
def test_dutch_dates_and_the_browsers_iso_date_are_read(typed):
    assert parse_date(typed) == date(2027, 1, 31)


@pytest.mark.parametrize("typed", ["31-02-2027", "2027/01/31", "morgen", "01-31-2027"])
def test_impossible_or_foreign_dates_are_refused(typed):
    with pytest.raises(ValueError):
        parse_date(typed)


def test_form_text_becomes_what_a_json_client_sends_and_nonsense_is_left_for_the_schema():
    assert decimal_text("€ 1.250,00") == "1250.00"
    assert decimal_text("8,0", whole=True) == "8" and decimal_text("8,5", whole=True) == "8.5"
    assert decimal_text("veel") == "veel"
    assert date_text("31-01-2027") == "2027-01-31" and date_text("31-02-2027") == "31-02-2027"
