"""The synthetic register (scripts/synthetic.py) has the shape the benchmarks rely on."""

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from mapapp.importers.columns import map_columns
from mapapp.importers.readers import read_table
from mapapp.text.dates import parse_partial_date

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import generate_synthetic  # noqa: E402
import synthetic  # noqa: E402

SAMPLE = 200_000
DATE_FORMS = {
    "year": re.compile(r"\d{4}"),
    "blank day and month": re.compile(r"__\.__\.\d{4}"),
    "month and year": re.compile(r"\d{2}\.\d{4}"),
    "full": re.compile(r"\d{2}\.\d{2}\.\d{4}"),
    "empty": re.compile(""),
}


@pytest.fixture(scope="module")
def sites():
    return synthetic.synthetic_sites(10_000, seed=1)


@pytest.fixture(scope="module")
def persons(sites):
    return list(synthetic.synthetic_persons(SAMPLE, sites, seed=1))


def _form(date: str) -> str:
    return next(name for name, pattern in DATE_FORMS.items() if pattern.fullmatch(date))


def test_same_seed_same_rows_and_the_first_rows_do_not_depend_on_the_total(sites):
    first = list(synthetic.synthetic_persons(2000, sites, seed=3))
    assert first == list(synthetic.synthetic_persons(2000, sites, seed=3))
    assert first == list(synthetic.synthetic_persons(5000, sites, seed=3))[:2000]
    assert first != list(synthetic.synthetic_persons(2000, sites, seed=4))
    assert synthetic.synthetic_sites(50, seed=3) == synthetic.synthetic_sites(50, seed=3)


def test_many_surnames_with_a_zipf_head(persons):
    surnames = Counter(p["surname"] for p in persons)
    assert len(surnames) >= 10_000
    top, count = surnames.most_common(1)[0]
    assert top == "Иванов"
    assert 0.01 <= count / len(persons) <= 0.02
    assert sum(1 for c in surnames.values() if c <= 5) > 1000  # a long tail of rare ones


def test_kazakh_russian_and_belarusian_names(persons):
    surnames = {p["surname"] for p in persons}
    for ending in ("ов", "ев", "ин", "ұлы", "ский", "ич", "енко", "ко", "ёнак", "еня"):
        assert any(s.endswith(ending) for s in surnames), ending
    countries = Counter(p["home_country"] for p in persons)
    assert countries["Казахстан"] > 0.4 * len(persons)
    assert {"Россия", "Беларусь", "Украина"} <= set(countries)


def test_women_have_feminine_surnames_and_patronymics(persons):
    women = [p for p in persons if p["patronymic"].endswith(("вна", "чна"))]
    assert 0.005 * len(persons) < len(women) < 0.03 * len(persons)
    assert not any(p["surname"].endswith(("ов", "ев", "ин", "ский", "ұлы")) for p in women)
    assert synthetic.patronymic("Василий", female=False) == "Васильевич"
    assert synthetic.patronymic("Жумабай", female=True) == "Жумабаевна"
    assert synthetic.feminine_surname("Сулейменов") == "Сулейменова"


def test_partial_dates_in_every_form_and_deaths_around_bagration(persons):
    for field in ("birth_date", "death_date"):
        forms = Counter(_form(p[field]) for p in persons)
        assert set(forms) == set(DATE_FORMS), (field, forms)
    for p in persons[:20_000]:
        parse_partial_date(p["birth_date"])  # every date is one the importer accepts
    deaths = [parse_partial_date(p["death_date"]) for p in persons]
    assert {year for year, _, _ in deaths if year} <= {1941, 1942, 1943, 1944, 1945}
    with_month = [(y, m) for y, m, _ in deaths if m]
    bagration = sum(1 for y, m in with_month if y == 1944 and 6 <= m <= 8)
    assert bagration > 0.4 * len(with_month)


def test_empty_cells_at_realistic_rates(persons):
    def empty_share(field):
        return sum(1 for p in persons if not p[field]) / len(persons)

    assert 0.15 < empty_share("birthplace") < 0.35
    assert 0.03 < empty_share("rank") < 0.2
    assert empty_share("surname") == 0


def test_sites_heavy_tailed_and_inside_belarus(sites, persons):
    minlon, minlat, maxlon, maxlat = synthetic.BBOX
    assert all(minlon <= s["lon"] <= maxlon and minlat <= s["lat"] <= maxlat for s in sites)
    assert all(s["name"].startswith("Синтетическое") for s in sites)
    sizes = Counter(p["site_ref"] for p in persons)
    assert 0.06 < sizes.most_common(1)[0][1] / len(persons) < 0.09
    assert sum(1 for n in sizes.values() if n <= 20) > 0.5 * len(sites)


def test_namesake_pairs_differ_in_id_rank_and_birthplace(persons):
    assert len({p["record_id"] for p in persons}) == len(persons)
    same = defaultdict(list)
    for p in persons:
        key = ("surname", "given_name", "patronymic", "birth_date", "death_date", "site_ref")
        same[tuple(p[k] for k in (*key, "grave"))].append(p)
    pairs = [
        group
        for group in same.values()
        if len(group) == 2
        and group[0]["rank"] != group[1]["rank"]
        and group[0]["birthplace"] != group[1]["birthplace"]
    ]
    assert len(pairs) >= SAMPLE * synthetic.DUPLICATE_PAIRS_PER_MILLION // 1_000_000


def test_the_importer_recognises_every_column_including_the_record_id():
    header = [synthetic.PERSON_HEADERS[c] for c in synthetic.PERSON_COLUMNS]
    mapped = map_columns("persons", header, None).field_of
    for field, column in synthetic.PERSON_HEADERS.items():
        assert mapped.get(column) == field, column
    assert mapped["ID записи"] == "record_id"
    assert set(map_columns("sites", list(synthetic.SITE_COLUMNS), None).field_of.values()) == set(
        synthetic.SITE_COLUMNS
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_write_files(tmp_path, file_format):
    sites_path, persons_path = generate_synthetic.write(tmp_path, 20, 300, 5, file_format)
    persons = read_table(persons_path, None)
    assert persons.columns[0] == "ID записи"
    assert len(list(persons.rows)) == 300
    assert len(list(read_table(sites_path, None).rows)) == 20
    assert not (tmp_path / "persons_mapping.json").exists()  # no mapping is needed
    if file_format == "csv":
        with persons_path.open(encoding="utf-8", newline="") as fh:
            assert sum(1 for _ in csv.reader(fh)) == 301
