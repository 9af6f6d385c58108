"""search index queue

Revision ID: 0003
Revises: 0001
Created: 2026-11-27 07:57:16.859534
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_queue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_queue")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("search_queue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_queue_applied_at"), ["applied_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_search_queue_course_id"), ["course_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("search_queue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_queue_course_id"))
        batch_op.drop_index(batch_op.f("ix_search_queue_applied_at"))

    op.drop_table("search_queue")
