"""Undoing an import of sites that persons are buried at: burials another import made
name that import, to be undone first; a person linked to a site since, not by an import,
is work on the site, which stays (listed; --keep-edited removes the rest)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from mapapp.importers.batches import (
    UndoError,
    UndoRefused,
    undo_batch,
    undo_batch_keeping_edited,
)
from tests.integration.test_import_real_files import write

SITES = (
    "name,kind,register_number,lat,lon\n"
    "Могила у Ольшанки,mass grave,U7-1,54.31,28.11\n"
    "Могила у Берёзовки,mass grave,U7-2,54.35,28.15\n"
)


def test_burials_of_another_import_name_it(run, tmp_path, engine, counts):
    sites = run("sites", write(tmp_path, "sites.csv", SITES))
    persons = run(
        "persons",
        write(
            tmp_path, "persons.csv", "Фамилия,Имя,Учетный номер захоронения\nОльшанов,Иван,U7-1\n"
        ),
    )
    before = counts()
    with pytest.raises(
        UndoError,
        match=rf"they were imported with batch {persons.batch_id} \(1\); undo that import first",
    ):
        undo_batch(engine, sites.batch_id)
    assert counts() == before
    undo_batch(engine, persons.batch_id)
    undo_batch(engine, sites.batch_id)


def test_a_person_linked_by_hand_is_work_on_the_site_which_stays(run, tmp_path, engine):
    sites = run("sites", write(tmp_path, "sites.csv", SITES))
    with engine.begin() as conn:
        person = conn.execute(
            text(
                "INSERT INTO persons (ref, surname) VALUES ('test:u7:hand', 'Ручнов') RETURNING id"
            )
        ).scalar_one()
        site = conn.execute(
            text("SELECT id FROM burial_sites WHERE register_number = 'U7-1'")
        ).scalar_one()
        burial = conn.execute(
            text("INSERT INTO burials (person_id, site_id) VALUES (:p, :s) RETURNING id"),
            {"p": person, "s": site},
        ).scalar_one()
    with pytest.raises(UndoRefused) as refused:
        undo_batch(engine, sites.batch_id)
    assert f"burial #{burial} of person #{person}, linked since or kept by an undo" in str(
        refused.value.worked.listed[0]
    )
    counts, kept = undo_batch_keeping_edited(engine, sites.batch_id)
    assert counts["burial_sites"] == 1 and kept.total == 1
    with engine.begin() as conn:
        left = (
            conn.execute(
                text("SELECT register_number FROM burial_sites WHERE register_number LIKE 'U7-%'")
            )
            .scalars()
            .all()
        )
        assert left == ["U7-1"]
        conn.execute(text("DELETE FROM burials WHERE id = :b"), {"b": burial})
        conn.execute(text("DELETE FROM persons WHERE id = :p"), {"p": person})
        conn.execute(text("DELETE FROM burial_sites WHERE register_number = 'U7-1'"))


def test_a_person_an_undo_kept_is_work_on_his_site_not_a_dead_end(run, tmp_path, engine):
    sites = run("sites", write(tmp_path, "sites.csv", SITES))
    persons = run(
        "persons",
        write(
            tmp_path,
            "persons.csv",
            "Фамилия,Имя,Учетный номер захоронения\nОставлен,Иван,U7-1\nУбран,Пётр,U7-2\n",
        ),
    )
    with engine.begin() as conn:  # someone's fix since the import
        conn.execute(text("UPDATE persons SET rank = 'сержант' WHERE surname = 'Оставлен'"))
    _, kept = undo_batch_keeping_edited(engine, persons.batch_id)
    assert kept.total == 1
    with pytest.raises(UndoRefused) as refused:  # not "undo batch N first": it was
        undo_batch(engine, sites.batch_id)
    assert "kept by an undo" in str(refused.value.worked.listed[0])
    counts, kept_sites = undo_batch_keeping_edited(engine, sites.batch_id)
    assert counts["burial_sites"] == 1 and kept_sites.total == 1
    with engine.begin() as conn:
        conn.execute(
            text(
                "DELETE FROM burials WHERE person_id IN "
                "(SELECT id FROM persons WHERE surname = 'Оставлен')"
            )
        )
        conn.execute(text("DELETE FROM persons WHERE surname = 'Оставлен'"))
        conn.execute(text("DELETE FROM burial_sites WHERE register_number = 'U7-1'"))
