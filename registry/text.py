"""Small text helpers."""

import re
import unicodedata


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphenated: "Kinder-EHBO Zuid-Holland" -> "kinder-ehbo-zuid-holland"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
