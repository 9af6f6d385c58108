"""Reset requests wait in a table for the background job, so known and unknown addresses answer alike

Revision ID: 0014
Revises: 0013
Created: 2026-11-29 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "password_reset_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_reset_request")),
    )


def downgrade() -> None:
    op.drop_table("password_reset_request")
