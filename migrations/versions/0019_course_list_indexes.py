"""course list indexes: the catalogue and a provider's courses in title order

Revision ID: 0019
Revises: 0018
"""

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_course_status_title_id": ["status", "title", "id"],
    "ix_course_provider_id_status_title_id": ["provider_id", "status", "title", "id"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "course", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="course")
