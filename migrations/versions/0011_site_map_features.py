"""Each site's finished map feature, kept by triggers: the GeoJSON Feature text the map API
sends for it (geometry and the properties the map shows, escaped by PostgreSQL's json
functions), beside its point and kind for the viewport filters. A viewport is then one
index scan and a string concatenation instead of building hundreds of JSON objects.

The triggers follow 0004's discipline: statement-level, set-based, and fired by every
write path (a site inserted or changed, its kept counts changed); a site deleted takes
its feature with it (ON DELETE CASCADE), a TRUNCATE of the counts rebuilds every feature.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The feature exactly as the map API built it per request until now
# (mapapp/queries/sites.py, _SITE_PROPERTIES); tests compare the two.
FUNCTIONS = """
CREATE OR REPLACE FUNCTION refresh_site_map_features(ids integer[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO site_map_features AS f (site_id, geom, kind, feature)
    SELECT s.id, s.geom, s.kind, json_build_object(
        'type', 'Feature',
        'id', s.id,
        'geometry', ST_AsGeoJSON(s.geom, 6)::json,
        'properties', json_build_object(
            'name', s.name,
            'name_en', s.name_en,
            'kind', s.kind,
            'buried_total', s.buried_total,
            'buried_known', s.buried_known,
            'buried_unknown', s.buried_unknown,
            'buried_as_written', s.buried_as_written,
            'location_precision', s.location_precision,
            'register_number', s.register_number,
            'oblast', s.oblast,
            'district', s.district,
            'settlement', s.settlement,
            'persons_in_registry', COALESCE(c.persons_in_registry, 0),
            'has_fictional_persons', COALESCE(c.fictional_persons, 0) > 0,
            'withdrawn', CASE WHEN s.withdrawn_at IS NOT NULL THEN json_build_object(
                'at', s.withdrawn_at, 'reason', s.withdrawn_reason,
                'contribution', s.withdrawn_by) END
        )
    )::text
    FROM burial_sites s LEFT JOIN site_counts c ON c.site_id = s.id
    WHERE ids IS NULL OR s.id = ANY(ids)
    ORDER BY s.id
    ON CONFLICT (site_id) DO UPDATE
        SET geom = EXCLUDED.geom, kind = EXCLUDED.kind, feature = EXCLUDED.feature;
$$;

CREATE OR REPLACE FUNCTION site_map_features_from_new() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_site_map_features(ARRAY(SELECT DISTINCT n.id FROM new_rows n));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION site_map_features_from_counts_new() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_site_map_features(ARRAY(SELECT DISTINCT n.site_id FROM new_rows n));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION site_map_features_from_counts_old() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_site_map_features(ARRAY(SELECT DISTINCT o.site_id FROM old_rows o));
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION site_map_features_rebuild() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_site_map_features(NULL);
    RETURN NULL;
END $$;
"""

TRIGGERS = (
    ("burial_sites_map_insert", "burial_sites", "INSERT", "NEW TABLE AS new_rows",
     "site_map_features_from_new"),
    ("burial_sites_map_update", "burial_sites", "UPDATE", "NEW TABLE AS new_rows",
     "site_map_features_from_new"),
    ("site_counts_map_insert", "site_counts", "INSERT", "NEW TABLE AS new_rows",
     "site_map_features_from_counts_new"),
    ("site_counts_map_update", "site_counts", "UPDATE", "NEW TABLE AS new_rows",
     "site_map_features_from_counts_new"),
    ("site_counts_map_delete", "site_counts", "DELETE", "OLD TABLE AS old_rows",
     "site_map_features_from_counts_old"),
)  # fmt: skip

DROP_FUNCTIONS = (
    "site_map_features_rebuild()",
    "site_map_features_from_counts_old()",
    "site_map_features_from_counts_new()",
    "site_map_features_from_new()",
    "refresh_site_map_features(integer[])",
)


def upgrade() -> None:
    op.create_table(
        "site_map_features",
        sa.Column(
            "site_id",
            sa.Integer(),
            sa.ForeignKey("burial_sites.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("geom", Geometry("POINT", srid=4326, spatial_index=False), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("feature", sa.Text(), nullable=False),
    )
    op.execute("CREATE INDEX ix_site_map_features_geom ON site_map_features USING gist (geom)")
    op.execute(FUNCTIONS)
    for name, table, event, transition, function in TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {transition} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    op.execute(
        "CREATE TRIGGER site_counts_map_truncate AFTER TRUNCATE ON site_counts "
        "FOR EACH STATEMENT EXECUTE FUNCTION site_map_features_rebuild()"
    )
    op.execute("SELECT refresh_site_map_features(NULL)")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS site_counts_map_truncate ON site_counts")
    for name, table, *_ in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for function in DROP_FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
    op.drop_table("site_map_features")
