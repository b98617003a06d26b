"""Tile arithmetic for a trip area, and the language a name's letters tell."""

import pytest

from mapapp.text.script import cyrillic_language, language_if_other
from mapapp.trips.tiles import area_tiles, tile_keys, tile_url, tile_xy


def test_tile_xy_matches_the_slippy_map_scheme():
    assert tile_xy(0.0, 0.0, 0) == (0, 0)
    assert tile_xy(0.0, 0.0, 1) == (1, 1)
    assert tile_xy(85.0, -180.0, 3) == (0, 0)
    # Minsk at zoom 10 (the tile OpenStreetMap shows it in).
    assert tile_xy(53.9, 27.5667, 10) == (590, 329)


def test_trip_tiles_cover_every_stop_at_every_zoom_lowest_zoom_first():
    stops = [(54.57, 30.69), (53.9, 27.57)]
    keys = tile_keys(stops, 13)
    assert keys == sorted(keys, key=lambda k: k[0])
    assert len(keys) == len(set(keys))
    for zoom in range(8, 14):
        for lat, lon in stops:
            assert (zoom, *tile_xy(lat, lon, zoom)) in keys
    # Beyond zoom 11 only the land around the stops, not the whole box between them.
    middle = (54.2, 29.1)
    assert (11, *tile_xy(*middle, 11)) in keys
    assert (13, *tile_xy(*middle, 13)) not in keys


def test_a_limit_drops_the_closest_zooms_first():
    stops = [(54.57, 30.69)]
    every = area_tiles("https://t.example/{z}/{x}/{y}.png", stops, 15, 100_000)
    cut = area_tiles("https://t.example/{z}/{x}/{y}.png", stops, 15, 10)
    assert cut == every[:10]
    assert cut[0].startswith("https://t.example/8/")
    assert tile_keys([], 15) == []


def test_tile_url_fills_a_leaflet_template():
    assert tile_url("https://{s}.t.example/{z}/{x}/{y}{r}.png", 9, 300, 160) == (
        "https://a.t.example/9/300/160.png"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Жаксылыков Ермек", "ru"),
        ("Брацкая магіла", "be"),
        ("Вайсковыя могілкі", "be"),
        ("Ўладзімір", "be"),
        ("Қасымұлы Нұрлан", "kk"),
        ("Әлібек Іскаков", "kk"),
        ("Zhaksylykov", None),
        ("", None),
        (None, None),
    ],
)
def test_cyrillic_language(text, language):
    assert cyrillic_language(text) == language


def test_a_language_is_marked_only_where_it_is_not_the_pages():
    assert language_if_other("Жаксылыков", "en") == "ru"
    assert language_if_other("Жаксылыков", "ru") is None
    assert language_if_other("Жаксылыков", "kk") == "ru"
    assert language_if_other("Брацкая магіла", "ru") == "be"
    assert language_if_other("Zhaksylykov", "ru") is None
