"""Names of one area that key apart, and the name each is keyed as (normalize.area_key).

Kazakh writes Kazakhstan and its oblasts in its own spelling: "Қазақстан" keys ``kazakstan``
where "Казахстан" and "Kazakhstan" key ``kazahstan``; "Шығыс Қазақстан" (East Kazakhstan)
is "Восточно-Казахстанская" in Russian. Russian spellings of one name differ too, old and
new (Кустанайская, Костанайская; Джамбулская, Жамбылская; Алма-Атинская, Алматинская).
Each pair is (a spelling, the spelling it is keyed as): the same area under the same
name, only written otherwise or translated. Renamed areas (Гурьевская, now Атырауская;
Семипалатинская, not Семей nor Абай; Чимкентская; Целиноградская; Мангышлакская) are not
the same name, and their borders moved: they stay apart.

English names are those of the oblasts (East Kazakhstan Region); where the English name
is a Russian or Kazakh one in Latin letters (Karaganda, Qaraghandy, Kostanay), it keys as
that name already.
"""

AREA_ALIASES = (
    ("Қазақстан", "Казахстан"),
    # The oblasts of Kazakhstan. "облысы" (oblast) is a word for an area's kind.
    ("Ақтөбе", "Актюбинская"),
    ("Алма-Атинская", "Алматы"),
    ("Атырау", "Атырауская"),
    ("Шығыс Қазақстан", "Восточно-Казахстанская"),
    ("East Kazakhstan", "Восточно-Казахстанская"),
    ("Жамбыл", "Джамбулская"),
    ("Батыс Қазақстан", "Западно-Казахстанская"),
    ("West Kazakhstan", "Западно-Казахстанская"),
    ("Қостанай", "Кустанайская"),
    ("Костанайская", "Кустанайская"),
    ("Кзыл-Ординская", "Кызылорда"),
    ("Маңғыстау", "Мангистауская"),
    ("Солтүстік Қазақстан", "Северо-Казахстанская"),
    ("North Kazakhstan", "Северо-Казахстанская"),
    ("Оңтүстік Қазақстан", "Южно-Казахстанская"),
    ("South Kazakhstan", "Южно-Казахстанская"),
    ("Түркістан", "Туркестанская"),
    ("Туркестан", "Туркестанская"),  # and Turkestan
    ("Жетісу", "Жетысуская"),
    ("Ұлытау", "Улытауская"),
    # Oblasts of 1944-1997, their Russian names written the Kazakh way from 1993 (as
    # Костанайская): Кокшетауская, Талдыкорганская.
    ("Көкшетау", "Кокчетавская"),
    ("Талды-Курган", "Талды-Курганская"),
    ("Талдықорған", "Талды-Курганская"),
    ("Талдыкорганская", "Талды-Курганская"),
)
