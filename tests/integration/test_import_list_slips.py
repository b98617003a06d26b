"""Lists as they come from a spreadsheet: ids a spreadsheet rounded into exponent form."""

from sqlalchemy import text

GRAVE = "Шуховцы;Дубровенский"


def write(tmp_path, name: str, lines: list[str]):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored(engine, surnames: list[str]) -> list[tuple]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT surname, given_name, patronymic, record_id, ref FROM persons "
                    "WHERE surname = ANY(:s) ORDER BY record_id, given_name"
                ),
                {"s": surnames},
            )
        ]


def test_ids_a_spreadsheet_rounded_into_exponent_form_are_refused(run, tmp_path, engine):
    """5,12346E+13 is what a spreadsheet shows of 51234567890123: two men's ids read as
    one, and the id as written is no man's. Each row is refused naming its cell, not as
    "one id, two rows", and none is stored under the rounded id."""
    path = write(
        tmp_path,
        "obd.csv",
        [
            "ID записи;Фамилия;Имя;Место захоронения;Район захоронения",
            f"5,12346E+13;Экспонентов;Иван;{GRAVE}",
            f"5,12346E+13;Экспонентов;Пётр;{GRAVE}",
            f"1,23457E+11;Округлов;Павел;{GRAVE}",
            f"7.80001e-05;Дробнов;Семён;{GRAVE}",
            f"51234567890124;Целов;Илья;{GRAVE}",
        ],
    )
    report = run("persons", path, skip_invalid=True)
    assert report.committed and (report.added, report.rejected) == (1, 4)
    problems = [str(p) for p in report.problems]
    assert not any("one id, two rows" in p for p in problems)
    for row, value in ((2, "5,12346E+13"), (3, "5,12346E+13"), (4, "1,23457E+11"),
                       (5, "7.80001e-05")):  # fmt: skip
        assert any(
            p.startswith(f"row {row}, column 'ID записи': a number in exponent form: a "
                         "spreadsheet rounded the id")
            and "export the ids as text" in p
            and p.endswith(f"(value: {value!r})")
            for p in problems
        ), problems  # fmt: skip
    names = ["Экспонентов", "Округлов", "Дробнов", "Целов"]
    assert [r[:4] for r in stored(engine, names)] == [("Целов", "Илья", None, "51234567890124")]
    with engine.connect() as conn:
        assert not conn.execute(
            text("SELECT count(*) FROM persons WHERE ref ILIKE '%E+%' OR record_id ILIKE '%E+%'")
        ).scalar()
