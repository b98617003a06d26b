"""A fate cell in the label's own words, in any language the importer reads ("Казнён",
"Трапіў у палон", "Тұтқында қаза тапты", typed without the Kazakh letters too), is stored
as that fate and not repeated beside the label on the person page and in its JSON; a word
more is shown as written."""

from __future__ import annotations

import re

from sqlalchemy import text

BARE = {
    "Казнёнов": ("Казнён", "executed"),
    "Расстралянская": ("расстраляна", "executed"),
    "Палонов": ("Трапіў у палон", "captured"),
    "Присонов": ("taken prisoner", "captured"),
    "Тутков": ("Тұтқында қаза тапты", "died_in_captivity"),
    "Тутканов": ("туткында каза тапты", "died_in_captivity"),
    "Жаранов": ("жараланды", "wounded"),
    "Ранский": ("умер от ранений", "died_of_wounds"),
    "Точкин": ("Убит.", "killed"),
}
MORE = {"Оршанский": ("убит под Оршей", "killed")}


def _fate_as_written(page: str) -> str | None:
    found = re.search(r'data-testid="fate-as-written">(.*?)</dd>', page)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else None


def test_the_labels_words_are_not_repeated_beside_it(run, tmp_path, engine, client):
    rows = {**BARE, **MORE}
    path = tmp_path / "labels.csv"
    lines = "".join(f'{surname},Иван,"{cell}"\n' for surname, (cell, _) in rows.items())
    path.write_text("Фамилия,Имя,Судьба\n" + lines, encoding="utf-8")
    report = run("persons", path)
    assert report.ok and report.added == len(rows), [str(p) for p in report.problems]
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT surname, id, fate FROM persons WHERE import_batch_id = :b"),
            {"b": report.batch_id},
        ).all()
    assert {s: fate for s, _, fate in stored} == {s: fate for s, (_, fate) in rows.items()}

    for surname, person, _ in stored:
        page = client.get(f"/persons/{person}?lang=en").get_data(as_text=True)
        answer = client.get(f"/api/persons/{person}").get_json()
        if surname in BARE:
            assert _fate_as_written(page) is None, surname
            assert answer["fate_as_written"] is None, surname
        else:
            assert _fate_as_written(page) == f"as the source writes it: “{rows[surname][0]}”"
            assert answer["fate_as_written"] == rows[surname][0]
