"""Awards, decree dates, the feat and formations of a person row (pure functions)."""

import pytest

from mapapp.importers.awards import (
    check_award_fields,
    is_hero_title,
    parse_awards,
    parse_decree_dates,
    split_list,
    unit_key,
)


def test_awards_are_split_on_semicolons_in_order():
    awards = parse_awards("Орден Ленина; Герой Советского Союза ;; полный кавалер ордена Славы")
    assert [(a["position"], a["title"], a["is_hero_title"]) for a in awards] == [
        (1, "Орден Ленина", False),
        (2, "Герой Советского Союза", True),
        (3, "полный кавалер ордена Славы", False),
    ]


@pytest.mark.parametrize(
    ("title", "hero"),
    [
        ("Герой Советского Союза", True),
        ("ГЕРОЙ  СОВЕТСКОГО  СОЮЗА", True),
        ("Медаль «Золотая Звезда» Героя Советского Союза", False),
        ("ГСС", True),
        ("Г. С. С.", True),
        ("Герой Социалистического Труда", False),
        ("Орден Славы III степени", False),
    ],
)
def test_only_the_hero_title_makes_a_hero(title, hero):
    assert is_hero_title(title) is hero


def test_a_twice_hero_gets_each_decree_date_on_each_title():
    out = check_award_fields(
        {
            "awards": "Герой Советского Союза; Орден Ленина; Герой Советского Союза",
            "award_date": "26.10.1944; 19.04.1945",
            "feat": "Штурмовал переправы через Березину",
        }
    )
    assert out.problems == []
    assert out.is_hero
    hero_dates = [
        (a["date_year"], a["date_month"], a["date_day"]) for a in out.awards if a["is_hero_title"]
    ]
    assert hero_dates == [(1944, 10, 26), (1945, 4, 19)]
    assert out.awards[1]["date_year"] is None  # the order has no decree date given
    assert [a["feat"] for a in out.awards] == ["Штурмовал переправы через Березину", None, None]


def test_a_decree_date_without_a_hero_title_is_a_problem():
    out = check_award_fields({"awards": "Орден Славы III степени", "award_date": "1944"})
    assert out.problems == [
        (
            "award_date",
            "1 decree date(s) but 0 title(s) «Герой Советского Союза» among the awards",
            "1944",
        )
    ]


@pytest.mark.parametrize("value", ["1933", "31.13.1944", "весна 1944", "1944;1945x"])
def test_bad_decree_dates_are_problems_naming_the_field(value):
    out = check_award_fields({"awards": "Герой Советского Союза", "award_date": value})
    assert [p[0] for p in out.problems] == ["award_date"]
    assert out.problems[0][2] == value


def test_a_feat_without_any_award_is_a_problem():
    out = check_award_fields({"feat": "Закрыл амбразуру"})
    assert out.problems == [("feat", "a feat is given but no award", "Закрыл амбразуру")]


def test_a_feat_goes_to_the_first_award_when_there_is_no_hero_title():
    out = check_award_fields({"awards": "Орден Красной Звезды", "feat": "Подбил танк"})
    assert out.problems == []
    assert not out.is_hero
    assert out.awards[0]["feat"] == "Подбил танк"


def test_formations_make_a_partisan_and_are_checked():
    out = check_award_fields({"brigade": "Бригада «Дядя Коля»", "detachment": "Отряд № 1"})
    assert out.is_partisan and out.problems == []
    assert (out.brigade, out.detachment) == ("Бригада «Дядя Коля»", "Отряд № 1")
    bad = check_award_fields({"brigade": "«»", "detachment": "х" * 301})
    assert [p[0] for p in bad.problems] == ["brigade", "detachment"]
    assert not bad.is_partisan


def test_nothing_given_is_nothing_stored():
    out = check_award_fields({})
    assert (out.awards, out.brigade, out.detachment, out.problems) == ([], None, None, [])
    assert not out.is_hero and not out.is_partisan


def test_too_many_or_too_long_awards_are_refused():
    with pytest.raises(ValueError, match="more than 40"):
        parse_awards(";".join(["Медаль"] * 41))
    with pytest.raises(ValueError, match="longer than 300"):
        parse_awards("О" * 301)


def test_names_of_formations_match_whatever_the_quotes_and_case():
    assert unit_key("бригада «Дядя Коля»") == unit_key('БРИГАДА "Дядя Коля"')
    assert unit_key("бригада «Беларусь»") != unit_key("бригада «Дядя Коля»")
    assert unit_key("«»") is None and unit_key(None) is None
    # An identity, not a search key: numbers and every letter count.
    assert unit_key("1373-й стрелковый полк") != unit_key("1375-й стрелковый полк")
    assert unit_key("бригада №1") == unit_key("Бригада № 1") != unit_key("бригада №2")
    assert unit_key("бригада Заслонова") != unit_key("бригада Засланова")
    assert unit_key("Бригада «Ёлка»") == unit_key("бригада елка")


def test_split_list_and_decree_dates():
    assert split_list(None) == [] and split_list(" ; ") == []
    assert parse_decree_dates("24.03.1945") == [(1945, 3, 24)]
    assert parse_decree_dates("") == []


@pytest.mark.parametrize(
    ("cell", "title", "count"),
    [
        ("Дважды Герой Советского Союза", "Герой Советского Союза", 2),
        ("ДВАЖДЫ  ГЕРОЙ СОВЕТСКОГО СОЮЗА", "ГЕРОЙ СОВЕТСКОГО СОЮЗА", 2),
        ("Двойчы Герой Савецкага Саюза", "Герой Савецкага Саюза", 2),
        ("Екі мәрте Кеңес Одағының Батыры", "Кеңес Одағының Батыры", 2),
        ("Трижды Герой Советского Союза", "Герой Советского Союза", 3),
        ("Тройчы Герой Савецкага Саюза", "Герой Савецкага Саюза", 3),
        ("Үш мәрте Кеңес Одағының Батыры", "Кеңес Одағының Батыры", 3),
    ],
)
def test_a_twice_or_thrice_hero_has_two_or_three_titles(cell, title, count):
    awards = parse_awards(f"{cell}; Орден Ленина")
    assert [(a["position"], a["title"], a["is_hero_title"]) for a in awards] == [
        *((n, title, True) for n in range(1, count + 1)),
        (count + 1, "Орден Ленина", False),
    ]


def test_each_title_of_a_twice_hero_takes_its_decree_date_in_order():
    out = check_award_fields(
        {"awards": "Дважды Герой Советского Союза; Орден Ленина",
         "award_date": "24.03.1945; 29.06.1945"}
    )  # fmt: skip
    assert out.problems == [] and out.warnings == []
    assert [(a["title"], a["date_year"], a["date_month"], a["date_day"]) for a in out.awards] == [
        ("Герой Советского Союза", 1945, 3, 24),
        ("Герой Советского Союза", 1945, 6, 29),
        ("Орден Ленина", None, None, None),
    ]
    thrice = check_award_fields(
        {"awards": "Трижды Герой Советского Союза", "award_date": "1944; 1944; 1945"}
    )
    assert thrice.problems == [] and [a["date_year"] for a in thrice.awards] == [1944, 1944, 1945]


def test_a_twice_hero_without_dates_or_with_fewer_gets_none_made_up():
    out = check_award_fields({"awards": "Дважды Герой Советского Союза"})
    assert out.problems == [] and out.warnings == [] and out.is_hero
    assert [a["date_year"] for a in out.awards] == [None, None]
    fewer = check_award_fields({"awards": "Дважды Герой Советского Союза", "award_date": "1944"})
    assert fewer.problems == []
    assert [a["date_year"] for a in fewer.awards] == [1944, None]
    assert [(w[0], w[2]) for w in fewer.warnings] == [("award_date", "1944")]
    assert "1 decree date(s) for 2 titles" in fewer.warnings[0][1]
    more = check_award_fields(
        {"awards": "Дважды Герой Советского Союза", "award_date": "1944; 1945; 1946"}
    )
    assert [p[0] for p in more.problems] == ["award_date"]
    assert "3 decree date(s) but 2 title(s)" in more.problems[0][1]


@pytest.mark.parametrize(
    "cell",
    [
        "Дважды представлен к званию Героя Советского Союза",
        "Представлен к званию Дважды Герой Советского Союза",
        "Дважды Герой Советского Союза - отказано",
        "Дважды Герой Социалистического Труда",
    ],
)
def test_a_nomination_refusal_or_other_title_said_twice_stays_one_award_as_written(cell):
    awards = parse_awards(cell)
    assert [(a["title"], a["is_hero_title"]) for a in awards] == [(cell, False)]
    out = check_award_fields({"awards": cell, "award_date": "1944; 1945"})
    assert "2 decree date(s) but 0 title(s)" in out.problems[0][1]


@pytest.mark.parametrize(
    ("cell", "heroes"),
    [
        # The Hero's medal alone says the title.
        ("Медаль «Золотая Звезда» Героя Советского Союза; Орден Ленина", [True, False]),
        ("медаль Залатая Зорка Героя Савецкага Саюза", [True]),
        # Beside the title, it is that title's medal: one title.
        (
            "Герой Советского Союза; Медаль «Золотая Звезда» Героя Советского Союза",
            [True, False],
        ),
        # A Gold Star that names no Soviet title may be another country's.
        ("Медаль «Золотая Звезда»", [False]),
        ("Алтын Жұлдыз", [False]),
        ("Представлен к медали «Золотая Звезда» Героя Советского Союза", [False]),
    ],
)
def test_the_hero_s_gold_star_listed_without_the_title_says_the_title(cell, heroes):
    assert [a["is_hero_title"] for a in parse_awards(cell)] == heroes
