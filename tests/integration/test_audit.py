"""The audit triggers catch every change, whatever made it, and an admin can restore."""

from __future__ import annotations

from sqlalchemy import text

from tests.helpers import sign_in


def _entries(engine, table: str, row_id: int) -> list:
    with engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT op, actor, old_row, new_row FROM audit_log "
                "WHERE table_name = :t AND row_id = :id ORDER BY id"
            ),
            {"t": table, "id": row_id},
        ).all()


def test_raw_sql_update_and_delete_are_in_the_audit_table(engine, scratch):
    site = scratch.site("Аудит", 30.3, 54.3)
    person = scratch.person(site, "Сырой", given_name="Запрос")
    with engine.begin() as conn:
        conn.execute(text("UPDATE persons SET rank = 'рядовой' WHERE id = :id"), {"id": person})
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM burials WHERE person_id = :id"), {"id": person})
        conn.execute(text("DELETE FROM persons WHERE id = :id"), {"id": person})
    ops = _entries(engine, "persons", person)
    assert [(op, actor) for op, actor, _, _ in ops] == [
        ("INSERT", "direct SQL"),
        ("UPDATE", "direct SQL"),
        ("DELETE", "direct SQL"),
    ]
    _, _, old, new = ops[1]
    assert (old["rank"], new["rank"]) == (None, "рядовой")
    assert ops[2][2]["surname"] == "Сырой" and ops[2][3] is None
    with engine.connect() as conn:
        burial_ops = (
            conn.execute(
                text(
                    "SELECT op FROM audit_log WHERE table_name = 'burials' "
                    "AND (old_row ->> 'person_id')::int = :id ORDER BY id"
                ),
                {"id": person},
            )
            .scalars()
            .all()
        )
    assert burial_ops == ["DELETE"]


def test_the_actor_set_for_a_transaction_is_recorded(engine, scratch):
    site = scratch.site("Актор", 30.4, 54.4)
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL mapapp.actor = 'import batch 77'"))
        conn.execute(
            text("UPDATE burial_sites SET condition = 'good' WHERE id = :id"), {"id": site}
        )
    with engine.begin() as conn:  # SET LOCAL ended with the transaction
        conn.execute(
            text("UPDATE burial_sites SET condition = 'poor' WHERE id = :id"), {"id": site}
        )
    actors = [actor for op, actor, *_ in _entries(engine, "burial_sites", site) if op == "UPDATE"]
    assert actors == ["import batch 77", "direct SQL"]


def test_an_update_that_changes_nothing_leaves_no_entry(engine, scratch):
    site = scratch.site("Без изменений", 30.5, 54.5)
    with engine.begin() as conn:
        conn.execute(text("UPDATE burial_sites SET name = name WHERE id = :id"), {"id": site})
    assert [op for op, *_ in _entries(engine, "burial_sites", site)] == ["INSERT"]


def test_an_admin_restores_an_earlier_version_and_a_moderator_cannot(
    app, engine, scratch, accounts
):
    site = scratch.site("Версии", 30.6, 54.6)
    with engine.begin() as conn:
        conn.execute(text("UPDATE burial_sites SET description = 'first' WHERE id = :id"),
                     {"id": site})  # fmt: skip
    with engine.begin() as conn:
        conn.execute(text("UPDATE burial_sites SET description = 'vandalised', "
                          "geom = ST_SetSRID(ST_MakePoint(1, 1), 4326) WHERE id = :id"),
                     {"id": site})  # fmt: skip
    first = app.test_client().get(f"/api/sites/{site}/history").get_json()["items"][1]
    assert first["changes"] == [{"field": "description", "old": None, "new": "first"}]

    moderator = app.test_client()
    token = sign_in(moderator, *accounts("moderator"))
    url = f"/api/history/{first['version']}/restore"
    assert moderator.post(url, headers={"X-CSRFToken": token}).status_code == 403

    admin = app.test_client()
    token = sign_in(admin, *accounts("admin"))
    assert admin.post(url).status_code in (400, 403)  # no CSRF token
    response = admin.post(url, headers={"X-CSRFToken": token})
    assert response.status_code == 200, response.get_data(as_text=True)
    feature = app.test_client().get(f"/api/sites/{site}").get_json()
    assert feature["properties"]["description"] == "first"
    assert feature["geometry"]["coordinates"] == [30.6, 54.6]
    latest = app.test_client().get(f"/api/sites/{site}/history").get_json()["items"][0]
    assert latest["by"].startswith("admin #") and "restoring version" in latest["by"]
    assert admin.post("/api/history/2000000000/restore",
                      headers={"X-CSRFToken": token}).status_code == 404  # fmt: skip


def test_a_deleted_person_is_restored_from_the_audit_log(app, engine, scratch, accounts):
    site = scratch.site("Удалённый", 30.7, 54.7)
    person = scratch.person(site, "Удалённов")
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM burials WHERE person_id = :id"), {"id": person})
        conn.execute(text("DELETE FROM persons WHERE id = :id"), {"id": person})
    deletion = app.test_client().get(f"/api/persons/{person}/history").get_json()["items"][0]
    assert deletion["operation"] == "delete"
    admin = app.test_client()
    token = sign_in(admin, *accounts("admin"))
    response = admin.post(
        f"/api/history/{deletion['version']}/restore", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert app.test_client().get(f"/api/persons/{person}").get_json()["surname"] == "Удалённов"


def test_an_import_and_its_undo_are_put_down_to_the_batch(engine, run, tmp_path):
    from mapapp.importers.batches import undo_batch
    from tests.integration.test_import import SITES_CSV, write

    report = run("sites", write(tmp_path, "sites.csv", SITES_CSV))
    assert report.committed
    with engine.connect() as conn:
        copies = (
            conn.execute(
                text(
                    "SELECT new_row FROM audit_log WHERE table_name = 'burial_sites' "
                    "AND op = 'INSERT' AND actor = :a"
                ),
                {"a": f"import batch {report.batch_id}"},
            )
            .scalars()
            .all()
        )
    assert copies == [None, None]  # the rows themselves are the inserted version
    undo_batch(engine, report.batch_id)
    with engine.connect() as conn:
        actors = conn.execute(
            text(
                "SELECT op, actor, count(*) FROM audit_log WHERE table_name = 'burial_sites' "
                "AND row_id IN (SELECT row_id FROM audit_log WHERE op = 'DELETE' "
                "AND old_row ->> 'import_batch_id' = :b) GROUP BY op, actor ORDER BY op"
            ),
            {"b": str(report.batch_id)},
        ).all()
    assert [tuple(a) for a in actors] == [
        ("DELETE", f"undo of import batch {report.batch_id}", 2),
        ("INSERT", f"import batch {report.batch_id}", 2),
    ]


def test_the_demo_rows_are_put_down_to_the_demo_loader(engine, shukhovtsy_id):
    assert _entries(engine, "burial_sites", shukhovtsy_id)[0][:2] == ("INSERT", "mapapp demo")


def test_an_admin_restores_from_the_history_on_the_page(app, engine, scratch, accounts):
    from tests.helpers import csrf_token

    site = scratch.site("Кнопка", 31.5, 55.5)
    with engine.begin() as conn:
        conn.execute(text("UPDATE burial_sites SET year = '1950' WHERE id = :id"), {"id": site})
    with engine.begin() as conn:
        conn.execute(text("UPDATE burial_sites SET year = '1905' WHERE id = :id"), {"id": site})
    visitor = app.test_client()
    assert 'data-testid="restore"' not in visitor.get(f"/sites/{site}").get_data(as_text=True)
    moderator = app.test_client()
    sign_in(moderator, *accounts("moderator"))
    page = moderator.get(f"/sites/{site}").get_data(as_text=True)
    assert 'data-testid="restore"' not in page
    version = app.test_client().get(f"/api/sites/{site}/history").get_json()["items"][1]
    assert (
        moderator.post(
            f"/history/{version['version']}/restore", data={"csrf_token": csrf_token(page)}
        ).status_code
        == 403
    )
    admin = app.test_client()
    sign_in(admin, *accounts("admin"))
    page = admin.get(f"/sites/{site}").get_data(as_text=True)
    assert page.count('data-testid="restore"') == 2  # every version but the newest
    response = admin.post(
        f"/history/{version['version']}/restore", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/sites/{site}#history"
    )
    assert app.test_client().get(f"/api/sites/{site}").get_json()["properties"]["year"] == "1950"


def test_an_imported_row_is_restored_to_its_version_as_imported(
    app, engine, run, tmp_path, accounts
):
    from tests.integration.test_import import SITES_CSV, write

    report = run("sites", write(tmp_path, "sites.csv", SITES_CSV))
    with engine.connect() as conn:
        site = conn.execute(
            text("SELECT id FROM burial_sites WHERE register_number = 'TEST-1'")
        ).scalar_one()
    inserted = app.test_client().get(f"/api/sites/{site}/history").get_json()["items"][0]
    assert inserted["operation"] == "insert" and inserted["by"] == (
        f"import batch {report.batch_id}"
    )
    admin = app.test_client()
    token = sign_in(admin, *accounts("admin"))
    url = f"/api/history/{inserted['version']}/restore"
    assert admin.post(url, headers={"X-CSRFToken": token}).status_code == 200  # a no-op
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE burial_sites SET buried_total = 7, name = 'x' WHERE id = :id"),
            {"id": site},
        )
    assert admin.post(url, headers={"X-CSRFToken": token}).status_code == 200
    feature = app.test_client().get(f"/api/sites/{site}").get_json()["properties"]
    assert (feature["name"], feature["buried_total"]) == ("Тестовая братская могила 1", 120)
