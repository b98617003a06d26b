"""A seeded synthetic data set in the import formats, for tests and benchmarks (dev only).

Everything here is invented and marked so: site refs and names say "synthetic", and
every person has ``is_fictional`` set. Names are built from common Kazakh, Russian and
Belarusian roots and endings, so that there are thousands of distinct surnames whose
frequencies fall off the way real ones do (a few very common, most rare). Site sizes are
skewed too: most sites hold a handful of persons, a few hold thousands.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

OBLASTS = ("Brest", "Vitebsk", "Gomel", "Grodno", "Minsk", "Mogilev")
# Belarus, roughly: points are drawn inside this box.
BBOX = (23.5, 51.5, 31.5, 55.9)

_KZ_ROOTS = (
    "Жаксылык Абдрахман Омар Есен Сейтказ Тулеген Мукаш Нурпеис Байжан Кенжеба Кали Амир "
    "Жумаба Сагындык Исмаил Бекмухамбет Утеп Шаймерден Ахмет Садык Искак Алимжан Тлеуба "
    "Ермек Жусуп Касым Оспан Сулеймен Токтар Айтба Досмухамбет Кудайберген Мус Рахимжан "
    "Смагул Бекет Жанибек Нургали Серик Аманжол Ержан Болат Куаныш Даулет Мырзахмет Тасбол"
).split()
_KZ_ENDINGS = ("ов", "ев", "ин", "баев", "беков", "улы", "кулов", "жанов")
_RU_ROOTS = (
    "Иван Петр Смирн Кузнец Поп Васил Сокол Михайл Новик Мороз Волк Алексе Лебед Семен Егор "
    "Павл Козл Степан Никола Орл Андре Макар Никит Захар Зайц Соловь Борис Яковл Григорь "
    "Роман Воробь Сергее Фрол Александр Дмитри Корол Гусе Кисел Ильин Максим Поляк Сорокин"
).split()
_RU_ENDINGS = ("ов", "ев", "ин", "ский", "енко", "ович", "ук", "ёнок")
_KZ_GIVEN = (
    "Касым Ахмет Бекет Жумабай Сейткали Нуртай Ермек Абдулла Мухтар Серикбай Токтар Жакип "
    "Амангельды Толеген Мырзахмет Байгали Есим Утеген Рахим Сабыр Кенес Оразбай Бакир "
    "Темиргали Жанибек Куаныш Ахметжан Тасбулат Нурлан Бауыржан"
).split()
_RU_GIVEN = (
    "Иван Пётр Николай Алексей Василий Михаил Фёдор Григорий Сергей Дмитрий Андрей Павел "
    "Степан Антон Адам Семён Яков Константин Владимир Александр"
).split()
_KZ_REGIONS = (
    "Карагандинская область", "Акмолинская область", "Алма-Атинская область",
    "Южно-Казахстанская область", "Восточно-Казахстанская область", "Семипалатинская область",
    "Павлодарская область", "Кустанайская область", "Северо-Казахстанская область",
    "Актюбинская область", "Западно-Казахстанская область", "Гурьевская область",
    "Кзыл-Ординская область", "Джамбулская область",
)  # fmt: skip
_OTHER_REGIONS = {
    "Россия": ("Курская область", "Омская область", "Новосибирская область"),
    "Беларусь": ("Витебская область", "Минская область", "Гомельская область"),
    "Украина": ("Полтавская область", "Киевская область"),
}
_RANKS = ("рядовой", "красноармеец", "ефрейтор", "младший сержант", "сержант", "лейтенант")
_FATES = ("killed", "died_of_wounds", "missing")

PERSON_COLUMNS = (
    "ref", "surname", "given_name", "patronymic", "birth_date", "birthplace", "home_country",
    "home_region", "callup_place", "rank", "death_date", "fate", "site_ref", "is_fictional",
)  # fmt: skip
SITE_COLUMNS = (
    "ref", "kind", "name", "oblast", "district", "lat", "lon", "location_precision",
    "buried_total",
)  # fmt: skip


_MIDDLES = ("", "ба", "бе", "ке", "тай", "жан", "гали", "мур", "ик", "ен", "ан", "ун", "ыш")


def surname_pool(rng: random.Random) -> tuple[list[str], list[float]]:
    """About ten thousand distinct surnames with Zipf-like weights: the commonest holds
    about 3 % of persons, as the commonest real surnames do, and most are rare."""
    names = [r + m + e for r in _KZ_ROOTS for m in _MIDDLES for e in _KZ_ENDINGS]
    names += [r + m + e for r in _RU_ROOTS for m in _MIDDLES for e in _RU_ENDINGS]
    names = sorted(set(names))
    rng.shuffle(names)
    weights = [1 / (rank**0.75) for rank in range(1, len(names) + 1)]
    return names, weights


def synthetic_sites(n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    minlon, minlat, maxlon, maxlat = BBOX
    sites = []
    for i in range(1, n + 1):
        sites.append(
            {
                "ref": f"synthetic:site:{i:06d}",
                "kind": rng.choices(
                    ("mass_grave", "military_cemetery", "individual_grave", "memorial"),
                    weights=(70, 10, 15, 5),
                )[0],
                "name": f"Синтетическое захоронение № {i}",
                "oblast": rng.choice(OBLASTS),
                "district": f"Синтетический район {rng.randint(1, 20)}",
                "lat": round(rng.uniform(minlat, maxlat), 6),
                "lon": round(rng.uniform(minlon, maxlon), 6),
                "location_precision": "site",
                "buried_total": "",
            }
        )
    return sites


def _partial_date(rng: random.Random, first: int, last: int) -> str:
    year = rng.randint(first, last)
    form = rng.random()
    if form < 0.4:
        return str(year)
    if form < 0.5:
        return f"__.__.{year}"
    if form < 0.6:
        return f"{rng.randint(1, 12):02d}.{year}"
    return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year}"


def synthetic_persons(n: int, site_refs: list[str], seed: int = 1) -> Iterator[dict]:
    """``n`` fictional persons spread over ``site_refs`` with skewed site sizes."""
    rng = random.Random(seed)
    surnames, surname_weights = surname_pool(rng)
    # Skewed site sizes: site k gets a weight 1/k^0.9, so a few sites hold thousands.
    site_weights = [1 / (k**0.9) for k in range(1, len(site_refs) + 1)]
    site_cum = _cumulative(site_weights)
    surname_cum = _cumulative(surname_weights)
    for i in range(1, n + 1):
        kazakh = rng.random() < 0.5
        surname = surnames[_pick(rng, surname_cum)]
        given = rng.choice(_KZ_GIVEN if kazakh else _RU_GIVEN)
        father = rng.choice(_KZ_GIVEN if kazakh else _RU_GIVEN)
        if kazakh:
            country, region = "Казахстан", rng.choice(_KZ_REGIONS)
        else:
            country = rng.choice(tuple(_OTHER_REGIONS))
            region = rng.choice(_OTHER_REGIONS[country])
        yield {
            "ref": f"synthetic:person:{i:08d}",
            "surname": surname,
            "given_name": given,
            "patronymic": "" if rng.random() < 0.15 else father + "ович",
            "birth_date": _partial_date(rng, 1895, 1926),
            "birthplace": region,
            "home_country": country,
            "home_region": region,
            "callup_place": "",
            "rank": rng.choice(_RANKS),
            "death_date": _partial_date(rng, 1941, 1944),
            "fate": rng.choice(_FATES),
            "site_ref": site_refs[_pick(rng, site_cum)],
            "is_fictional": "true",
        }


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _pick(rng: random.Random, cumulative: list[float]) -> int:
    import bisect

    return bisect.bisect_left(cumulative, rng.random() * cumulative[-1])
