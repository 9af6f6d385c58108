"""compliance rules as reference data in the database; the head-count planner's tables retired

The head-count planner (organisation-wide staff counts, certificates by holder name, its own rules) is
replaced by the compliance planner (staff per person, certificates per person, the compliance rules), so
its tables go: the counts are superseded, and certificates kept by name only are personal data that
nothing reads any more. The downgrade brings the tables back empty. Review cases get the import batch
they were submitted in, so officials see a provider's imported drafts together. The search thesaurus
officials edit is kept as versions of its text.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
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

    for table, index in (
        ("staff_group", "ix_staff_group_organisation_id"),
        ("certificate_record", "ix_certificate_record_organisation_id"),
        ("planner_rule", "ix_planner_rule_updated_at"),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(index))
        op.drop_table(table)
    op.execute(sa.text("DELETE FROM official_edit WHERE vocabulary = 'planner_rule'"))
    op.create_table(
        "thesaurus_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("saved_by_id", sa.Integer(), nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["saved_by_id"],
            ["user.id"],
            name=op.f("fk_thesaurus_version_saved_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thesaurus_version")),
    )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.add_column(sa.Column("import_batch", sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f("ix_review_import_batch"), ["import_batch"], unique=False)


def downgrade() -> None:
    op.drop_table("thesaurus_version")
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_import_batch"))
        batch_op.drop_column("import_batch")
    op.create_table(
        "certificate_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("requirement_code", sa.String(length=40), nullable=False),
        sa.Column("holder", sa.String(length=120), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_certificate_record_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_record")),
    )
    with op.batch_alter_table("certificate_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_certificate_record_organisation_id"), ["organisation_id"], unique=False
        )
    op.create_table(
        "planner_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("legal_requirement_id", sa.Integer(), nullable=False),
        sa.Column(
            "scope",
            sa.Enum("every_person", "per_location", "hours", name="scope", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("role_slugs", sa.JSON(), nullable=False),
        sa.Column("care_types", sa.JSON(), nullable=False),
        sa.Column("babies_only", sa.Boolean(), nullable=False),
        sa.Column("vve_only", sa.Boolean(), nullable=False),
        sa.Column("holders_per_location", sa.Integer(), nullable=False),
        sa.Column("hours_per_fte", sa.Integer(), nullable=False),
        sa.Column("hours_per_location", sa.Integer(), nullable=False),
        sa.Column("renewal_months", sa.Integer(), nullable=True),
        sa.Column("plan_ahead_days", sa.Integer(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=False),
        sa.Column("source_checked_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["legal_requirement_id"],
            ["legal_requirement.id"],
            name=op.f("fk_planner_rule_legal_requirement_id_legal_requirement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planner_rule")),
        sa.UniqueConstraint("legal_requirement_id", name=op.f("uq_planner_rule_legal_requirement_id")),
    )
    with op.batch_alter_table("planner_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_planner_rule_updated_at"), ["updated_at"], unique=False)
    op.create_table(
        "staff_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("role_slug", sa.String(length=80), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("works_with_babies", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_staff_group_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_group")),
        sa.UniqueConstraint("organisation_id", "role_slug", "works_with_babies", name="uq_staff_group"),
    )
    with op.batch_alter_table("staff_group", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_group_organisation_id"), ["organisation_id"], unique=False)
    with op.batch_alter_table("compliance_rule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_compliance_rule_updated_at"))
    op.drop_table("compliance_rule")
