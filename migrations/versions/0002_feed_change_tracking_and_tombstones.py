"""Feed change tracking and tombstones: course.changed_at, the feed_tombstone table, a mark date index

Revision ID: 0002
Revises: 0001
Created: 2026-11-27 07:54:38.076930
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# SQLite's batch mode rebuilds the table; it must keep AUTOINCREMENT so deleted ids are never reused.
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


def upgrade() -> None:
    op.create_table(
        "feed_tombstone",
        sa.Column(
            "kind",
            sa.Enum(
                "course",
                "provider",
                "scheme",
                "quality_mark",
                name="recordkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", "record_id", name=op.f("pk_feed_tombstone")),
    )
    with op.batch_alter_table("feed_tombstone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feed_tombstone_removed_at"), ["removed_at"], unique=False)

    # Existing courses start from their last update, so the first sync after upgrading misses nothing.
    with op.batch_alter_table("course", schema=None, table_kwargs=NEVER_REUSE_IDS) as batch_op:
        batch_op.add_column(sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE course SET changed_at = updated_at")
    with op.batch_alter_table("course", schema=None, table_kwargs=NEVER_REUSE_IDS) as batch_op:
        batch_op.alter_column("changed_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.create_index(batch_op.f("ix_course_changed_at"), ["changed_at"], unique=False)

    op.create_index(op.f("ix_quality_mark_awarded_on"), "quality_mark", ["awarded_on"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_quality_mark_awarded_on"), table_name="quality_mark")

    with op.batch_alter_table("course", schema=None, table_kwargs=NEVER_REUSE_IDS) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_changed_at"))
        batch_op.drop_column("changed_at")

    with op.batch_alter_table("feed_tombstone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feed_tombstone_removed_at"))

    op.drop_table("feed_tombstone")
