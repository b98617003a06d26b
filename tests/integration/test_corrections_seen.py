"""A correction keeps the value its contributor saw; approving it once that value has
changed (another correction approved, an edit) is a 409 that names both values and the
change, never a silent overwrite. The moderation page shows both values."""

from __future__ import annotations

import threading
import time
from html.parser import HTMLParser

import pytest
from sqlalchemy import text

from mapapp.contributions.fields import PERSON_FIELDS, SITE_FIELDS
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


def _correct(client, person: int, field: str, value, **extra) -> int:
    """A correction sent through the API (``extra``: value_seen, say)."""
    response = client.post(
        "/api/contributions",
        json={
            "kind": "correction",
            "target": {"type": "person", "id": person},
            "field": field,
            "value": value,
            "comment": "The award sheet gives it.",
            "evidence": "ЦАМО, ф. 33, оп. 686196, д. 1234",
            **extra,
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


class _CorrectionForm(HTMLParser):
    """The inputs a browser would send from the page's correction form (hidden ones)."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("data-testid") == "correction-form"
        elif tag == "input" and self.inside and attrs.get("type") == "hidden":
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def _form_fields(client, page: str) -> dict[str, str]:
    parser = _CorrectionForm()
    parser.feed(client.get(page).get_data(as_text=True))
    assert parser.fields, f"no correction form on {page}"
    return parser.fields


def _send_form(client, fields: dict[str, str], field: str, value: str, lang: str = "en"):
    """The form as a browser sends it (multipart: every line break as CR LF)."""
    data = {name: _crlf(value) for name, value in fields.items()}
    data.update(field=field, value=value, comment="The award sheet", evidence="ЦАМО, ф. 33")
    return client.post(f"/contribute?lang={lang}", data=data, content_type="multipart/form-data")


def _crlf(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def _stored(engine, sql: str = "SELECT max(id) FROM contributions"):
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


# Line breaks of both kinds (an imported file's may be CR LF) and a й written as и and a
# combining breve, as some sources write it.
BIOGRAPHY = 'Призван в 1941 г.\r\nВоевал под Витебском,\n"Краи\u0306 родной" & <сын>.'


def test_the_correction_forms_send_the_values_their_pages_display(client, engine, lieutenant):
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE persons SET biography = :b, birth_year = 1921 WHERE id = :id"),
            {"b": BIOGRAPHY, "id": lieutenant},
        )
        site = conn.execute(
            text("SELECT site_id FROM burials WHERE person_id = :id"), {"id": lieutenant}
        ).scalar_one()
    fields = _form_fields(client, f"/persons/{lieutenant}")
    assert fields["value_seen.rank"] == "лейтенант"
    assert fields["value_seen.biography"] == BIOGRAPHY
    assert fields["value_seen.birth_year"] == "1921"
    assert fields["value_seen.death_year"] == ""  # an empty field
    assert set(fields) >= {f"value_seen.{name}" for name in PERSON_FIELDS}
    site_fields = _form_fields(client, f"/sites/{site}")
    assert site_fields["value_seen.name"] == "Тестовое захоронение"
    assert site_fields["value_seen.buried_total"] == ""
    assert set(site_fields) >= {f"value_seen.{name}" for name in SITE_FIELDS}


def test_a_correction_from_a_form_displayed_before_another_approval_is_refused(
    client, engine, lieutenant, moderator
):
    """The contributor opens the page while the rank is "лейтенант"; another correction is
    approved before they send theirs: approving theirs would overwrite it unseen."""
    fields = _form_fields(client, f"/persons/{lieutenant}")
    first = _correct(client, lieutenant, "rank", "старший лейтенант")
    assert _approve(moderator, first).status_code == 200

    sent = _send_form(client, fields, "rank", "капитан")
    assert sent.status_code == 201, sent.get_data(as_text=True)
    late = _stored(engine)
    assert _one(engine, "SELECT value_seen FROM contributions WHERE id = :id", id=late) == (
        "лейтенант",
    )
    response = _approve(moderator, late)
    assert response.status_code == 409, response.get_data(as_text=True)
    assert response.get_json()["error"]["message"].startswith(
        f'rank was "лейтенант" when contribution {late} was sent and is "старший лейтенант" '
        f"now, changed by contribution {first}:"
    )
    assert _one(engine, "SELECT rank FROM persons WHERE id = :id", id=lieutenant) == (
        "старший лейтенант",
    )


def test_a_form_whose_field_is_unchanged_approves_despite_what_the_form_does_to_it(
    client, engine, lieutenant, moderator
):
    """The browser sends line breaks as CR LF and the field's check composes й into one
    character: the value seen is still the stored one, kept exactly."""
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE persons SET biography = :b WHERE id = :id"),
            {"b": BIOGRAPHY, "id": lieutenant},
        )
    fields = _form_fields(client, f"/persons/{lieutenant}")
    sent = _send_form(client, fields, "biography", "Призван в 1941 г. Погиб в 1944 г.")
    assert sent.status_code == 201, sent.get_data(as_text=True)
    contribution = _stored(engine)
    seen = _one(engine, "SELECT value_seen FROM contributions WHERE id = :id", id=contribution)
    assert seen == (BIOGRAPHY,)
    assert _approve(moderator, contribution).status_code == 200
    assert _one(engine, "SELECT biography FROM persons WHERE id = :id", id=lieutenant) == (
        "Призван в 1941 г. Погиб в 1944 г.",
    )


def test_the_api_keeps_the_value_seen_it_is_given(client, engine, lieutenant, moderator):
    # The client read the rank before another change it has not seen.
    stale = _correct(client, lieutenant, "rank", "капитан", value_seen="младший лейтенант")
    empty = _correct(client, lieutenant, "birth_year", "1921", value_seen=None)
    as_digits = _correct(client, lieutenant, "death_year", 1944, value_seen="")
    kept = {
        c: _one(
            engine,
            "SELECT value_seen, jsonb_typeof(value_seen) FROM contributions WHERE id = :id",
            id=c,
        )
        for c in (stale, empty, as_digits)
    }
    assert kept == {
        stale: ("младший лейтенант", "string"),
        empty: (None, "null"),
        as_digits: (None, "null"),
    }
    response = _approve(moderator, stale)
    assert response.status_code == 409, response.get_data(as_text=True)
    assert response.get_json()["error"]["message"].startswith(
        f'rank was "младший лейтенант" when contribution {stale} was sent and is "лейтенант" '
    )
    assert _approve(moderator, empty).status_code == 200
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE persons SET birth_year = 1920 WHERE id = :id"), {"id": lieutenant}
        )
    # A number seen as digits is the number.
    changed = _correct(client, lieutenant, "birth_year", 1922, value_seen="1921")
    assert _one(engine, "SELECT value_seen FROM contributions WHERE id = :id", id=changed) == (
        1921,
    )
    assert _approve(moderator, changed).status_code == 409
    assert _one(engine, "SELECT rank, birth_year FROM persons WHERE id = :id", id=lieutenant) == (
        "лейтенант",
        1920,
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"field": "birth_year", "value": 1921, "value_seen": "1920s"},
         "value_seen must be a whole number"),
        ({"field": "birth_year", "value": 1921, "value_seen": 1700},
         "value_seen must be between 1850 and 2000"),
        ({"value_seen": "л" * 201}, "value_seen is longer than 200 characters"),
        ({"value_seen": ["лейтенант"]}, "value_seen must be text"),
        ({"value_seen": 5}, "value_seen must be text"),
        ({"value_seen": "лейте\x00нант"}, "value_seen contains control characters"),
        ({"field": "fate", "value": "killed", "value_seen": "dead"},
         "value_seen must be one of killed, died_of_wounds, missing, died_in_captivity, died, "
         "wounded, captured, executed"),
        ({"kind": "withdrawal", "field": None, "value": None, "value_seen": "лейтенант"},
         "value_seen is only for a correction: the value of its field that the sender saw"),
    ],
)  # fmt: skip
def test_a_bad_value_seen_is_a_400_naming_it(client, engine, lieutenant, change, message):
    body = {
        "kind": "correction",
        "target": {"type": "person", "id": lieutenant},
        "field": "rank",
        "value": "капитан",
        "comment": "The award sheet gives it.",
        "evidence": "ЦАМО, ф. 33, оп. 686196, д. 1234",
        **change,
    }
    before = _stored(engine, "SELECT count(*) FROM contributions")
    response = client.post("/api/contributions?lang=en", json=body)
    assert response.status_code == 400, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert (error["parameter"], error["message"]) == ("value_seen", message)
    assert _stored(engine, "SELECT count(*) FROM contributions") == before


def test_a_form_with_a_bad_value_seen_is_a_400_naming_it(client, engine, lieutenant):
    fields = _form_fields(client, f"/persons/{lieutenant}")
    before = _stored(engine, "SELECT count(*) FROM contributions")
    bad = _send_form(client, {**fields, "value_seen.birth_year": "abc"}, "birth_year", "1921")
    assert bad.status_code == 400
    assert "value_seen must be a whole number" in bad.get_data(as_text=True)
    with engine.connect() as conn:
        site = conn.execute(
            text("SELECT site_id FROM burials WHERE person_id = :id"), {"id": lieutenant}
        ).scalar_one()
    condition = {
        "kind": "condition",
        "target_type": "site",
        "target_id": str(site),
        "value": "The plaque is broken",
        "value_seen": "",
        "comment": "Seen in May",
    }
    response = client.post(
        "/api/contributions?lang=en", data=condition, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == "value_seen"
    assert _stored(engine, "SELECT count(*) FROM contributions") == before


def test_a_stored_value_longer_than_a_correction_may_be_is_taken_as_seen(
    client, engine, lieutenant
):
    # An imported rank of 300 characters (imports keep what a register wrote): the page
    # shows it and its form sends it back, and correcting it must not be refused.
    long_rank = "лейтенант " * 30
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE persons SET rank = :r WHERE id = :id"), {"r": long_rank, "id": lieutenant}
        )
    fields = _form_fields(client, f"/persons/{lieutenant}")
    sent = _send_form(client, fields, "rank", "лейтенант")
    assert sent.status_code in (200, 201, 303), sent.get_data(as_text=True)
    with engine.connect() as conn:
        seen = conn.execute(
            text(
                "SELECT value_seen #>> '{}' FROM contributions WHERE target_id = :id "
                "AND field = 'rank' ORDER BY id DESC LIMIT 1"
            ),
            {"id": lieutenant},
        ).scalar_one()
    assert seen == long_rank
