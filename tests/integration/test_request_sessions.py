"""How requests talk to the database: the kept map answers read without a transaction
(no BEGIN and ROLLBACK round trips), every other view inside one; a statement that asks
for its text as bytes gets the server's UTF-8 bytes, and only that statement does."""

from __future__ import annotations

from sqlalchemy import event, text

from mapapp.db import TEXT_AS_BYTES


def _statements_during(app, path: str):
    """The answer to ``path``, and for each statement it ran: its first word and whether
    its connection was in autocommit."""
    engine = app.extensions["mapapp.engine"]
    seen = []

    def record(_conn, cursor, statement, _parameters, _context, _executemany):
        seen.append((statement.split()[0].upper(), cursor.connection.autocommit))

    event.listen(engine, "before_cursor_execute", record)
    try:
        response = app.test_client().get(path)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return response, seen


def test_map_answers_read_without_a_transaction(app):
    response, seen = _statements_during(app, "/api/sites?bbox=23,51,33,57&lang=en")
    assert response.status_code == 200 and response.get_json()["features"]
    assert len(seen) >= 2  # the data version, then the sites
    assert all(autocommit for _, autocommit in seen), seen


def test_other_views_still_read_inside_a_transaction(app, shukhovtsy_id):
    # A kept answer first, so that its connection goes back to the pool before the next.
    assert _statements_during(app, "/api/battles?lang=en")[0].status_code == 200
    response, seen = _statements_during(app, f"/api/sites/{shukhovtsy_id}/persons?lang=en")
    assert response.status_code == 200 and response.get_json()["items"]
    assert seen and not any(autocommit for _, autocommit in seen), seen


def test_text_as_bytes_is_for_the_asking_statement_only(engine):
    name = "Братская могила, д. Шуховцы"
    query = text("SELECT CAST(:name AS text)")
    with engine.connect() as conn:
        raw = conn.execute(query, {"name": name}, execution_options={TEXT_AS_BYTES: True})
        plain = conn.execute(query, {"name": name})
        assert raw.scalar_one() == name.encode("utf-8")
        assert plain.scalar_one() == name
