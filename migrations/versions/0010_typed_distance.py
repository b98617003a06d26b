"""fuzzystrmatch, for the search to rank surnames by their edit distance to what was typed.

Of two surnames one typo away from a query, the one fewer letters away from the word as
typed comes first (``levenshtein``); the extension is trusted, so the owner of the
database may create it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch")


def downgrade() -> None:
    # Only when this role owns it: an administrator who created it beforehand (as
    # scripts/provision_db.sh does) keeps it, and the downgrade does not fail on it.
    op.execute(
        """
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_extension
                       WHERE extname = 'fuzzystrmatch' AND pg_has_role(extowner, 'USAGE')) THEN
                DROP EXTENSION fuzzystrmatch;
            END IF;
        END $$
        """
    )
