"""Build the demo data set in data/geo/ from the reference places and seeded name lists.

Real places come only from the reference table (with its sources and notes).
Every person is fictional: names are drawn at random from common surname and
given-name lists, and each row is flagged ``is_fictional``.

    python scripts/build_demo_data.py data/geo/reference/places.csv data/geo
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import sys
from pathlib import Path

SEED = 1944
KIND_MAP = {
    "mass grave": "mass_grave",
    "individual grave": "individual_grave",
    "military cemetery": "military_cemetery",
    "memorial": "memorial",
}
PRECISION_MAP = {"site": "site", "settlement centre": "settlement_centre"}
# Kinds where fictional persons may be placed: never a real person's individual
# grave, never a memorial that the sources do not call a burial.
PERSON_SITE_KINDS = {"mass_grave", "military_cemetery"}
SHUKHOVTSY_REF = "site:shukhovtsy"
SHUKHOVTSY_PERSONS = 35

KZ_REGIONS = [
    ("Карагандинская область", "Карагандинский ГВК"),
    ("Акмолинская область", "Акмолинский ГВК"),
    ("Алма-Атинская область", "Алма-Атинский ГВК"),
    ("Южно-Казахстанская область", "Чимкентский ГВК"),
    ("Восточно-Казахстанская область", "Усть-Каменогорский ГВК"),
    ("Семипалатинская область", "Семипалатинский ГВК"),
    ("Павлодарская область", "Павлодарский ГВК"),
    ("Кустанайская область", "Кустанайский ГВК"),
    ("Северо-Казахстанская область", "Петропавловский ГВК"),
    ("Актюбинская область", "Актюбинский ГВК"),
    ("Западно-Казахстанская область", "Уральский ГВК"),
    ("Гурьевская область", "Гурьевский ГВК"),
    ("Кзыл-Ординская область", "Кзыл-Ординский ГВК"),
    ("Джамбулская область", "Джамбулский ГВК"),
]
KZ_SURNAMES = (
    "Жаксылыков Абдрахманов Омаров Есенов Сейтказин Тулегенов Мукашев Нурпеисов Байжанов "
    "Кенжебаев Калиев Амиров Жумабаев Сагындыков Исмаилов Бекмухамбетов Утепов Шаймерденов "
    "Ахметов Садыков Искаков Алимжанов Тлеубаев Ермеков Жусупов Касымов Оспанов Сулейменов "
    "Токтаров Айтбаев Досмухамбетов Кудайбергенов Мусин Рахимжанов Смагулов"
).split()
KZ_GIVEN = (
    "Касым Ахмет Бекет Жумабай Сейткали Нуртай Ермек Абдулла Мухтар Серикбай Токтар Жакип "
    "Амангельды Толеген Мырзахмет Байгали Есим Утеген Рахим Сабыр Кенес Оразбай Бакир Темиргали"
).split()
OTHER_PEOPLES = {
    "Россия": (
        ["Курская область", "Омская область", "Новосибирская область", "Алтайский край"],
        "Иванов Петров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Морозов "
        "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев".split(),
        "Иван Пётр Николай Алексей Василий Михаил Фёдор Григорий Сергей Дмитрий".split(),
        "русский",
    ),
    "Беларусь": (
        ["Витебская область", "Могилёвская область", "Минская область", "Гомельская область"],
        "Ковальчук Мельников Шевчук Климович Жук Лукашевич Бондарь Ярошевич Гурин Новик".split(),
        "Иван Николай Михаил Антон Степан Василий Адам Павел".split(),
        "белорус",
    ),
    "Украина": (
        ["Полтавская область", "Черниговская область", "Киевская область"],
        "Шевченко Бондаренко Коваленко Ткаченко Кравченко Мельник Гончаренко".split(),
        "Иван Петро Микола Олекса Василь Григорий Остап".split(),
        "украинец",
    ),
    "Узбекистан": (
        ["Ташкентская область", "Самаркандская область", "Ферганская область"],
        "Каримов Рахимов Юсупов Салиев Турсунов Умаров Назаров".split(),
        "Рустам Бахтияр Хамид Абдурахман Шукур Камил Исмаил".split(),
        "узбек",
    ),
}
RANKS = [
    ("рядовой", 50),
    ("красноармеец", 20),
    ("ефрейтор", 8),
    ("младший сержант", 6),
    ("сержант", 6),
    ("старший сержант", 4),
    ("старшина", 2),
    ("младший лейтенант", 2),
    ("лейтенант", 2),
]
FATES = [("killed", 70), ("died_of_wounds", 20), ("missing", 10)]
UNITS = [
    {"ref": "unit:demo-rifle-1", "name": "Стрелковый полк № 1 (демонстрационный)", "kind": "army"},
    {"ref": "unit:demo-rifle-2", "name": "Стрелковый полк № 2 (демонстрационный)", "kind": "army"},
    {
        "ref": "unit:demo-partisan-1",
        "name": "Партизанский отряд № 1 (демонстрационный)",
        "kind": "partisan",
    },
]


# Standard Belarusian forms of the settlement names the reference table lists, and the
# region each lies in (for Shukhovtsy, Dubrovno and Lenino the reference says so).
SETTLEMENTS = {
    "Dubrovno": ("Дуброўна", "Vitebsk", "Дубровенский район"),
    "Shukhovtsy": ("Шухаўцы", "Vitebsk", "Дубровенский район"),
    "Orsha": ("Орша", "Vitebsk", None),
    "Vitebsk": ("Віцебск", "Vitebsk", None),
    "Bobruisk": ("Бабруйск", "Mogilev", None),
    "Polotsk": ("Полацк", "Vitebsk", None),
    "Minsk": ("Мінск", "Minsk (city)", None),
    "Mogilev": ("Магілёў", "Mogilev", None),
    "Lenino (Gorki District)": ("Леніна", "Mogilev", "Горецкий район"),
}


def build_settlements(rows: list[dict]) -> list[dict]:
    settlements = []
    for r in rows:
        if r["name_en"] not in SETTLEMENTS:
            continue
        name_be, oblast, district = SETTLEMENTS[r["name_en"]]
        settlements.append(
            {
                "ref": "settlement:" + re.sub(r"[^a-z]+", "-", r["name_en"].lower()).strip("-"),
                "name": r["name_source"],
                "name_be": name_be,
                "name_en": r["name_en"].split(" (")[0],
                "kind": r["kind"],
                "oblast": oblast,
                "district": district or "",
                "lat": r["lat"],
                "lon": r["lon"],
                "location_precision": PRECISION_MAP.get(r["precision"], ""),
                "source": r["source"],
                "note": r["note"],
            }
        )
    return settlements


def patronymic(given: str) -> str:
    if given.endswith(("й", "ь")):
        return given[:-1] + "евич"
    if given.endswith("а"):
        return given[:-1] + "ович"
    return given + "ович"


def split_sources(text: str) -> list[dict]:
    sources = []
    for part in (p.strip() for p in text.split(" | ")):
        if not part or part == "-":
            continue
        url = part if part.startswith("http") else None
        sources.append({"citation": part, "url": url})
    return sources


def parse_count(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() else None


def site_ref(name_en: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name_en.lower()).strip("-")[:60]
    digest = hashlib.sha1(name_en.encode(), usedforsecurity=False).hexdigest()[:6]
    return f"site:{slug}-{digest}"


def feature(lon: float, lat: float, properties: dict) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


def build_sites(rows: list[dict]) -> list[dict]:
    towns = {r["name_en"]: r for r in rows if r["kind"] in ("town", "village", "city")}
    dubrovno = towns["Dubrovno"]
    features = []
    for r in rows:
        kind = KIND_MAP.get(r["kind"])
        if kind is None:
            continue
        props = {
            "ref": site_ref(r["name_en"]),
            "kind": kind,
            "name": r["name_source"],
            "name_en": r["name_en"],
            "register_number": r["heritage_code"] or None,
            "oblast": r["oblast"] or None,
            "district": r["district"] or None,
            "settlement": r["settlement"] or None,
            "buried_total": parse_count(r["buried_total"]),
            "buried_known": parse_count(r["buried_known"]),
            "buried_unknown": parse_count(r["buried_unknown"]),
            "buried_as_written": r["buried_total"] or None,
            "year": r["year"] or None,
            "coords_as_written": r["coords_as_written"] or None,
            "source_note": r["note"] or None,
            "sources": split_sources(r["source"]),
        }
        if r["lat"] and r["lon"]:
            props["location_precision"] = PRECISION_MAP[r["precision"]]
            props["location_note"] = None
            features.append(feature(float(r["lon"]), float(r["lat"]), props))
        elif "Дубровен" in (r["district"] or ""):
            # No coordinates in any source: shown at the Dubrovno district centre.
            props["location_precision"] = "district"
            props["location_note"] = (
                "No coordinates found in any source; shown at Dubrovno, the district centre. "
                "The real site is elsewhere in Dubrovno District."
            )
            features.append(feature(float(dubrovno["lon"]), float(dubrovno["lat"]), props))
        else:
            print(f"skipped (no coordinates, no district point): {r['name_en']}", file=sys.stderr)
    shukhovtsy = towns["Shukhovtsy"]
    features.append(
        feature(
            float(dubrovno["lon"]),
            float(dubrovno["lat"]),
            {
                "ref": SHUKHOVTSY_REF,
                "kind": "mass_grave",
                "name": "Воинское захоронение у деревни Шуховцы",
                "name_en": "Military burial near the village of Shukhovtsy",
                "register_number": None,
                "oblast": "Vitebsk",
                "district": "Дубровенский район",
                "settlement": "д. Шуховцы",
                "buried_total": None,
                "buried_known": None,
                "buried_unknown": None,
                "buried_as_written": "35 воинов из Казахстана",
                "year": "2024 (monument unveiled)",
                "coords_as_written": None,
                "location_precision": "district",
                "location_note": (
                    "No coordinates of Shukhovtsy are found in any public reference; the point "
                    "is Dubrovno, the district centre, and the real burial lies elsewhere in "
                    "Dubrovno District."
                ),
                "source_note": shukhovtsy["note"],
                "sources": [{"citation": "Seed article, 2024-12-11", "url": None}],
            },
        )
    )
    return features


def build_battles(rows: list[dict]) -> list[dict]:
    features = []
    for r in rows:
        if r["kind"] != "battle" or not r["lat"]:
            continue
        years = [int(y) for y in re.findall(r"\b(19[34]\d)\b", r["period"])]
        features.append(
            feature(
                float(r["lon"]),
                float(r["lat"]),
                {
                    "ref": site_ref(r["name_en"]).replace("site:", "battle:"),
                    "name": r["name_source"],
                    "name_en": r["name_en"],
                    "period": r["period"] or None,
                    "year_from": min(years) if years else None,
                    "year_to": max(years) if years else None,
                    "coords_as_written": r["coords_as_written"] or None,
                    "location_precision": PRECISION_MAP[r["precision"]],
                    "location_note": r["note"] or None,
                    "sources": split_sources(r["source"]),
                },
            )
        )
    return features


def death_year_for(site: dict, rng: random.Random) -> int:
    years = [int(y) for y in re.findall(r"\b(194[1-5])\b", site["properties"].get("year") or "")]
    return rng.choice(years) if years else rng.choice([1943, 1944])


def weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def partial_birth(rng: random.Random) -> str:
    year = rng.randint(1900, 1925)
    form = rng.random()
    if form < 0.45:
        return str(year)
    if form < 0.55:
        return f"__.__.{year}"
    if form < 0.65:
        return f"{rng.randint(1, 12):02d}.{year}"
    return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year}"


def make_person(rng: random.Random, n: int, site: dict, country: str, region=None) -> dict:
    if country == "Казахстан":
        region, callup = region or rng.choice(KZ_REGIONS)
        surname, given = rng.choice(KZ_SURNAMES), rng.choice(KZ_GIVEN)
        nationality = "казах"
    else:
        regions, surnames, givens, nationality = OTHER_PEOPLES[country]
        region = rng.choice(regions)
        surname, given = rng.choice(surnames), rng.choice(givens)
        callup = None
    # Some archive cards have no patronymic; keep that gap as it would be.
    pat = patronymic(rng.choice(KZ_GIVEN if country == "Казахстан" else givens))
    if rng.random() < 0.15:
        pat = ""
    death_year = death_year_for(site, rng)
    death = (
        f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{death_year}"
        if rng.random() < 0.8
        else f"{rng.randint(1, 12):02d}.{death_year}"
    )
    partisan = site["properties"]["name_en"].startswith("Fraternal") and rng.random() < 0.5
    return {
        "ref": f"person:demo-{n:04d}",
        "surname": surname,
        "given_name": given,
        "patronymic": pat,
        "name_variants": "Жақсылықов" if surname == "Жаксылыков" else "",
        "birth_date": partial_birth(rng),
        "birthplace": region,
        "home_country": country,
        "home_region": region,
        "callup_place": callup or "",
        "rank": "партизан" if partisan else weighted(rng, RANKS),
        "unit_ref": UNITS[2]["ref"] if partisan else rng.choice(UNITS[:2])["ref"],
        "death_date": death,
        "fate": "killed" if partisan else weighted(rng, FATES),
        "nationality": nationality,
        "is_hero": "false",
        "is_partisan": "true" if partisan else "false",
        "site_ref": site["properties"]["ref"],
        "is_fictional": "true",
    }


def build_persons(sites: list[dict]) -> list[dict]:
    rng = random.Random(SEED)
    persons: list[dict] = []
    shukhovtsy = next(s for s in sites if s["properties"]["ref"] == SHUKHOVTSY_REF)
    karaganda = KZ_REGIONS[0]
    for i in range(SHUKHOVTSY_PERSONS):
        region = karaganda if i < 12 else None
        persons.append(make_person(rng, len(persons) + 1, shukhovtsy, "Казахстан", region))
    others = [
        s
        for s in sites
        if s["properties"]["kind"] in PERSON_SITE_KINDS and s["properties"]["ref"] != SHUKHOVTSY_REF
    ]
    countries = [("Казахстан", 60), ("Россия", 15), ("Беларусь", 12), ("Украина", 8)]
    countries.append(("Узбекистан", 5))
    while len(persons) < 300:
        site = rng.choice(others)
        capacity = site["properties"]["buried_total"]
        placed = sum(1 for p in persons if p["site_ref"] == site["properties"]["ref"])
        if capacity is not None and placed >= min(capacity, 15) or placed >= 15:
            continue
        persons.append(make_person(rng, len(persons) + 1, site, weighted(rng, countries)))
    return persons


def main(places_csv: str, out_dir: str) -> None:
    with open(places_csv, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = Path(out_dir)
    sites = build_sites(rows)
    battles = build_battles(rows)
    persons = build_persons(sites)
    for name, features in (("sites.geojson", sites), ("battles.geojson", battles)):
        collection = {"type": "FeatureCollection", "features": features}
        (out / name).write_text(
            json.dumps(collection, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    with open(out / "persons.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(persons[0]))
        writer.writeheader()
        writer.writerows(persons)
    settlements = build_settlements(rows)
    with open(out / "settlements.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(settlements[0]))
        writer.writeheader()
        writer.writerows(settlements)
    with open(out / "units.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["ref", "name", "kind", "is_fictional"])
        writer.writeheader()
        writer.writerows({**u, "is_fictional": "true"} for u in UNITS)
    print(f"{len(sites)} sites, {len(battles)} battles, {len(persons)} persons -> {out}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: build_demo_data.py PLACES_CSV OUT_DIR")
    main(sys.argv[1], sys.argv[2])
