"""Maintained per-site counts and a data version, both kept exact by triggers.

``site_counts`` holds, per burial site, the persons of this registry buried there and how
many of them are demonstration (fictional) records; ``site_home_counts`` the same persons
by home country and region. Statement-level triggers with transition tables keep both
exact for every write path (imports, undo, the demo loader, direct SQL), one set-based
update per statement, so that a bulk load of a million burials costs one aggregate.

``data_version`` is one counter that every statement changing the data tables raises in
the same transaction; HTTP answers carry it in their ETags.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Every table whose content a page or an API answer shows.
VERSIONED_TABLES = (
    "burial_sites",
    "battle_locations",
    "persons",
    "burials",
    "units",
    "sources",
    "site_sources",
    "battle_sources",
    "person_sources",
    "settlements",
    "place_names",
    "name_vocabulary",
)

FUNCTIONS = """
-- Left over by a database whose tables were dropped by hand: the type and the functions
-- that use it are this migration's own.
DROP TYPE IF EXISTS site_count_delta CASCADE;
CREATE TYPE site_count_delta AS (
    site_id integer, persons integer, fictional integer, home integer,
    home_country text, home_region text
);

-- Adds a set of deltas to the per-site counts; rows that fall to zero are removed.
CREATE OR REPLACE FUNCTION apply_site_count_deltas(deltas site_count_delta[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO site_counts AS c (site_id, persons_in_registry, fictional_persons)
    SELECT d.site_id, sum(d.persons), sum(d.fictional)
    FROM unnest(deltas) d
    GROUP BY d.site_id
    HAVING sum(d.persons) <> 0 OR sum(d.fictional) <> 0
    ORDER BY d.site_id
    ON CONFLICT (site_id) DO UPDATE
        SET persons_in_registry = c.persons_in_registry + EXCLUDED.persons_in_registry,
            fictional_persons = c.fictional_persons + EXCLUDED.fictional_persons;

    INSERT INTO site_home_counts AS c (site_id, home_country, home_region, persons)
    SELECT d.site_id, d.home_country, d.home_region, sum(d.home)
    FROM unnest(deltas) d
    WHERE d.home <> 0
    GROUP BY d.site_id, d.home_country, d.home_region
    HAVING sum(d.home) <> 0
    ORDER BY d.site_id, d.home_country, d.home_region
    ON CONFLICT (site_id, home_country, home_region) DO UPDATE
        SET persons = c.persons + EXCLUDED.persons;

    DELETE FROM site_counts c
    WHERE c.site_id IN (SELECT DISTINCT d.site_id FROM unnest(deltas) d)
      AND c.persons_in_registry = 0 AND c.fictional_persons = 0;
    DELETE FROM site_home_counts c
    WHERE c.site_id IN (SELECT DISTINCT d.site_id FROM unnest(deltas) d)
      AND c.persons = 0;
END $$;

-- Burials added: each counts at its site, with its person's home and demo flag.
CREATE OR REPLACE FUNCTION burials_counts_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_site_count_deltas(ARRAY(
        SELECT ROW(d.site_id, sum(d.persons), sum(d.fictional), sum(d.home),
                   d.home_country, d.home_region)::site_count_delta
        FROM (
        SELECT n.site_id, 1, COALESCE(p.is_fictional::int, 0),
                   CASE WHEN p.id IS NULL THEN 0 ELSE 1 END,
                   p.home_country, p.home_region
        FROM new_rows n LEFT JOIN persons p ON p.id = n.person_id
        ) AS d (site_id, persons, fictional, home, home_country, home_region)
        GROUP BY d.site_id, d.home_country, d.home_region));
    RETURN NULL;
END $$;

-- Burials removed. When the person itself is being deleted (ON DELETE CASCADE), it is no
-- longer visible here, and its home and demo flag were already taken off by
-- persons_counts_delete; only the site's total is left to take off.
CREATE OR REPLACE FUNCTION burials_counts_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_site_count_deltas(ARRAY(
        SELECT ROW(d.site_id, sum(d.persons), sum(d.fictional), sum(d.home),
                   d.home_country, d.home_region)::site_count_delta
        FROM (
        SELECT o.site_id, -1, -COALESCE(p.is_fictional::int, 0),
                   CASE WHEN p.id IS NULL THEN 0 ELSE -1 END,
                   p.home_country, p.home_region
        FROM old_rows o LEFT JOIN persons p ON p.id = o.person_id
        ) AS d (site_id, persons, fictional, home, home_country, home_region)
        GROUP BY d.site_id, d.home_country, d.home_region));
    RETURN NULL;
END $$;

-- A burial moved to another site or person: off the old, onto the new.
CREATE OR REPLACE FUNCTION burials_counts_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_site_count_deltas(ARRAY(
        SELECT ROW(d.site_id, sum(d.persons), sum(d.fictional), sum(d.home),
                   d.home_country, d.home_region)::site_count_delta
        FROM (
        SELECT o.site_id, -1, -COALESCE(p.is_fictional::int, 0),
                   CASE WHEN p.id IS NULL THEN 0 ELSE -1 END,
                   p.home_country, p.home_region
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        LEFT JOIN persons p ON p.id = o.person_id
        WHERE (o.site_id, o.person_id) IS DISTINCT FROM (n.site_id, n.person_id)
        UNION ALL
        SELECT n.site_id, 1, COALESCE(p.is_fictional::int, 0),
                   CASE WHEN p.id IS NULL THEN 0 ELSE 1 END,
                   p.home_country, p.home_region
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        LEFT JOIN persons p ON p.id = n.person_id
        WHERE (o.site_id, o.person_id) IS DISTINCT FROM (n.site_id, n.person_id)
        ) AS d (site_id, persons, fictional, home, home_country, home_region)
        GROUP BY d.site_id, d.home_country, d.home_region));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION burials_counts_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM site_home_counts;
    DELETE FROM site_counts;
    RETURN NULL;
END $$;

-- A person's home or demo flag changed: move their burials between the home rows.
CREATE OR REPLACE FUNCTION persons_counts_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_site_count_deltas(ARRAY(
        SELECT ROW(d.site_id, sum(d.persons), sum(d.fictional), sum(d.home),
                   d.home_country, d.home_region)::site_count_delta
        FROM (
        SELECT b.site_id, 0, delta.fictional, delta.home,
                   delta.home_country, delta.home_region
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES
            (-o.is_fictional::int, -1, o.home_country, o.home_region),
            (n.is_fictional::int, 1, n.home_country, n.home_region)
        ) AS delta(fictional, home, home_country, home_region)
        JOIN burials b ON b.person_id = n.id
        WHERE (o.is_fictional, o.home_country, o.home_region)
              IS DISTINCT FROM (n.is_fictional, n.home_country, n.home_region)
        ) AS d (site_id, persons, fictional, home, home_country, home_region)
        GROUP BY d.site_id, d.home_country, d.home_region));
    RETURN NULL;
END $$;

-- A person about to be deleted: take their home and demo flag off the sites where they
-- lie while their burials are still there (see burials_counts_delete).
CREATE OR REPLACE FUNCTION persons_counts_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM burials WHERE person_id = OLD.id) THEN
        PERFORM apply_site_count_deltas(ARRAY(
        SELECT ROW(d.site_id, sum(d.persons), sum(d.fictional), sum(d.home),
                   d.home_country, d.home_region)::site_count_delta
        FROM (
            SELECT b.site_id, 0, -OLD.is_fictional::int, -1,
                       OLD.home_country, OLD.home_region
            FROM burials b WHERE b.person_id = OLD.id
        ) AS d (site_id, persons, fictional, home, home_country, home_region)
        GROUP BY d.site_id, d.home_country, d.home_region));
    END IF;
    RETURN OLD;
END $$;

CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1;
    RETURN NULL;
END $$;

-- Recomputes every count from the tables (for checks and repairs; the triggers keep them).
CREATE OR REPLACE FUNCTION refresh_site_counts() RETURNS void
LANGUAGE sql AS $$
    DELETE FROM site_home_counts;
    DELETE FROM site_counts;
    INSERT INTO site_counts (site_id, persons_in_registry, fictional_persons)
    SELECT b.site_id, count(*), count(*) FILTER (WHERE p.is_fictional)
    FROM burials b JOIN persons p ON p.id = b.person_id GROUP BY b.site_id;
    INSERT INTO site_home_counts (site_id, home_country, home_region, persons)
    SELECT b.site_id, p.home_country, p.home_region, count(*)
    FROM burials b JOIN persons p ON p.id = b.person_id
    GROUP BY b.site_id, p.home_country, p.home_region;
$$;
"""

TRIGGERS = """
CREATE TRIGGER burials_counts_insert AFTER INSERT ON burials
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION burials_counts_insert();
CREATE TRIGGER burials_counts_delete AFTER DELETE ON burials
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    EXECUTE FUNCTION burials_counts_delete();
CREATE TRIGGER burials_counts_update AFTER UPDATE ON burials
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION burials_counts_update();
CREATE TRIGGER burials_counts_truncate AFTER TRUNCATE ON burials
    FOR EACH STATEMENT EXECUTE FUNCTION burials_counts_truncate();
CREATE TRIGGER persons_counts_update AFTER UPDATE ON persons
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION persons_counts_update();
CREATE TRIGGER persons_counts_delete BEFORE DELETE ON persons
    FOR EACH ROW EXECUTE FUNCTION persons_counts_delete();
"""

DROP_FUNCTIONS = (
    "refresh_site_counts()",
    "bump_data_version()",
    "persons_counts_delete()",
    "persons_counts_update()",
    "burials_counts_truncate()",
    "burials_counts_update()",
    "burials_counts_delete()",
    "burials_counts_insert()",
    "apply_site_count_deltas(site_count_delta[])",
)


def upgrade() -> None:
    op.create_table(
        "site_counts",
        sa.Column(
            "site_id",
            sa.Integer(),
            sa.ForeignKey("burial_sites.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("persons_in_registry", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("fictional_persons", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_table(
        "site_home_counts",
        sa.Column(
            "site_id",
            sa.Integer(),
            sa.ForeignKey("burial_sites.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("home_country", sa.Text()),
        sa.Column("home_region", sa.Text()),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.UniqueConstraint(
            "site_id",
            "home_country",
            "home_region",
            name="site_home_counts_key",
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_table(
        "data_version",
        sa.Column("id", sa.SmallInteger(), primary_key=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column(
            "changed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.CheckConstraint("id = 1", name="one_row"),
    )
    op.execute("INSERT INTO data_version (id, version) VALUES (1, 1)")
    op.execute(FUNCTIONS)
    op.execute(TRIGGERS)
    for table in VERSIONED_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_data_version "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()"
        )
    op.execute("SELECT refresh_site_counts()")
    # Keyset pages of a site's persons in name order, NULL given names and patronymics last.
    op.create_index(
        "ix_persons_keyset_name",
        "persons",
        [
            "surname",
            sa.text("(given_name IS NULL)"),
            sa.text("COALESCE(given_name, '')"),
            sa.text("(patronymic IS NULL)"),
            sa.text("COALESCE(patronymic, '')"),
            "id",
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_persons_keyset_name", table_name="persons")
    for table in VERSIONED_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_data_version ON {table}")
    for trigger, table in (
        ("burials_counts_insert", "burials"),
        ("burials_counts_delete", "burials"),
        ("burials_counts_update", "burials"),
        ("burials_counts_truncate", "burials"),
        ("persons_counts_update", "persons"),
        ("persons_counts_delete", "persons"),
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    for function in DROP_FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
    op.execute("DROP TYPE IF EXISTS site_count_delta")
    op.drop_table("data_version")
    op.drop_table("site_home_counts")
    op.drop_table("site_counts")
