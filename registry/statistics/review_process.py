"""How the review process performs: submissions per month, days to a decision, approval rate."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from registry.clock import AMSTERDAM
from registry.extensions import db
from registry.reviews.models import Recommendation, Review
from registry.statistics.counting import add_months, month_key, quantile


def _local_day(instant: datetime) -> date:
    return instant.astimezone(AMSTERDAM).date()


def review_figures(day: date) -> dict[str, Any]:
    """Cases submitted per month over the last 12 months (this month included), and of the decisions
    taken in the last 365 days: median and 90th percentile of the days from submission to decision and
    the share approved. A case's decision is the confirmed recommendation, so a mark that later expired
    still counts as an approval.
    """
    first_month = add_months(day.replace(day=1), -11)
    since = datetime.combine(first_month, time.min, AMSTERDAM)
    submitted = Counter(
        month_key(_local_day(instant))
        for (instant,) in db.session.execute(
            sa.select(Review.submitted_at).where(Review.submitted_at >= since)
        )
    )
    months = [month_key(add_months(first_month, n)) for n in range(12)]
    decided_since = datetime.combine(day - timedelta(days=365), time.min, AMSTERDAM)
    decided_until = datetime.combine(day + timedelta(days=1), time.min, AMSTERDAM)
    decisions = db.session.execute(
        sa.select(Review.submitted_at, Review.decided_at, Review.recommendation).where(
            Review.decided_at >= decided_since,
            Review.decided_at < decided_until,
            Review.submitted_at.is_not(None),
        )
    ).all()
    days = [
        round((decided - submitted_at).total_seconds() / 86400, 1) for submitted_at, decided, _ in decisions
    ]
    approved = sum(1 for *_times, recommendation in decisions if recommendation is Recommendation.APPROVE)
    return {
        "submissions": [{"month": month, "cases": submitted.get(month, 0)} for month in months],
        "decisions": len(decisions),
        "approved": approved,
        "approval_rate": round(approved / len(decisions), 3) if decisions else None,
        "median_days": round(statistics.median(days), 1) if days else None,
        "p90_days": round(quantile(days, 0.9), 1) if days else None,
    }
