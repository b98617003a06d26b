"""Plain data functions over a SQLAlchemy session. No Flask in here.

Each function takes a session and arguments and returns dicts, lists or GeoJSON
text. GeoJSON is assembled by PostGIS (ST_AsGeoJSON, json_agg), not row by row.
"""
