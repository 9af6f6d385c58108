"""Numbers and dates as people in the Netherlands type them, read in one place.

Forms, spreadsheet imports and the staff import all read "145,00", "145.00", "€ 1.250,00", "31-01-2027"
and the browser's "2027-01-31" through these functions; the JSON API keeps JSON numbers and ISO dates.
Each parser raises ``ValueError`` on text it cannot read, so the caller words the refusal for its field.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

# Dots as thousands separators only: 1.250 or 12.500.000 (a Dutch amount), never 145.00.
_DUTCH_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+$")
_DATE_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_decimal(text: str) -> Decimal:
    """145,00 · 145.00 · € 1.250,00 · 1,250.00 · 1.250 → a Decimal.

    With both a comma and a dot, the last one separates the decimals; a comma alone does; dots alone
    do unless every group after them has three digits (a Dutch "1.250" is twelve hundred and fifty).

    :raise ValueError: not a number.
    """
    cleaned = re.sub(r"[\s\u00a0€]", "", text or "").removeprefix("EUR")
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    elif _DUTCH_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.removesuffix(".-").removesuffix(".")  # "€ 95,-" is 95 euro
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        raise ValueError(text) from None


def parse_date(text: str) -> date:
    """31-01-2027 · 31-1-2027 · 31/01/2027 · 31.01.2027 · 2027-01-31 (the browser's date box) → a date.

    :raise ValueError: not a date, or a day that does not exist (31-02-2027).
    """
    value = (text or "").strip()
    for pattern, order in ((_DATE_NL, (2, 1, 0)), (_DATE_ISO, (0, 1, 2))):
        match = pattern.match(value)
        if match:
            year, month, day = (int(match.group(i + 1)) for i in order)
            return date(year, month, day)
    raise ValueError(text)


def decimal_text(text: str, *, whole: bool = False) -> str:
    """The number in ``text`` as a JSON client would write it ("1250.00", or "8" for 8,0 when
    ``whole``); text that is no number comes back unchanged, for the schema to refuse in its words."""
    try:
        number = parse_decimal(text)
    except ValueError:
        return text
    if whole and number == number.to_integral_value():
        return str(int(number))
    return str(number)


def date_text(text: str) -> str:
    """The date in ``text`` as ISO 8601; text that is no date comes back unchanged."""
    try:
        return parse_date(text).isoformat()
    except ValueError:
        return text
