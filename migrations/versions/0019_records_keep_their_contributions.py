"""A person or a site someone contributed to is never deleted from under the contribution.

Photos name their person or site by id with no foreign key, and a contribution names its
target by type and id (a person or a site, so no foreign key can): undoing an import
deleted such records and left the photos and contributions pointing at nothing. Now:

- ``photos.person_id`` and ``photos.site_id`` are foreign keys, ON DELETE RESTRICT. A
  database holding photos whose record is already gone keeps them: the keys are added
  NOT VALID (still refusing any new such photo or deletion) and the photos are named, to
  be re-attached by restoring their record from its history.
- A statement trigger on ``persons`` and ``burial_sites`` refuses a DELETE of a record
  any contribution targets, whatever its status.
- An import batch whose undo kept the records holding such work is ``partly_undone``.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01
"""

import sys

from alembic import op
from sqlalchemy import text

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

PHOTO_TARGETS = {"person_id": "persons", "site_id": "burial_sites"}
CONTRIBUTED = {"persons": "person", "burial_sites": "site"}
STATUSES = ("committed", "undone")

REFUSE_FUNCTION = """
CREATE OR REPLACE FUNCTION refuse_deleting_contributed_records() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    hit record;
BEGIN
    SELECT c.id, c.target_id INTO hit
    FROM contributions c JOIN old_rows o ON o.id = c.target_id
    WHERE c.target_type = TG_ARGV[0]
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% % is the target of contribution %: %', TG_ARGV[0],
            hit.target_id, hit.id,
            'a record people contributed to is withdrawn, never deleted'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;
"""


def upgrade() -> None:
    _statuses((*STATUSES, "partly_undone"))
    for column, table in PHOTO_TARGETS.items():
        _photo_key(column, table)
    op.execute(REFUSE_FUNCTION)
    for table, target_type in CONTRIBUTED.items():
        op.execute(
            f"CREATE TRIGGER {table}_keep_contributed AFTER DELETE ON {table} "
            "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
            f"EXECUTE FUNCTION refuse_deleting_contributed_records('{target_type}')"
        )


def downgrade() -> None:
    for table in CONTRIBUTED:
        op.execute(f"DROP TRIGGER {table}_keep_contributed ON {table}")
    op.execute("DROP FUNCTION refuse_deleting_contributed_records()")
    for column in PHOTO_TARGETS:
        op.drop_constraint(f"photos_{column}_fkey", "photos", type_="foreignkey")
    partly = (
        op.get_bind()
        .execute(
            text(
                "SELECT array_agg(id ORDER BY id) FROM import_batches "
                "WHERE status = 'partly_undone'"
            )
        )
        .scalar()
    )
    if partly:  # neither "committed" nor "undone" is true of them
        raise RuntimeError(f"import batches {partly} are partly undone: no earlier status says so")
    _statuses(STATUSES)


def _statuses(statuses: tuple[str, ...]) -> None:
    op.drop_constraint("status_known", "import_batches", type_="check")
    listed = ", ".join(f"'{s}'" for s in statuses)
    op.create_check_constraint("status_known", "import_batches", f"status IN ({listed})")


def _photo_key(column: str, table: str) -> None:
    name = f"photos_{column}_fkey"
    op.execute(
        f"ALTER TABLE photos ADD CONSTRAINT {name} FOREIGN KEY ({column}) "
        f"REFERENCES {table} (id) ON DELETE RESTRICT NOT VALID"
    )
    orphans = (
        op.get_bind()
        .execute(
            text(
                f"SELECT ph.id FROM photos ph WHERE ph.{column} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {table} t WHERE t.id = ph.{column}) ORDER BY ph.id"
            )
        )
        .scalars()
        .all()
    )
    if not orphans:
        op.execute(f"ALTER TABLE photos VALIDATE CONSTRAINT {name}")
        return
    print(
        f"migration 0019: photos {orphans} name {table} deleted before this migration; "
        f"they are kept, the key {name} is not validated. Restore each record from its "
        "history (POST /api/history/<version>/restore, the version of its DELETE), then "
        f"ALTER TABLE photos VALIDATE CONSTRAINT {name}",
        file=sys.stderr,
    )
