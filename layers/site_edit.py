"""The site-correction map: one park's site with a draggable point, the Draw toolbar (served locally) and a preview."""

from __future__ import annotations

import json

import folium
import numpy as np
import shapely
import shapely.affinity
from branca.element import MacroElement
from folium.plugins import Draw
from folium.template import Template
from shapely.geometry.base import BaseGeometry

from geo import settings
from geo.coords import convert
from geo.uncertainty import site_uncertainty

from . import basemaps, offline
from .escape import esc

#: Colours: the stored site, the preview of the new one, the district outline.
SITE_COLOR = "#0072B2"
PREVIEW_COLOR = "#D55E00"
DISTRICT_COLOR = "#6b6b6b"


class DragToDraw(MacroElement):
    """Report the end of a marker drag to ``st_folium`` as a drawing (``draw:edited`` with the marker as layer).

    ``st_folium`` returns drawings (``last_active_drawing``) but not marker drags; firing the Draw plugin's
    event with the marker makes the new position come back as a GeoJSON point.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.marker.get_name() }}.on('dragend', function (e) {
            {{ this._parent.get_name() }}.fire('draw:edited', {layer: e.target});
        });
        {% endmacro %}
        """
    )

    def __init__(self, marker: folium.Marker):
        super().__init__()
        self._name = "DragToDraw"
        self.marker = marker


def _to_datum(geom: BaseGeometry, datum: str) -> BaseGeometry:
    if datum == "wgs84":
        return geom
    return shapely.transform(geom, lambda xy: np.column_stack(convert(xy[:, 0], xy[:, 1], "wgs84", datum)))


def _latlngs(poly) -> list:
    """Leaflet lat/lng rings of a Polygon (outer + holes)."""
    return [[[y, x] for x, y in ring.coords] for ring in [poly.exterior, *poly.interiors]]


def edit_map(
    park: dict,
    geom: BaseGeometry,
    district_geom: BaseGeometry | None,
    basemap: str = "none",
    preview: BaseGeometry | None = None,
    secrets: dict | None = None,
    height: int = 560,
) -> tuple[folium.Map, str]:
    """Build the editing map of one park.

    Parameters
    ----------
    park : dict
        The park's properties (``park_id``, ``name_zh``, ``geometry_quality`` …).
    geom : shapely geometry
        Its stored site (WGS84).
    district_geom : shapely geometry or None
        Its district's outline (WGS84).
    basemap : str
        Basemap key (see :mod:`layers.basemaps`); drawings come back in its datum (GCJ-02 for Gaode).
    preview : shapely geometry, optional
        A new site not saved yet (WGS84), drawn in :data:`PREVIEW_COLOR`.
    secrets : dict, optional
        Where the 天地图 key is read.
    height : int
        Map height in px.

    Returns
    -------
    tuple
        ``(folium.Map, datum)``: the datum the map's coordinates are in (``wgs84`` unless Gaode).
    """
    offline.localize_folium()
    bm, _ = basemaps.resolve(basemap, secrets=secrets)
    datum = basemaps.datum(basemap) if bm is not None else "wgs84"
    g = _to_datum(geom, datum)
    focus = _to_datum(preview, datum) if preview is not None else g
    minx, miny, maxx, maxy = shapely.union_all([x for x in (g, focus) if x is not None]).buffer(0.02).bounds
    m = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=12, tiles=None, height=height,
                   max_zoom=settings.MAP_MAX_ZOOM, min_zoom=settings.MAP_MIN_ZOOM, control_scale=True)
    m.default_js = [x for x in folium.Map.default_js if x[0] in ("parkmap_init", "leaflet")]
    m.default_css = [x for x in folium.Map.default_css if x[0] == "leaflet_css"]
    if bm is not None:
        for layer in basemaps.tile_layers(bm):
            layer.add_to(m)
    if district_geom is not None:
        d = _to_datum(district_geom, datum)
        folium.GeoJson(
            json.loads(shapely.to_geojson(d.simplify(0.0005))),
            style_function=lambda _f: {"color": DISTRICT_COLOR, "weight": 1.5, "fill": False, "interactive": False},
            interactive=False, control=False,
        ).add_to(m)
    name = esc(park.get("name_zh", "") or park.get("park_id", ""))
    unc = site_uncertainty(park, geom)
    editable = folium.FeatureGroup(name="site", control=False).add_to(m)
    if g.geom_type in ("Polygon", "MultiPolygon"):
        polys = list(getattr(g, "geoms", [g]))
        biggest = max(polys, key=lambda p: p.area)
        folium.Polygon(_latlngs(biggest), color=SITE_COLOR, weight=2, fill=True, fill_opacity=0.12,
                       dash_array="6 4" if str(park.get("geometry_quality")) == "approximate" else None,
                       tooltip=name).add_to(editable)
    anchor = g if g.geom_type == "Point" else g.representative_point()
    if unc.ring and unc.radius_m:
        folium.Circle([anchor.y, anchor.x], radius=unc.radius_m, color=SITE_COLOR, weight=1.2, dash_array="4 5",
                      fill=False, interactive=False).add_to(m)
    icon = folium.DivIcon(
        html=f'<div class="pm-site-pin" title="{name}" style="width:18px;height:18px;border-radius:50%;'
             f'background:{SITE_COLOR};border:3px solid #fff;box-shadow:0 0 0 1.5px {SITE_COLOR};cursor:move"></div>',
        icon_size=(18, 18), icon_anchor=(9, 9), class_name="pm-site-marker",
    )
    marker = folium.Marker([anchor.y, anchor.x], icon=icon, draggable=True, tooltip=name).add_to(m)
    DragToDraw(marker).add_to(m)
    Draw(
        feature_group=editable,
        position="topleft",
        show_geometry_on_click=False,
        draw_options={"polyline": False, "circle": False, "circlemarker": False, "marker": False,
                      "polygon": {"allowIntersection": False, "showArea": True}, "rectangle": {"showArea": True}},
        edit_options={"poly": {"allowIntersection": False}},
    ).add_to(m)
    if preview is not None:
        p = _to_datum(preview, datum)
        folium.GeoJson(
            json.loads(shapely.to_geojson(p)),
            style_function=lambda _f: {"color": PREVIEW_COLOR, "weight": 2.5, "fillOpacity": 0.15},
            marker=folium.CircleMarker(radius=8, color=PREVIEW_COLOR, fill=True, fill_opacity=0.9),
            interactive=False, control=False,
        ).add_to(m)
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    return m, datum


def drawn_geometry(out: dict | None, seen: dict) -> tuple[dict | None, str]:
    """The drawing the map reported since the last call: ``(GeoJSON geometry, kind)``, kind ``moved``/``digitised``.

    Parameters
    ----------
    out : dict or None
        ``st_folium``'s return value (``last_active_drawing``, ``all_drawings``).
    seen : dict
        Holds what was already handled (updated in place; keep it in the session).

    Returns
    -------
    tuple
        ``(None, "")`` when nothing new was drawn or dragged.
    """
    if not out:
        return None, ""
    last = out.get("last_active_drawing")
    alls = out.get("all_drawings")
    last_key = json_key(last)
    all_key = json_key(alls)
    new_last = last is not None and last_key != seen.get("last")
    new_all = alls is not None and all_key != seen.get("all")
    seen["last"], seen["all"] = last_key, all_key
    if new_last:
        geom = (last or {}).get("geometry") or {}
        if geom.get("type") == "Point":
            return geom, "moved"
        if geom.get("type") in ("Polygon", "MultiPolygon"):
            return geom, "digitised"
    if new_all:
        polys = [f.get("geometry") for f in (alls or []) if (f.get("geometry") or {}).get("type") in ("Polygon", "MultiPolygon")]
        if polys:
            return polys[-1], "digitised"
    return None, ""


def json_key(obj: object) -> str:
    """A stable text key of a JSON-like value (to tell new drawings from ones already handled)."""
    return json.dumps(obj, sort_keys=True, default=str)


def translate_to(geom: BaseGeometry, point: BaseGeometry) -> BaseGeometry:
    """Move a site so that its representative point lands on ``point`` (a dragged polygon keeps its shape)."""
    if geom.geom_type == "Point":
        return point
    a = geom.representative_point()
    return shapely.affinity.translate(geom, xoff=point.x - a.x, yoff=point.y - a.y)
