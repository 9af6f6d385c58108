"""search demand: anonymous daily tally of searches that found little

Revision ID: 0009
Revises: 0008
Created: 2026-11-29 13:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_demand",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_demand")),
        sa.UniqueConstraint("day", "term", "outcome", name="uq_search_demand_day_term_outcome"),
    )
    with op.batch_alter_table("search_demand", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_demand_day"), ["day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("search_demand", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_demand_day"))
    op.drop_table("search_demand")
