"""Homes are counted by their search keys, as the filters find them: one country or region
however it is spelled (where the normaliser keys the spellings alike), shown by one name,
and every count a page or the API gives next to a link or a choice is what following it
finds (Казахская ССР, КазССР, Қазақстан, Казахстан, Kazakhstan at one grave, all one
country; Казахская АССР, whose key begins Kazakhstan's, apart)."""

from __future__ import annotations

import html as html_lib
import json
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from sqlalchemy import text

from mapapp.text.normalize import area_key

# Spellings of one country and region as registers write them, a withdrawn record, a home
# the normaliser cannot key, and one of unknown origin; surname: (country, region).
HOMES = {
    "Тестов К1": ("Казахская ССР", "Карагандинская обл."),
    "Тестов К2": ("КазССР", "Карагандинская область"),
    "Тестов К3": ("Қазақстан", "Қарағанды облысы"),
    "Тестов К4": ("Казахстан", "Карагандинской обл."),
    "Тестов К5": ("Kazakhstan", "Karaganda"),
    "Тестов К6": ("Казахстан", "Карагандинская обл., Каркаралинский р-н"),
    "Тестов К7": ("Kazakhstan", None),
    "Тестов К8": ("—", "?"),
    "Тестов К9": (None, None),
    "Тестов К10": ("Казахская АССР", "Карагандинская обл."),
}
WITHDRAWN = "Тестов Отозванов"


@pytest.fixture()
def grave(scratch):
    site = scratch.site("Тестовая могила казахстанцев", 30.5, 54.6)
    ids = {}
    for surname, (country, region) in HOMES.items():
        ids[surname] = scratch.person(site, surname, home_country=country, home_region=region)
    withdrawn = scratch.person(site, WITHDRAWN, home_country="Казахстан", home_region="Караганда")
    scratch.withdraw("persons", withdrawn, "test: not buried here")
    return site, ids


def _text(fragment: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment))).strip()


def _breakdown(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The site page's "Where they came from": per line its text, and each count in it
    with the link it has (None: no link)."""
    block = html.split('data-testid="home-breakdown">', 1)[1].split("</ul>", 1)[0]
    lines = []
    for item in re.findall(r"<li>(.*?)</li>", block, re.S):
        linked = [
            (_text(label), html_lib.unescape(href))
            for href, label in re.findall(r'<a href="([^"]+)">(.*?)</a>', item, re.S)
        ]
        lines.append((_text(item), linked))
    return lines


def _from(**params) -> str:
    return "/from?" + urlencode(params)


def _persons_at(client, url: str, site: int) -> int | None:
    """What the /from page a link opens counts at one site (None: the site is not listed)."""
    page = client.get(url + "&lang=en").get_data(as_text=True)
    row = re.search(rf'href="/sites/{site}".*?</tr>', page, re.S)
    if row is None:
        return None
    count = re.search(r'data-label="Persons from there">([\d,\s]+)</td>', row.group(0))
    return int(re.sub(r"\D", "", count.group(1)))


def test_the_site_page_counts_one_country_and_one_region_whatever_the_spelling(client, grave):
    site, _ = grave
    html = client.get(f"/sites/{site}?lang=en").get_data(as_text=True)
    lines = _breakdown(html)
    texts = [line for line, _ in lines]
    # Казахская ССР, КазССР, Қазақстан, Казахстан and Kazakhstan are one country;
    # Карагандинская обл., ... область, Қарағанды облысы, Карагандинской обл. and Karaganda
    # one region. Казахская АССР the normaliser keys apart: its own line.
    kazakhstan = [t for t in texts if t.startswith("7 from ")]
    assert len(kazakhstan) == 1, texts
    counts = [int(n) for n in re.findall(r"(\d+) from", kazakhstan[0])]
    assert counts == [7, 5, 1]  # 5 from the region, 1 from the region and its district
    assert sorted(texts[1:]) == sorted(
        [
            "1 from Казахская АССР, of them 1 from Карагандинская обл.",
            "1 from —, of them 1 from ?",
            "1 of unknown origin",
        ]
    )
    names = re.findall(r"\d+ from ([^,]+)", kazakhstan[0])
    assert area_key(names[0]) == "kazahstan" and area_key(names[1]) == "karagand"
    assert sum(int(re.match(r"\d+", t).group(0)) for t in texts) == 10  # the withdrawn: none


def test_each_count_on_the_site_page_is_what_its_link_finds(client, grave):
    site, _ = grave
    lines = _breakdown(client.get(f"/sites/{site}?lang=en").get_data(as_text=True))
    links = [(label, href) for _, linked in lines for label, href in linked]
    # Kazakhstan and its two regions, Казахская АССР with its; no link for a home no
    # filter can find.
    assert len(links) == 5, links
    for label, href in links:
        count = int(re.match(r"\d+", label).group(0))
        assert _persons_at(client, href, site) == count, (label, href)
    # Казахская АССР (key kazah) is the beginning of Казахстан's key: its link asks for
    # the key alone, which finds the one record that says Казахская АССР.
    assr = next(href for label, href in links if label == "1 from Казахская АССР")
    assert parse_qs(urlsplit(assr).query) == {"country": ["Казахская АССР"], "exact": ["1"]}


def _region_choices(html: str) -> list[tuple[str, int]]:
    select = html.split('data-testid="region-select">', 1)[1].split("</select>", 1)[0]
    return [
        (html_lib.unescape(value), int(re.sub(r"\D", "", count)))
        for value, count in re.findall(r'<option value="([^"]+)"[^>]*>[^<]*\(([\d,\s]+)\)<', select)
    ]


def _summary_persons(html: str) -> int:
    summary = re.search(r'data-testid="home-summary">([^<]*)<', html).group(1)
    return int(re.sub(r"\D", "", summary.split("persons")[0]))


@pytest.mark.parametrize(
    "query",
    [
        "country=Kazakhstan",
        "country=Kazakhstan&exact=1",
        "country=Казахская+АССР",  # finds Казахстан too: a key that begins another's
        "country=Казахская+АССР&exact=1",
        "country=Қазақстан&region=Karaganda",
    ],
)
def test_each_region_offered_on_from_counts_what_choosing_it_finds(client, grave, query):
    html = client.get(f"/from?{query}&lang=en").get_data(as_text=True)
    choices = _region_choices(html)
    keys = [area_key(value) for value, _ in choices]
    assert len(keys) == len(set(keys)), choices  # one choice per region key
    assert "karagand" in keys, choices
    base = {k: v[0] for k, v in parse_qs(query).items() if k != "region"}
    for value, count in choices:
        url = _from(**base, region=value)
        chosen = client.get(url + "&lang=en").get_data(as_text=True)
        assert _summary_persons(chosen) == count, (value, url)
        assert (value, count) in _region_choices(chosen)  # shown chosen, with its count


def test_the_test_graves_region_counts(client, grave):
    site, _ = grave
    with_key = client.get("/from?country=Kazakhstan&exact=1&lang=en").get_data(as_text=True)
    regions = dict(_region_choices(with_key))
    karaganda = next(v for v in regions if area_key(v) == "karagand")
    # Karaganda's persons anywhere; at this grave six: К1 to К5 and К6 (its region with
    # its district, a key that begins with Karaganda's).
    assert _persons_at(client, _from(country="Kazakhstan", region=karaganda), site) == 6
    assert _persons_at(client, _from(country="Kazakhstan", region=karaganda, exact=1), site) == 5
    assert _persons_at(client, _from(country="Kazakhstan", exact=1), site) == 7
    assert _persons_at(client, _from(country="Казахская ССР", exact=1), site) == 7
    assert _persons_at(client, _from(country="Казахская АССР"), site) == 8
    assert _persons_at(client, _from(country="Казахская АССР", exact=1), site) == 1


def test_the_country_choice_is_one_per_key_and_shows_the_chosen(client, grave):
    html = client.get("/from?country=Қазақстан&lang=en").get_data(as_text=True)
    select = html.split('data-testid="country-select">', 1)[1].split("</select>", 1)[0]
    values = [html_lib.unescape(v) for v in re.findall(r'<option value="([^"]+)"', select)]
    keys = [area_key(v) for v in values]
    assert len(keys) == len(set(keys)) and {"kazahstan", "kazah"} <= set(keys)
    assert "kazsr" not in keys  # КазССР is Kazakhstan
    chosen = re.findall(r'<option value="([^"]+)"\s+selected', select)
    assert [area_key(html_lib.unescape(v)) for v in chosen] == ["kazahstan"]


def test_the_map_of_a_key_alone_asks_for_the_key_alone(client, grave):
    site, _ = grave
    html = client.get("/from?country=Казахская+АССР&exact=1&lang=en").get_data(as_text=True)
    assert 'name="exact" value="1"' in html  # the form keeps asking for the key alone
    url = json.loads(re.search(r'"dataUrl": ("[^"]+")', html).group(1))
    assert "exact=1" in url
    features = client.get(url).get_json(force=True)["features"]
    assert {f["id"]: f["properties"]["persons_from_home"] for f in features if f["id"] == site} == {
        site: 1
    }


def test_the_api_lists_each_home_once_with_every_spelling(client, grave, engine):
    items = client.get("/api/home-regions").get_json()["items"]
    pairs = [(i["country_key"], i["region_key"]) for i in items]
    keyed = [p for p in pairs if p[0] is not None]
    assert len(keyed) == len(set(keyed)), "one item per pair of keys"
    with engine.connect() as conn:
        counted = {
            (c, r): n
            for c, r, n in conn.execute(
                text(
                    "SELECT home_country_key, home_region_key, count(*) FROM persons "
                    "WHERE home_country_key IS NOT NULL AND withdrawn_at IS NULL GROUP BY 1, 2"
                )
            )
        }
    by_keys = {(i["country_key"], i["region_key"]): i for i in items if i["country_key"]}
    assert {keys: i["persons"] for keys, i in by_keys.items()} == counted
    karaganda = by_keys[("kazahstan", "karagand")]
    spelled = {(s["country"], s["region"]) for s in karaganda["spellings"]}
    assert {
        ("Қазақстан", "Қарағанды облысы"),
        ("Казахстан", "Карагандинской обл."),
        ("Kazakhstan", "Karaganda"),
    } <= spelled
    assert sum(s["persons"] for s in karaganda["spellings"]) == karaganda["persons"]
    assert area_key(karaganda["country"]) == "kazahstan"
    assert area_key(karaganda["region"]) == "karagand"
    unkeyed = [i for i in items if i["country"] == "—"]
    assert unkeyed == [
        {
            "country": "—",
            "region": "?",
            "country_key": None,
            "region_key": None,
            "persons": 1,
            "spellings": [{"country": "—", "region": "?", "persons": 1}],
        }
    ]
