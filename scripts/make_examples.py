"""Write the example import files in data/examples/ (one per format).

The sites are real ones from the demo set (so importing them into a registry that holds
the demo data adds nothing: their register numbers are already there); the persons are
fictional and say so in their own column.

    python scripts/make_examples.py
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import geopandas as gpd
from openpyxl import Workbook
from shapely.geometry import Point

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "examples"
REGISTER_NUMBERS = ("213Д000473", "213Д000153", "313Д000369")

PERSONS = [
    # Фамилия, Имя, Отчество, Дата рождения, Место рождения, Место призыва, Звание,
    # Дата выбытия, Причина выбытия, Место захоронения, Район захоронения, Учётный номер
    ("Примеров", "Касым", "Ахметович", "__.__.1915", "Карагандинская обл.",
     "Карагандинский ГВК", "рядовой", "24.06.1944", "убит", "Шуховцы", "Дубровенский", ""),
    ("Образцов", "Иван", "", "1920", "Акмолинская обл.", "Акмолинский ГВК", "сержант",
     "11.1943", "умер от ран", "", "", "213Д000473"),
]  # fmt: skip


def sites() -> list[dict]:
    features = json.loads((ROOT / "data/geo/sites.geojson").read_text(encoding="utf-8"))
    chosen = [
        f for f in features["features"] if f["properties"]["register_number"] in REGISTER_NUMBERS
    ]
    return [
        {
            "Название": f["properties"]["name"],
            "Тип": f["properties"]["kind"],
            "Область": f["properties"]["oblast"],
            "Район": f["properties"]["district"],
            "Учётный номер": f["properties"]["register_number"],
            "Всего": f["properties"]["buried_as_written"] or "",
            "lon": f["geometry"]["coordinates"][0],
            "lat": f["geometry"]["coordinates"][1],
        }
        for f in chosen
    ]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    header = [
        "Фамилия",
        "Имя",
        "Отчество",
        "Дата рождения",
        "Место рождения",
        "Место призыва",
        "Воинское звание",
        "Дата выбытия",
        "Причина выбытия",
        "Место захоронения",
        "Район захоронения",
        "Учётный номер",
        "Вымышленный",
    ]
    with (OUT / "persons_cp1251.csv").open("w", encoding="cp1251", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        writer.writerows([*p, "да"] for p in PERSONS)
    rows = sites()
    with (OUT / "sites.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    book = Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    book.save(OUT / "sites.xlsx")
    frame = gpd.GeoDataFrame(
        [{k: v for k, v in r.items() if k not in ("lat", "lon")} for r in rows],
        geometry=[Point(r["lon"], r["lat"]) for r in rows],
        crs="EPSG:4326",
    )
    frame.to_file(OUT / "sites.geojson", driver="GeoJSON")
    gpkg = OUT / "sites.gpkg"
    gpkg.unlink(missing_ok=True)
    frame.to_file(gpkg, driver="GPKG")
    shp = OUT / "shp"
    shp.mkdir(exist_ok=True)
    # Shapefile field names are at most 10 bytes: short ASCII names, and a mapping file.
    short = {"Название": "name", "Тип": "kind", "Область": "oblast", "Район": "district",
             "Учётный номер": "regnum", "Всего": "total"}  # fmt: skip
    frame.rename(columns=short).to_file(shp / "sites.shp", encoding="utf-8")
    with zipfile.ZipFile(OUT / "sites.shp.zip", "w") as archive:
        for part in sorted(shp.iterdir()):
            archive.write(part, part.name)
            part.unlink()
    shp.rmdir()
    (OUT / "sites_shp_mapping.json").write_text(
        json.dumps({"regnum": "register_number", "total": "buried_total"}, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"examples written to {OUT}")


if __name__ == "__main__":
    main()
