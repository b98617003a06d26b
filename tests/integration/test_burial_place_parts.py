"""A burial place cell that writes the site's settlement with its district, region or
the kind of grave, as registers do, finds the settlement's site of that kind in that
district; a kind or district the site is not, or a part that is none of these, is
refused as before."""

from sqlalchemy import text

from mapapp.importers.burial_place_parts import PlaceParts, burial_place_parts

FOUND = [
    "Витебская обл., Дубровенский р-н, д. Шуховцы",
    "Дубровенский р-н, д. Шуховцы",
    "Братская могила, д. Шуховцы",
    "д. Шуховцы, братская могила",
    "Братская могила д. Шуховцы",
    "дер. Шуховцы",
    "Шуховцы ауылы",
]
REFUSED = {
    "Воинское кладбище, д. Шуховцы": "no burial site named 'Воинское кладбище, д. Шуховцы'",
    "Оршанский р-н, д. Шуховцы": "no burial site named 'Оршанский р-н, д. Шуховцы' in "
    "'Оршанский р-н'",
    "д. Шуховцы, у школы": "no burial site named 'д. Шуховцы, у школы'",
    "Братская могила №2, д. Шуховцы": "no burial site named 'Братская могила №2, д. Шуховцы'",
    # A region alone does not say which settlement of that name.
    "Гомельская обл., д. Шуховцы": "no burial site named 'Гомельская обл., д. Шуховцы'",
}


def test_the_parts_of_a_burial_place_cell():
    assert burial_place_parts("Витебская обл., Дубровенский р-н, д. Шуховцы") == PlaceParts(
        "д. Шуховцы", "Дубровенский р-н, Витебская обл.", None
    )
    assert burial_place_parts("г. Дубровно, воинское кладбище") == PlaceParts(
        "г. Дубровно", None, "military_cemetery"
    )
    assert burial_place_parts("Братская могила д. Ляды") == PlaceParts(
        "д. Ляды", None, "mass_grave"
    )
    for cell in (
        "д. Ляды",
        "д. Ляды, д. Буда",
        "д. Ляды, у школы",
        "Сельское кладбище, д. Ляды",
        "Гомельская обл., д. Ляды",
        "Ляды, Смоленская обл.",
    ):
        assert burial_place_parts(cell) is None, cell


def test_a_settlement_with_its_district_or_kind_finds_its_site(
    run, tmp_path, engine, shukhovtsy_id
):
    cells = FOUND + list(REFUSED)
    rows = "".join(f'{n},Местов{n},Иван,"{cell}"\n' for n, cell in enumerate(cells, start=1))
    path = tmp_path / "places.csv"
    path.write_text("№ записи,Фамилия,Имя,Место захоронения\n" + rows, encoding="utf-8")
    report = run("persons", path, skip_invalid=True)
    assert report.committed and report.added == len(FOUND)
    refused = {cells[p.row - 2]: p.reason for p in report.problems}
    assert refused == REFUSED
    with engine.connect() as conn:
        sites = conn.execute(
            text(
                "SELECT DISTINCT b.site_id FROM burials b JOIN persons p ON p.id = b.person_id "
                "WHERE p.import_batch_id = :b"
            ),
            {"b": report.batch_id},
        ).scalars()
        assert list(sites) == [shukhovtsy_id]


def test_a_cell_s_district_and_the_district_column_must_agree(run, tmp_path, shukhovtsy_id):
    path = tmp_path / "two_districts.csv"
    path.write_text(
        "№ записи,Фамилия,Имя,Место захоронения,Район захоронения\n"
        '1,Согласов,Иван,"д. Шуховцы, Дубровенский р-н",Дубровенский район\n'
        '2,Несогласов,Иван,"д. Шуховцы, Оршанский р-н",Дубровенский район\n',
        encoding="utf-8",
    )
    report = run("persons", path, skip_invalid=True)
    assert report.committed and report.added == 1
    assert [(p.row, p.reason) for p in report.problems] == [
        (
            3,
            "the burial place 'д. Шуховцы, Оршанский р-н' names the district 'Оршанский р-н', "
            "and the district column 'Дубровенский район': which is right is for a person to say",
        )
    ]


def _zarechye_sites(run, tmp_path) -> None:
    """Заречье-1 and Заречье-2 of one district, a grave each."""
    sites = tmp_path / "zarechye.csv"
    sites.write_text(
        "Название,Вид,Населённый пункт,Район,Широта,Долгота\n"
        "Братская могила,Братская могила,д. Заречье-1,Дубровенский район,54.51000,30.50000\n"
        "Братская могила,Братская могила,д. Заречье-2,Дубровенский район,54.55000,30.55000\n",
        encoding="utf-8",
    )
    assert run("sites", sites).added == 2


def test_a_settlement_s_number_in_its_part_finds_that_settlement_s_site(run, tmp_path, engine):
    # Заречье-1 and Заречье-2 of one district: the number is the settlement's, and finds
    # its site with the parts around it; a number of the grave's is still refused.
    _zarechye_sites(run, tmp_path)
    persons = tmp_path / "zarechye_persons.csv"
    persons.write_text(
        "№ записи,Фамилия,Имя,Место захоронения\n"
        '1,Заречнов,Иван,"Братская могила, д. Заречье-2"\n'
        '2,Заречнов,Пётр,"Витебская обл., Дубровенский р-н, д. Заречье-1"\n'
        '3,Заречнов,Олег,"Братская могила №2, д. Заречье-1"\n',
        encoding="utf-8",
    )
    report = run("persons", persons, skip_invalid=True)
    assert [(p.row, p.reason) for p in report.problems] == [
        (4, "no burial site named 'Братская могила №2, д. Заречье-1'")
    ]
    with engine.connect() as conn:
        buried = conn.execute(
            text(
                "SELECT p.given_name, s.settlement FROM persons p "
                "JOIN burials b ON b.person_id = p.id JOIN burial_sites s ON s.id = b.site_id "
                "WHERE p.import_batch_id = :b ORDER BY p.given_name"
            ),
            {"b": report.batch_id},
        ).all()
    assert [tuple(r) for r in buried] == [("Иван", "д. Заречье-2"), ("Пётр", "д. Заречье-1")]


def test_a_settlement_without_its_number_names_the_numbered_sites(run, tmp_path, engine):
    # "д. Заречье" of a district with Заречье-1 and Заречье-2: which grave is the
    # archive's to say; the refusal names both sites and how to choose one.
    _zarechye_sites(run, tmp_path)
    with engine.connect() as conn:
        refs = dict(
            conn.execute(
                text("SELECT settlement, ref FROM burial_sites WHERE settlement LIKE 'д. Зар%'")
            ).all()
        )
    persons = tmp_path / "zarechye_persons.csv"
    persons.write_text(
        "№ записи,Фамилия,Имя,Место захоронения,Район захоронения\n"
        "1,Заречнов,Иван,д. Заречье,Дубровенский район\n"
        '2,Заречнов,Пётр,"Братская могила, д. Заречье",Дубровенский район\n'
        "3,Заречнов,Олег,д. Заречье,Оршанский район\n",
        encoding="utf-8",
    )
    report = run("persons", persons, skip_invalid=True)
    assert report.added == 0
    candidates = (
        f"ref {refs['д. Заречье-1']!r} (Братская могила, д. Заречье-1), "
        f"ref {refs['д. Заречье-2']!r} (Братская могила, д. Заречье-2)"
    )
    remedy = "which one is for the archive to say; give its ref in the site ref column"
    assert [(p.row, p.reason) for p in report.problems] == [
        (2, f"'д. Заречье' in 'Дубровенский район' matches 2 sites: {candidates}; {remedy}"),
        (
            3,
            "'Братская могила, д. Заречье' in 'Дубровенский район' matches 2 sites: "
            f"{candidates}; {remedy}",
        ),
        # Another district's Заречье: none of these.
        (4, "no burial site named 'д. Заречье' in 'Оршанский район'"),
    ]


def test_a_settlement_without_the_number_of_its_one_numbered_site_names_it(run, tmp_path, engine):
    # One numbered site of that name: still not guessed, but named.
    sites = tmp_path / "zarechye_3.csv"
    sites.write_text(
        "Название,Вид,Населённый пункт,Район,Широта,Долгота\n"
        "Братская могила,Братская могила,д. Заречье-3,Оршанский район,54.45000,30.40000\n",
        encoding="utf-8",
    )
    assert run("sites", sites).added == 1
    with engine.connect() as conn:
        ref = conn.execute(
            text("SELECT ref FROM burial_sites WHERE settlement = 'д. Заречье-3'")
        ).scalar_one()
    persons = tmp_path / "zarechye_3_persons.csv"
    persons.write_text(
        "№ записи,Фамилия,Имя,Место захоронения,Район захоронения\n"
        "1,Заречнов,Иван,д. Заречье,Оршанский район\n",
        encoding="utf-8",
    )
    report = run("persons", persons, skip_invalid=True)
    assert report.added == 0
    assert [(p.row, p.reason) for p in report.problems] == [
        (
            2,
            "'д. Заречье' in 'Оршанский район' names no number, and the one site of that name "
            f"carries one: ref {ref!r} (Братская могила, д. Заречье-3); whether it is that one "
            "is for the archive to say; give its ref in the site ref column",
        )
    ]
