"""How an outside address reads as link text: its site, not a hundred characters of path."""

from urllib.parse import urlsplit


def site_name(url: str | None) -> str:
    """'https://wetten.overheid.nl/BWBR0017017/2026-01-01' reads as 'wetten.overheid.nl'."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.") or (url or "")
