"""Small text helpers, and the one way the registry writes a date (pages, e-mails and CSV alike)."""

import html
import re
import unicodedata
from datetime import date, datetime

import nh3
from flask_babel import format_date, format_datetime


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphenated: "Kinder-EHBO Zuid-Holland" -> "kinder-ehbo-zuid-holland"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def plain_text(html_text: str) -> str:
    """The text of an HTML fragment, without its markup, whitespace collapsed."""
    return " ".join(html.unescape(nh3.clean(html_text, tags=set())).split())


def long_date(day: date | None) -> str:
    """27 november 2026."""
    return format_date(day, "d MMMM y") if day else ""


def date_time(moment: datetime | None) -> str:
    """27 november 2026, 14:05 (Dutch time): the same date with the time of day."""
    return format_datetime(moment, "d MMMM y, HH:mm") if moment else ""
