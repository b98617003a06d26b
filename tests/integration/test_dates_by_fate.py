"""The stored date of a person is the register's date column (OBD's "Дата выбытия"): for the
missing, the wounded and the taken prisoner it is no date of death, and no page, list or
answer calls it one; for the fates that are a death it stays the date of death."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

PERSONS = {
    # surname: (given name, patronymic, fate, (year, month, day))
    "Пропавшая": ("Мария", "Ивановна", "missing", (1943, 10, 12)),
    "Раненов": ("Пётр", None, "wounded", (1944, 6, 24)),
    "Пленов": ("Сергей", None, "captured", (1941, 7, None)),
    "Убитов": ("Иван", None, "killed", (1944, 6, 23)),
    "Безсудьбов": ("Олег", None, None, (1944, None, None)),
}


@pytest.fixture()
def fated(scratch, engine):
    site = scratch.site("Тестовая могила дат", 30.2, 54.2)
    ids = {}
    for surname, (given, patronymic, fate, (year, month, day)) in PERSONS.items():
        person = scratch.person(site, surname, given_name=given, patronymic=patronymic)
        with engine.begin() as conn:
            conn.execute(
                text(
                    "UPDATE persons SET fate = :f, death_year = :y, death_month = :m, "
                    "death_day = :d WHERE id = :id"
                ),
                {"f": fate, "y": year, "m": month, "d": day, "id": person},
            )
        ids[surname] = person
    return site, ids


def _facts(html: str) -> dict[str, str]:
    facts = html.split('<dl class="facts">', 1)[1].split("</dl>", 1)[0]
    return {
        dt.strip(): re.sub(r"<[^>]+>", "", dd).strip()
        for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", facts, re.S)
    }


@pytest.mark.parametrize(
    ("surname", "label", "shown"),
    [
        ("Пропавшая", "Missing since", "12.10.1943"),
        ("Раненов", "Date of loss", "24.06.1944"),
        ("Пленов", "Date of loss", "07.1941"),
        ("Убитов", "Date of death", "23.06.1944"),
        ("Безсудьбов", "Date of death", "1944"),
    ],
)
def test_the_person_page_labels_the_date_as_what_it_is(client, fated, surname, label, shown):
    _, ids = fated
    facts = _facts(client.get(f"/persons/{ids[surname]}?lang=en").get_data(as_text=True))
    assert facts[label].startswith(shown), facts
    assert "Died" not in facts
    assert ("the record states no death" in facts[label]) == (label != "Date of death")


def test_no_russian_page_says_a_missing_woman_died(client, fated):
    _, ids = fated
    html = client.get(f"/persons/{ids['Пропавшая']}?lang=ru").get_data(as_text=True)
    facts = _facts(html)
    assert facts["Судьба"] == "Пропал без вести"
    assert not [label for label in facts if label.startswith("Умер")], facts


def _row(html: str, person_id: int) -> str:
    return re.search(rf'<tr>\s*<td><a[^>]*href="/persons/{person_id}".*?</tr>', html, re.S).group(0)


def test_the_site_list_and_the_search_label_the_date_in_each_row(client, fated):
    site, ids = fated
    pages = {
        "site": client.get(f"/sites/{site}?lang=en").get_data(as_text=True),
        "search": client.get("/search?q=Пропавшая+Мария&lang=en").get_data(as_text=True),
    }
    for name, html in pages.items():
        head = html.split('class="persons"', 1)[1].split("</thead>", 1)[0]
        assert ">Died<" not in head and "Date of death or loss" in head, name
        row = _row(html, ids["Пропавшая"])
        assert 'data-label="Missing since"' in row, name
        assert re.search(r'<span class="date-means">Missing since</span>\s*12\.10\.1943', row)
    html = pages["site"]
    for surname, label in (("Раненов", "Date of loss"), ("Убитов", "Date of death")):
        row = _row(html, ids[surname])
        assert f'data-label="{label}"' in row, surname
        assert ('class="date-means"' in row) == (label != "Date of death"), surname


def test_the_json_keeps_death_date_and_says_what_it_is(client, fated):
    site, ids = fated
    means = {
        "Пропавшая": "missing_since",
        "Раненов": "loss",
        "Пленов": "loss",
        "Убитов": "death",
        "Безсудьбов": "death",
    }
    for surname, meaning in means.items():
        person = client.get(f"/api/persons/{ids[surname]}").get_json()
        year, month, day = PERSONS[surname][3]
        assert person["death_date"].endswith(str(year)), surname
        assert person["death_date_means"] == meaning, surname
    listed = client.get(f"/api/sites/{site}/persons").get_json()["items"]
    assert {p["surname"]: p["death_date_means"] for p in listed} == means
    found = client.get("/api/persons?q=Пропавшая").get_json()["items"]
    assert [
        (p["death_date"], p["death_date_means"]) for p in found if p["id"] == ids["Пропавшая"]
    ] == [("12.10.1943", "missing_since")]


def test_no_date_means_nothing(client, scratch):
    site = scratch.site("Тестовая могила без дат", 30.3, 54.3)
    person = scratch.person(site, "Бездатов")
    answer = client.get(f"/api/persons/{person}").get_json()
    assert answer["death_date"] is None and answer["death_date_means"] is None
