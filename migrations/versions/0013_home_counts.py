"""Counts by home, kept exact by triggers, for the list of home regions and the /from map.

``home_counts``: persons of the registry per recorded home (country and region as written,
with their search keys), as /api/home-regions lists them. ``site_home_key_counts``: per
site and home search keys, the persons buried there and how many are demonstration
records, as /from and /api/home-regions/sites sum them by key prefix.

Same discipline as 0004: statement-level triggers with transition tables, one set-based
upsert per statement, rows that fall to zero removed; a person deleted takes their counts
off while their burials are still there (a BEFORE DELETE row trigger, as in 0004). A
withdrawn person (migration 0009) counts nowhere: withdrawing takes their counts off,
a restore puts them back.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

FUNCTIONS = """
-- Persons by home: adds signed counts, removes rows that fall to zero.
CREATE OR REPLACE FUNCTION add_home_counts(deltas jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO home_counts AS c (home_country, home_region, home_country_key,
                                  home_region_key, persons)
    SELECT d.home_country, d.home_region, d.home_country_key, d.home_region_key,
           sum(d.persons)
    FROM jsonb_to_recordset(deltas) AS d (home_country text, home_region text,
         home_country_key text, home_region_key text, persons integer)
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.persons) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (home_country, home_region, home_country_key, home_region_key) DO UPDATE
        SET persons = c.persons + EXCLUDED.persons;
    DELETE FROM home_counts WHERE persons = 0;
END $$;

CREATE OR REPLACE FUNCTION home_counts_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_home_counts((SELECT jsonb_agg(d) FROM (
        SELECT home_country, home_region, home_country_key, home_region_key, count(*) AS persons
        FROM new_rows WHERE home_country IS NOT NULL AND withdrawn_at IS NULL
        GROUP BY 1, 2, 3, 4) d));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION home_counts_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_home_counts((SELECT jsonb_agg(d) FROM (
        SELECT home_country, home_region, home_country_key, home_region_key,
               -count(*) AS persons
        FROM old_rows WHERE home_country IS NOT NULL AND withdrawn_at IS NULL
        GROUP BY 1, 2, 3, 4) d));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION home_counts_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_home_counts((SELECT jsonb_agg(d) FROM (
        SELECT v.home_country, v.home_region, v.home_country_key, v.home_region_key,
               sum(v.persons) AS persons
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES
            (o.home_country, o.home_region, o.home_country_key, o.home_region_key, -1,
             o.withdrawn_at IS NULL),
            (n.home_country, n.home_region, n.home_country_key, n.home_region_key, 1,
             n.withdrawn_at IS NULL)
        ) AS v (home_country, home_region, home_country_key, home_region_key, persons,
                counted)
        WHERE (o.home_country, o.home_region, o.home_country_key, o.home_region_key,
               o.withdrawn_at IS NULL)
              IS DISTINCT FROM
              (n.home_country, n.home_region, n.home_country_key, n.home_region_key,
               n.withdrawn_at IS NULL)
          AND v.home_country IS NOT NULL AND v.counted
        GROUP BY 1, 2, 3, 4) d));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION home_counts_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM home_counts;
    RETURN NULL;
END $$;

-- Burials by site and home keys: adds signed counts, removes rows that fall to zero.
CREATE OR REPLACE FUNCTION add_site_home_key_counts(deltas jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO site_home_key_counts AS c (site_id, home_country_key, home_region_key,
                                           persons, fictional)
    SELECT d.site_id, d.home_country_key, d.home_region_key, sum(d.persons),
           sum(d.fictional)
    FROM jsonb_to_recordset(deltas) AS d (site_id integer, home_country_key text,
         home_region_key text, persons integer, fictional integer)
    GROUP BY 1, 2, 3
    HAVING sum(d.persons) <> 0 OR sum(d.fictional) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (site_id, home_country_key, home_region_key) DO UPDATE
        SET persons = c.persons + EXCLUDED.persons,
            fictional = c.fictional + EXCLUDED.fictional;
    DELETE FROM site_home_key_counts WHERE persons = 0 AND fictional = 0;
END $$;

CREATE OR REPLACE FUNCTION site_home_key_burials_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_site_home_key_counts((SELECT jsonb_agg(d) FROM (
        SELECT n.site_id, p.home_country_key, p.home_region_key, count(*) AS persons,
               count(*) FILTER (WHERE p.is_fictional) AS fictional
        FROM new_rows n JOIN persons p ON p.id = n.person_id
        WHERE p.home_country_key IS NOT NULL AND p.withdrawn_at IS NULL
        GROUP BY 1, 2, 3) d));
    RETURN NULL;
END $$;

-- A person being deleted is no longer visible here: site_home_key_persons_delete already
-- took their burials off (as 0004's burials_counts_delete).
CREATE OR REPLACE FUNCTION site_home_key_burials_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_site_home_key_counts((SELECT jsonb_agg(d) FROM (
        SELECT o.site_id, p.home_country_key, p.home_region_key, -count(*) AS persons,
               -count(*) FILTER (WHERE p.is_fictional) AS fictional
        FROM old_rows o JOIN persons p ON p.id = o.person_id
        WHERE p.home_country_key IS NOT NULL AND p.withdrawn_at IS NULL
        GROUP BY 1, 2, 3) d));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION site_home_key_burials_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_site_home_key_counts((SELECT jsonb_agg(d) FROM (
        SELECT m.site_id, p.home_country_key, p.home_region_key, sum(m.sign) AS persons,
               COALESCE(sum(m.sign) FILTER (WHERE p.is_fictional), 0) AS fictional
        FROM (
            SELECT o.site_id, o.person_id, -1 AS sign
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.site_id, o.person_id) IS DISTINCT FROM (n.site_id, n.person_id)
            UNION ALL
            SELECT n.site_id, n.person_id, 1
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.site_id, o.person_id) IS DISTINCT FROM (n.site_id, n.person_id)
        ) m JOIN persons p ON p.id = m.person_id
        WHERE p.home_country_key IS NOT NULL AND p.withdrawn_at IS NULL
        GROUP BY 1, 2, 3) d));
    RETURN NULL;
END $$;

-- A person's home keys or demo flag changed: move their burials between the rows.
CREATE OR REPLACE FUNCTION site_home_key_persons_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_site_home_key_counts((SELECT jsonb_agg(d) FROM (
        SELECT b.site_id, v.home_country_key, v.home_region_key,
               sum(v.sign) AS persons,
               COALESCE(sum(v.sign) FILTER (WHERE v.is_fictional), 0) AS fictional
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES
            (o.home_country_key, o.home_region_key, o.is_fictional, -1,
             o.withdrawn_at IS NULL),
            (n.home_country_key, n.home_region_key, n.is_fictional, 1,
             n.withdrawn_at IS NULL)
        ) AS v (home_country_key, home_region_key, is_fictional, sign, counted)
        JOIN burials b ON b.person_id = n.id
        WHERE (o.home_country_key, o.home_region_key, o.is_fictional, o.withdrawn_at IS NULL)
              IS DISTINCT FROM
              (n.home_country_key, n.home_region_key, n.is_fictional, n.withdrawn_at IS NULL)
          AND v.home_country_key IS NOT NULL AND v.counted
        GROUP BY 1, 2, 3) d));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION site_home_key_persons_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.home_country_key IS NOT NULL AND OLD.withdrawn_at IS NULL
       AND EXISTS (SELECT 1 FROM burials WHERE person_id = OLD.id) THEN
        PERFORM add_site_home_key_counts((SELECT jsonb_agg(d) FROM (
            SELECT b.site_id, OLD.home_country_key AS home_country_key,
                   OLD.home_region_key AS home_region_key, -count(*) AS persons,
                   CASE WHEN OLD.is_fictional THEN -count(*) ELSE 0 END AS fictional
            FROM burials b WHERE b.person_id = OLD.id GROUP BY b.site_id) d));
    END IF;
    RETURN OLD;
END $$;

CREATE OR REPLACE FUNCTION site_home_key_burials_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM site_home_key_counts;
    RETURN NULL;
END $$;
"""

TRIGGERS = (
    "CREATE TRIGGER persons_home_counts_insert AFTER INSERT ON persons "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION home_counts_insert()",
    "CREATE TRIGGER persons_home_counts_delete AFTER DELETE ON persons "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION home_counts_delete()",
    "CREATE TRIGGER persons_home_counts_update AFTER UPDATE ON persons "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION home_counts_update()",
    "CREATE TRIGGER persons_home_counts_truncate AFTER TRUNCATE ON persons "
    "FOR EACH STATEMENT EXECUTE FUNCTION home_counts_truncate()",
    "CREATE TRIGGER burials_home_key_insert AFTER INSERT ON burials "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION site_home_key_burials_insert()",
    "CREATE TRIGGER burials_home_key_delete AFTER DELETE ON burials "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION site_home_key_burials_delete()",
    "CREATE TRIGGER burials_home_key_update AFTER UPDATE ON burials "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION site_home_key_burials_update()",
    "CREATE TRIGGER burials_home_key_truncate AFTER TRUNCATE ON burials "
    "FOR EACH STATEMENT EXECUTE FUNCTION site_home_key_burials_truncate()",
    "CREATE TRIGGER persons_home_key_update AFTER UPDATE ON persons "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION site_home_key_persons_update()",
    "CREATE TRIGGER persons_home_key_delete BEFORE DELETE ON persons "
    "FOR EACH ROW EXECUTE FUNCTION site_home_key_persons_delete()",
)

DROPS = (
    ("persons_home_counts_insert", "persons"),
    ("persons_home_counts_delete", "persons"),
    ("persons_home_counts_update", "persons"),
    ("persons_home_counts_truncate", "persons"),
    ("burials_home_key_insert", "burials"),
    ("burials_home_key_delete", "burials"),
    ("burials_home_key_update", "burials"),
    ("burials_home_key_truncate", "burials"),
    ("persons_home_key_update", "persons"),
    ("persons_home_key_delete", "persons"),
)

DROP_FUNCTIONS = (
    "site_home_key_burials_truncate()",
    "site_home_key_persons_delete()",
    "site_home_key_persons_update()",
    "site_home_key_burials_update()",
    "site_home_key_burials_delete()",
    "site_home_key_burials_insert()",
    "add_site_home_key_counts(jsonb)",
    "home_counts_truncate()",
    "home_counts_update()",
    "home_counts_delete()",
    "home_counts_insert()",
    "add_home_counts(jsonb)",
)


def upgrade() -> None:
    op.create_table(
        "home_counts",
        sa.Column("home_country", sa.Text(), nullable=False),
        sa.Column("home_region", sa.Text()),
        sa.Column("home_country_key", sa.Text()),
        sa.Column("home_region_key", sa.Text()),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.UniqueConstraint(
            "home_country",
            "home_region",
            "home_country_key",
            "home_region_key",
            name="home_counts_key",
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_table(
        "site_home_key_counts",
        sa.Column(
            "site_id",
            sa.Integer(),
            sa.ForeignKey("burial_sites.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("home_country_key", sa.Text(), nullable=False),
        sa.Column("home_region_key", sa.Text()),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("fictional", sa.Integer(), nullable=False),
        sa.UniqueConstraint(
            "site_id",
            "home_country_key",
            "home_region_key",
            name="site_home_key_counts_key",
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_index(
        "ix_site_home_key_counts_country",
        "site_home_key_counts",
        ["home_country_key", "home_region_key"],
        postgresql_ops={
            "home_country_key": "text_pattern_ops",
            "home_region_key": "text_pattern_ops",
        },
    )
    op.execute(FUNCTIONS)
    op.execute(
        """
        INSERT INTO home_counts (home_country, home_region, home_country_key, home_region_key,
                                 persons)
        SELECT home_country, home_region, home_country_key, home_region_key, count(*)
        FROM persons WHERE home_country IS NOT NULL AND withdrawn_at IS NULL
        GROUP BY 1, 2, 3, 4
        """
    )
    op.execute(
        """
        INSERT INTO site_home_key_counts (site_id, home_country_key, home_region_key, persons,
                                          fictional)
        SELECT b.site_id, p.home_country_key, p.home_region_key, count(*),
               count(*) FILTER (WHERE p.is_fictional)
        FROM burials b JOIN persons p ON p.id = b.person_id
        WHERE p.home_country_key IS NOT NULL AND p.withdrawn_at IS NULL
        GROUP BY 1, 2, 3
        """
    )
    for trigger in TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    for trigger, table in DROPS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    for function in DROP_FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
    op.drop_table("site_home_key_counts")
    op.drop_table("home_counts")
