"""Read services for subsidy schemes and funds."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from registry.extensions import db
from registry.schemes.models import SubsidyScheme


def all_schemes() -> list[SubsidyScheme]:
    """Every scheme in use with its windows, ordered by name; callers compute the state for their day."""
    return list(
        db.session.scalars(
            sa.select(SubsidyScheme)
            .where(SubsidyScheme.retired_on.is_(None))
            .options(selectinload(SubsidyScheme.windows))
            .order_by(SubsidyScheme.name)
        )
    )
