"""Alembic environment: migrate the database of the current Flask app, online or as SQL."""

from alembic import context
from flask import current_app

from registry.db_types import UTCDateTime

database = current_app.extensions["migrate"].db
target_metadata = database.metadata
# compare_type: a changed column type is a schema change too; batch mode lets SQLite alter tables.


def render_item(type_: str, obj, _autogen_context):
    """Write our column types as plain SQLAlchemy types, so migrations do not import app code."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


options = {
    "target_metadata": target_metadata,
    "compare_type": True,
    "render_as_batch": True,
    "render_item": render_item,
}


def skip_empty_autogenerate(_context, _revision, directives) -> None:
    """Do not write a migration file when the models did not change."""
    autogenerating = getattr(context.config.cmd_opts, "autogenerate", False)
    if autogenerating and directives[0].upgrade_ops.is_empty():
        directives[:] = []


if context.is_offline_mode():
    context.configure(url=str(database.engine.url), literal_binds=True, **options)
    with context.begin_transaction():
        context.run_migrations()
else:
    with database.engine.connect() as connection:
        context.configure(
            connection=connection, process_revision_directives=skip_empty_autogenerate, **options
        )
        with context.begin_transaction():
            context.run_migrations()
