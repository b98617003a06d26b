"""Withdrawn, never deleted: an approved withdrawal marks the record and keeps the row; the
record stays at its address with a banner, leaves the site's list, the search and the
kept counts (which stay exact), shows in its history, and an admin's restore brings it
back. No web route deletes data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.helpers import remove_contributions_to, sign_in
from tests.integration.test_site_counts import differences

ROOT = Path(__file__).resolve().parents[2]


def _withdrawal(target_type: str, target_id: int, **overrides) -> dict:
    body = {
        "kind": "withdrawal",
        "target": {"type": target_type, "id": target_id},
        "comment": "The same man as record 1234: entered twice from two lists",
        "evidence": "ЦАМО, ф. 58, оп. 977520, д. 12",
    }
    body.update(overrides)
    return body


def _submit(client, body) -> int:
    response = client.post("/api/contributions", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"]


def _decide(app, accounts, contribution: int, decision: str = "approve"):
    moderator = app.test_client()
    token = sign_in(moderator, *accounts("moderator"))
    return moderator.post(
        f"/api/contributions/{contribution}/decision",
        json={"decision": decision, "reason": "checked"},
        headers={"X-CSRFToken": token},
    )


@pytest.fixture()
def buried(scratch):
    site = scratch.site("Отозванное захоронение", 30.4, 54.4)
    kept = scratch.person(site, "Остаёмов", given_name="Иван", home_country="Казахстан")
    gone = scratch.person(site, "Ушедшев", given_name="Пётр", home_country="Казахстан")
    return site, kept, gone


def _exact(engine) -> None:
    with engine.connect() as conn:
        assert differences(conn) == {"totals": 0, "homes": 0}


@pytest.mark.parametrize(
    ("change", "parameter"),
    [
        ({"comment": ""}, "comment"),
        ({"evidence": ""}, "evidence"),
        ({"evidence": None}, "evidence"),
        ({"target": {"type": "battle", "id": 1}}, "target.type"),
    ],
)
def test_a_withdrawal_needs_a_comment_and_evidence(client, buried, change, parameter):
    _, _, gone = buried
    response = client.post("/api/contributions", json=_withdrawal("person", gone, **change))
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == parameter


def test_an_approved_withdrawal_marks_the_person_and_keeps_the_row(app, engine, buried, accounts):
    site, kept, gone = buried
    client = app.test_client()
    contribution = _submit(client, _withdrawal("person", gone))
    assert client.get(f"/api/persons/{gone}").get_json()["withdrawn"] is None  # pending
    response = _decide(app, accounts, contribution)
    assert response.status_code == 200, response.get_data(as_text=True)

    with engine.connect() as conn:
        row = (
            conn.execute(
                text(
                    "SELECT surname, withdrawn_at, withdrawn_reason, withdrawn_by "
                    "FROM persons WHERE id = :id"
                ),
                {"id": gone},
            )  # fmt: skip
            .mappings()
            .one()
        )
        operations = conn.execute(
            text("SELECT op FROM audit_log WHERE table_name = 'persons' AND row_id = :id "
                 "AND id > (SELECT max(id) FROM audit_log WHERE op = 'INSERT' "
                 "AND table_name = 'persons' AND row_id = :id)"),
            {"id": gone},
        ).scalars().all()  # fmt: skip
        burials = conn.execute(
            text("SELECT count(*) FROM burials WHERE person_id = :id"), {"id": gone}
        ).scalar_one()
    assert row["surname"] == "Ушедшев" and row["withdrawn_at"] is not None
    assert row["withdrawn_reason"].startswith("The same man") and row["withdrawn_by"] == (
        contribution
    )
    assert operations == ["UPDATE"] and burials == 1

    person = client.get(f"/api/persons/{gone}").get_json()
    assert person["withdrawn"]["contribution"] == contribution
    assert person["withdrawn"]["reason"].startswith("The same man")
    assert person["withdrawn"]["at"][:4].isdigit()
    assert client.get(f"/api/persons/{kept}").get_json()["withdrawn"] is None

    page = client.get(f"/persons/{gone}", headers={"Accept-Language": "ru"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-testid="withdrawn-banner"' in html and "The same man as record 1234" in html
    assert "отозвана" in html  # the banner is translated
    assert 'data-testid="withdrawal-form"' not in html  # withdrawn already

    listed = client.get(f"/api/sites/{site}/persons").get_json()
    assert [item["id"] for item in listed["items"]] == [kept] and listed["total"] == 1
    site_page = client.get(f"/sites/{site}").get_data(as_text=True)
    assert 'data-testid="withdrawn-persons"' in site_page and f"/persons/{gone}" in site_page
    counts = site_page.split('data-testid="persons-in-registry">')[1]
    assert counts.startswith("1<")
    found = client.get("/api/persons", query_string={"q": "Ушедшев"}).get_json()
    assert gone not in [item["id"] for item in found["items"]]
    _exact(engine)

    history = client.get(f"/api/persons/{gone}/history").get_json()["items"][0]
    assert history["operation"] == "update"
    assert history["contribution"]["kind"] == "withdrawal"
    assert {c["field"] for c in history["changes"]} == {
        "withdrawn_at", "withdrawn_reason", "withdrawn_by"
    }  # fmt: skip

    again = _decide(app, accounts, _submit(client, _withdrawal("person", kept)))
    assert again.status_code == 200
    twice = _decide(app, accounts, _submit(client, _withdrawal("person", gone)))
    assert twice.status_code == 409 and "withdrawn already" in twice.get_json()["error"]["message"]
    _exact(engine)


def test_an_admin_restore_brings_a_withdrawn_person_back(app, engine, buried, accounts):
    site, kept, gone = buried
    client = app.test_client()
    _decide(app, accounts, _submit(client, _withdrawal("person", gone)))
    history = client.get(f"/api/persons/{gone}/history").get_json()["items"]
    assert history[0]["contribution"]["kind"] == "withdrawal"
    before = history[1]["version"]  # the person as inserted

    admin = app.test_client()
    token = sign_in(admin, *accounts("admin"))
    response = admin.post(f"/api/history/{before}/restore", headers={"X-CSRFToken": token})
    assert response.status_code == 200, response.get_data(as_text=True)

    assert client.get(f"/api/persons/{gone}").get_json()["withdrawn"] is None
    listed = client.get(f"/api/sites/{site}/persons").get_json()
    assert sorted(item["id"] for item in listed["items"]) == sorted([kept, gone])
    assert listed["total"] == 2
    assert 'data-testid="withdrawn-banner"' not in client.get(f"/persons/{gone}").get_data(
        as_text=True
    )
    _exact(engine)


def test_counts_stay_exact_when_withdrawn_persons_move_change_or_are_deleted(
    app, engine, buried, scratch, accounts
):
    """Raw SQL on withdrawn persons: a home changed, a burial moved, the person deleted."""
    site, kept, gone = buried
    other = scratch.site("Другое захоронение", 30.5, 54.5)
    _decide(app, accounts, _submit(app.test_client(), _withdrawal("person", gone)))
    _exact(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE persons SET home_country = 'Узбекистан' WHERE id = :id"),
                     {"id": gone})  # fmt: skip
    _exact(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE burials SET site_id = :s WHERE person_id = :id"),
                     {"s": other, "id": gone})  # fmt: skip
    _exact(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO burials (person_id, site_id) VALUES (:p, :s)"),
                     {"p": gone, "s": site})  # fmt: skip
    _exact(engine)
    with engine.begin() as conn:
        # Still withdrawn, but no longer the target of its withdrawal, which the database
        # would not let it be deleted from under (migration 0019).
        remove_contributions_to(conn, "persons", f"id = {gone}")
        conn.execute(text("DELETE FROM persons WHERE id = :id"), {"id": gone})
    _exact(engine)
    with engine.connect() as conn:
        assert conn.execute(
            text("SELECT persons_in_registry FROM site_counts WHERE site_id = :s"), {"s": site}
        ).scalar_one() == 1  # fmt: skip


def test_a_withdrawn_site_keeps_its_page_with_the_banner_and_the_api_field(
    app, engine, scratch, accounts
):
    site = scratch.site("Дубликат захоронения", 30.6, 54.6)
    client = app.test_client()
    contribution = _submit(client, _withdrawal("site", site, comment="A duplicate of site 12"))
    assert _decide(app, accounts, contribution).status_code == 200
    page = client.get(f"/sites/{site}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-testid="withdrawn-banner"' in html and "A duplicate of site 12" in html
    feature = client.get(f"/api/sites/{site}").get_json()
    assert feature["properties"]["withdrawn"]["contribution"] == contribution
    with engine.connect() as conn:
        assert conn.execute(
            text("SELECT count(*) FROM burial_sites WHERE id = :id"), {"id": site}
        ).scalar_one() == 1  # fmt: skip
        assert conn.execute(
            text("SELECT count(*) FROM audit_log WHERE table_name = 'burial_sites' "
                 "AND row_id = :id AND op = 'DELETE'"), {"id": site}
        ).scalar_one() == 0  # fmt: skip


def test_no_web_route_deletes_data(app):
    """No route answers DELETE, and no module a request runs says DELETE or deletes a
    mapped row: records are withdrawn, never deleted, from the web."""
    methods = {method for rule in app.url_map.iter_rules() for method in rule.methods}
    assert "DELETE" not in methods
    web_code = [
        path
        for folder in ("api", "web", "http", "contributions", "accounts", "ogc", "openapi")
        for path in (ROOT / "mapapp" / folder).rglob("*.py")
    ]
    assert len(web_code) > 20
    offenders = [
        str(path.relative_to(ROOT))
        for path in web_code
        if re.search(r"\bDELETE\s+FROM\b|\.delete\(|\bTRUNCATE\b", path.read_text(), re.I)
    ]
    assert offenders == []
