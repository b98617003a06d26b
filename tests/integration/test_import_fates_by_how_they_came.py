"""Fates as registers of losses write them, by how the loss came: drowned, a blast on a
mine, an accident, an illness. They are stored as the fate they give, and the person page
and JSON show the cell beside the fate's label while the fate is still the one it gives;
words for no fate the app records are refused with row, column and value."""

from __future__ import annotations

from sqlalchemy import text

from tests.helpers import fate_as_written_on, sign_in

FATES = {
    "Переправин": ("утонул при переправе через р. Днепр", "killed"),
    "Утануў": ("утануў", "killed"),
    "Минёров": ("подорвался на мине при разминировании", "killed"),
    "Подрывов": ("погиб, подорвавшись на мине", "killed"),
    "Падарваў": ("падарваўся на міне", "killed"),
    "Осколков": ("подорвался на мине, тяжело ранен", "wounded"),
    "Подрывнов": ("ранен при подрыве на мине", "wounded"),
    "Минин": ("подорвался на мине, умер от ран", "died_of_wounds"),
    "Случаев": ("погиб в результате несчастного случая", "killed"),
    "Лётов": ("погиб при авиакатастрофе", "killed"),
    "Болезнев": ("умер в госпитале от болезни", "died"),
    "Убитов": ("убит", "killed"),
    "Скриптов": ("утонул <script>alert(1)</script>", "killed"),
}
REFUSED = ["застрелился", "бежал из плена", "осужден", "дезертировал", "демобилизован"]


def _import(run, tmp_path, rows: dict[str, str], name: str):
    lines = "".join(f'{surname},Иван,"{cell}"\n' for surname, cell in rows.items())
    path = tmp_path / name
    path.write_text("Фамилия,Имя,Судьба\n" + lines, encoding="utf-8")
    return run("persons", path)


def _persons(engine, batch_id: int) -> dict[str, tuple[int, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT surname, id, fate FROM persons WHERE import_batch_id = :b"),
            {"b": batch_id},
        ).all()
    return {surname: (person, fate) for surname, person, fate in rows}


def test_fates_by_how_they_came_are_stored_and_words_of_no_fate_refused(
    run, tmp_path, engine, counts
):
    report = _import(run, tmp_path, {s: cell for s, (cell, _) in FATES.items()}, "how.csv")
    assert report.ok and report.added == len(FATES), [str(p) for p in report.problems]
    stored = {s: fate for s, (_, fate) in _persons(engine, report.batch_id).items()}
    assert stored == {surname: fate for surname, (_, fate) in FATES.items()}

    before = counts()
    rows = {f"Выбылов{i}": cell for i, cell in enumerate(REFUSED)}
    refused = _import(run, tmp_path, rows, "refused.csv")
    assert not refused.ok and counts() == before
    problems = {(p.row, p.column, p.value): p.reason for p in refused.problems}
    for row, cell in enumerate(REFUSED, start=2):
        assert problems[(row, "Судьба", cell)].startswith("unknown fate; use убит"), problems


def test_the_person_page_shows_the_register_words_beside_the_fate(run, tmp_path, engine, client):
    report = _import(run, tmp_path, {s: cell for s, (cell, _) in FATES.items()}, "page.csv")
    assert report.ok, [str(p) for p in report.problems]
    persons = _persons(engine, report.batch_id)

    person = persons["Переправин"][0]
    page = client.get(f"/persons/{person}?lang=en").get_data(as_text=True)
    assert "<dd>Killed</dd>" in page
    drowned = "утонул при переправе через р. Днепр"
    assert fate_as_written_on(page) == f"as the source writes it: “{drowned}”"
    assert '<span lang="ru">утонул при переправе через р. Днепр</span>' in page
    page = client.get(f"/persons/{person}?lang=ru").get_data(as_text=True)
    assert "<dd>Погиб</dd>" in page and "утонул при переправе через р. Днепр" in page
    answer = client.get(f"/api/persons/{person}").get_json()
    assert answer["fate"] == "killed"
    assert answer["fate_as_written"] == "утонул при переправе через р. Днепр"

    for surname in ("Болезнев", "Подрывов", "Осколков"):
        person = persons[surname][0]
        page = client.get(f"/persons/{person}?lang=en").get_data(as_text=True)
        assert f"“{FATES[surname][0]}”" in fate_as_written_on(page), surname

    # A plain "убит" says no more than the label: nothing beside it.
    person = persons["Убитов"][0]
    page = client.get(f"/persons/{person}?lang=en").get_data(as_text=True)
    assert "<dd>Killed</dd>" in page and 'data-testid="fate-as-written"' not in page
    assert client.get(f"/api/persons/{person}").get_json()["fate_as_written"] is None

    # The cell's words are text, never markup.
    person = persons["Скриптов"][0]
    page = client.get(f"/persons/{person}?lang=en").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "утонул &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_corrected_fate_is_not_shown_with_the_old_words(
    run, tmp_path, engine, client, app, accounts
):
    report = _import(run, tmp_path, {"Переправин": FATES["Переправин"][0]}, "corrected.csv")
    assert report.ok, [str(p) for p in report.problems]
    person = _persons(engine, report.batch_id)["Переправин"][0]
    response = client.post(
        "/api/contributions",
        json={
            "kind": "correction",
            "target": {"type": "person", "id": person},
            "field": "fate",
            "value": "missing",
            "comment": "The unit's later report gives him as missing.",
            "evidence": "ЦАМО, ф. 58, оп. 18001, д. 1234",
        },
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    moderator = app.test_client()
    token = sign_in(moderator, *accounts("moderator"))
    decided = moderator.post(
        f"/api/contributions/{response.get_json()['id']}/decision?lang=en",
        json={"decision": "approve"},
        headers={"X-CSRFToken": token},
    )
    assert decided.get_json()["status"] == "approved", decided.get_data(as_text=True)

    page = client.get(f"/persons/{person}?lang=en").get_data(as_text=True)
    assert "<dd>Missing in action</dd>" in page
    assert "утонул" not in page and 'data-testid="fate-as-written"' not in page
    answer = client.get(f"/api/persons/{person}").get_json()
    assert answer["fate"] == "missing" and answer["fate_as_written"] is None
