"""Contributions, moderator accounts, photos, the e-mail outbox, and the audit log that
database triggers fill on every insert, update and delete of the data tables.

The triggers are statement-level with transition tables: one INSERT ... SELECT per
statement, so a bulk import writes its audit rows in one pass instead of calling a
function per row. The actor is read from the transaction setting ``mapapp.actor``
(``SET LOCAL``); when unset, an inserted row that names its import batch is put down to
"import batch N", anything else to "direct SQL"; ``mapapp.contribution`` links a change to the
contribution it applied.

A row an import batch inserts is logged without its copy (``new_row`` NULL): that row
as inserted is the table's row itself, with the file's own columns in ``import_source``,
until its first change, whose entry keeps it as ``old_row``. A bulk import thus writes
a short entry per row instead of a second copy of every row. Every other insert, and
every update and delete, keeps the full rows. Each audited table has ``id`` and
``import_batch_id`` columns.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

AUDITED_TABLES = ("burial_sites", "persons", "burials", "battle_locations")

AUDIT_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_log_statement() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    who text := nullif(current_setting('mapapp.actor', true), '');
    via integer := nullif(current_setting('mapapp.contribution', true), '')::integer;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO audit_log (table_name, op, row_id, old_row, new_row, actor, contribution_id)
        SELECT TG_TABLE_NAME, 'INSERT', n.id, NULL,
               CASE WHEN n.import_batch_id IS NULL THEN to_jsonb(n) END,
               coalesce(who, 'import batch ' || n.import_batch_id, 'direct SQL'), via
        FROM new_rows n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO audit_log (table_name, op, row_id, old_row, new_row, actor, contribution_id)
        SELECT TG_TABLE_NAME, 'UPDATE', n.id, to_jsonb(o), to_jsonb(n),
               coalesce(who, 'direct SQL'), via
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n);
    ELSE
        INSERT INTO audit_log (table_name, op, row_id, old_row, new_row, actor, contribution_id)
        SELECT TG_TABLE_NAME, 'DELETE', o.id, to_jsonb(o), NULL, coalesce(who, 'direct SQL'), via
        FROM old_rows o;
    END IF;
    RETURN NULL;
END
$$;
"""


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.Text(), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.CheckConstraint("role IN ('moderator', 'admin')", name="role_known"),
        sa.CheckConstraint("email = lower(email)", name="email_lowercase"),
    )
    op.create_table(
        "contributions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("target_type", sa.String(10), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(50)),
        sa.Column("value", JSONB),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text()),
        sa.Column("status", sa.String(20), nullable=False, server_default="pending"),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("decided_by", sa.Integer(), sa.ForeignKey("users.id", ondelete="RESTRICT")),
        sa.Column("decision_reason", sa.Text()),
        sa.CheckConstraint(
            "kind IN ('correction', 'add_person', 'condition', 'photo')", name="kind_known"
        ),
        sa.CheckConstraint("target_type IN ('person', 'site')", name="target_type_known"),
        sa.CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status_known"),
        sa.CheckConstraint(
            "(status = 'pending') = (decided_at IS NULL)", name="decided_when_not_pending"
        ),
    )
    op.create_index("ix_contributions_status", "contributions", ["status", "created_at"])
    op.create_index("ix_contributions_target", "contributions", ["target_type", "target_id"])
    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "contribution_id",
            sa.Integer(),
            sa.ForeignKey("contributions.id", ondelete="RESTRICT"),
            nullable=False,
            unique=True,
        ),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("mime", sa.String(20), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=False),
        sa.Column("approved", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_photos_site", "photos", ["site_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "contribution_id",
            sa.Integer(),
            sa.ForeignKey("contributions.id", ondelete="RESTRICT"),
        ),
        sa.Column("recipient", sa.Text()),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text()),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("op", sa.String(10), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("old_row", JSONB),
        sa.Column("new_row", JSONB),
        sa.Column(
            "changed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("contribution_id", sa.Integer()),
        sa.CheckConstraint("op IN ('INSERT', 'UPDATE', 'DELETE')", name="op_known"),
    )
    op.create_index("ix_audit_log_row", "audit_log", ["table_name", "row_id"])
    op.execute(AUDIT_FUNCTION)
    for table in AUDITED_TABLES:
        for event, tables in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ):
            op.execute(
                f"CREATE TRIGGER audit_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION audit_log_statement()"
            )


def downgrade() -> None:
    for table in AUDITED_TABLES:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER audit_{event} ON {table}")
    op.execute("DROP FUNCTION audit_log_statement()")
    op.drop_table("audit_log")
    op.drop_table("outbox")
    op.drop_table("photos")
    op.drop_table("contributions")
    op.drop_table("users")
