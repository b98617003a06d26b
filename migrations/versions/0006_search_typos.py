"""Search at scale: persons listed by name through an index, rank filtered through
one, and the search keys of names written in mixed scripts re-read in one script.

Filter-only searches walk ``ix_persons_name_order`` and stop after the page asked for,
instead of sorting every match; ``rank=`` (compared in lower case) and ``unit=`` have
indexes, and the few heroes and partisans have partial ones.
Names whose words mix Cyrillic and Latin lookalike letters (a typing or OCR slip in an
old list: 'Cepикенов') now key as the script most of their letters are in, so their
stored keys are computed again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# A word with letters of both scripts, or a digit inside letters.
_CYRILLIC = "а-яА-ЯёЁіІўЎәӘғҒқҚңҢөӨұҰүҮһҺ"
_MIXED = (
    f"([{_CYRILLIC}][A-Za-z]|[A-Za-z][{_CYRILLIC}]"
    f"|[{_CYRILLIC}A-Za-z][036]|[036][{_CYRILLIC}A-Za-z])"
)


def upgrade() -> None:
    op.create_index("ix_persons_name_order", "persons", ["surname", "given_name", "id"])
    op.execute("CREATE INDEX ix_persons_rank_lower ON persons (lower(rank))")
    op.create_index("ix_persons_unit", "persons", ["unit_id"])
    for flag, name in (("is_hero", "ix_persons_heroes"), ("is_partisan", "ix_persons_partisans")):
        op.create_index(
            name, "persons", ["surname", "given_name", "id"], postgresql_where=sa.text(flag)
        )

    from mapapp.importers.search_index import refresh_vocabulary, reindex_persons

    bind = op.get_bind()
    ids = (
        bind.execute(
            text(
                "SELECT id FROM persons WHERE concat_ws(' ', surname, given_name, patronymic, "
                "name_variants) ~ :mixed"
            ),
            {"mixed": _MIXED},
        )
        .scalars()
        .all()
    )
    if ids:
        reindex_persons(bind, ids)
        refresh_vocabulary(bind, ids)


def downgrade() -> None:
    op.drop_index("ix_persons_partisans", table_name="persons")
    op.drop_index("ix_persons_heroes", table_name="persons")
    op.drop_index("ix_persons_unit", table_name="persons")
    op.drop_index("ix_persons_rank_lower", table_name="persons")
    op.drop_index("ix_persons_name_order", table_name="persons")
