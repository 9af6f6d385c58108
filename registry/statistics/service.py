"""The figures of the day, computed in the background; monthly snapshots; coverage gaps and alerts.

Computing the figures reads the whole catalogue (seconds on a large one), so no request does it. The
``statistics-refresh`` job compares the catalogue's *generation* — a digest of the day and the change markers
(courses' ``changed_at``, which also moves with runs, marks and providers; the review cases; the saved
searches; the vocabularies) — with the one the stored figures were computed from, and recomputes them into
the month's snapshot when it moved. Pages serve the last stored figures with the instant they were
computed; only a registry that has never computed any computes them on the request that asks.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from registry.accounts.models import Role, User
from registry.audit.service import record
from registry.catalogue.enums import Province
from registry.catalogue.models import Course, LegalRequirement, TargetRole, Topic
from registry.clock import today, utcnow
from registry.errors import PermissionDenied
from registry.extensions import db
from registry.notifications.service import queue_email
from registry.organisations.models import SavedSearch
from registry.reviews.models import Review
from registry.statistics import counting
from registry.statistics.demand import KEPT_DAYS, demand_figures
from registry.statistics.models import CoverageGap, StatisticsSnapshot
from registry.statistics.permissions import can_see_coverage_gaps
from registry.statistics.review_process import review_figures
from registry.transactions import unit_of_work

GAP_HORIZON = "3"  # a gap: no accredited on-site run in the province within this many months
SNAPSHOT_MONTHS = 24  # months of trend the page shows
_CACHE_SIZE = 4

_cache: OrderedDict[str, dict[str, Any]] = OrderedDict()
_cache_lock = threading.Lock()


def catalogue_generation(day: date) -> str:
    """A digest of everything the figures are computed from, and the day they are computed for."""
    values = db.session.execute(
        sa.select(
            sa.select(sa.func.count(Course.id)).scalar_subquery(),
            sa.select(sa.func.max(Course.changed_at)).scalar_subquery(),
            sa.select(sa.func.count(Review.id)).scalar_subquery(),
            sa.select(sa.func.max(Review.updated_at)).scalar_subquery(),
            sa.select(sa.func.count(SavedSearch.id)).scalar_subquery(),
            sa.select(sa.func.max(SavedSearch.id)).scalar_subquery(),
            sa.select(sa.func.count(LegalRequirement.id)).scalar_subquery(),
            sa.select(sa.func.count(Topic.id)).scalar_subquery(),
            sa.select(sa.func.count(TargetRole.id)).scalar_subquery(),
        )
    ).one()
    text = "|".join([day.isoformat(), *(str(value) for value in values)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def compute_figures(day: date) -> dict[str, Any]:
    """Every figure on ``day``, counted afresh (slow on a large catalogue: use ``current_figures``)."""
    facts = counting.load_facts(day)
    return {
        "as_of": day.isoformat(),
        "computed_at": utcnow().isoformat(timespec="seconds"),
        "requirements": counting.requirements(),
        "totals": counting.totals(facts),
        "coverage": counting.coverage(facts),
        "topics": counting.per_topic(facts),
        "roles": counting.per_role(facts),
        "accreditation": counting.accreditation_shares(facts),
        "delivery": counting.delivery(facts),
        "price_per_hour": counting.price_per_hour(facts),
        "study_load": counting.study_load(facts),
        "runs_per_month": counting.runs_per_month(facts),
        "reviews": review_figures(day),
        "demand": demand_figures(day),
    }


def current_figures(day: date | None = None) -> dict[str, Any]:
    """The last figures the background job stored (never computed on the way), from this process's cache
    while they stay the latest. Only when none were ever stored are the figures of ``day`` (default
    today) computed now, and stored for every worker."""
    latest = db.session.execute(
        sa.select(StatisticsSnapshot.id, StatisticsSnapshot.updated_at)
        .order_by(StatisticsSnapshot.month.desc())
        .limit(1)
    ).first()
    if latest is None:
        return refresh_figures(day or today())
    key = f"{latest.id}:{latest.updated_at.isoformat()}"
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    figures = db.session.scalar(
        sa.select(StatisticsSnapshot.figures).where(StatisticsSnapshot.id == latest.id)
    )
    _remember(key, figures)
    return figures


def refresh_figures(day: date) -> dict[str, Any]:
    """Background job (and the very first request): recompute the figures of ``day`` into the month's
    snapshot if the catalogue generation moved since they were stored; returns the stored figures."""
    generation = catalogue_generation(day)
    month = day.replace(day=1)
    stored = db.session.scalar(sa.select(StatisticsSnapshot).where(StatisticsSnapshot.month == month))
    if stored is not None and stored.generation == generation:
        return stored.figures
    figures = compute_figures(day)
    try:
        with unit_of_work():
            if stored is None:
                stored = StatisticsSnapshot(month=month)
                db.session.add(stored)
            stored.taken_on, stored.generation, stored.figures = day, generation, figures
    except IntegrityError:  # another worker stored this month's first figures at the same moment
        db.session.rollback()
    return figures


def _remember(key: str, figures: dict[str, Any]) -> None:
    with _cache_lock:
        _cache[key] = figures
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


def clear_cache() -> None:
    """Forget the cached figures of this process (benchmarks measure the uncached computation)."""
    with _cache_lock:
        _cache.clear()


def trend(day: date, figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Per month: public and accredited courses and open gaps, from the snapshots and today's figures."""
    since = counting.add_months(day.replace(day=1), -(SNAPSHOT_MONTHS - 1))
    months = {
        snapshot.month.isoformat()[:7]: snapshot.figures
        for snapshot in db.session.scalars(
            sa.select(StatisticsSnapshot)
            .where(StatisticsSnapshot.month >= since)
            .order_by(StatisticsSnapshot.month)
        )
    }
    months[day.isoformat()[:7]] = figures
    return [
        {
            "month": month,
            "published": data["totals"]["published"],
            "accredited": data["totals"]["accredited"],
            "gaps": len(coverage_gaps(data)),
        }
        for month, data in sorted(months.items())
    ]


# -- snapshots -----------------------------------------------------------------------------------------


def take_snapshot(day: date | None = None) -> StatisticsSnapshot:
    """Daily job: make sure the month's snapshot holds the figures of ``day`` (the last run in a month
    stays), record gaps that opened or closed, and drop demand terms older than 12 months. Idempotent."""
    day = day or today()
    figures = refresh_figures(day)
    with unit_of_work():
        month = day.replace(day=1)
        snapshot = db.session.scalar(sa.select(StatisticsSnapshot).where(StatisticsSnapshot.month == month))
        expired_demand = counting.add_months(month, -(KEPT_DAYS // 30))
        for old in db.session.scalars(
            sa.select(StatisticsSnapshot).where(StatisticsSnapshot.month < expired_demand)
        ):
            if old.figures.get("demand") is not None:
                old.figures = {**old.figures, "demand": None}
        record_gap_changes(day, figures)
        record(
            "statistics.snapshot",
            "statistics_snapshot",
            month.isoformat(),
            after={"generation": snapshot.generation},
        )
    return snapshot


# -- coverage gaps -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    requirement_code: str
    requirement_name: str
    province: Province
    online_courses: int


def coverage_gaps(figures: dict[str, Any], horizon: str = GAP_HORIZON) -> list[Gap]:
    """Requirement × province combinations with no accredited on-site run in the horizon."""
    cells = figures["coverage"][horizon]
    gaps = []
    for requirement in figures["requirements"]:
        row = cells.get(requirement["code"], {})
        for province in Province:
            if not row.get(province.value):
                gaps.append(
                    Gap(requirement["code"], requirement["name"], province, row.get(counting.ONLINE, 0))
                )
    return gaps


def record_gap_changes(day: date, figures: dict[str, Any]) -> tuple[int, int]:
    """Open a row for each new gap and close the rows of gaps that filled; returns (opened, closed).

    The caller commits (the daily snapshot, or the weekly alert).
    """
    now = {(gap.requirement_code, gap.province) for gap in coverage_gaps(figures)}
    open_rows = {
        (row.requirement_code, row.province): row
        for row in db.session.scalars(sa.select(CoverageGap).where(CoverageGap.closed_on.is_(None)))
    }
    opened = closed = 0
    for key in now - set(open_rows):
        db.session.add(CoverageGap(requirement_code=key[0], province=key[1], opened_on=day))
        opened += 1
    for key in set(open_rows) - now:
        open_rows[key].closed_on = day
        closed += 1
    return opened, closed


@dataclass(frozen=True)
class GapPanel:
    """What the officials' dashboard shows: every open gap with the day it opened."""

    as_of: date
    gaps: list[tuple[Gap, date | None]]


def gap_panel(user: User | None, day: date | None = None) -> GapPanel:
    """The open gaps for the officials' dashboard.

    :raise PermissionDenied: only officials and admins see it.
    """
    if not can_see_coverage_gaps(user):
        raise PermissionDenied(_("Alleen voor beoordelaars en beheerders."))
    day = day or today()
    figures = current_figures(day)
    opened = {
        (row.requirement_code, row.province): row.opened_on
        for row in db.session.scalars(sa.select(CoverageGap).where(CoverageGap.closed_on.is_(None)))
    }
    return GapPanel(
        date.fromisoformat(figures["as_of"]),
        [(gap, opened.get((gap.requirement_code, gap.province))) for gap in coverage_gaps(figures)],
    )


def officials() -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.role.in_([Role.REVIEWER, Role.ADMIN]), User.is_active)
            .order_by(User.id)
        )
    )


def send_gap_alerts(day: date | None = None) -> int:
    """Weekly job: e-mail every official the gaps that opened or closed since the last alert.

    Returns the number of e-mails queued; nothing is sent when nothing changed. Safe to run twice.
    """
    day = day or today()
    figures = refresh_figures(day)  # a job may wait for fresh figures
    with unit_of_work():
        record_gap_changes(day, figures)
        db.session.flush()
        names = {requirement["code"]: requirement["name"] for requirement in figures["requirements"]}
        opened = list(
            db.session.scalars(sa.select(CoverageGap).where(CoverageGap.opening_announced.is_(False)))
        )
        closed = list(
            db.session.scalars(
                sa.select(CoverageGap).where(
                    CoverageGap.closed_on.is_not(None), CoverageGap.closing_announced.is_(False)
                )
            )
        )
        # A gap that opened and closed again between two alerts is news in neither direction.
        opened_now = [row for row in opened if row.closed_on is None]
        if not opened_now and not [row for row in closed if row.opening_announced]:
            for row in opened + closed:
                row.opening_announced = row.closing_announced = True
            return 0
        body = _alert_body(day, names, opened_now, [row for row in closed if row.opening_announced])
        digest = hashlib.sha256(body.encode()).hexdigest()[:16]
        queued = 0
        for official in officials():
            queued += queue_email(
                official.email,
                "Scholingsregister: witte vlekken in het geaccrediteerde aanbod gewijzigd",
                body,
                # The same news is never mailed twice, even by two runs at once.
                dedup_key=f"coverage-gaps:{digest}:{official.email}",
            )
        for row in opened + closed:
            row.opening_announced = True
            if row.closed_on is not None:
                row.closing_announced = True
        record(
            "statistics.gap_alert",
            "coverage_gap",
            day.isoformat(),
            after={"opened": len(opened_now), "closed": len(closed), "emails": queued},
        )
        return queued


def _alert_body(
    day: date, names: dict[str, str], opened: list[CoverageGap], closed: list[CoverageGap]
) -> str:
    def line(row: CoverageGap) -> str:
        return f"- {names.get(row.requirement_code, row.requirement_code)} in {row.province.label}"

    parts = [
        f"Stand {day:%d-%m-%Y}. Een witte vlek is een wettelijke scholingseis zonder geaccrediteerde "
        f"opleiding met een startdatum op locatie in de provincie binnen {GAP_HORIZON} maanden.",
    ]
    if opened:
        parts.append("Nieuw zonder aanbod:\n" + "\n".join(line(row) for row in opened))
    if closed:
        parts.append("Weer aanbod:\n" + "\n".join(line(row) for row in closed))
    parts.append("Het volledige overzicht staat op /statistieken.")
    return "\n\n".join(parts) + "\n"
