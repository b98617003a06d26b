"""A ref built from a long name is the same whether Python or SQL builds it (the import
builds unit refs in Python and formation refs in SQL), and fits its column."""

import pytest
from sqlalchemy import text

from mapapp.importers.refs import REF_CHARS, bounded_ref, bounded_ref_sql


@pytest.mark.parametrize(
    "ref",
    [
        "unit:" + "a" * 194,  # 199
        "unit:" + "a" * 195,  # 200: kept as it is
        "unit:" + "a" * 196,  # 201: shortened
        "formation:brigade:" + "щорса-и-чапаева-" * 20,
        "formation:detachment:12:" + "отряд 𝔘 🎖 ў " * 30,  # beyond the BMP, Belarusian ў
    ],
)
def test_python_and_sql_build_the_same_ref(engine, ref):
    with engine.connect() as conn:
        in_sql = conn.execute(text(f"SELECT {bounded_ref_sql(':ref')}"), {"ref": ref}).scalar()
    assert in_sql == bounded_ref(ref)
    assert len(in_sql) <= REF_CHARS
    assert (in_sql == ref) == (len(ref) <= REF_CHARS)
