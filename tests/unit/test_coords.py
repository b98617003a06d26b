import math

import pytest

from mapapp.text.coords import check_lat_lon, lat_lon_dms, to_dms


def test_dms_of_dubrovno():
    assert lat_lon_dms(54.57194, 30.69) == "54°34′18.98″ N 30°41′24.00″ E"


def test_dms_southern_western_hemispheres():
    assert to_dms(-0.5, "N", "S") == "0°30′00.00″ S"
    assert to_dms(-179.999999, "E", "W").endswith("W")


def test_dms_never_shows_sixty_seconds():
    # 0.9999999 degrees rounds to a whole degree, not 0°59′60″.
    assert to_dms(0.99999999, "N", "S") == "1°00′00.00″ N"


def test_dms_matches_a_source_written_in_dms():
    # Mass grave in Dubrova: the source writes 55°04′23″ 29°45′12″.
    assert lat_lon_dms(55.073056, 29.753333) == "55°04′23.00″ N 29°45′12.00″ E"


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [
        (math.nan, 30.0, "finite"),
        (54.0, math.inf, "finite"),
        (90.5, 30.0, "latitude"),
        (54.0, -180.5, "longitude"),
    ],
)
def test_check_lat_lon_rejects_impossible_points(lat, lon, message):
    with pytest.raises(ValueError, match=message):
        check_lat_lon(lat, lon)
