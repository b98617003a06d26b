"""One cell holding both coordinates, in the forms registers and maps write them."""

import pytest

from mapapp.importers.values import parse_lat_lon_pair


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("54.57, 30.69", (54.57, 30.69)),
        ("54.57 30.69", (54.57, 30.69)),
        ("54.57;30.69", (54.57, 30.69)),
        ("53,9036, 27,5625", (53.9036, 27.5625)),  # decimal commas, a comma and a space
        ("53.9036,27.5625", (53.9036, 27.5625)),  # decimal points: the one comma parts them
        ("54°34′19″N 30°41′24″E", (54.571944, 30.69)),
    ],
)
def test_pairs_read(text, expected):
    lat, lon = parse_lat_lon_pair(text)
    assert (round(lat, 6), round(lon, 6)) == expected


@pytest.mark.parametrize("text", ["53,9036,27,5625", "53.9,27.1,5", "54.57"])
def test_pairs_that_cannot_be_told_apart_are_refused(text):
    with pytest.raises(ValueError, match="expected 'lat, lon', as '54.57, 30.69'"):
        parse_lat_lon_pair(text)
