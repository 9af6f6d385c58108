"""search log: the index queue becomes a log every host's index follows; courses get a change position

Revision ID: 0016
Revises: 0015
Created: 2026-11-29 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_log")),
        sqlite_autoincrement=True,
    )
    # Work a crashed process left pending becomes the log's first entries; indexes built before the
    # log have no position and are rebuilt once (`search reindex`, or by themselves on first use).
    op.execute(
        "INSERT INTO search_log (course_id, logged_at) "
        "SELECT course_id, enqueued_at FROM search_queue WHERE applied_at IS NULL ORDER BY id"
    )
    with op.batch_alter_table("search_queue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_queue_course_id"))
        batch_op.drop_index(batch_op.f("ix_search_queue_applied_at"))
    op.drop_table("search_queue")
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change_seq", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_index("ix_course_change_seq_id", ["change_seq", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.drop_index("ix_course_change_seq_id")
        batch_op.drop_column("change_seq")
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
    op.drop_table("search_log")
