"""Refs built from a name, kept within the 200 characters a ref column holds: a longer
one keeps its first 183 characters and a digest of the whole (the same in Python and
in SQL, so that both find the same record)."""

from __future__ import annotations

import hashlib

REF_CHARS = 200
_KEPT = REF_CHARS - 17  # "~" and 16 hex digits of the digest follow


def bounded_ref(ref: str) -> str:
    if len(ref) <= REF_CHARS:
        return ref
    return ref[:_KEPT] + "~" + hashlib.sha256(ref.encode()).hexdigest()[:16]


def bounded_ref_sql(expression: str) -> str:
    """The SQL of bounded_ref(expression)."""
    x = f"({expression})"
    return (
        f"CASE WHEN length({x}) <= {REF_CHARS} THEN {x} ELSE left({x}, {_KEPT}) || '~' || "
        f"left(encode(sha256(convert_to({x}, 'UTF8')), 'hex'), 16) END"
    )
