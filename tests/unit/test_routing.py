import itertools
import random

import pytest

from mapapp.trips.tour import EXACT_LIMIT, great_circle_km, plan_tour


def _brute(stops, start, round_trip):
    best = None
    for perm in itertools.permutations(range(len(stops))):
        path = ([start] if start else []) + [stops[i] for i in perm]
        if round_trip:
            path.append(start if start else stops[perm[0]])
        length = sum(great_circle_km(a, b) for a, b in itertools.pairwise(path))
        best = length if best is None else min(best, length)
    return best


def _random_stops(rng, n):
    return [(rng.uniform(51.5, 55.9), rng.uniform(23.5, 31.5)) for _ in range(n)]


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("round_trip", [False, True])
@pytest.mark.parametrize("with_start", [False, True])
def test_exact_order_matches_brute_force(seed, round_trip, with_start):
    rng = random.Random(seed)
    n = rng.randint(1, 7)
    stops = _random_stops(rng, n)
    start = (53.9, 27.55) if with_start else None
    tour = plan_tour(stops, start, round_trip)
    assert tour.exact and sorted(tour.order) == list(range(n))
    assert tour.total_km == pytest.approx(_brute(stops, start, round_trip), rel=1e-9)
    assert sum(tour.legs) == pytest.approx(tour.total_km)


def test_ten_stops_are_exact():
    rng = random.Random(99)
    stops = _random_stops(rng, EXACT_LIMIT)
    tour = plan_tour(stops, (53.9, 27.55), round_trip=False)
    assert tour.exact
    # Brute force over 10! orders is slow; compare against random orders instead.
    for _ in range(2000):
        perm = rng.sample(range(EXACT_LIMIT), EXACT_LIMIT)
        path = [(53.9, 27.55)] + [stops[i] for i in perm]
        length = sum(great_circle_km(a, b) for a, b in itertools.pairwise(path))
        assert tour.total_km <= length + 1e-9


def test_heuristic_beyond_ten_visits_every_stop_once_and_beats_nearest_neighbour():
    rng = random.Random(5)
    stops = _random_stops(rng, 50)
    tour = plan_tour(stops, (53.9, 27.55), round_trip=True)
    assert not tour.exact and sorted(tour.order) == list(range(50))
    assert len(tour.legs) == 51  # start, 50 stops, back to start
    identity = [(53.9, 27.55), *stops, (53.9, 27.55)]
    assert tour.total_km < sum(great_circle_km(a, b) for a, b in itertools.pairwise(identity))


def test_limits():
    with pytest.raises(ValueError, match="at least one"):
        plan_tour([])
    with pytest.raises(ValueError, match="at most 50"):
        plan_tour([(54.0, 28.0)] * 51)


def test_great_circle_agrees_with_the_ellipsoid():
    from pyproj import Geod

    minsk, brest = (53.9, 27.55), (52.083682, 23.658184)
    _, _, metres = Geod(ellps="WGS84").inv(minsk[1], minsk[0], brest[1], brest[0])
    assert great_circle_km(minsk, brest) == pytest.approx(metres / 1000, rel=0.005)
