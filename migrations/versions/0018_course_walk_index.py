"""course walk index: the feed's walk order (change position, id) among courses of one status

Revision ID: 0018
Revises: 0017
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_course_status_change_seq_id", "course", ["status", "change_seq", "id"], unique=False)
    op.drop_index("ix_course_change_seq_id", table_name="course")


def downgrade() -> None:
    op.create_index("ix_course_change_seq_id", "course", ["change_seq", "id"], unique=False)
    op.drop_index("ix_course_status_change_seq_id", table_name="course")
