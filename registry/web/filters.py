"""Template filters that present numbers and dates the Dutch way."""

from datetime import date
from decimal import Decimal

from flask import Flask
from flask_babel import format_currency, format_date

from registry.catalogue.service import mark_summary
from registry.clock import today
from registry.completeness.service import completeness, staleness
from registry.reviews.workflow import STATE_LABELS
from registry.validation import web_address_or_empty


def euro(amount: Decimal | int | None) -> str:
    """€ 1.234,50 — or "gratis" for nothing to pay."""
    if amount is None:
        return ""
    if amount == 0:
        return "gratis"
    return format_currency(amount, "EUR")


def long_date(day: date | None) -> str:
    """27 november 2026."""
    return format_date(day, "d MMMM y") if day else ""


def short_date(day: date | None) -> str:
    """27-11-2026."""
    return format_date(day, "dd-MM-y") if day else ""


def register_filters(app: Flask) -> None:
    app.add_template_filter(euro)
    app.add_template_filter(long_date)
    app.add_template_filter(short_date)
    # Links in stored data are shown only when they are http(s): older values are never a live script.
    app.add_template_filter(web_address_or_empty, "web_address")
    app.add_template_global(mark_summary)
    app.add_template_global(today)
    app.add_template_global(completeness)
    app.add_template_global(staleness)
    app.add_template_global(STATE_LABELS, "state_labels")
