"""A site its row gives no coordinates for is put at a gazetteer place's centre: the place
is stored as data (site_placements), the row's own note as written, and every page says
in its own language where the point was put."""

import csv
import io
import re

import pytest
from sqlalchemy import text

from mapapp import db as database
from mapapp.exports import SITE_COLUMNS, rows, write_csv
from mapapp.importers.batches import undo_batch

ROWS = (
    "Название,Тип,Населённый пункт,Район,Широта,Долгота,Примечание о месте\n"
    "Братская могила в Орше,братская могила,Орша,Оршанский район,,,\n"
    "Братская могила в Оршанском районе,братская могила,,Оршанский район,,,"
    '"У моста; за церковью, 200 м"\n'
)
IN_TOWN, IN_DISTRICT = "Братская могила в Орше", "Братская могила в Оршанском районе"


def _placed(engine, client, batch_id) -> dict[str, tuple]:
    """Each site of the batch by name: id, precision, note and gazetteer place (as the
    site's JSON gives it)."""
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT name, id, location_precision, location_note FROM burial_sites "
                "WHERE import_batch_id = :b"
            ),
            {"b": batch_id},
        ).all()
    return {
        name: (site_id, precision, note, _properties(client, site_id).get("gazetteer_place"))
        for name, site_id, precision, note in found
    }


def _properties(client, site_id: int) -> dict:
    return client.get(f"/api/sites/{site_id}").get_json()["properties"]


@pytest.fixture()
def placed(run, tmp_path, engine, client):
    path = tmp_path / "no_coordinates.csv"
    path.write_text(ROWS, encoding="utf-8")
    report = run("sites", path)
    assert report.committed and report.added == 2, [str(p) for p in report.problems]
    return report, _placed(engine, client, report.batch_id)


def test_the_gazetteer_place_is_stored_and_the_note_is_the_row_s_own(placed, client, engine):
    _, sites = placed
    town_id, district_id = sites[IN_TOWN][0], sites[IN_DISTRICT][0]
    # The row's own note as written, and nothing added to it.
    assert sites[IN_DISTRICT][1:3] == ("district", "У моста; за церковью, 200 м")
    assert sites[IN_TOWN][1:3] == ("settlement_centre", None)
    assert sites[IN_TOWN][3] == sites[IN_DISTRICT][3] == "Орша"
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT site_id, gazetteer_place FROM site_placements WHERE site_id = ANY(:s)"),
            {"s": [town_id, district_id]},
        ).all()
    assert sorted(stored) == [(town_id, "Орша"), (district_id, "Орша")]
    for site_id, note in ((town_id, None), (district_id, "У моста; за церковью, 200 м")):
        properties = _properties(client, site_id)
        assert (properties["location_note"], properties["gazetteer_place"]) == (note, "Орша")
        item = client.get(f"/ogc/collections/burial_sites/items/{site_id}?f=json").get_json()
        assert item["properties"]["gazetteer_place"] == "Орша"
        assert item["properties"]["location_note"] == note
    with engine.connect() as conn:
        exported = {r["name"]: r for r in rows(conn, "sites") if r["name"] in sites}
    assert exported[IN_TOWN]["gazetteer_place"] == "Орша"
    assert exported[IN_TOWN]["location_note"] is None


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_the_site_page_explains_the_place_in_the_page_s_language(placed, client):
    _, sites = placed
    town = f"/sites/{sites[IN_TOWN][0]}"
    district = f"/sites/{sites[IN_DISTRICT][0]}"
    ru = _text(client.get(f"{town}?lang=ru").get_data(as_text=True))
    assert "точка поставлена в центре населённого пункта Орша." in ru
    en_html = client.get(f"{town}?lang=en").get_data(as_text=True)
    assert 'placed at the centre of <span lang="ru">Орша</span>.' in en_html
    assert "gives no coordinates" not in ru and "imported row" not in en_html
    ru = _text(client.get(f"{district}?lang=ru").get_data(as_text=True))
    assert "точка поставлена в районном центре Орша (Оршанский район)." in ru
    assert "У моста; за церковью, 200 м" in ru
    en = _text(client.get(f"{district}?lang=en").get_data(as_text=True))
    assert "placed at the district centre, Орша (Оршанский район)." in en
    be = _text(client.get(f"{district}?lang=be").get_data(as_text=True))
    assert "кропка пастаўлена ў раённым цэнтры Орша (Оршанский район)." in be
    kk = _text(client.get(f"{town}?lang=kk").get_data(as_text=True))
    assert "нүкте елді мекеннің орталығына қойылды: Орша." in kk


def test_a_place_name_is_shown_as_text(scratch, engine, client):
    site = scratch.site("Test placed site", 30.4, 54.5, location_precision="settlement_centre")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO site_placements VALUES (:s, '<b>Орша</b>')"), {"s": site})
    html = client.get(f"/sites/{site}?lang=ru").get_data(as_text=True)
    assert "&lt;b&gt;Орша&lt;/b&gt;" in html and "<b>Орша" not in html


def test_an_exported_placed_site_imports_with_its_place(placed, run, engine, client, tmp_path):
    report, sites = placed
    with engine.connect() as conn:
        exported = [r for r in rows(conn, "sites") if r["name"] in sites]
    out = io.StringIO()
    write_csv(exported, SITE_COLUMNS, out)
    undo_batch(engine, report.batch_id)
    again = run("sites", _written(tmp_path / "exported.csv", out.getvalue()))
    assert again.committed and again.added == 2 and not again.unmapped
    stored = _placed(engine, client, again.batch_id)
    assert {n: v[1:] for n, v in stored.items()} == {n: v[1:] for n, v in sites.items()}
    # A point the row gives itself is no gazetteer place's centre.
    contradicting = next(csv.DictReader(io.StringIO(out.getvalue())))
    contradicting.update(ref="test:placed:site", location_precision="site")
    out = io.StringIO()
    write_csv([contradicting], SITE_COLUMNS, out)
    refused = run("sites", _written(tmp_path / "site.csv", out.getvalue()))
    assert not refused.committed
    assert [p.column for p in refused.problems] == ["gazetteer_place"]
    assert "not site" in refused.problems[0].reason


def _written(path, content: str):
    path.write_text(content, encoding="utf-8")
    return path


# As imports before migration 0021 wrote them; precision and district as stored.
OLD_FORM = {
    "town": (
        "settlement_centre",
        None,
        "placed at the centre of Орша: the imported row gives no coordinates",
    ),
    "district": (
        "district",
        "Оршанский район",
        "У моста; за церковью; placed at the centre of Оршанский район (Орша): the imported "
        "row gives no coordinates",
    ),
    "alias": (
        "settlement_centre",
        "Дубровенский район",
        "сверено на месте; placed at the centre of Ляды (Ляды-Вторые): the imported row gives "
        "no coordinates",
    ),
}
# Written otherwise: not the import's sentence, left as they are.
LOOKALIKE = {
    "capital": (
        "settlement_centre",
        None,
        "Placed at the centre of Орша: the imported row gives no coordinates",
    ),
    "full stop": (
        "settlement_centre",
        None,
        "placed at the centre of Орша: the imported row gives no coordinates.",
    ),
    "other district": (
        "district",
        "Оршанский район",
        "placed at the centre of Витебский район (Витебск): the imported row gives no coordinates",
    ),
    "own point": (
        "site",
        None,
        "placed at the centre of Орша: the imported row gives no coordinates",
    ),
    "no place": (
        "district",
        "Оршанский район",
        "placed at the centre of Оршанский район (): the imported row gives no coordinates",
    ),
}


def _stored(engine) -> dict[str, tuple]:
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT s.ref, s.location_note, "
                "(SELECT p.gazetteer_place FROM site_placements p WHERE p.site_id = s.id) "
                "FROM burial_sites s WHERE s.ref LIKE 'test:0021:%'"
            )
            if _has_placements(conn)
            else text(
                "SELECT ref, location_note, NULL FROM burial_sites WHERE ref LIKE 'test:0021:%'"
            )
        ).all()
    return {ref.removeprefix("test:0021:"): (note, place) for ref, note, place in found}


def _has_placements(conn) -> bool:
    return conn.execute(text("SELECT to_regclass('site_placements') IS NOT NULL")).scalar_one()


def test_migration_0021_moves_the_written_places_to_data_and_back(engine):
    database.downgrade(engine, "0020")
    try:
        with engine.begin() as conn:
            for ref, (precision, district, note) in (OLD_FORM | LOOKALIKE).items():
                conn.execute(
                    text(
                        "INSERT INTO burial_sites (ref, kind, name, district, location_precision, "
                        "location_note, geom) VALUES (:ref, 'mass_grave', 'Братская могила', "
                        ":district, :precision, :note, ST_SetSRID(ST_MakePoint(30.4, 54.5), 4326))"
                    ),
                    {
                        "ref": f"test:0021:{ref}",
                        "district": district,
                        "precision": precision,
                        "note": note,
                    },
                )
        database.upgrade(engine, "0021")  # this migration's own updates, none later
        assert _stored(engine) == {
            "town": (None, "Орша"),
            "district": ("У моста; за церковью", "Орша"),
            "alias": ("сверено на месте", "Ляды (Ляды-Вторые)"),
            **{ref: (note, None) for ref, (_, _, note) in LOOKALIKE.items()},
        }
        with engine.connect() as conn:
            actors = conn.execute(
                text(
                    "SELECT DISTINCT a.actor FROM audit_log a JOIN burial_sites s "
                    "ON s.id = a.row_id WHERE a.table_name = 'burial_sites' AND a.op = 'UPDATE' "
                    "AND s.ref LIKE 'test:0021:%'"
                )
            ).all()
        assert actors == [("migration 0021",)]
        database.downgrade(engine, "0020")
        assert _stored(engine) == {
            ref: (note, None) for ref, (_, _, note) in (OLD_FORM | LOOKALIKE).items()
        }
    finally:
        database.upgrade(engine)
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM burial_sites WHERE ref LIKE 'test:0021:%'"))
