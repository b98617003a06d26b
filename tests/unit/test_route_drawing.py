"""The printed trip map: every stop inside the frame, numbered, in visiting order."""

import re

import pytest

from mapapp.trips.route_drawing import HEIGHT, MARGIN, WIDTH, fit_frame, route_svg

STOPS = [(54.612, 30.482), (53.9, 27.56), (52.1, 23.7), (55.5, 28.8), (53.2, 31.3)]


def _marks(svg: str) -> dict[int, tuple[float, float]]:
    found = re.findall(r'data-stop="(\d+)"><circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    return {int(n): (float(x), float(y)) for n, x, y in found}


@pytest.mark.parametrize("stops", [STOPS, STOPS[:1], [(54.0, 30.0), (54.0001, 30.0001)]])
def test_every_stop_is_drawn_inside_the_frame_and_numbered(stops):
    svg = route_svg(stops, start=(53.9, 27.55), round_trip=True)
    marks = _marks(svg)
    assert sorted(marks) == list(range(1, len(stops) + 1))
    for x, y in marks.values():
        assert MARGIN - 0.01 <= x <= WIDTH - MARGIN + 0.01
        assert MARGIN - 0.01 <= y <= HEIGHT - MARGIN + 0.01


def test_north_is_up_and_east_is_right():
    frame = fit_frame(STOPS)
    north_x, north_y = frame.xy(55.5, 28.8)
    south_x, south_y = frame.xy(52.1, 23.7)
    assert north_y < south_y and north_x > south_x


def test_the_route_visits_the_stops_in_order_and_comes_back():
    svg = route_svg(STOPS[:3], start=None, round_trip=True)
    points = re.search(r'<polyline points="([^"]+)"', svg).group(1).split()
    marks = _marks(svg)
    expected = [marks[1], marks[2], marks[3], marks[1]]
    assert [tuple(map(float, p.split(","))) for p in points] == expected


def test_labels_are_escaped():
    svg = route_svg(STOPS[:2], None, False, title='<b>"x"</b>', km_label="<km>")
    assert "<b>" not in svg and "&lt;km&gt;" in svg
    assert 'aria-label="&lt;b&gt;&quot;x&quot;&lt;/b&gt;"' in svg
