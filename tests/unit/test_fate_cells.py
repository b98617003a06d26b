"""A fate as registers write it: words at word starts, never inside other words; a
negated word or captivity one came out of is no fate; a death takes in wounds or captivity
only within one clause; a wound or captivity without a death is stored as that, never as a
death; a wound beside another fate is a circumstance of it; a cell naming two fates is
refused with both named."""

import pytest

from mapapp.importers.values import parse_fate


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        # As they were read before.
        ("убит", "killed"),
        ("Убита", "killed"),
        ("погиб в бою", "killed"),
        ("умер от ран", "died_of_wounds"),
        ("скончался от ран", "died_of_wounds"),
        ("пропал без вести", "missing"),
        ("пропала без вести", "missing"),
        ("погиб в плену", "died_in_captivity"),
        ("умер в плену", "died_in_captivity"),
        # A death from wounds written as its cause, without a verb of dying.
        ("от ран", "died_of_wounds"),
        ("от ран, полученных в бою", "died_of_wounds"),
        ("ад ран", "died_of_wounds"),
        ("смертельно ранен", "died_of_wounds"),
        ("смертельное ранение", "died_of_wounds"),
        ("жарақатынан", "died_of_wounds"),
        # Tortured to death; a camp named beside a death in captivity; в/пл.
        ("замучен в плену", "died_in_captivity"),
        ("замучен в концлагере", "died_in_captivity"),
        ("умер в плену, шталаг 352", "died_in_captivity"),
        ("в/пл, умер", "died_in_captivity"),
        ("Расстреляли немцы", "executed"),
        # A wound or captivity without a death: what the record states, no death.
        ("тяжело ранен", "wounded"),
        ("Ранен", "wounded"),
        ("попал в плен", "captured"),
        ("находясь в плену", "captured"),
        ("военнопленный", "captured"),
        ("wounded", "wounded"),
        ("taken prisoner", "captured"),  # the label's words
        ("was taken prisoner in 1941", "captured"),
        # A wound beside another fate is a circumstance of it.
        ("ранен, попал в плен", "captured"),
        ("раненым попал в плен", "captured"),
        ("ранен, убит", "killed"),
        ("ранен и убит", "killed"),
        ("Погиб (ранее ранен)", "killed"),
        ("Убит (ранее ранен)", "killed"),
        ("Умер. Ранен в 1943", "died"),
        ("Тяжело ранен, умер в госпитале", "died"),
        ("ранен, пропал без вести", "missing"),
        ("ранен, умер в плену", "died_in_captivity"),
        # Wounds and captivity with a death: he died a prisoner.
        ("умер в плену от ран", "died_in_captivity"),
        ("умер от ран в плену", "died_in_captivity"),
        ("погиб в концлагере", "died_in_captivity"),
        ("умер в шталаге 352", "died_in_captivity"),
        ("памёр у канцлагеры", "died_in_captivity"),
        # A clause saying where he was at the time joins the death.
        ("Умер, находясь в плену", "died_in_captivity"),
        ("Умер от ран, находясь в плену", "died_in_captivity"),
        ("убит, будучи в плену", "died_in_captivity"),
        # So does a prisoner of war's status, as lists of the dead in camps write it.
        ("военнопленный, умер", "died_in_captivity"),
        ("Военнопленный. Умер 12.03.1942", "died_in_captivity"),
        # A clause runs on past a date's or a place's abbreviation's full stop.
        ("Умер 12.03.1942 от ран", "died_of_wounds"),
        ("умер в г. Минске от ран", "died_of_wounds"),
        ("умер в госп. от ран", "died_of_wounds"),
        ("погиб в ст. Ламсдорф в плену", "died_in_captivity"),
        # Clauses naming one fate, or one and none.
        ("Умер от ран. Похоронен в д. Ивановка", "died_of_wounds"),
        ("погиб в бою; убит снайпером", "killed"),
        ("ранен; умер от ран", "died_of_wounds"),
        ("умер", "died"),
        ("умерла от болезни", "died"),
        ("Killed in action", "killed"),
        ("died of wounds", "died_of_wounds"),
        ("died in captivity", "died_in_captivity"),
        ("missing in action", "missing"),
        ("died_of_wounds", "died_of_wounds"),
        # A word inside another word, or a word a "не" or "из" turns round, is no fate.
        ("убит осколком гранаты", "killed"),
        ("убит (ранее числился пропавшим без вести)", "killed"),
        ("погиб в бою у д. Раневичи", "killed"),
        ("не ранен, убит", "killed"),
        ("не был ранен, погиб", "killed"),
        ("освобожден из плена, погиб в бою", "killed"),
        # Shot, hanged or put to death: executed; a prisoner's execution, died in captivity.
        ("расстрелян", "executed"),
        ("Расстреляна немецкими оккупантами", "executed"),
        ("повешен", "executed"),
        ("казнён", "executed"),
        ("погиб при расстреле", "executed"),
        ("расстраляны", "executed"),
        ("расстраляна", "executed"),  # (be) she was shot
        ("расстрелян в плену", "died_in_captivity"),
        ("ранен, расстрелян", "executed"),
        # Belarusian.
        ("забіты", "killed"),
        ("загінуў", "killed"),
        ("прапаў без вестак", "missing"),
        ("загінуў у палоне", "died_in_captivity"),
        ("памёр ад ран", "died_of_wounds"),
        ("памерла", "died"),
        # Kazakh.
        ("қаза тапты", "killed"),
        ("хабарсыз кетті", "missing"),
        ("жарақаттан қайтыс болды", "died_of_wounds"),
        ("жараланып қайтыс болды", "died_of_wounds"),
        ("жараланған", "wounded"),
        ("тұтқында қайтыс болды", "died_in_captivity"),
        ("қайтыс болды", "died"),
    ],
)
def test_the_fate_a_cell_names(cell, fate):
    assert parse_fate(cell) == fate


@pytest.mark.parametrize(
    ("cell", "named"),
    [
        ("убит / пропал без вести", "killed ('убит') and missing ('пропал')"),
        ("убит и умер от ран", "killed ('убит') and died_of_wounds ('ран')"),
        ("погиб, умер", "killed ('погиб') and died ('умер')"),
        ("убит, расстрелян", "killed ('убит') and executed ('расстрелян')"),
        ("пропал без вести (в плену)", "missing ('пропал') and captured ('плену')"),
        # A death takes in captivity within its clause only: captivity in a clause of its
        # own may have ended before the death.
        ("Погиб в бою; в 1942 попадал в плен", "killed ('Погиб') and captured ('плен')"),
        ("попал в плен, умер", "died ('умер') and captured ('плен')"),
        (
            "Умер от ран, до этого был в плену",
            "died_of_wounds ('ран') and captured ('плену')",
        ),
    ],
)
def test_a_cell_naming_two_fates_is_refused_with_both(cell, named):
    with pytest.raises(ValueError, match="^the cell names two fates, ") as refused:
        parse_fate(cell)
    assert named in str(refused.value)


@pytest.mark.parametrize("cell", ["Раневичи", "гранаты", "ранее", "освобожден из плена", "улетел"])
def test_a_cell_naming_no_fate_is_refused(cell):
    with pytest.raises(ValueError, match="^unknown fate; use убит / умер от ран"):
        parse_fate(cell)


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        # Burnt, by punitive forces or in a tank: killed, as "убит" and "замучен" are.
        ("сожжён", "killed"),
        ("сожжен", "killed"),
        ("Сожжена", "killed"),
        ("сожжён карателями", "killed"),
        ("сожжена заживо немецкими карателями", "killed"),
        ("сгорел в танке", "killed"),
        ("Сгорела в доме", "killed"),
        ("погиб, сгорел в танке", "killed"),
        ("ранен и сгорел в танке", "killed"),  # a wound beside it, as "ранен и убит"
        ("сожжён в концлагере", "died_in_captivity"),  # as "замучен в концлагере"
        ("спалены карнікамі", "killed"),
        ("спалена", "killed"),
        ("згарэў у танку", "killed"),
        ("өртелді", "killed"),
        ("тірідей өртелді", "killed"),
    ],
)
def test_a_death_by_burning_is_killed(cell, fate):
    assert parse_fate(cell) == fate


@pytest.mark.parametrize(
    ("cell", "named"),
    [
        ("сгорел в танке / пропал без вести", "killed ('сгорел') and missing ('пропал')"),
        ("сожжён, расстрелян", "killed ('сожжён') and executed ('расстрелян')"),
        ("умер; сожжён карателями", "killed ('сожжён') and died ('умер')"),
    ],
)
def test_a_death_by_burning_beside_another_fate_is_refused_with_both(cell, named):
    with pytest.raises(ValueError, match="^the cell names two fates, ") as refused:
        parse_fate(cell)
    assert named in str(refused.value)


@pytest.mark.parametrize("cell", ["не сгорел", "сгоревший танк", "Сожжёнка"])
def test_a_burnt_word_negated_or_inside_another_word_is_no_fate(cell):
    with pytest.raises(ValueError, match="^unknown fate; use"):
        parse_fate(cell)


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        # A blast on a mine alone: the death registers of losses mean by it.
        ("подорвался на мине", "killed"),
        ("Подорвался на мине при разминировании", "killed"),
        ("погиб, подорвавшись на мине", "killed"),
        ("погиб при подрыве на мине", "killed"),
        ("подорван на мине", "killed"),
        ("подорвался на мине у д. Минское", "killed"),
        ("падарваўся на міне", "killed"),
        ("пры падрыве на міне загінуў", "killed"),
        # Beside a wound, it is how he was wounded; beside a death, how he died.
        ("подорвался на мине, тяжело ранен", "wounded"),
        ("ранен при подрыве на мине", "wounded"),
        ("падарваўся на міне, паранены", "wounded"),
        ("подорвался на мине, умер от ран", "died_of_wounds"),
        ("подорвался на мине и умер от ран", "died_of_wounds"),
        # Beside captivity it is a death, as "убит" is.
        ("подорвался на мине, находясь в плену", "died_in_captivity"),
        # Drowned: a death in service, not from wounds.
        ("утонул", "killed"),
        ("утонул при переправе через р. Днепр", "killed"),
        ("Утонула в реке", "killed"),
        ("утонувший при переправе", "killed"),
        ("ранен, утонул при переправе", "killed"),
        ("утануў", "killed"),
        ("патануў пры пераправе", "killed"),
        ("суға батып қаза тапты", "killed"),
        ("drowned", "killed"),
        # An accident alone is killed; beside a wound or a death, how that came.
        ("несчастный случай", "killed"),
        ("Несчастный случай.", "killed"),
        ("погиб в результате несчастного случая", "killed"),
        ("погиб при авиакатастрофе", "killed"),
        ("авиакатастрофа", "killed"),
        ("ранен в результате несчастного случая", "wounded"),
        ("умер от ран, полученных при авиакатастрофе", "died_of_wounds"),
        ("умер в результате несчастного случая", "died"),
        # Injured or shell-shocked is a wound, also where an accident says how.
        ("травмирован при несчастном случае", "wounded"),
        ("получил травму", "wounded"),
        ("контужен", "wounded"),
        ("контужен при подрыве на мине", "wounded"),
        ("кантужаны", "wounded"),
        # An injury beside a death says how he died, and is no wound of war.
        ("умер от травм", "died"),
        ("умер от травмы", "died"),
        ("погиб на фронте в результате травмы", "killed"),
        ("травмирован, умер в госпитале", "died"),
        ("умер от контузии", "died_of_wounds"),
        ("тяжело контужен, умер в госпитале", "died"),
        # A death of illness is died.
        ("умер от болезни", "died"),
        ("умер в госпитале от болезни", "died"),
        ("умер в госп. от болезни", "died"),
    ],
)
def test_a_death_written_by_how_it_came(cell, fate):
    assert parse_fate(cell) == fate


@pytest.mark.parametrize(
    ("cell", "named"),
    [
        ("подорвался на мине, пропал без вести", "killed ('подорвался') and missing ('пропал')"),
        ("подорвался на мине, попал в плен", "killed ('подорвался') and captured ('плен')"),
        ("утонул, умер от ран", "killed ('утонул') and died_of_wounds ('ран')"),
    ],
)
def test_a_blast_or_drowning_beside_another_fate_is_refused_with_both(cell, named):
    with pytest.raises(ValueError, match="^the cell names two fates, ") as refused:
        parse_fate(cell)
    assert named in str(refused.value)


@pytest.mark.parametrize(
    "cell",
    [
        # Not losses the app records a fate of: their words must not become one.
        "застрелился",
        "покончил с собой",
        "бежал из плена",
        "осужден",
        "дезертировал",
        "выбыл в госпиталь",
        "демобилизован",
        # Captivity he escaped is none: the words are his death's, not a fate's.
        "застрелился, чтобы не попасть в плен",
        "не попал в плен",
        "never taken prisoner",
        # English writes the negation into its verb.
        "wasn't taken prisoner",
        "wasn’t wounded",
        "WASN'T CAPTURED",
        # A blast of his own doing, not on him; a place named for no mine.
        "подорвал танк",
        "участвовал в подрыве моста",
        "не подорвался",
        "Минское",
    ],
)
def test_words_of_no_recorded_fate_stay_refused(cell):
    with pytest.raises(ValueError, match="^unknown fate; use убит / умер от ран"):
        parse_fate(cell)


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        ("не был в плену, погиб в бою", "killed"),
        ("не сдался в плен, погиб", "killed"),
        ("попал в плен", "captured"),
        ("не ранен, в плену", "captured"),
    ],
)
def test_captivity_a_negated_verb_names_is_none(cell, fate):
    assert parse_fate(cell) == fate


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        # "Без" negates no verb: the captivity after it stands.
        ("замучен без суда в концлагере", "died_in_captivity"),
        ("расстрелян без суда в концлагере", "died_in_captivity"),
        ("умер без медпомощи в плену", "died_in_captivity"),
        # (kk) from wounds, with or without the Kazakh letters.
        ("жаралардан қайтыс болды", "died_of_wounds"),
        ("жаралардан кайтыс болды", "died_of_wounds"),
        ("жарадан каза тапты", "died_of_wounds"),
    ],
)
def test_captivity_after_without_and_kazakh_wounds(cell, fate):
    assert parse_fate(cell) == fate


@pytest.mark.parametrize(
    ("cell", "named"),
    [
        ("пропал без вести в плену", "captured ('плену') and missing ('пропал')"),
        ("прапаў без вестак у палоне", "captured ('палоне') and missing ('прапаў')"),
    ],
)
def test_missing_and_captivity_after_without_are_two_fates(cell, named):
    with pytest.raises(ValueError, match="^the cell names two fates, ") as refused:
        parse_fate(cell)
    assert named in str(refused.value)
