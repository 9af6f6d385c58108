"""Migrations and models agree, and the migrations run down to empty and back up."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from registry.extensions import db


def schema_differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_migrations_match_the_models(app):
    assert schema_differences() == []


def test_migrations_run_from_empty_and_back(app):
    downgrade(revision="base")
    remaining = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
    assert remaining == set()
    upgrade()
    assert {"course", "provider", "subsidy_scheme", "quality_mark", "audit_event"} <= set(
        sa.inspect(db.engine).get_table_names()
    )
    assert schema_differences() == []
