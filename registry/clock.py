"""The registry's notion of now: UTC instants, and calendar days in the Netherlands."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def utcnow() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in the Netherlands (scheme windows and mark validity are Dutch calendar days)."""
    return datetime.now(AMSTERDAM).date()
