"""Each burial's place in its site's list of persons in name order, kept by triggers, so
that a page by number (``?page=200``) walks one index only, however deep it is.

One row per burial with the person's name in the list's order (surname, given name and
patronymic with missing ones last, person id), indexed in exactly that order and holding
every column the walk reads (an index-only scan). Statement-level triggers keep it exact
on every write path: burials inserted, moved, deleted or truncated (a person or a site
deleted reaches it through the burials' own cascade), persons renamed or withdrawn.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

FUNCTIONS = """
CREATE OR REPLACE FUNCTION site_name_order_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO site_name_order (burial_id, site_id, withdrawn, person_id, surname,
                                 given_missing, given_name, patronymic_missing, patronymic)
    SELECT n.id, n.site_id, p.withdrawn_at IS NOT NULL, n.person_id, p.surname,
           p.given_name IS NULL, COALESCE(p.given_name, ''), p.patronymic IS NULL,
           COALESCE(p.patronymic, '')
    FROM new_rows n JOIN persons p ON p.id = n.person_id;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION site_name_order_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM site_name_order o USING old_rows d WHERE o.burial_id = d.id;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION site_name_order_move() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE site_name_order o
    SET site_id = n.site_id, withdrawn = p.withdrawn_at IS NOT NULL,
        person_id = n.person_id, surname = p.surname,
        given_missing = p.given_name IS NULL, given_name = COALESCE(p.given_name, ''),
        patronymic_missing = p.patronymic IS NULL, patronymic = COALESCE(p.patronymic, '')
    FROM new_rows n JOIN persons p ON p.id = n.person_id
    WHERE o.burial_id = n.id
      AND (o.site_id, o.person_id) IS DISTINCT FROM (n.site_id, n.person_id);
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION site_name_order_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM site_name_order;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION site_name_order_rename() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE site_name_order o
    SET surname = n.surname, withdrawn = n.withdrawn_at IS NOT NULL,
        given_missing = n.given_name IS NULL, given_name = COALESCE(n.given_name, ''),
        patronymic_missing = n.patronymic IS NULL, patronymic = COALESCE(n.patronymic, '')
    FROM old_rows d JOIN new_rows n ON n.id = d.id
    WHERE o.person_id = n.id
      AND (d.surname, d.given_name, d.patronymic, d.withdrawn_at IS NULL)
          IS DISTINCT FROM (n.surname, n.given_name, n.patronymic, n.withdrawn_at IS NULL);
    RETURN NULL;
END $$;
"""

TRIGGERS = """
CREATE TRIGGER burials_name_order_insert AFTER INSERT ON burials
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION site_name_order_insert();
CREATE TRIGGER burials_name_order_delete AFTER DELETE ON burials
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION site_name_order_delete();
CREATE TRIGGER burials_name_order_move AFTER UPDATE ON burials
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION site_name_order_move();
CREATE TRIGGER burials_name_order_truncate AFTER TRUNCATE ON burials
    FOR EACH STATEMENT EXECUTE FUNCTION site_name_order_truncate();
CREATE TRIGGER persons_name_order_rename AFTER UPDATE ON persons
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION site_name_order_rename();
"""

DROPS = (
    ("burials_name_order_insert", "burials"),
    ("burials_name_order_delete", "burials"),
    ("burials_name_order_move", "burials"),
    ("burials_name_order_truncate", "burials"),
    ("persons_name_order_rename", "persons"),
)

FUNCTION_NAMES = (
    "site_name_order_insert",
    "site_name_order_delete",
    "site_name_order_move",
    "site_name_order_truncate",
    "site_name_order_rename",
)

# The list's order, as the index walks it (mapapp/queries/sites.py, NAME_ORDER_KEY).
ORDER_COLUMNS = (
    "site_id",
    "withdrawn",
    "surname",
    "given_missing",
    "given_name",
    "patronymic_missing",
    "patronymic",
    "person_id",
    "burial_id",
)


def upgrade() -> None:
    # No foreign keys: TRUNCATE burials must stay possible without CASCADE; the triggers
    # follow every change of the burials instead.
    op.create_table(
        "site_name_order",
        sa.Column("burial_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        # A withdrawn person stays in the table, set apart (migration 0009): the walk
        # reads the persons that stand only.
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("surname", sa.Text(), nullable=False),
        sa.Column("given_missing", sa.Boolean(), nullable=False),
        sa.Column("given_name", sa.Text(), nullable=False),
        sa.Column("patronymic_missing", sa.Boolean(), nullable=False),
        sa.Column("patronymic", sa.Text(), nullable=False),
    )
    op.create_index("ix_site_name_order_person", "site_name_order", ["person_id"])
    op.execute(FUNCTIONS)
    op.execute(
        """
        INSERT INTO site_name_order (burial_id, site_id, withdrawn, person_id, surname,
                                     given_missing, given_name, patronymic_missing,
                                     patronymic)
        SELECT b.id, b.site_id, p.withdrawn_at IS NOT NULL, b.person_id, p.surname,
               p.given_name IS NULL, COALESCE(p.given_name, ''), p.patronymic IS NULL,
               COALESCE(p.patronymic, '')
        FROM burials b JOIN persons p ON p.id = b.person_id
        """
    )
    op.create_index("ix_site_name_order_walk", "site_name_order", list(ORDER_COLUMNS))
    op.execute(TRIGGERS)


def downgrade() -> None:
    for trigger, table in DROPS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    for function in FUNCTION_NAMES:
        op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    op.drop_table("site_name_order")
