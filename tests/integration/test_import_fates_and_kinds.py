"""Fates and site kinds as real files write them: what a cell names at word starts is
stored, whatever other words hold the same letters; a cell naming two fates, or a cemetery
not named a military one, is refused with its row, column and value."""

from sqlalchemy import text


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


FATES = {
    "Гранатов": ("убит осколком гранаты", "killed"),
    "Ранеев": ("убит (ранее числился пропавшим без вести)", "killed"),
    "Раневичев": ("погиб в бою у д. Раневичи", "killed"),
    "Нераненов": ("не ранен, убит", "killed"),
    "Освобождёнов": ("освобожден из плена, погиб в бою", "killed"),
    "Ранин": ("умер от ран", "died_of_wounds"),
    "Забітаў": ("забіты", "killed"),
    "Прапаўскі": ("прапаў без вестак", "missing"),
    "Палонны": ("загінуў у палоне", "died_in_captivity"),
    "Памёраў": ("памёр ад ран", "died_of_wounds"),
    "Минскеров": ("умер в г. Минске 12.03.1942 от ран", "died_of_wounds"),
    "Ламсдорфов": ("умер в плену от ран", "died_in_captivity"),
    # No death stated: what the record says, never a death.
    "Ранетов": ("тяжело ранен", "wounded"),
    "Попавшев": ("попал в плен", "captured"),
    # A wound beside another fate is a circumstance of it.
    "Пленов": ("ранен, попал в плен", "captured"),
    "Раннев": ("Погиб (ранее ранен)", "killed"),
    "Госпиталев": ("Тяжело ранен, умер в госпитале", "died"),
    "Лагерев": ("военнопленный, умер", "died_in_captivity"),
    "Расстрелов": ("Расстрелян немецкими оккупантами", "executed"),
    "Причинов": ("от ран, полученных в бою", "died_of_wounds"),
    "Шталагов": ("умер в плену, шталаг 352", "died_in_captivity"),
}


def _stored(engine, table: str, columns: str, batch_id: int) -> dict:
    """{key: value} of the two ``columns`` of the records an import batch added."""
    with engine.connect() as conn:
        found = conn.execute(
            text(f"SELECT {columns} FROM {table} WHERE import_batch_id = :b"), {"b": batch_id}
        )
        return dict(found.all())


def test_fates_are_read_by_their_words_and_two_fates_are_refused(run, tmp_path, engine, counts):
    rows = "".join(f'{surname},Иван,"{cell}"\n' for surname, (cell, _) in FATES.items())
    report = run("persons", write(tmp_path, "fate.csv", "Фамилия,Имя,Причина выбытия\n" + rows))
    assert report.ok and report.added == len(FATES), [str(p) for p in report.problems]
    stored = _stored(engine, "persons", "surname, fate", report.batch_id)
    assert stored == {surname: fate for surname, (_, fate) in FATES.items()}

    before = counts()
    content = (
        "Фамилия,Имя,Лёс\n"
        "Двоев,Иван,убит / пропал без вести\n"
        'Пленов,Иван,"Умер от ран, до этого был в плену"\n'
        "Годнов,Иван,загінуў\n"
        'Раннев,Иван,"пропал без вести (в плену)"\n'
    )
    report = run("persons", write(tmp_path, "two.csv", content))
    assert not report.committed and counts() == before
    assert [str(p) for p in report.problems] == [
        "row 2, column 'Лёс': the cell names two fates, killed ('убит') and missing "
        "('пропал'); write the one the record gives (убит / умер от ран / пропал без вести "
        "/ умер в плену / умер / расстрелян / ранен / попал в плен) and keep the rest in the "
        "biography "
        "(value: 'убит / пропал без вести')",
        "row 3, column 'Лёс': the cell names two fates, died_of_wounds ('ран') and "
        "captured ('плену'); write the one the record gives (убит / умер от ран / "
        "пропал без вести / умер в плену / умер / расстрелян / ранен / попал в плен) and keep "
        "the rest "
        "in the biography (value: 'Умер от ран, до этого был в плену')",
        "row 5, column 'Лёс': the cell names two fates, missing ('пропал') and "
        "captured ('плену'); write the one the record gives (убит / умер от ран / "
        "пропал без вести / умер в плену / умер / расстрелян / ранен / попал в плен) and keep "
        "the rest "
        "in the biography (value: 'пропал без вести (в плену)')",
    ]


BURNT = {
    "Сожжёнов": ("сожжён карателями", "killed"),
    "Сожжёнова": ("Сожжена", "killed"),
    "Танкистов": ("сгорел в танке", "killed"),
    "Раненов": ("ранен и сгорел в танке", "killed"),
    "Спаленаў": ("спалены карнікамі", "killed"),
    "Згарэлаў": ("згарэў у танку", "killed"),
    "Өртелов": ("өртелді", "killed"),
    "Лагерный": ("сожжён в концлагере", "died_in_captivity"),
}


def test_a_death_by_burning_is_stored_as_killed(run, tmp_path, engine, counts):
    """ "Сожжён карателями", "сгорел в танке", (be) "спалены", "згарэў", (kk) "өртелді"
    were refused as naming no fate; they are killed, as "замучен" is. A cell naming it
    beside another fate is refused with both, and nothing of the file is stored."""
    content = "Фамилия,Имя,Лёс\n" + "".join(
        f'{surname},Иван,"{cell}"\n' for surname, (cell, _) in BURNT.items()
    )
    report = run("persons", write(tmp_path, "burnt.csv", content))
    assert report.ok and report.added == len(BURNT), [str(p) for p in report.problems]
    stored = _stored(engine, "persons", "surname, fate", report.batch_id)
    assert stored == {surname: fate for surname, (_, fate) in BURNT.items()}

    before = counts()
    content = "Фамилия,Имя,Лёс\nДвоев,Иван,сгорел в танке / пропал без вести\n"
    report = run("persons", write(tmp_path, "two.csv", content))
    assert not report.committed and counts() == before
    assert [(p.row, p.column, p.value) for p in report.problems] == [
        (2, "Лёс", "сгорел в танке / пропал без вести")
    ]
    assert "two fates, killed ('сгорел') and missing ('пропал')" in report.problems[0].reason


KINDS = {
    "Братская могила у школы": ("Братская могила на гражданском кладбище", "mass_grave"),
    "Братская могила у реки": ("Братская могила (перенесена на воинское кладбище)", "mass_grave"),
    "Кладбище у станции": ("Воинское кладбище", "military_cemetery"),
    "Памятник у моста": ("Памятник на братской могиле", "mass_grave"),
    "Кладбище у леса": ("Кладбище воинов-освободителей", "military_cemetery"),
}


def test_a_site_s_kind_is_its_head_phrase_s_and_a_village_cemetery_is_refused(
    run, tmp_path, engine, counts
):
    rows = "".join(
        f'{name},"{cell}",54.{61 + i},30.{61 + i}\n'
        for i, (name, (cell, _)) in enumerate(KINDS.items())
    )
    content = "Название,Вид захоронения,Широта,Долгота\n" + rows
    report = run("sites", write(tmp_path, "kinds.csv", content))
    assert report.ok and report.added == len(KINDS), [str(p) for p in report.problems]
    stored = _stored(engine, "burial_sites", "name, kind", report.batch_id)
    assert stored == {name: kind for name, (_, kind) in KINDS.items()}

    before = counts()
    content = (
        "Название,Вид захоронения,Широта,Долгота\n"
        "Захоронение у деревни,Захоронение на сельском кладбище,54.71,30.71\n"
    )
    report = run("sites", write(tmp_path, "civil.csv", content))
    assert not report.committed and counts() == before
    assert [str(p) for p in report.problems] == [
        "row 2, column 'Вид захоронения': a cemetery not named a military one (воинское, "
        "военное, вайсковыя) is none of the kinds a site has; write what lies there: "
        "Братская могила, Индивидуальная могила, Воинское кладбище or Мемориал "
        "(value: 'Захоронение на сельском кладбище')"
    ]
