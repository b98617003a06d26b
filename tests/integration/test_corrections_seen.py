"""A correction keeps the value its contributor saw; approving it once that value has
changed (another correction approved, an edit) is a 409 that names both values and the
change, never a silent overwrite. The moderation page shows both values."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from tests.helpers import csrf_token, sign_in


@pytest.fixture()
def lieutenant(engine, scratch):
    site = scratch.site("Тестовое захоронение", 30.1, 54.1)
    person = scratch.person(site, "Тестов", given_name="Иван", is_fictional=False)
    with engine.begin() as conn:
        conn.execute(text("UPDATE persons SET rank = 'лейтенант' WHERE id = :id"), {"id": person})
    return person


@pytest.fixture()
def moderator(app, accounts):
    client = app.test_client()
    token = sign_in(client, *accounts("moderator"))
    return client, token


def _correct(client, person: int, field: str, value) -> int:
    response = client.post(
        "/api/contributions",
        json={
            "kind": "correction",
            "target": {"type": "person", "id": person},
            "field": field,
            "value": value,
            "comment": "The award sheet gives it.",
            "evidence": "ЦАМО, ф. 33, оп. 686196, д. 1234",
        },
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["id"]


def _approve(moderator, contribution: int):
    client, token = moderator
    return client.post(
        f"/api/contributions/{contribution}/decision?lang=en",
        json={"decision": "approve"},
        headers={"X-CSRFToken": token},
    )


def _one(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).one()


def test_a_second_correction_sent_before_the_first_was_approved_is_refused(
    client, engine, lieutenant, moderator
):
    first = _correct(client, lieutenant, "rank", "старший лейтенант")
    second = _correct(client, lieutenant, "rank", "капитан")
    assert _approve(moderator, first).get_json() == {"id": first, "status": "approved"}

    response = _approve(moderator, second)
    assert response.status_code == 409, response.get_data(as_text=True)
    assert response.get_json()["error"]["message"] == (
        f'rank was "лейтенант" when contribution {second} was sent and is "старший лейтенант" '
        f"now, changed by contribution {first}: approving would overwrite that change; "
        "reject it, or ask the contributor whether it still holds"
    )
    assert _one(engine, "SELECT rank FROM persons WHERE id = :id", id=lieutenant) == (
        "старший лейтенант",
    )
    status = _one(engine, "SELECT status FROM contributions WHERE id = :id", id=second)
    assert status == ("pending",)
    ranks = [
        (change["old"], change["new"])
        for item in client.get(f"/api/persons/{lieutenant}/history").get_json()["items"]
        for change in item["changes"]
        if change["field"] == "rank"
    ]
    assert ranks == [("лейтенант", "старший лейтенант"), (None, "лейтенант")]

    # The moderator decides: a rejection still goes through.
    client_, token = moderator
    rejected = client_.post(
        f"/api/contributions/{second}/decision",
        json={"decision": "reject", "reason": "The rank changed meanwhile; asked the sender"},
        headers={"X-CSRFToken": token},
    )
    assert rejected.get_json()["status"] == "rejected"


def test_a_correction_of_an_unchanged_field_still_approves(client, engine, lieutenant, moderator):
    rank = _correct(client, lieutenant, "rank", "капитан")
    year = _correct(client, lieutenant, "birth_year", 1921)  # an empty field: seen as null
    seen = _one(
        engine,
        "SELECT value_seen, jsonb_typeof(value_seen) FROM contributions WHERE id = :id",
        id=year,
    )
    assert seen == (None, "null")
    assert _one(engine, "SELECT value_seen FROM contributions WHERE id = :id", id=rank) == (
        "лейтенант",
    )
    assert _approve(moderator, year).status_code == 200
    assert _approve(moderator, rank).status_code == 200  # another field changed meanwhile
    person = _one(engine, "SELECT rank, birth_year FROM persons WHERE id = :id", id=lieutenant)
    assert person == ("капитан", 1921)


def test_the_same_value_proposed_twice_approves_changing_nothing_more(
    client, engine, lieutenant, moderator
):
    first = _correct(client, lieutenant, "rank", "капитан")
    second = _correct(client, lieutenant, "rank", "капитан")
    assert _approve(moderator, first).status_code == 200
    assert _approve(moderator, second).status_code == 200
    assert _one(engine, "SELECT rank FROM persons WHERE id = :id", id=lieutenant) == ("капитан",)


def test_a_change_made_outside_contributions_is_named_by_its_actor(
    client, engine, lieutenant, moderator
):
    contribution = _correct(client, lieutenant, "rank", "капитан")
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL mapapp.actor = 'fix by Anna, ticket 12'"))
        conn.execute(text("UPDATE persons SET rank = NULL WHERE id = :id"), {"id": lieutenant})
    response = _approve(moderator, contribution)
    assert response.status_code == 409
    message = response.get_json()["error"]["message"]
    assert message.startswith(
        f'rank was "лейтенант" when contribution {contribution} was sent and is null now, '
        "changed by fix by Anna, ticket 12:"
    )
    assert _one(engine, "SELECT rank FROM persons WHERE id = :id", id=lieutenant) == (None,)


def test_a_correction_sent_before_the_value_seen_was_kept_approves_as_before(
    client, engine, lieutenant, moderator
):
    contribution = _correct(client, lieutenant, "rank", "капитан")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE contributions SET value_seen = NULL WHERE id = :id"), {"id": contribution}
        )
        conn.execute(text("UPDATE persons SET rank = 'майор' WHERE id = :id"), {"id": lieutenant})
    assert _approve(moderator, contribution).status_code == 200
    assert _one(engine, "SELECT rank FROM persons WHERE id = :id", id=lieutenant) == ("капитан",)


def test_an_approval_waiting_for_another_one_reads_the_rank_it_committed(
    app, client, engine, lieutenant, moderator
):
    """Another moderator's approval holds the row: this one waits, then refuses instead of
    overwriting the rank that one committed."""
    contribution = _correct(client, lieutenant, "rank", "капитан")
    other = engine.connect()
    other.begin()
    other.execute(text("UPDATE persons SET rank = 'майор' WHERE id = :id"), {"id": lieutenant})
    answers = []
    approving = threading.Thread(target=lambda: answers.append(_approve(moderator, contribution)))
    approving.start()
    try:
        for _ in range(100):
            with engine.connect() as conn:
                waiting = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND datname = current_database()"
                    )
                ).scalar_one()
            if waiting:
                break
            time.sleep(0.1)
        assert waiting, "the approval did not wait for the other transaction"
    finally:
        other.commit()
        other.close()
        approving.join(30)
    assert answers and answers[0].status_code == 409, answers
    assert _one(engine, "SELECT rank FROM persons WHERE id = :id", id=lieutenant) == ("майор",)


def test_the_moderation_page_shows_the_value_seen_and_marks_a_change(
    client, engine, lieutenant, moderator
):
    first = _correct(client, lieutenant, "rank", "старший лейтенант")
    second = _correct(client, lieutenant, "rank", "капитан")
    unchanged = _correct(client, lieutenant, "birth_year", 1921)
    moderator_client, _ = moderator
    page = moderator_client.get("/moderation?lang=en").get_data(as_text=True)
    sections = {
        c: page.split(f'data-id="{c}"')[1].split("</section>")[0]
        for c in (first, second, unchanged)
    }
    assert 'data-testid="pending-seen">лейтенант</dd>' in sections[second]
    assert 'data-testid="pending-current">лейтенант</dd>' in sections[second]
    assert 'data-testid="pending-seen">—</dd>' in sections[unchanged]
    assert not any("pending-changed" in section for section in sections.values())

    assert _approve(moderator, first).status_code == 200
    page = moderator_client.get("/moderation?lang=en").get_data(as_text=True)
    second_section = page.split(f'data-id="{second}"')[1].split("</section>")[0]
    assert "<dt>When sent</dt>" in second_section
    assert 'data-testid="pending-seen">лейтенант</dd>' in second_section
    assert 'data-testid="pending-current">старший лейтенант <strong' in second_section
    assert 'data-testid="pending-changed">changed since it was sent' in second_section
    unchanged_section = page.split(f'data-id="{unchanged}"')[1].split("</section>")[0]
    assert "pending-changed" not in unchanged_section

    refused = moderator_client.post(
        f"/moderation/{second}?lang=en",
        data={"csrf_token": csrf_token(page), "decision": "approve"},
    )
    assert refused.status_code == 409
    assert f"now, changed by contribution {first}: approving would overwrite" in (
        refused.get_data(as_text=True)
    )


def test_a_second_withdrawal_names_the_contribution_that_withdrew_the_record(
    client, lieutenant, moderator
):
    def withdrawal() -> int:
        response = client.post(
            "/api/contributions",
            json={
                "kind": "withdrawal",
                "target": {"type": "person", "id": lieutenant},
                "comment": "Entered twice",
                "evidence": "Книга памяти, т. 3, с. 45",
            },
        )
        assert response.status_code == 201
        return response.get_json()["id"]

    first, second = withdrawal(), withdrawal()
    assert _approve(moderator, first).status_code == 200
    response = _approve(moderator, second)
    assert response.status_code == 409
    assert response.get_json()["error"]["message"] == (
        f"person {lieutenant} is withdrawn already, by contribution {first}"
    )
