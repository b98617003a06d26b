"""Contributions through the JSON API: the contract, nothing public before a decision,
decisions by signed-in moderators with CSRF tokens, applied in one transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.helpers import sign_in

CONTACT = "relative-private@example.org"


def _correction(person_id: int, **overrides) -> dict:
    body = {
        "kind": "correction",
        "target": {"type": "person", "id": person_id},
        "field": "rank",
        "value": "старший сержант",
        "comment": "The award sheet gives the rank.",
        "evidence": "ЦАМО, ф. 33, оп. 686196, д. 1234",
        "contact": CONTACT,
    }
    body.update(overrides)
    return body


@pytest.fixture()
def person(scratch):
    site = scratch.site("Тестовое захоронение", 30.1, 54.1)
    return scratch.person(site, "Тестов", given_name="Иван", patronymic="Петрович")


def _person_row(engine, person_id: int) -> dict:
    with engine.connect() as conn:
        return dict(
            conn.execute(text("SELECT * FROM persons WHERE id = :id"), {"id": person_id})
            .mappings()
            .one()
        )


def test_a_correction_is_stored_pending_and_changes_nothing_public(client, engine, person):
    before = _person_row(engine, person)
    response = client.post("/api/contributions", json=_correction(person))
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "pending" and isinstance(body["id"], int)
    assert _person_row(engine, person) == before
    assert client.get(f"/api/persons/{person}").get_json()["rank"] is None
    page = client.get(f"/persons/{person}").get_data(as_text=True)
    assert "старший сержант" not in page
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT status, contact, value FROM contributions WHERE id = :id"),
            {"id": body["id"]},
        ).one()
    assert stored == ("pending", CONTACT, "старший сержант")


@pytest.mark.parametrize(
    ("change", "parameter"),
    [
        ({"kind": "vandalism"}, "kind"),
        ({"target": 5}, "target"),
        ({"target": {"type": "battle", "id": 1}}, "target.type"),
        ({"target": {"type": "person", "id": "x"}}, "target.id"),
        ({"target": {"type": "person", "id": 0}}, "target.id"),
        ({"field": "search_key"}, "field"),
        ({"field": "birth_year", "value": "1850s"}, "value"),
        ({"field": "birth_year", "value": 1700}, "value"),
        ({"field": "surname", "value": ""}, "value"),
        ({"value": "a\x00b"}, "value"),
        ({"comment": ""}, "comment"),
        ({"comment": "x" * 5001}, "comment"),
        ({"evidence": None}, "evidence"),
        ({"contact": ["a"]}, "contact"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, person, change, parameter):
    response = client.post("/api/contributions", json=_correction(person, **change))
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.get_json()["error"]["parameter"] == parameter


def test_a_new_person_needs_a_site_and_a_surname(client, shukhovtsy_id, person):
    body = {
        "kind": "add_person",
        "target": {"type": "site", "id": shukhovtsy_id},
        "value": {"given_name": "Асан"},
        "comment": "Search team list",
        "evidence": "https://example.org/list.pdf",
    }
    response = client.post("/api/contributions", json=body)
    assert response.get_json()["error"]["parameter"] == "value.surname"
    body["value"] = {"surname": "Асанов", "shoe_size": 42}
    assert client.post("/api/contributions", json=body).get_json()["error"]["parameter"] == (
        "value"
    )
    body["target"] = {"type": "person", "id": person}
    assert client.post("/api/contributions", json=body).get_json()["error"]["parameter"] == (
        "target.type"
    )


def test_unknown_target_is_404_and_not_json_is_400_and_too_big_is_413(client):
    response = client.post("/api/contributions", json=_correction(2_000_000_000))
    assert response.status_code == 404 and response.get_json()["error"]["message"]
    response = client.post("/api/contributions", data="{not json", content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]["parameter"] == "body"
    big = _correction(1, comment="x" * 70_000)
    response = client.post("/api/contributions", json=big)
    assert response.status_code == 413 and response.is_json
    response = client.post("/api/contributions", data="[" * 60_000, content_type="application/json")
    assert response.status_code == 400


def _submit(client, body) -> int:
    response = client.post("/api/contributions", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"]


def test_deciding_needs_a_moderator_session_and_the_csrf_token(app, engine, person, accounts):
    contribution = _submit(app.test_client(), _correction(person))
    url = f"/api/contributions/{contribution}/decision"
    anonymous = app.test_client()
    assert anonymous.post(url, json={"decision": "approve"}).status_code in (400, 401, 403)
    token = sign_in(anonymous, *accounts("moderator"))  # a token, then signed out again
    anonymous.post("/logout", data={"csrf_token": token})
    response = anonymous.post(url, json={"decision": "approve"}, headers={"X-CSRFToken": token})
    assert response.status_code == 401 and response.is_json

    moderator = app.test_client()
    token = sign_in(moderator, *accounts("moderator"))
    no_token = moderator.post(url, json={"decision": "approve"})
    assert no_token.status_code in (400, 403) and no_token.is_json
    wrong = moderator.post(url, json={"decision": "approve"}, headers={"X-CSRFToken": "x"})
    assert wrong.status_code in (400, 403)
    assert _person_row(engine, person)["rank"] is None

    response = moderator.post(url, json={"decision": "approve"}, headers={"X-CSRFToken": token})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json() == {"id": contribution, "status": "approved"}
    assert _person_row(engine, person)["rank"] == "старший сержант"
    again = moderator.post(url, json={"decision": "reject", "reason": "late"},
                           headers={"X-CSRFToken": token})  # fmt: skip
    assert again.status_code == 409


def test_a_rejection_needs_a_reason_and_changes_nothing(app, engine, person, accounts):
    contribution = _submit(app.test_client(), _correction(person))
    moderator = app.test_client()
    token = sign_in(moderator, *accounts("moderator"))
    url = f"/api/contributions/{contribution}/decision"
    headers = {"X-CSRFToken": token}
    response = moderator.post(url, json={"decision": "reject"}, headers=headers)
    assert response.status_code == 400 and response.get_json()["error"]["parameter"] == "reason"
    response = moderator.post(url, json={"decision": "maybe"}, headers=headers)
    assert response.get_json()["error"]["parameter"] == "decision"
    response = moderator.post(
        url, json={"decision": "reject", "reason": "No evidence"}, headers=headers
    )
    assert response.get_json()["status"] == "rejected"
    assert _person_row(engine, person)["rank"] is None
    unknown = moderator.post(
        "/api/contributions/2000000000/decision", json={"decision": "approve"}, headers=headers
    )
    assert unknown.status_code == 404


def test_an_approval_that_no_longer_fits_changes_nothing_at_all(app, engine, person, accounts):
    """A day of death without a month breaks a constraint: the whole decision rolls back."""
    contribution = _submit(app.test_client(), _correction(person, field="death_day", value=12))
    moderator = app.test_client()
    token = sign_in(moderator, *accounts("moderator"))
    response = moderator.post(
        f"/api/contributions/{contribution}/decision",
        json={"decision": "approve"},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 409 and response.is_json
    assert _person_row(engine, person)["death_day"] is None
    with engine.connect() as conn:
        status = conn.execute(
            text("SELECT status FROM contributions WHERE id = :id"), {"id": contribution}
        ).scalar_one()
        audit = conn.execute(
            text("SELECT count(*) FROM audit_log WHERE contribution_id = :id"),
            {"id": contribution},
        ).scalar_one()
    assert status == "pending" and audit == 0


def test_approved_name_correction_is_searchable_and_in_the_history(app, engine, person, accounts):
    contribution = _submit(
        app.test_client(),
        _correction(person, field="surname", value="Тестовский", evidence="https://example.org/c"),
    )
    moderator = app.test_client()
    token = sign_in(moderator, *accounts("moderator"))
    moderator.post(
        f"/api/contributions/{contribution}/decision",
        json={"decision": "approve", "reason": "Matches the card"},
        headers={"X-CSRFToken": token},
    )
    client = app.test_client()
    found = client.get("/api/persons", query_string={"q": "Тестовский Иван"}).get_json()
    assert person in [item["id"] for item in found["items"]]
    history = client.get(f"/api/persons/{person}/history")
    assert CONTACT not in history.get_data(as_text=True)
    latest = history.get_json()["items"][0]
    assert latest["operation"] == "update"
    assert latest["changes"] == [{"field": "surname", "old": "Тестов", "new": "Тестовский"}]
    assert latest["contribution"]["evidence"] == "https://example.org/c"
    assert latest["contribution"]["decision_reason"] == "Matches the card"
    assert latest["by"].startswith("moderator #")
    page = client.get(f"/persons/{person}").get_data(as_text=True)
    assert "Тестовский" in page and "https://example.org/c" in page and CONTACT not in page


def test_history_of_an_unknown_record_is_404(client):
    assert client.get("/api/persons/2000000000/history").status_code == 404
    assert client.get("/api/sites/2000000000/history").status_code == 404


def test_a_new_person_for_a_site_appears_once_approved(app, engine, scratch, accounts):
    site = scratch.site("Шухаўцы тест", 30.2, 54.2)
    contribution = _submit(
        app.test_client(),
        {
            "kind": "add_person",
            "target": {"type": "site", "id": site},
            "value": {"surname": "Жаксылыков", "given_name": "Асан", "birth_year": "1920"},
            "comment": "Digitised by a search team",
            "evidence": "Книга памяти, т. 3, с. 45",
        },
    )
    client = app.test_client()
    assert client.get(f"/api/sites/{site}/persons").get_json()["total"] == 0
    moderator = app.test_client()
    token = sign_in(moderator, *accounts("moderator"))
    moderator.post(
        f"/api/contributions/{contribution}/decision",
        json={"decision": "approve"},
        headers={"X-CSRFToken": token},
    )
    try:
        items = client.get(f"/api/sites/{site}/persons").get_json()["items"]
        assert [(i["full_name"], i["birth_date"]) for i in items] == [("Жаксылыков Асан", "1920")]
        with engine.connect() as conn:
            actor = conn.execute(
                text(
                    "SELECT actor FROM audit_log WHERE table_name = 'persons' "
                    "AND contribution_id = :c AND op = 'INSERT'"
                ),
                {"c": contribution},
            ).scalar_one()
        assert actor.startswith("moderator #")
    finally:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM burials WHERE site_id = :s"), {"s": site})
            conn.execute(
                text("DELETE FROM persons WHERE ref = :r"), {"r": f"contribution:{contribution}"}
            )


def test_the_page_forms_need_their_csrf_token_and_name_a_bad_field(app, person):
    from tests.helpers import csrf_token

    client = app.test_client()
    page = client.get(f"/persons/{person}").get_data(as_text=True)
    form = {"kind": "correction", "target_type": "person", "target_id": str(person),
            "field": "birth_year", "value": "1921", "comment": "c", "evidence": "e"}  # fmt: skip
    assert client.post("/contribute", data=form).status_code == 400  # no token
    form["csrf_token"] = csrf_token(page)
    response = client.post("/contribute", data=form)
    assert response.status_code == 201
    assert 'data-testid="contribution-received"' in response.get_data(as_text=True)
    bad = client.post("/contribute?lang=en", data={**form, "value": "nineteen"})
    assert bad.status_code == 400 and "value must be a whole number" in bad.get_data(as_text=True)
    bad = client.post("/contribute", data={**form, "value": "nineteen"})  # the default, Russian
    assert bad.status_code == 400 and "value: должно быть целым числом" in bad.get_data(
        as_text=True
    )
    assert client.get(f"/api/persons/{person}").get_json()["birth_date"] is None


def test_the_moderation_page_marks_a_fictional_person_as_demonstration_data(
    app, accounts, client, engine, scratch
):
    site = scratch.site("Тестовое захоронение", 30.1, 54.1)
    fictional = scratch.person(site, "Вымыслов", is_fictional=True)
    real = scratch.person(site, "Настоящев", is_fictional=False)
    for target in (fictional, real):
        assert client.post("/api/contributions", json=_correction(target)).status_code == 201
    moderator = app.test_client()
    sign_in(moderator, *accounts("moderator"))
    page = moderator.get("/moderation?lang=en").get_data(as_text=True)
    badge = ' <span class="badge-demo" title="Fictional person (demonstration data)">demo</span>'
    assert f">Вымыслов</a>{badge}" in page
    assert ">Настоящев</a>\n" in page
