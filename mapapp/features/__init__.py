"""Open geodata, framework-free: the collections served through OGC API Features, their
items (paged by key, filtered by bbox and CQL2), built as GeoJSON by PostGIS. The Flask
layer is ``mapapp.ogc``; nothing here imports Flask or the HTTP layers."""
