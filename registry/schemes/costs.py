"""What a course costs after subsidy: a range, never a promise."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from registry.schemes.models import SchemeState, SubsidyScheme


@dataclass(frozen=True)
class NetCost:
    """From ``lowest`` (the best single open scheme pays its share) up to the full ``price`` (a scheme may
    refuse, draw lots or run out of budget); ``schemes`` are those open on the day, with their conditions."""

    price: Decimal
    lowest: Decimal
    schemes: list[SubsidyScheme]

    @property
    def has_range(self) -> bool:
        return self.lowest < self.price


def net_cost(price: Decimal, schemes: Iterable[SubsidyScheme], day: date) -> NetCost:
    """Price minus the most one open scheme could pay (its percentage, capped at its maximum).

    Schemes are not added up: most forbid double funding for the same costs.
    """
    open_schemes = [s for s in schemes if s.status_on(day).state is SchemeState.OPEN]
    best = Decimal(0)
    for scheme in open_schemes:
        share = price * Decimal(scheme.cofinancing_percent or 0) / 100
        if scheme.max_amount is not None:
            share = min(share, scheme.max_amount)
        best = max(best, share)
    return NetCost(price, max(Decimal(0), price - best).quantize(Decimal("0.01")), open_schemes)
