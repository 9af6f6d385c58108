"""Small text helpers."""

import html
import re
import unicodedata

import nh3


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphenated: "Kinder-EHBO Zuid-Holland" -> "kinder-ehbo-zuid-holland"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def plain_text(html_text: str) -> str:
    """The text of an HTML fragment, without its markup, whitespace collapsed."""
    return " ".join(html.unescape(nh3.clean(html_text, tags=set())).split())
