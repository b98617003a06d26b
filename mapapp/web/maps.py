"""folium map builders, and the one place that points folium at locally served assets.

The registry map holds no data: empty marker-cluster layers are created here and
``static/js/map.js`` fills them from the JSON API, building every popup with DOM
nodes and ``textContent`` (folium's own popups would put data into JS template
literals unescaped).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster
from folium.utilities import JsCode
from jinja2 import Template
from markupsafe import Markup

from mapapp.settings import Settings

# A phone's screen (the breakpoint of static/css/phone.css): the layer switch folds into
# its button there, or its open list would cover the zoom buttons and the popups.
NARROW_SCREEN = "(max-width: 640px)"


@dataclass(frozen=True)
class RenderedMap:
    """The three parts of a folium figure, to place inside our own page template."""

    header: Markup
    html: Markup
    script: Markup


@dataclass(frozen=True)
class AssetUrls:
    leaflet_js: str
    leaflet_css: str
    markercluster_js: str
    markercluster_css: str
    markercluster_default_css: str
    app_js: str
    app_css: str


class _AppAssets(JSCSSMixin):
    """Links our own map script and style into the figure header."""

    _template = Template("")

    def __init__(self, assets: AssetUrls):
        super().__init__()
        self._name = "MapappAssets"
        self.default_js = [("mapapp_js", assets.app_js)]
        self.default_css = [("mapapp_css", assets.app_css)]


class _CallScript(MacroElement):
    """Calls a function of static/js/map.js with JSON options, once the map exists."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        window.mapapp.{{ this.function }}({{ this.map_name }}, {{ this.options_json }}, {
            {%- for key, layer in this.layers.items() %}
            {{ key|tojson }}: {{ layer }},
            {%- endfor %}
        });
        {% endmacro %}"""
    )

    def __init__(self, function: str, options: dict, layers: dict[str, str] | None = None):
        super().__init__()
        self._name = "MapappCall"
        self.function = function
        # JSON placed inside <script>: escape <, > and & so no data can close the tag.
        self.options_json = (
            json.dumps(options, ensure_ascii=False)
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
        )
        self.layers = layers or {}

    def render(self, **kwargs):
        self.map_name = self._parent.get_name()
        super().render(**kwargs)


def _base_map(settings: Settings, assets: AssetUrls, location, zoom: int, **kwargs) -> folium.Map:
    fmap = folium.Map(
        location=location,
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        **kwargs,
    )
    # Instance attributes: folium's class lists point at CDNs and must stay untouched.
    fmap.default_js = [("leaflet", assets.leaflet_js)]
    fmap.default_css = [("leaflet_css", assets.leaflet_css)]
    folium.TileLayer(
        tiles=settings.tiles_url,
        attr=settings.tiles_attribution,
        max_zoom=settings.tiles_max_zoom,
        name="tiles",
        control=False,
    ).add_to(fmap)
    _AppAssets(assets).add_to(fmap)
    return fmap


def _cluster(name: str, assets: AssetUrls) -> MarkerCluster:
    cluster = MarkerCluster(name=name, options={"spiderfyOnMaxZoom": True, "maxClusterRadius": 40})
    cluster.default_js = [("markerclusterjs", assets.markercluster_js)]
    cluster.default_css = [
        ("markerclustercss", assets.markercluster_css),
        ("markerclusterdefaultcss", assets.markercluster_default_css),
    ]
    return cluster


def registry_map(settings: Settings, assets: AssetUrls, options: dict) -> RenderedMap:
    """The main map: a layer of burial sites and one of battle locations, filled from the API."""
    fmap = _base_map(
        settings, assets, [settings.map_center_lat, settings.map_center_lon], settings.map_zoom
    )
    sites = _cluster(options["labels"]["layer_sites"], assets).add_to(fmap)
    battles = _cluster(options["labels"]["layer_battles"], assets).add_to(fmap)
    if "honours" in options:
        _honour_layers(fmap, options["honours"])
    folium.LayerControl(
        collapsed=JsCode(f"window.matchMedia({json.dumps(NARROW_SCREEN)}).matches")
    ).add_to(fmap)
    _CallScript(
        "registryMap", options, {"sites": sites.get_name(), "battles": battles.get_name()}
    ).add_to(fmap)
    return render(fmap)


class _HonourAssets(JSCSSMixin):
    """The script and style of the layers of Heroes' graves and formations' areas."""

    _template = Template("")

    def __init__(self, script: str, style: str):
        super().__init__()
        self._name = "MapappHonourAssets"
        self.default_js = [("mapapp_honours_js", script)]
        self.default_css = [("mapapp_honours_css", style)]


def _honour_layers(fmap: folium.Map, options: dict) -> None:
    """Heroes' graves (a star on the site) and formations' areas, filled by heroes_layer.js."""
    _HonourAssets(options["script"], options["style"]).add_to(fmap)
    heroes = folium.FeatureGroup(name=options["labels"]["layer_heroes"]).add_to(fmap)
    areas = folium.FeatureGroup(name=options["labels"]["layer_areas"]).add_to(fmap)
    _CallScript(
        "honourLayers", options, {"heroes": heroes.get_name(), "areas": areas.get_name()}
    ).add_to(fmap)


def home_map(settings: Settings, assets: AssetUrls, options: dict) -> RenderedMap:
    """The sites where the people of one country or region lie, sized by how many."""
    fmap = _base_map(
        settings, assets, [settings.map_center_lat, settings.map_center_lon], settings.map_zoom
    )
    sites = _cluster(options["labels"]["layer_sites"], assets).add_to(fmap)
    _CallScript("homeMap", options, {"sites": sites.get_name()}).add_to(fmap)
    return render(fmap)


def route_map(settings: Settings, assets: AssetUrls, options: dict) -> RenderedMap:
    """A trip: numbered stops joined by the route line, fitted to the view."""
    fmap = _base_map(
        settings, assets, [settings.map_center_lat, settings.map_center_lon], settings.map_zoom
    )
    _CallScript("routeMap", options).add_to(fmap)
    return render(fmap)


def point_map(
    settings: Settings, assets: AssetUrls, lat: float, lon: float, kind: str, options: dict
) -> RenderedMap:
    """A small map centred on one place, with its marker and the places near it."""
    # A district-precision point stands for an area: zoom out so that the area shows.
    zoom = 9 if options.get("precision") == "district" else 11
    fmap = _base_map(settings, assets, [lat, lon], zoom)
    _CallScript("pointMap", {**options, "lat": lat, "lon": lon, "kind": kind}).add_to(fmap)
    return render(fmap)


def render(fmap: folium.Map) -> RenderedMap:
    root = fmap.get_root()
    root.render()
    # folium's output is markup we built: no text from data reaches it except the
    # options JSON, which _CallScript escapes. Hence Markup without escaping.
    return RenderedMap(
        header=Markup(root.header.render()),  # noqa: S704
        html=Markup(root.html.render()),  # noqa: S704
        script=Markup(f"<script>\n{root.script.render()}\n</script>"),  # noqa: S704
    )
