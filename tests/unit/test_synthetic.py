import sys
from collections import Counter
from pathlib import Path

from mapapp.text.dates import parse_partial_date

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from synthetic import synthetic_persons, synthetic_sites  # noqa: E402


def test_seeded_and_repeatable():
    sites = [s["ref"] for s in synthetic_sites(50, seed=3)]
    first = list(synthetic_persons(500, sites, seed=3))
    again = list(synthetic_persons(500, sites, seed=3))
    assert first == again
    assert first != list(synthetic_persons(500, sites, seed=4))


def test_realistic_shape():
    sites = synthetic_sites(200, seed=1)
    assert all(s["name"].startswith("Синтетическое") for s in sites)
    persons = list(synthetic_persons(20_000, [s["ref"] for s in sites], seed=1))
    assert all(p["is_fictional"] == "true" for p in persons)
    for p in persons[:2000]:
        parse_partial_date(p["birth_date"])  # every date is in an accepted form
        parse_partial_date(p["death_date"])
    forms = Counter(len(p["birth_date"]) for p in persons)
    assert {4, 7, 10} <= set(forms)  # 1902, 12.1943 and __.__.1902 / 22.06.1944
    sizes = Counter(p["site_ref"] for p in persons).most_common()
    assert sizes[0][1] > 20 * sizes[len(sizes) // 2][1]  # skewed site sizes
    surnames = Counter(p["surname"] for p in persons)
    assert len(surnames) > 2000 and surnames.most_common(1)[0][1] < 0.05 * len(persons)
    assert Counter(p["home_country"] for p in persons)["Казахстан"] > 0.4 * len(persons)
