"""compliance rules as reference data in the database

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "compliance_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("requirement_code", sa.String(length=40), nullable=False),
        sa.Column("care_types", sa.JSON(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("babies_only", sa.Boolean(), nullable=False),
        sa.Column("vve_only", sa.Boolean(), nullable=False),
        sa.Column("certificate_kinds", sa.JSON(), nullable=False),
        sa.Column("qualifying_diplomas", sa.JSON(), nullable=False),
        sa.Column("requires_approved", sa.Boolean(), nullable=False),
        sa.Column("min_hours", sa.Integer(), nullable=False),
        sa.Column("holders_per_location", sa.Integer(), nullable=False),
        sa.Column("default_validity_months", sa.Integer(), nullable=True),
        sa.Column("hours_per_centre", sa.Integer(), nullable=False),
        sa.Column("hours_per_fte", sa.Integer(), nullable=False),
        sa.Column("hours_per_fte_unit", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("plan_ahead_days", sa.Integer(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("citation", sa.String(length=300), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=False),
        sa.Column("also_urls", sa.JSON(), nullable=False),
        sa.Column("source_checked_on", sa.Date(), nullable=True),
        sa.Column("verified", sa.Text(), nullable=False),
        sa.Column("retired_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_rule")),
        sa.UniqueConstraint("code", name=op.f("uq_compliance_rule_code")),
    )
    with op.batch_alter_table("compliance_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_compliance_rule_updated_at"), ["updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("compliance_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_compliance_rule_updated_at"))
    op.drop_table("compliance_rule")
