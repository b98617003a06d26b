"""Withdrawn records and evidence files.

A person or a burial site is never deleted from the web: an approved ``withdrawal``
contribution marks it (``withdrawn_at``, ``withdrawn_reason`` and the contribution that
did it) and the row stays, with its history in the audit log. Withdrawn persons leave
the kept per-site counts of migration 0004: the count functions are replaced by ones
that leave them out, and a person withdrawn or brought back moves between counted and
not counted in the same statement.

``evidence_files`` holds a document scan (PDF) or a photo a contributor gave as evidence;
moderators alone may read it. A photo may now be of a person (a portrait, the name on a
plaque) as well as of a site: exactly one of ``site_id`` and ``person_id``.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

WITHDRAWABLE = ("persons", "burial_sites")
KINDS = ("correction", "add_person", "condition", "photo")

# Every count function that reads a person, now counting only persons not withdrawn.
# A deleted person is no longer visible to burials_counts_delete, which then takes one
# off the site's total: for a withdrawn person, never counted, persons_counts_delete
# adds that one back beforehand.
FUNCTIONS = """
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
        WHERE p.withdrawn_at IS NULL
        ) AS d (site_id, persons, fictional, home, home_country, home_region)
        GROUP BY d.site_id, d.home_country, d.home_region));
    RETURN NULL;
END $$;

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
        WHERE p.withdrawn_at IS NULL
        ) AS d (site_id, persons, fictional, home, home_country, home_region)
        GROUP BY d.site_id, d.home_country, d.home_region));
    RETURN NULL;
END $$;

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
          AND p.withdrawn_at IS NULL
        UNION ALL
        SELECT n.site_id, 1, COALESCE(p.is_fictional::int, 0),
                   CASE WHEN p.id IS NULL THEN 0 ELSE 1 END,
                   p.home_country, p.home_region
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        LEFT JOIN persons p ON p.id = n.person_id
        WHERE (o.site_id, o.person_id) IS DISTINCT FROM (n.site_id, n.person_id)
          AND p.withdrawn_at IS NULL
        ) AS d (site_id, persons, fictional, home, home_country, home_region)
        GROUP BY d.site_id, d.home_country, d.home_region));
    RETURN NULL;
END $$;

-- A person's home, demo flag or withdrawal changed: take the old version off the sites
-- where they lie if it counted, put the new one on if it counts.
CREATE OR REPLACE FUNCTION persons_counts_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM apply_site_count_deltas(ARRAY(
        SELECT ROW(d.site_id, sum(d.persons), sum(d.fictional), sum(d.home),
                   d.home_country, d.home_region)::site_count_delta
        FROM (
        SELECT b.site_id, delta.persons, delta.fictional, delta.persons,
                   delta.home_country, delta.home_region
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES
            (-(o.withdrawn_at IS NULL)::int, -(o.is_fictional AND o.withdrawn_at IS NULL)::int,
             o.home_country, o.home_region),
            ((n.withdrawn_at IS NULL)::int, (n.is_fictional AND n.withdrawn_at IS NULL)::int,
             n.home_country, n.home_region)
        ) AS delta(persons, fictional, home_country, home_region)
        JOIN burials b ON b.person_id = n.id
        WHERE (o.is_fictional, o.home_country, o.home_region, o.withdrawn_at IS NULL)
              IS DISTINCT FROM (n.is_fictional, n.home_country, n.home_region,
                                n.withdrawn_at IS NULL)
        ) AS d (site_id, persons, fictional, home, home_country, home_region)
        GROUP BY d.site_id, d.home_country, d.home_region));
    RETURN NULL;
END $$;

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
            FROM burials b WHERE b.person_id = OLD.id AND OLD.withdrawn_at IS NULL
            UNION ALL
            SELECT b.site_id, 1, 0, 0, NULL, NULL
            FROM burials b WHERE b.person_id = OLD.id AND OLD.withdrawn_at IS NOT NULL
        ) AS d (site_id, persons, fictional, home, home_country, home_region)
        GROUP BY d.site_id, d.home_country, d.home_region));
    END IF;
    RETURN OLD;
END $$;

CREATE OR REPLACE FUNCTION refresh_site_counts() RETURNS void
LANGUAGE sql AS $$
    DELETE FROM site_home_counts;
    DELETE FROM site_counts;
    INSERT INTO site_counts (site_id, persons_in_registry, fictional_persons)
    SELECT b.site_id, count(*), count(*) FILTER (WHERE p.is_fictional)
    FROM burials b JOIN persons p ON p.id = b.person_id
    WHERE p.withdrawn_at IS NULL GROUP BY b.site_id;
    INSERT INTO site_home_counts (site_id, home_country, home_region, persons)
    SELECT b.site_id, p.home_country, p.home_region, count(*)
    FROM burials b JOIN persons p ON p.id = b.person_id
    WHERE p.withdrawn_at IS NULL
    GROUP BY b.site_id, p.home_country, p.home_region;
$$;
"""


def _kind_check(kinds: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"


def upgrade() -> None:
    for table in WITHDRAWABLE:
        op.add_column(table, sa.Column("withdrawn_at", sa.DateTime(timezone=True)))
        op.add_column(table, sa.Column("withdrawn_reason", sa.Text()))
        op.add_column(
            table,
            sa.Column(
                "withdrawn_by",
                sa.Integer(),
                sa.ForeignKey("contributions.id", ondelete="RESTRICT"),
            ),
        )
        op.create_check_constraint(
            "withdrawn_with_reason", table, "(withdrawn_at IS NULL) = (withdrawn_reason IS NULL)"
        )
    # The few withdrawn persons of a site are found through this, not by reading them all.
    op.create_index(
        "ix_persons_withdrawn",
        "persons",
        ["id"],
        postgresql_where=sa.text("withdrawn_at IS NOT NULL"),
    )
    op.drop_constraint("kind_known", "contributions", type_="check")
    op.create_check_constraint("kind_known", "contributions", _kind_check((*KINDS, "withdrawal")))
    op.alter_column("photos", "site_id", nullable=True)
    op.add_column("photos", sa.Column("person_id", sa.Integer()))
    op.create_index("ix_photos_person", "photos", ["person_id"])
    op.create_check_constraint("one_target", "photos", "(site_id IS NULL) <> (person_id IS NULL)")
    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "contribution_id",
            sa.Integer(),
            sa.ForeignKey("contributions.id", ondelete="RESTRICT"),
            nullable=False,
            unique=True,
        ),
        sa.Column("mime", sa.String(30), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint(
            "mime IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')",
            name="mime_known",
        ),
    )
    op.execute(FUNCTIONS)
    op.execute("SELECT refresh_site_counts()")


def downgrade() -> None:
    op.drop_table("evidence_files")
    # Refused while a person's photo exists, before anything is dropped.
    op.alter_column("photos", "site_id", nullable=False)
    op.drop_constraint("one_target", "photos", type_="check")
    op.drop_index("ix_photos_person", table_name="photos")
    op.drop_column("photos", "person_id")
    # Refused while a withdrawal contribution exists: the check below would not hold.
    op.drop_constraint("kind_known", "contributions", type_="check")
    op.create_check_constraint("kind_known", "contributions", _kind_check(KINDS))
    op.drop_index("ix_persons_withdrawn", table_name="persons")
    for table in WITHDRAWABLE:
        op.drop_constraint("withdrawn_with_reason", table, type_="check")
        for column in ("withdrawn_by", "withdrawn_reason", "withdrawn_at"):
            op.drop_column(table, column)
    op.execute(_functions_of_0004())
    op.execute("SELECT refresh_site_counts()")


def _functions_of_0004() -> str:
    """Migration 0004's own count functions, read from it (from the first trigger
    function on: its type and apply_site_count_deltas are unchanged)."""
    import importlib.util

    path = Path(__file__).with_name("0004_maintained_counts.py")
    spec = importlib.util.spec_from_file_location("migration_0004", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    first = "CREATE OR REPLACE FUNCTION burials_counts_insert"
    return first + module.FUNCTIONS.split(first, 1)[1]
