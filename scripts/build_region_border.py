"""Build data/geo/belarus_border.geojson, the border imports check points against, from
Natural Earth's 1:10m Admin 0 countries (public domain) as the npm package world-atlas
2.0.2 redistributes them (Natural Earth 4.1.0, TopoJSON, quantized to about 0.0036° of
longitude and 0.0017° of latitude: 240 m and 190 m here).

    curl -sO https://registry.npmjs.org/world-atlas/-/world-atlas-2.0.2.tgz
    tar xzf world-atlas-2.0.2.tgz
    python scripts/build_region_border.py package/countries-10m.json data/geo/belarus_border.geojson

The output is the same on every run.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

COUNTRY = "Belarus"
SOURCE = (
    "Natural Earth 1:10m Admin 0 countries, version 4.1.0 (public domain), "
    "as redistributed by the npm package world-atlas 2.0.2 (countries-10m.json)"
)


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's arcs in degrees: each position after the first is a delta, quantized."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 7), round(y * sy + ty, 7)))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    """A ring from its arcs; ~i is arc i reversed, and each arc begins where the last ended."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def border(topology: dict, country: str) -> dict:
    arcs = decoded_arcs(topology)
    (geometry,) = [
        g
        for g in topology["objects"]["countries"]["geometries"]
        if g.get("properties", {}).get("name") == country
    ]
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    coordinates = [[ring(arcs, r) for r in polygon] for polygon in polygons]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": country, "source": SOURCE},
                "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
            }
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topojson", type=Path, help="world-atlas's countries-10m.json")
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    args.output.write_text(
        json.dumps(border(topology, COUNTRY), ensure_ascii=False, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
