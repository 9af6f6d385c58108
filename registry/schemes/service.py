"""Read services for subsidy schemes and funds."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from registry.extensions import db
from registry.schemes.models import SubsidyScheme


def all_schemes() -> list[SubsidyScheme]:
    """Every scheme with its windows, ordered by name; callers compute the state for their day."""
    return list(
        db.session.scalars(
            sa.select(SubsidyScheme).options(selectinload(SubsidyScheme.windows)).order_by(SubsidyScheme.name)
        )
    )
