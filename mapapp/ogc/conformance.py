"""The conformance classes /ogc declares: Features Part 1 core (GeoJSON, HTML, OpenAPI 3.0),
Part 3 queryables and filter, and the CQL2 classes the translation in
mapapp.features.cql implements."""

FEATURES = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"
FILTER = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/"
CQL2 = "http://www.opengis.net/spec/cql2/1.0/conf/"

CONFORMS_TO = [
    FEATURES + "core",
    FEATURES + "geojson",
    FEATURES + "html",
    FEATURES + "oas30",
    FILTER + "queryables",
    FILTER + "filter",
    FILTER + "features-filter",
    CQL2 + "basic-cql2",
    CQL2 + "cql2-text",
    CQL2 + "cql2-json",
    CQL2 + "advanced-comparison-operators",
    CQL2 + "basic-spatial-functions",
    # The name of basic-spatial-functions in the drafts some clients still look for.
    CQL2 + "basic-spatial-operators",
    CQL2 + "spatial-functions",
]
