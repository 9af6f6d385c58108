"""Template filters that present numbers and dates the Dutch way."""

from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel.numbers import format_currency
from flask import Flask, g
from flask_babel import get_locale, gettext, ngettext

from registry.audit.labels import action_label, subject_label
from registry.catalogue.reference import term_names, vocabularies
from registry.catalogue.service import mark_summary
from registry.clock import today
from registry.completeness.service import completeness, staleness
from registry.compliance.labels import certificate_label, diploma_label, rule_kind_label
from registry.reviews.workflow import STATE_LABELS, TRANSITIONS
from registry.text import date_time, long_date
from registry.validation import web_address_or_empty


def euro(amount: Decimal | int | None) -> str:
    """€ 1.234,50 — or "gratis" for nothing to pay."""
    if amount is None:
        return ""
    if amount == 0:
        return "gratis"
    return _euro_in(amount, str(get_locale()))


@lru_cache(maxsize=4096)
def _euro_in(amount: Decimal | int, locale: str) -> str:
    # Babel reads the locale's currency pattern on every call (~0.3 ms); a page of results shows
    # twenty prices, most of them recurring.
    return format_currency(amount, "EUR", locale=locale)


def duration(days: float | None) -> str:
    """A span of time as people say it: "minder dan een dag", "3 dagen", "5 weken" (never "0.0 dagen")."""
    if days is None:
        return ""
    if days < 1:
        return gettext("minder dan een dag")
    if days < 14:
        return ngettext("%(num)s dag", "%(num)s dagen", round(days))
    return ngettext("%(num)s week", "%(num)s weken", round(days / 7))


def label(value: Any, vocabulary: str | None = None) -> str:
    """The words a person reads for a stored code — the one place codes become words on every page.

    An enum member gives its own label; a code of a reference vocabulary (``"kinder-ehbo"`` with
    ``"legal_requirement"``) its name; an audit action (``"action"``) or subject (``"subject"``) its
    description. A list gives its words joined by commas.
    """
    if value is None or value == "":
        return "—"
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(label(item, vocabulary) for item in value) or "—"
    if hasattr(value, "label"):
        return str(value.label)
    if vocabulary == "action":
        return action_label(str(value), {step: t.label for step, t in TRANSITIONS.items()})
    if vocabulary == "subject":
        return subject_label(str(value))
    if vocabulary == "diploma":
        return diploma_label(str(value))
    if vocabulary == "certificate":
        return certificate_label(str(value))
    if vocabulary == "rule_kind":
        return rule_kind_label(str(value))
    if vocabulary in vocabularies():
        names = g.setdefault("term_names", {})
        if vocabulary not in names:
            names[vocabulary] = term_names(vocabulary)
        return names[vocabulary].get(str(value), str(value))
    return str(value)


def register_filters(app: Flask) -> None:
    app.add_template_filter(euro)
    app.add_template_filter(long_date)
    app.add_template_filter(date_time)
    app.add_template_filter(label)
    app.add_template_filter(duration)
    # Links in stored data are shown only when they are http(s): older values are never a live script.
    app.add_template_filter(web_address_or_empty, "web_address")
    app.add_template_global(mark_summary)
    app.add_template_global(today)
    app.add_template_global(completeness)
    app.add_template_global(staleness)
    app.add_template_global(STATE_LABELS, "state_labels")
