"""From a view to the web map: :func:`layer_data` (plain, cacheable data) and :func:`build_map` (a ``folium.Map``)."""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import pandas as pd

from geo import settings
from geo.coords import convert_gdf
from geo.load import Dataset
from geo.taxonomy import UNKNOWN_COLOR
from geo.view import View, plan_ids_for

from .. import basemaps, i18n, offline, style, uncertainty
from .. import labels as label_service
from ..i18n import t
from .canvas import CanvasFootprints, CanvasParks, canvas_mode, canvas_payload
from .elements import GeoJsonGroup
from .features import district_features, park_layer_features
from .geojson import feature_collection
from .legend import Legend, legend_html
from .page import PageStyle
from .popups import Labels

#: Feature groups of the map, in drawing order (bottom first), with their layer-control label keys.
GROUPS = (
    ("parks", "layer_parks"),
    ("footprints", "layer_footprints"),
    ("logistics", "layer_logistics"),
    ("districts", "layer_districts"),
)

#: Leaflet pane of each group (see :data:`layers.web.page.PANES`).
GROUP_PANE = {"districts": "pm-districts", "footprints": "pm-footprints", "parks": "pm-parks", "logistics": "pm-logistics"}


def layer_data(
    ds: Dataset, parks_summary: pd.DataFrame, view: View, scheme: str = "fixed", shapes: tuple | None = None
) -> dict[str, Any]:
    """Everything the map draws, as plain data (cacheable): GeoJSON per group, bounds and legend entries.

    Parameters
    ----------
    ds : Dataset
    parks_summary : geopandas.GeoDataFrame
        Parks to draw (e.g. :func:`geo.view.apply_view`), WGS84.
    view : View
        Language and basemap are taken from it.
    scheme : str
        Scale classification (see :func:`geo.scale_classes.classify_scale`).
    shapes : tuple, optional
        :func:`district_shapes` of the districts in the view's datum (computed when not given).

    Returns
    -------
    dict
        ``groups`` (name → FeatureCollection), ``bounds`` ([[s, w], [n, e]]), ``sectors`` shown,
        ``tiers`` shown, ``has_noscale``, ``has_footprints``, ``has_logistics``, ``datum``, and ``canvas``
        (:func:`canvas_payload` when there are at least :data:`geo.settings.WEB_CANVAS_MIN_PARKS` parks,
        else ``None`` and the parks are FeatureCollections in ``groups``).
    """
    lang = view.lang if view.lang in i18n.LANGS else i18n.DEFAULT_LANG
    labels = Labels(ds, lang)
    datum = basemaps.datum(view.basemap)
    parks = gpd.GeoDataFrame(parks_summary, geometry="geometry", crs=settings.CRS_WGS84)
    districts = ds.districts
    if datum != "wgs84":
        parks = convert_gdf(parks, "wgs84", datum) if len(parks) else parks
        districts = convert_gdf(districts, "wgs84", datum)
    focus = set(ds.plans.loc[ds.plans["plan_id"].isin(plan_ids_for(ds, view)), "district"])
    tiles = view.basemap != "none"
    canvas = None
    if canvas_mode(len(parks)):
        # many parks: one canvas layer fed by compact columns (see CanvasParks)
        canvas = canvas_payload(parks, labels, scheme=scheme)
        groups = {"parks": feature_collection([]), "footprints": feature_collection([]), "logistics": feature_collection([])}
        sector_keys, tiers_present, classes = set(canvas["sector_keys"]), set(canvas["tiers"]), canvas["scale_classes"]
        n_parks, has_fp, has_logi = canvas["n"], canvas["n_footprints"] > 0, canvas["has_logistics"]
    else:
        styled = style.style_parks(parks, ds.industries, scheme=scheme) if len(parks) else parks.assign(
            color=[], scale_class=[], radius_px=[], fill_opacity=[], outline_color=[], outline_width=[], outline_dash=[]
        )
        groups = park_layer_features(styled, labels)
        if len(styled):  # uncertainty rings under the markers, in the group of their park
            logi = styled["kind"].isin(settings.LOGISTICS_KINDS)
            groups["parks"]["features"][:0] = uncertainty.web_ring_features(styled[~logi])
            groups["logistics"]["features"][:0] = uncertainty.web_ring_features(styled[logi])
        sector_keys = set(styled["dominant_sector"]) if len(styled) else set()
        tiers_present = set(styled["tier"]) if len(styled) else set()
        classes = sorted(int(c) for c in set(styled["scale_class"])) if len(styled) else []
        n_parks, has_fp, has_logi = int(len(styled)), bool(groups["footprints"]["features"]), bool(groups["logistics"]["features"])
    groups["districts"] = district_features(districts, labels, focus, tiles, shapes)
    if len(parks):
        minx, miny, maxx, maxy = parks.total_bounds
    else:
        sel = districts[districts["district"].isin(view.districts)] if view.districts else districts
        minx, miny, maxx, maxy = (sel if len(sel) else districts).total_bounds
    pad = max(0.03, 0.06 * max(maxx - minx, maxy - miny))
    shown = [s for s in labels.sector_order if s in sector_keys]
    unknown = any(s not in labels.colors for s in sector_keys)
    return {
        "lang": lang,
        "groups": groups,
        "canvas": canvas,
        "bounds": [[float(miny - pad), float(minx - pad)], [float(maxy + pad), float(maxx + pad)]],
        "sectors": [(labels.industry(s), labels.colors[s]) for s in shown]
        + ([(label_service.unclassified(lang), UNKNOWN_COLOR)] if unknown else []),
        "tiers": [tr for tr in style.TIER_OUTLINE if tr in tiers_present],
        "scale_classes": classes,
        "has_footprints": has_fp,
        "has_logistics": has_logi,
        "has_uncertainty": any(f["properties"].get("_radius_m") for g in ("parks", "logistics")
                               for f in groups[g]["features"]),
        "datum": datum,
        "n_parks": n_parks,
    }


def build_map(
    ds: Dataset,
    parks_summary: pd.DataFrame,
    view: View,
    *,
    data: dict | None = None,
    secrets: dict | None = None,
    env: dict | None = None,
    height: int | str = "100%",
    scheme: str = "fixed",
    legend: str = "auto",
    focus: tuple[float, float] | None = None,
) -> folium.Map:
    """Build the interactive park map.

    Parameters
    ----------
    ds : Dataset
    parks_summary : geopandas.GeoDataFrame
        Parks to draw, as returned by :func:`geo.view.apply_view` (WGS84).
    view : View
        Language and basemap come from it (``view.basemap``: none, osm, gaode, tianditu, custom).
    data : dict, optional
        Precomputed :func:`layer_data` (e.g. cached by the app).
    secrets, env : mapping, optional
        Where the 天地图 key / custom tile URL are read (default: the environment).
    height : int or str
        Map height (px or CSS).
    scheme : str
        Scale classification.
    legend : str
        ``auto`` (open on maps at least :data:`layers.web.legend.WIDE_MAP_PX` wide, folded otherwise), ``open``
        or ``folded`` (the app shows the legend beside the map and folds the one on it).
    focus : (lat, lon), optional
        Open centred on this point at :data:`layers.web.page.FOCUS_ZOOM` (a link to one park) instead of fitting
        every park.

    Returns
    -------
    folium.Map
        With the attribute ``basemap_notice``: an i18n key when the requested basemap was not
        available and the map fell back to none, else ``""``.
    """
    offline.localize_folium()
    bm, notice = basemaps.resolve(view.basemap, secrets=secrets, env=env)
    if bm is None and view.basemap not in ("none", ""):
        view = view.with_(basemap="none")
    data = data or layer_data(ds, parks_summary, view, scheme=scheme)
    lang = data["lang"]
    (s, w), (n, e) = data["bounds"]
    m = folium.Map(
        location=[(s + n) / 2, (w + e) / 2],
        zoom_start=9,
        tiles=None,
        height=height,
        control_scale=False,
        maxZoom=bm.max_zoom if bm else settings.MAP_MAX_ZOOM,
        minZoom=settings.MAP_MIN_ZOOM,
        zoomSnap=0.25,
        zoomDelta=0.5,
        disable_3d=True,
    )
    # this map needs Leaflet only: a lighter page than folium's default bootstrap/font-awesome set
    m.default_js = [x for x in folium.Map.default_js if x[0] in ("parkmap_init", "leaflet")]
    m.default_css = [x for x in folium.Map.default_css if x[0] == "leaflet_css"]
    m.basemap_notice = notice
    if bm is not None:
        for layer in basemaps.tile_layers(bm):
            layer.add_to(m)
    PageStyle(style.BACKGROUND, data["bounds"], legend, focus=focus, lang=lang).add_to(m)
    names = dict(GROUPS)
    canvas = data.get("canvas")
    for key, _ in GROUPS:
        if canvas and key == "parks":
            parks_layer = CanvasParks(canvas, name=t(names[key], lang), pane=GROUP_PANE[key]).add_to(m)
            continue
        if canvas and key == "footprints":
            if canvas["n_footprints"]:
                CanvasFootprints(parks_layer, name=t(names[key], lang), pane=GROUP_PANE[key]).add_to(m)
            continue
        fc = data["groups"][key]
        if key == "logistics" and not fc["features"]:
            continue
        if key == "footprints" and not fc["features"]:
            continue
        GeoJsonGroup(fc, name=t(names[key], lang), pane=GROUP_PANE[key]).add_to(m)
    folium.LayerControl(position="topright", collapsed=False).add_to(m)
    Legend(legend_html(data), mode=legend).add_to(m)
    return m
