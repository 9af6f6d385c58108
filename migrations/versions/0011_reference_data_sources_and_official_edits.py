"""reference data: sources on every vocabulary, retirement, the fields officials edited, criteria versions

Revision ID: 0011
Revises: 0010
Created: 2026-11-29 13:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_TERMS = ("topic", "target_role", "age_group")


def upgrade() -> None:
    op.create_table(
        "official_edit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vocabulary", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("edited_by_id", sa.Integer(), nullable=True),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["edited_by_id"],
            ["user.id"],
            name=op.f("fk_official_edit_edited_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official_edit")),
        sa.UniqueConstraint("vocabulary", "key", "field", name=op.f("uq_official_edit_vocabulary")),
    )
    for table in _TERMS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("source_url", sa.String(length=500), server_default="", nullable=False)
            )
            batch_op.add_column(sa.Column("source_checked_on", sa.Date(), nullable=True))
            batch_op.add_column(sa.Column("retired_on", sa.Date(), nullable=True))
    with op.batch_alter_table("legal_requirement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retired_on", sa.Date(), nullable=True))
        batch_op.alter_column("source_checked_on", existing_type=sa.Date(), nullable=True)
    with op.batch_alter_table("application_window", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lottery", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("subsidy_scheme", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_amount_per", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("min_costs", sa.Numeric(precision=12, scale=2), nullable=True))
        batch_op.add_column(sa.Column("retired_on", sa.Date(), nullable=True))
        batch_op.alter_column("last_checked_on", existing_type=sa.Date(), nullable=True)
    with op.batch_alter_table("planner_rule", schema=None) as batch_op:
        batch_op.alter_column("source_checked_on", existing_type=sa.Date(), nullable=True)
    op.create_table(
        "criteria_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_type", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user.id"],
            name=op.f("fk_criteria_version_created_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_criteria_version")),
        sa.UniqueConstraint("subject_type", "version", name=op.f("uq_criteria_version_subject_type")),
    )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.add_column(sa.Column("criteria_version", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_column("criteria_version")
    op.drop_table("criteria_version")
    op.execute(
        sa.text("UPDATE planner_rule SET source_checked_on = CURRENT_DATE WHERE source_checked_on IS NULL")
    )
    with op.batch_alter_table("planner_rule", schema=None) as batch_op:
        batch_op.alter_column("source_checked_on", existing_type=sa.Date(), nullable=False)
    op.execute(
        sa.text("UPDATE subsidy_scheme SET last_checked_on = CURRENT_DATE WHERE last_checked_on IS NULL")
    )
    with op.batch_alter_table("subsidy_scheme", schema=None) as batch_op:
        batch_op.alter_column("last_checked_on", existing_type=sa.Date(), nullable=False)
        batch_op.drop_column("retired_on")
        batch_op.drop_column("min_costs")
        batch_op.drop_column("max_amount_per")
    with op.batch_alter_table("application_window", schema=None) as batch_op:
        batch_op.drop_column("lottery")
    op.execute(
        sa.text(
            "UPDATE legal_requirement SET source_checked_on = CURRENT_DATE WHERE source_checked_on IS NULL"
        )
    )
    with op.batch_alter_table("legal_requirement", schema=None) as batch_op:
        batch_op.alter_column("source_checked_on", existing_type=sa.Date(), nullable=False)
        batch_op.drop_column("retired_on")
    for table in _TERMS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("retired_on")
            batch_op.drop_column("source_checked_on")
            batch_op.drop_column("source_url")
    op.drop_table("official_edit")
