"""OOAPI: stable uuids on providers, courses and runs; courses found by their provider's own code

Revision ID: 0012
Revises: 0011
Created: 2026-11-29 14:00:00
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

NEVER_REUSE_IDS = {"sqlite_autoincrement": True}
# The same namespace and names as registry.ooapi.identifiers (copied: a migration must not change
# when the code does).
NAMESPACE = uuid.UUID("6f1c2a52-9d0e-5c3b-8a41-4b7e0c9d2f15")
TABLES = (
    ("provider", "organization", NEVER_REUSE_IDS),
    ("course", "course", NEVER_REUSE_IDS),
    ("course_run", "offering", {}),
)


def upgrade() -> None:
    connection = op.get_bind()
    for table_name, kind, table_kwargs in TABLES:
        with op.batch_alter_table(table_name, schema=None, table_kwargs=table_kwargs) as batch_op:
            batch_op.add_column(sa.Column("uuid", sa.String(length=36), nullable=True))
        table = sa.table(table_name, sa.column("id", sa.Integer), sa.column("uuid", sa.String))
        ids = list(connection.scalars(sa.select(table.c.id)))
        for record_id in ids:
            value = str(uuid.uuid5(NAMESPACE, f"{kind}:{record_id}"))
            connection.execute(sa.update(table).where(table.c.id == record_id).values(uuid=value))
        with op.batch_alter_table(table_name, schema=None, table_kwargs=table_kwargs) as batch_op:
            batch_op.create_unique_constraint(batch_op.f(f"uq_{table_name}_uuid"), ["uuid"])
    op.create_index(
        "ix_course_provider_id_course_code", "course", ["provider_id", "course_code"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_course_provider_id_course_code", table_name="course")
    for table_name, _kind, table_kwargs in reversed(TABLES):
        with op.batch_alter_table(table_name, schema=None, table_kwargs=table_kwargs) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"uq_{table_name}_uuid"), type_="unique")
            batch_op.drop_column("uuid")
