"""Visiting order for a trip over several memorials (pure functions, no database).

Distances are great-circle kilometres. Up to ``EXACT_LIMIT`` stops the order is exact
(Held-Karp dynamic programming); beyond that, nearest neighbour followed by 2-opt,
which is what trip planners commonly use at this size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

EARTH_RADIUS_KM = 6371.0088
EXACT_LIMIT = 10
MAX_STOPS = 50
# Road distance is longer than the straight line; this factor and speed give an estimate.
ROAD_FACTOR = 1.3
AVERAGE_SPEED_KMH = 60.0

Point = tuple[float, float]  # (lat, lon)


def great_circle_km(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_matrix(points: list[Point]) -> list[list[float]]:
    return [[great_circle_km(a, b) for b in points] for a in points]


@dataclass(frozen=True)
class Tour:
    order: list[int]  # indices into the stops, in visiting order
    legs: list[float]  # km of each leg, from the start (if any) through the stops
    total_km: float
    exact: bool
    path: list[int]  # matrix indices visited, the start (index n) included


def _held_karp(matrix, nodes: list[int], start: int, round_trip: bool) -> list[int]:
    """Shortest path from ``start`` through every node (returning to it if round_trip)."""
    best: dict[tuple[int, int], tuple[float, int]] = {}
    index = {node: i for i, node in enumerate(nodes)}
    for node in nodes:
        best[(1 << index[node], node)] = (matrix[start][node], start)
    for size in range(2, len(nodes) + 1):
        for subset in combinations(nodes, size):
            mask = 0
            for node in subset:
                mask |= 1 << index[node]
            for last in subset:
                prev_mask = mask & ~(1 << index[last])
                best[(mask, last)] = min(
                    (best[(prev_mask, p)][0] + matrix[p][last], p) for p in subset if p != last
                )
    full = (1 << len(nodes)) - 1
    closing = (lambda n: matrix[n][start]) if round_trip else (lambda n: 0.0)
    last = min(nodes, key=lambda n: best[(full, n)][0] + closing(n))
    path, mask = [], full
    while last != start:
        path.append(last)
        _, prev = best[(mask, last)]
        mask &= ~(1 << index[last])
        last = prev
    return path[::-1]


def _nearest_neighbour(matrix, nodes: list[int], start: int) -> list[int]:
    path, left, here = [], set(nodes), start
    while left:
        here = min(left, key=lambda n: (matrix[here][n], n))
        path.append(here)
        left.remove(here)
    return path


def _two_opt(matrix, path: list[int], start: int, round_trip: bool) -> list[int]:
    route = [start, *path] + ([start] if round_trip else [])
    improved = True
    while improved:
        improved = False
        last = len(route) - (1 if round_trip else 0)
        for i in range(1, last - 1):
            for j in range(i + 1, last):
                a, b = route[i - 1], route[i]
                c = route[j]
                d = route[j + 1] if j + 1 < len(route) else None
                before = matrix[a][b] + (matrix[c][d] if d is not None else 0.0)
                after = matrix[a][c] + (matrix[b][d] if d is not None else 0.0)
                if after < before - 1e-9:
                    route[i : j + 1] = reversed(route[i : j + 1])
                    improved = True
    return route[1 : len(route) - (1 if round_trip else 0)]


def plan_tour(
    stops: list[Point],
    start: Point | None = None,
    round_trip: bool = False,
    matrix: list[list[float]] | None = None,
) -> Tour:
    """The visiting order of ``stops`` from ``start`` (or from the best first stop).

    ``matrix`` gives other distances (e.g. by road, possibly one-way different) between
    the stops followed by the start; great-circle distances are used without it.
    """
    if not stops:
        raise ValueError("a trip needs at least one stop")
    if len(stops) > MAX_STOPS:
        raise ValueError(f"at most {MAX_STOPS} stops")
    n = len(stops)
    if matrix is not None:
        matrix = [list(row) for row in matrix]
    if start is not None:
        matrix = matrix or distance_matrix([*stops, start])
        origin = n
    else:
        # No start: a virtual origin at distance 0 from every stop lets the tour begin
        # wherever is best (and a round trip then closes on its first stop).
        matrix = matrix or distance_matrix(stops)
        for row in matrix:
            row.append(0.0)
        matrix.append([0.0] * (n + 1))
        origin = n
    nodes = list(range(n))
    exact = n <= EXACT_LIMIT
    closed = round_trip and start is not None
    if exact and start is None and round_trip:
        order = _held_karp_cycle(matrix, nodes)
    elif exact:
        order = _held_karp(matrix, nodes, origin, closed)
    else:
        order = _two_opt(matrix, _nearest_neighbour(matrix, nodes, origin), origin, closed)
        if start is None and round_trip:
            order = _best_cycle(matrix, order)
    path = ([origin] if start is not None else []) + order
    if round_trip:
        path.append(origin if start is not None else order[0])
    legs = [matrix[a][b] for a, b in zip(path, path[1:], strict=False)]
    return Tour(order=order, legs=legs, total_km=sum(legs), exact=exact, path=path)


def _held_karp_cycle(matrix, nodes: list[int]) -> list[int]:
    first = nodes[0]
    return [first, *_held_karp(matrix, nodes[1:], first, True)] if len(nodes) > 1 else nodes


def _best_cycle(matrix, order: list[int]) -> list[int]:
    first = order[0]
    return [first, *_two_opt(matrix, order[1:], first, True)]


def driving_hours(total_km: float) -> float:
    """A rough driving time from a great-circle distance."""
    return total_km * ROAD_FACTOR / AVERAGE_SPEED_KMH
