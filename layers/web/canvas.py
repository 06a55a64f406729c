"""Many parks on one canvas layer (from 500 parks): compact columns built here, drawn by ``js/canvas.js``."""

from __future__ import annotations

import json
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from folium.template import Template

from geo import settings
from geo.scale_classes import classify_scale
from geo.taxonomy import UNKNOWN_COLOR

from .. import i18n, style
from ..escape import js_json
from ..i18n import t
from .elements import DataLayer, read_script
from .geojson import feature_collection
from .page import PARK_LABEL_MIN_ZOOM
from .popups import Labels


def canvas_mode(n_parks: int) -> bool:
    """Whether a map of ``n_parks`` parks draws them on one canvas layer (:class:`CanvasParks`)."""
    return n_parks >= settings.WEB_CANVAS_MIN_PARKS


def _codes(values: pd.Series, palette: list[str]) -> tuple[np.ndarray, list[str]]:
    """Index of each value in ``palette`` (values missing from it are appended to it)."""
    vals = values.fillna("").astype(str)
    known = set(palette)
    cats = list(palette) + [v for v in pd.unique(vals) if v not in known]
    return pd.Categorical(vals, categories=cats).codes.astype(np.int64), cats


def canvas_payload(parks: gpd.GeoDataFrame, labels: Labels, scheme: str = "fixed") -> dict[str, Any]:
    """Compact columns of many parks for :class:`CanvasParks`, serialised once.

    Every park becomes a few small integers (rounded coordinates, indexes into palettes of sectors,
    districts, kinds and tiers, the scale class) plus its id and names; the browser builds styles,
    tooltips and pop-ups from them, so no HTML is sent per park. Footprint polygons are simplified
    by their size and rounded. Vectorised: no Python loop over the parks.

    Parameters
    ----------
    parks : geopandas.GeoDataFrame
        Parks summary (columns of :func:`geo.summary.summarise_parks`) in the display datum.
    labels : Labels
    scheme : str
        Scale classification (see :func:`geo.scale_classes.classify_scale`).

    Returns
    -------
    dict
        ``json`` (script-safe JSON text), ``n`` parks, ``n_footprints``, ``bounds`` ([[s, w], [n, e]]),
        ``has_logistics``, ``sector_keys`` and ``tiers`` (as written) and ``scale_classes`` present.
    """
    lang = labels.lang
    geoms = np.asarray(parks.geometry.values, dtype=object)
    keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    p = parks.loc[keep].reset_index(drop=True)
    geoms = geoms[keep]
    scale = pd.to_numeric(p["target_scale_yi"], errors="coerce")
    klass = classify_scale(scale, scheme=scheme).to_numpy().astype(np.int64)
    radius = np.where(klass < 0, style.NO_SCALE_RADIUS_PX, np.asarray(style.CLASS_RADIUS_PX)[np.clip(klass, 0, 4)])
    # big parks first so that small ones are drawn on top (as on the SVG map)
    order = np.lexsort((p["park_id"].astype(str).to_numpy(), -radius))
    p, geoms, scale, klass = p.iloc[order].reset_index(drop=True), geoms[order], scale.iloc[order].reset_index(drop=True), klass[order]
    types = shapely.get_type_id(geoms)
    x, y = shapely.get_x(geoms), shapely.get_y(geoms)  # NaN for non-points
    other_types = np.flatnonzero(types != 0)
    if len(other_types):
        rep = shapely.point_on_surface(geoms[other_types])
        x[other_types], y[other_types] = shapely.get_x(rep), shapely.get_y(rep)
    k = 10**settings.WEB_COORD_DECIMALS
    x0, y0 = (float(np.floor(x.min() * 100) / 100), float(np.floor(y.min() * 100) / 100)) if len(p) else (0.0, 0.0)

    sec_codes, sec_keys = _codes(p["dominant_sector"], labels.sector_order)
    # each park's list of sectors: an index into the distinct lists (far fewer than parks)
    lists = p["sectors"] if "sectors" in p else pd.Series([()] * len(p))
    combo_codes, combos = pd.factorize(lists.map(lambda v: tuple(v) if isinstance(v, (tuple, list)) else ()))
    known = set(sec_keys)
    sec_keys = sec_keys + [s for s in dict.fromkeys(s for tup in combos for s in tup) if s not in known]
    sec_index = {s: i for i, s in enumerate(sec_keys)}
    chain = p["dominant_chain"].fillna("").astype(str)
    chain = chain.where(chain != p["dominant_sector"].astype(str), "")
    ch_codes, ch_keys = _codes(chain, [""])
    d_codes, d_keys = _codes(p["district"], [])
    q_codes, q_keys = _codes(p["kind"], [])
    t_codes, t_keys = _codes(p["tier"], [""])
    year = pd.to_numeric(p["scale_year"], errors="coerce").fillna(0).astype(np.int64)
    basis = p["scale_basis"] if "scale_basis" in p else pd.Series([""] * len(p))
    zh = p["name_zh"].fillna("").astype(str)
    en = p["name_en"].fillna("").astype(str)
    name = zh.where(zh != "", en) if lang == "zh" else en.where(en != "", zh)
    other = en if lang == "zh" else zh
    other = other.where(other != name, "")
    vals = np.round(scale.to_numpy(dtype=float), 2)

    fp = []
    poly = np.flatnonzero((types == 3) | (types == 6))
    if len(poly):
        g = geoms[poly]
        b = shapely.bounds(g)
        tol = np.clip(np.sqrt(np.abs((b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]))) * 0.02, 10.0**-settings.WEB_COORD_DECIMALS, 0.002)
        g = shapely.set_precision(shapely.simplify(g, tol, preserve_topology=True), 10.0**-settings.WEB_COORD_DECIMALS)
        fp = [
            {"type": "Feature", "geometry": json.loads(gj), "properties": {"i": int(i)}}
            for gj, i in zip(shapely.to_geojson(g), poly, strict=True)
        ]

    by_year = t("by_year", lang, year="{year}")
    cols = {
        "lang": lang,
        "x0": x0, "y0": y0, "k": k,
        "x": np.rint((x - x0) * k).astype(np.int64).tolist(),
        "y": np.rint((y - y0) * k).astype(np.int64).tolist(),
        "id": p["park_id"].astype(str).tolist(),
        "n": name.tolist(),
        "o": other.tolist(),
        "c": sec_codes.tolist(),
        "h": np.where(ch_codes == 0, -1, ch_codes).tolist(),
        "d": d_codes.tolist(),
        "q": q_codes.tolist(),
        "t": t_codes.tolist(),
        "sc": klass.tolist(),
        "v": [None if v != v else v for v in vals.tolist()],
        "yr": year.tolist(),
        "sh": (basis.astype(str) == "shared").astype(np.int64).tolist(),
        "g": p["kind"].isin(settings.LOGISTICS_KINDS).astype(np.int64).tolist(),
        "s": combo_codes.tolist(),
        "combos": [[sec_index[s] for s in tup] for tup in combos],
        "sectors": [[labels.industry(s), labels.colors.get(s, UNKNOWN_COLOR)] for s in sec_keys],
        "chains": [labels.industry(c) if c else "" for c in ch_keys],
        "districts": [labels.district(s) for s in d_keys],
        "kinds": [i18n.kind(s, lang) for s in q_keys],
        "tiers": [[i18n.tier(s, lang) if s else "", *(list(style.TIER_OUTLINE[s][:2]) + [style.TIER_OUTLINE[s][2] or ""]
                                                       if s in style.TIER_OUTLINE else [None, 0, ""])] for s in t_keys],
        "radii": list(style.CLASS_RADIUS_PX),
        "r0": style.NO_SCALE_RADIUS_PX,
        "fo": style.FILL_OPACITY,
        "fp": feature_collection(fp),
        "txt": {
            "target_scale": t("target_scale", lang),
            "dominant_industry": t("dominant_industry", lang),
            "industries": t("industries", lang),
            "details_hint": t("details_hint", lang),
            "scale_none": t("scale_none", lang),
            "scale_shared": t("scale_shared", lang),
            "yi": t("yi", lang),
            "by_year": by_year,
            "cell_parks": t("cell_parks", lang, n="{n}"),
            "cell_hint": t("cell_hint", lang),
        },
    }
    if len(p):
        bounds = [[float(y.min()), float(x.min())], [float(y.max()), float(x.max())]]
    else:
        bounds = [[None, None], [None, None]]
    return {
        "json": js_json(cols),
        "n": int(len(p)),
        "n_footprints": len(fp),
        "bounds": bounds,
        "has_logistics": bool(p["kind"].isin(settings.LOGISTICS_KINDS).any()),
        "sector_keys": [str(v) for v in pd.unique(p["dominant_sector"].fillna("").astype(str))],
        "tiers": [str(v) for v in pd.unique(p["tier"].fillna("").astype(str))],
        "scale_classes": sorted({int(c) for c in klass}),
    }


#: The canvas layer of many parks (defined once per page): draws from the compact columns of
#: :func:`canvas_payload`, aggregates to grid cells when a view holds too many parks, and builds
#: tooltips and pop-ups (escaped) only for the park under the pointer. The leading newline keeps the page as it was.
CANVAS_JS = "\n" + read_script("canvas.js")


class CanvasParks(DataLayer):
    """Many parks on one canvas layer, drawn in the browser from :func:`canvas_payload`'s compact columns.

    Parameters
    ----------
    payload : dict
        :func:`canvas_payload` output.
    name : str
        Name in the layer control.
    pane : str
        Leaflet pane of the canvas.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.lib_js }}
        var {{ this.get_name() }} = new L.PmCanvas({{ this.data_js }}, {{ this.options_js }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict, name: str, pane: str = "overlayPane", show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "CanvasParks"
        self.lib_js = CANVAS_JS
        self.data_js = payload["json"]
        self.bounds = payload["bounds"]
        self.options_js = js_json({
            "pane": pane,
            "aggregate": settings.WEB_AGGREGATE_MIN_VISIBLE,
            "cell": settings.WEB_AGGREGATE_CELL_PX,
            "labelZoom": PARK_LABEL_MIN_ZOOM,
        })

    def get_bounds(self) -> list[list[float | None]]:
        """Bounds of the parks ([[s, w], [n, e]])."""
        return self.bounds


class CanvasFootprints(DataLayer):
    """Footprint polygons of a :class:`CanvasParks` layer (canvas renderer; tooltips from the parks' columns)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.pmFootprints({{ this.parks.get_name() }}, {pane: {{ this.pane_js }}});
        {% endmacro %}
        """
    )

    def __init__(self, parks: CanvasParks, name: str, pane: str = "overlayPane", show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "CanvasFootprints"
        self.parks = parks
        self.pane_js = js_json(pane)
