"""A Kazakh list whose headers are typed three ways, one to a column: with the Kazakh letters
("Тегі"), with a Latin i for і ("Есiмi"), and on a Russian keyboard ("Акесинин аты"). Each
is read as its field, as headers are compared folded (columns.fold_header); a second list
pasted below, its header typed otherwise, repeats the header: only that line is refused."""

from __future__ import annotations

from sqlalchemy import text

HEADER = "Тегі;Есiмi;Акесинин аты;Туған жылы;Жерленген жери\n"
ROWS = "Тестбаев;Ерлан;Болатулы;1921;Шуховцы\nТестқұлов;Серік;Асанұлы;1915;Шуховцы\n"


def _stored(engine, batch_id):
    with engine.connect() as conn:
        return [
            tuple(p)
            for p in conn.execute(
                text(
                    "SELECT p.surname, p.given_name, p.patronymic, p.birth_year, b.site_id "
                    "FROM persons p LEFT JOIN burials b ON b.person_id = p.id "
                    "WHERE p.import_batch_id = :b ORDER BY p.import_row"
                ),
                {"b": batch_id},
            )
        ]


def test_kazakh_headers_typed_three_ways_map_and_store_each_column(
    run, tmp_path, engine, shukhovtsy_id
):
    path = tmp_path / "kazakh_headers_three_ways.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    report = run("persons", path)
    assert report.ok and report.committed and report.added == 2, report.problems
    assert report.mapped == {
        "Тегі": "surname",
        "Есiмi": "given_name",
        "Акесинин аты": "patronymic",
        "Туған жылы": "birth_date",
        "Жерленген жери": "burial_place",
    }
    assert report.unmapped == []
    assert _stored(engine, report.batch_id) == [
        ("Тестбаев", "Ерлан", "Болатулы", 1921, shukhovtsy_id),
        ("Тестқұлов", "Серік", "Асанұлы", 1915, shukhovtsy_id),
    ]


def test_a_list_pasted_below_with_its_header_typed_otherwise_repeats_the_header(
    run, tmp_path, engine, shukhovtsy_id
):
    """The header typed without the Kazakh letters names the same columns: a repeated
    header, not another table's, so the file is read and only that line refused."""
    path = tmp_path / "kazakh_headers_pasted.csv"
    below = "Теги;Есімі;Әкесінің аты;Туган жылы;Жерленген жері\n"
    path.write_text(HEADER + ROWS + below + "Тестжанов;Мұрат;Ерланұлы;1919;Шуховцы\n", "utf-8")
    report = run("persons", path, skip_invalid=True)
    assert report.committed and report.added == 3, report.problems
    assert [(p.row, p.reason.split(" (")[0]) for p in report.problems] == [
        (4, "repeats the header")
    ]
    assert _stored(engine, report.batch_id)[2] == (
        "Тестжанов", "Мұрат", "Ерланұлы", 1919, shukhovtsy_id,
    )  # fmt: skip


def test_inspect_offers_a_header_holding_a_kazakh_one_typed_without_its_letters(tmp_path):
    """ "Теги бойца" (the soldier's surname) holds "Тегі" typed on a Russian keyboard: it
    is the likeliest column for the surname the mapping lacks."""
    from mapapp.importers.inspect import inspect_file
    from mapapp.importers.runner import ImportOptions

    path = tmp_path / "kazakh_headers_inspect_folded.csv"
    path.write_text("Теги бойца;Аты;Туган жылы\nТестбаев;Ерлан;1921\n", encoding="utf-8")
    lines = inspect_file(ImportOptions(kind="persons", path=path))
    assert "    Теги бойца → (not mapped; kept in provenance; likeliest: 'surname')" in lines
    assert (
        "  missing: no column for 'surname' or 'full_name', which an import needs (likeliest: "
        "'Теги бойца')"
    ) in lines
