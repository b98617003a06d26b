"""Names of one area that key apart, and the name each is keyed as (normalize.area_key).

Kazakh writes Kazakhstan and its oblasts in its own spelling: "Қазақстан" keys ``kazakstan``
where "Казахстан" and "Kazakhstan" key ``kazahstan``; "Шығыс Қазақстан" (East Kazakhstan)
is "Восточно-Казахстанская" in Russian. Russian spellings of one name differ too, old and
new (Кустанайская, Костанайская; Джамбулская, Жамбылская; Алма-Атинская, Алматинская).
Each pair is (a spelling, the spelling it is keyed as): the same area under the same
name, only written otherwise or translated. Renamed areas (Гурьевская, now Атырауская;
Семипалатинская; Чимкентская; Целиноградская) are not the same name, and their borders
moved: they stay apart.
"""

AREA_ALIASES = (
    ("Қазақстан", "Казахстан"),
    # The oblasts of Kazakhstan. "облысы" (oblast) is a word for an area's kind.
    ("Ақтөбе", "Актюбинская"),
    ("Алма-Атинская", "Алматы"),
    ("Атырау", "Атырауская"),
    ("Шығыс Қазақстан", "Восточно-Казахстанская"),
    ("Жамбыл", "Джамбулская"),
    ("Батыс Қазақстан", "Западно-Казахстанская"),
    ("Қостанай", "Кустанайская"),
    ("Костанайская", "Кустанайская"),
    ("Кзыл-Ординская", "Кызылорда"),
    ("Маңғыстау", "Мангистауская"),
    ("Солтүстік Қазақстан", "Северо-Казахстанская"),
    ("Оңтүстік Қазақстан", "Южно-Казахстанская"),
    ("Түркістан", "Туркестанская"),
    ("Жетісу", "Жетысуская"),
    ("Ұлытау", "Улытауская"),
)
