"""The history of a person or a site, read from the audit log the triggers write: each
change with its old and new values, when, by whom, and the evidence of the contribution
that made it. A contributor's contact is never part of it."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# Columns the history leaves out: internal search keys, provenance blobs and geometry.
HIDDEN = {
    "id", "search_key", "name_words", "surname_key", "home_country_key", "home_region_key",
    "home_district_key", "callup_key", "district_key", "import_source", "import_row",
    "import_batch_id", "geom", "birthplace_geom",
}  # fmt: skip
TABLES = {"person": "persons", "site": "burial_sites"}
# Entries of other tables kept under a record's id: a person's partisan memberships moved
# by migration 0014 (keyed by the person).
ALSO = {"person": ["partisan_memberships"], "site": []}


def record_history(session: Session, target_type: str, record_id: int) -> list[dict]:
    """Newest first. Updates that touched only hidden columns are left out."""
    rows = session.execute(
        text(
            """
            SELECT a.id, a.table_name, a.op, a.changed_at, a.actor, a.old_row, a.new_row,
                   c.id AS contribution_id, c.kind, c.comment, c.evidence, c.decision_reason,
                   EXISTS (SELECT 1 FROM evidence_files e WHERE e.contribution_id = c.id)
                     AS evidence_file
            FROM audit_log a
            LEFT JOIN contributions c ON c.id = a.contribution_id
            WHERE a.table_name = ANY(:tables) AND a.row_id = :id
            ORDER BY a.id DESC
            """
        ),
        {"tables": [TABLES[target_type], *ALSO[target_type]], "id": record_id},
    ).mappings()
    entries = []
    for row in rows:
        changes = _changes(row["old_row"] or {}, row["new_row"] or {})
        if row["op"] == "UPDATE" and not changes:
            continue
        entries.append(
            {
                "version": row["id"],
                "operation": row["op"].lower(),
                "at": row["changed_at"].isoformat(),
                "by": row["actor"],
                # A version of the record itself, which an administrator can restore.
                "restorable": row["table_name"] == TABLES[target_type],
                "changes": changes,
                "contribution": None
                if row["contribution_id"] is None
                else {
                    "id": row["contribution_id"],
                    "kind": row["kind"],
                    "comment": row["comment"],
                    "evidence": row["evidence"],
                    # That a document was given, never the document: it may hold
                    # relatives' personal data.
                    "evidence_file": row["evidence_file"],
                    "decision_reason": row["decision_reason"],
                },
            }
        )
    return entries


def _changes(old: dict, new: dict) -> list[dict]:
    fields = sorted((set(old) | set(new)) - HIDDEN)
    return [
        {"field": f, "old": old.get(f), "new": new.get(f)}
        for f in fields
        if old.get(f) != new.get(f)
    ]
