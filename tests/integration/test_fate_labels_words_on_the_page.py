"""A fate cell in the label's own words, in any language the importer reads ("Казнён",
"Трапіў у палон", "Тұтқында қаза тапты", typed without the Kazakh letters too), is stored
as that fate and not repeated beside the label on the person page and in its JSON; a word
more is shown as written."""

from __future__ import annotations

from tests.helpers import fate_as_written_on, imported_fate_cells

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


def test_the_labels_words_are_not_repeated_beside_it(run, tmp_path, engine, client):
    rows = {**BARE, **MORE}
    stored = imported_fate_cells(run, tmp_path, engine, {s: c for s, (c, _) in rows.items()})
    assert {s: fate for s, _, fate in stored} == {s: fate for s, (_, fate) in rows.items()}

    for surname, person, _ in stored:
        page = client.get(f"/persons/{person}?lang=en").get_data(as_text=True)
        answer = client.get(f"/api/persons/{person}").get_json()
        if surname in BARE:
            assert fate_as_written_on(page) is None, surname
            assert answer["fate_as_written"] is None, surname
        else:
            assert fate_as_written_on(page) == f"as the source writes it: “{rows[surname][0]}”"
            assert answer["fate_as_written"] == rows[surname][0]
