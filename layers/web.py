"""The interactive web map: parks, footprints, districts and logistics parks as folium layers.

Each group is one GeoJSON layer whose features carry their data and drawing style as properties
(``_style``, pre-escaped ``_tip``/``_popup`` HTML, ``_label``/``_icon`` for DivIcons), so the same
small JavaScript draws any number of features. :func:`layer_data` builds those GeoJSON dicts
(pure, cacheable); :func:`build_map` turns them into a ``folium.Map``.

From :data:`geo.settings.WEB_CANVAS_MIN_PARKS` parks on (enterprise points, every district's parks)
the strategy changes: the parks become compact columns (:func:`canvas_payload`: rounded integer
coordinates, palette indexes, no HTML) drawn by one canvas layer (:class:`CanvasParks`) that
aggregates dense views to grid cells and builds a tooltip or pop-up only for the park under the
pointer; footprints go on a canvas renderer, simplified by their size. 100,000 parks build in about
half a second and draw in under a second (``python -m bench.map_scale``).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.elements import ElementAddToElement
from folium.map import Layer
from folium.template import Template

from geo import settings
from geo.coords import area_km2, convert, convert_gdf
from geo.load import Dataset
from geo.scale_classes import classify_scale
from geo.taxonomy import UNKNOWN_COLOR, sectors
from geo.uncertainty import dashed_outline
from geo.view import View, plan_ids_for

from . import basemaps, i18n, offline, style, uncertainty
from . import labels as label_service
from .i18n import t

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_SLUG = re.compile(r"[^a-z0-9-]+")
_OPEN_BRACE = re.compile(r'\{(?=[^"}])')

#: Feature groups of the map, in drawing order (bottom first), with their layer-control label keys.
GROUPS = (
    ("parks", "layer_parks"),
    ("footprints", "layer_footprints"),
    ("logistics", "layer_logistics"),
    ("districts", "layer_districts"),
)

#: Leaflet panes (name → z-index) so drawing order does not depend on the order layers are added.
PANES = {
    "pm-districts": 350,
    "pm-dlabels": 360,
    "pm-footprints": 400,
    "pm-parks": 450,
    "pm-logistics": 455,
    "pm-plabels": 460,
}
GROUP_PANE = {"districts": "pm-districts", "footprints": "pm-footprints", "parks": "pm-parks", "logistics": "pm-logistics"}

#: Districts smaller than this (km²) get their name label only from zoom 9 (the crowded city core).
SMALL_DISTRICT_KM2 = 800.0

#: Maps at least this wide (px) show the legend open and keep the parks clear of it; narrower ones fold it.
WIDE_MAP_PX = 760

#: Zoom from which park name labels appear.
PARK_LABEL_MIN_ZOOM = 11

#: Parks closer than this (metres) whose markers overlap on screen are drawn spread around their site.
SPREAD_MAX_M = 3000.0

#: Zoom a map opened on one park (a shared ``?park=`` link) starts at: the park, its neighbours and their names.
FOCUS_ZOOM = 12


def esc(value: object) -> str:
    """HTML-escape any value (``None``/NaN → empty)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


def _color(value: object) -> str:
    v = str(value or "")
    return v if _HEX.match(v) else UNKNOWN_COLOR


def _slug(value: object) -> str:
    return _SLUG.sub("-", str(value).lower()).strip("-") or "x"


def js_json(obj: Any) -> str:
    """JSON safe to embed in a ``<script>`` and in a branca template (``<``, ``>``, ``&``, ``'``, line separators
    and every ``{`` inside a string escaped)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for a, b in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(a, b)
    # branca re-reads rendered scripts as Jinja templates: a "{" that does not open a JSON object is in a
    # string, so escaping it keeps "{{ … }}", "{% … %}" and "{# … #}" in the data from ever being evaluated
    return _OPEN_BRACE.sub(r"\\u007b", text)


def _num(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if f != f else f


# --------------------------------------------------------------------------- text of tooltips and popups


class Labels(label_service.Labels):
    """The label service (:class:`layers.labels.Labels`) with the sectors' colours and order (built once per map)."""

    def __init__(self, ds: Dataset, lang: str):
        base = label_service.Labels.of(ds, lang)
        super().__init__(lang, base.industry_en, base.district_en, ds.parks, ds.plans)
        self.colors = {r["sector"]: _color(r["color"]) for _, r in sectors(ds.industries).iterrows()}
        self.sector_order = list(self.colors)


def scale_text(row: pd.Series | dict, lang: str) -> str:
    """Target scale of a park as plain text, e.g. ``500亿元（2027年）`` or ``规划未明确规模``."""
    value = _num(row.get("target_scale_yi"))
    if value is None:
        return t("scale_none", lang)
    year = row.get("scale_year")
    year_txt = "" if year is None or pd.isna(year) else t("by_year", lang, year=int(year))
    text = i18n.fmt_yi(value, lang)
    if year_txt:
        text += f" ({year_txt})" if lang == "en" else f"（{year_txt}）"
    if row.get("scale_basis") == "shared":
        text += f"; {t('scale_shared', lang)}" if lang == "en" else f"，{t('scale_shared', lang)}"
    return text


def dominant_text(row: pd.Series | dict, labels: Labels) -> str:
    """Dominant industry as plain text: sector, and chain when known."""
    sector = str(row.get("dominant_sector") or "")
    chain = str(row.get("dominant_chain") or "")
    text = labels.industry(sector)
    if chain and chain != sector:
        text += f" · {labels.industry(chain)}"
    return text


def tooltip_html(row: pd.Series | dict, labels: Labels) -> str:
    """Hover tooltip of a park (escaped HTML): name, district, dominant industry, scale, id."""
    lang = labels.lang
    color = _color(row.get("color"))
    return (
        '<div class="pm-tt">'
        f'<div class="pm-tt-name">{esc(i18n.park_name(row, lang))}</div>'
        f'<div class="pm-tt-row">{esc(labels.district(str(row.get("district", ""))))} · {esc(i18n.kind(str(row.get("kind", "")), lang))}</div>'
        f'<div class="pm-tt-row"><span class="pm-sw" style="background:{color}"></span>{esc(dominant_text(row, labels))}</div>'
        f'<div class="pm-tt-row">{esc(t("target_scale", lang))}: {esc(scale_text(row, lang))}</div>'
        f'<div class="pm-id">{esc(row.get("park_id", ""))}</div>'
        "</div>"
    )


def popup_html(row: pd.Series | dict, labels: Labels) -> str:
    """Click pop-up of a park (escaped HTML) with the essentials."""
    lang = labels.lang
    color = _color(row.get("color"))
    other = str(row.get("name_en") or "") if lang == "zh" else str(row.get("name_zh") or "")
    tier = str(row.get("tier") or "")
    meta = [labels.district(str(row.get("district", ""))), i18n.kind(str(row.get("kind", "")), lang)]
    if tier:
        meta.append(i18n.tier(tier, lang))
    secs = [labels.industry(s) for s in (row.get("sectors") or ())]
    parts = [
        '<div class="pm-pop">',
        f'<div class="pm-pop-name">{esc(i18n.park_name(row, lang))}</div>',
        f'<div class="pm-pop-sub">{esc(other)}</div>' if other else "",
        f'<div class="pm-pop-row">{" · ".join(esc(m) for m in meta if m)}</div>',
        f'<div class="pm-pop-row"><span class="pm-sw" style="background:{color}"></span><b>{esc(t("dominant_industry", lang))}</b>: {esc(dominant_text(row, labels))}</div>',
        f'<div class="pm-pop-row"><b>{esc(t("target_scale", lang))}</b>: {esc(scale_text(row, lang))}</div>',
    ]
    if secs:
        parts.append(f'<div class="pm-pop-row"><b>{esc(t("industries", lang))}</b>: {esc("、".join(secs) if lang == "zh" else ", ".join(secs))}</div>')
    parts.append(f'<div class="pm-pop-hint">{esc(t("details_hint", lang))}</div></div>')
    return "".join(parts)


# --------------------------------------------------------------------------- GeoJSON data of the layers


def _fc(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _geom(g, precision: float = 1e-5) -> dict:
    return json.loads(shapely.to_geojson(shapely.set_precision(g, precision)))


def _point(g) -> list[float]:
    p = g if g.geom_type == "Point" else g.representative_point()
    return [round(p.x, 6), round(p.y, 6)]


def _props(row: pd.Series) -> dict:
    """Plain data of a park (for later client-side filtering and scaling; not displayed raw)."""
    scale = _num(row.get("target_scale_yi"))
    return {
        "park_id": str(row["park_id"]),
        "name_zh": str(row.get("name_zh", "")),
        "name_en": str(row.get("name_en", "")),
        "district": str(row.get("district", "")),
        "kind": str(row.get("kind", "")),
        "tier": str(row.get("tier", "") or ""),
        "sector": str(row.get("dominant_sector", "") or ""),
        "chain": str(row.get("dominant_chain", "") or ""),
        "scale_yi": scale,
        "scale_class": int(row.get("scale_class", -1)),
        "quality": str(row.get("geometry_quality", "")),
    }


def park_layer_features(styled: gpd.GeoDataFrame, labels: Labels) -> dict[str, dict]:
    """GeoJSON of the park groups: ``parks`` (tier rings, markers, name labels), ``footprints``, ``logistics``.

    Parameters
    ----------
    styled : geopandas.GeoDataFrame
        Parks summary with the columns of :func:`layers.style.style_parks`, in the display datum.
    labels : Labels

    Returns
    -------
    dict
        Group name → FeatureCollection.
    """
    halos, markers, names, footprints, logistics = [], [], [], [], []
    logistic_kinds = set(settings.LOGISTICS_KINDS)
    # big parks first, so small markers stay on top and clickable
    order = styled.assign(_r=styled["radius_px"]).sort_values(["_r", "park_id"], ascending=[False, True])
    for _, row in order.iterrows():
        geom = row.geometry
        if geom is None or geom.is_empty:
            continue
        pid = _slug(row["park_id"])
        color = _color(row["color"])
        radius = float(row["radius_px"])
        hollow = int(row["scale_class"]) < 0
        props = _props(row)
        tip, pop = tooltip_html(row, labels), popup_html(row, labels)
        pt = {"type": "Point", "coordinates": _point(geom)}
        is_logistics = row.get("kind") in logistic_kinds
        if geom.geom_type in ("Polygon", "MultiPolygon"):
            footprints.append(
                {
                    "type": "Feature",
                    "geometry": _geom(geom),
                    "properties": {
                        **props,
                        "_class": f"pm-footprint pm-fp-{pid}",
                        "_style": {
                            "color": color,
                            "weight": 1.6,
                            "opacity": 0.9,
                            "dashArray": "5 4" if dashed_outline(row.get("geometry_quality")) else None,
                            "fillColor": color,
                            "fillOpacity": 0.16,
                        },
                        "_tip": tip,
                        "_popup": pop,
                        "_sticky": True,
                    },
                }
            )
        if is_logistics:
            size = max(10, round(radius * 1.6))
            logistics.append(
                {
                    "type": "Feature",
                    "geometry": pt,
                    "properties": {
                        **props,
                        "_icon": {
                            "className": f"pm-park pm-park-{pid} pm-logi",
                            "html": f'<span class="pm-logi-shape{" pm-hollow" if hollow else ""}" style="--c:{color}"></span>',
                            "size": size,
                        },
                        "_tip": tip,
                        "_popup": pop,
                    },
                }
            )
            continue
        outline = str(row.get("tier") or "") in style.TIER_OUTLINE
        if outline:
            dash = row.get("outline_dash")
            halos.append(
                {
                    "type": "Feature",
                    "geometry": pt,
                    "properties": {
                        "park_id": props["park_id"],
                        "tier": props["tier"],
                        "_class": "pm-halo",
                        "_style": {
                            "radius": radius + 3 + float(row["outline_width"]) / 2,
                            "color": str(row["outline_color"]),
                            "weight": float(row["outline_width"]),
                            "dashArray": dash if isinstance(dash, str) else None,
                            "fill": False,
                            "interactive": False,
                        },
                    },
                }
            )
        markers.append(
            {
                "type": "Feature",
                "geometry": pt,
                "properties": {
                    **props,
                    "_class": f"pm-park pm-park-{pid}" + (" pm-noscale" if hollow else ""),
                    "_style": {
                        "radius": radius,
                        "color": color if hollow else "#ffffff",
                        "weight": 2.6 if hollow else 1.2,
                        "opacity": 1,
                        "fillColor": color if not hollow else "#ffffff",
                        "fillOpacity": 0.55 if hollow else float(row["fill_opacity"]),
                    },
                    "_tip": tip,
                    "_popup": pop,
                },
            }
        )
        names.append(
            {
                "type": "Feature",
                "geometry": pt,
                "properties": {
                    "park_id": props["park_id"],
                    "_label": f'<span style="transform:translate({radius + 6:.0f}px,-50%)">{esc(i18n.park_name(row, labels.lang))}</span>',
                    "_label_class": "pm-plabel",
                    "_pane": "pm-plabels",
                },
            }
        )
    return {
        "parks": _fc(halos + markers + names),
        "footprints": _fc(footprints),
        "logistics": _fc(logistics),
    }


def _city_outline(geoms) -> object:
    """Outer boundary of the whole city (exterior rings only; inner slivers between districts dropped)."""
    geoms = np.asarray(geoms, dtype=object)
    union = shapely.coverage_union_all(geoms)  # districts tile the city: fast, exact union
    if abs(union.area - float(shapely.area(geoms).sum())) > 0.005 * union.area:  # not a clean tiling
        union = shapely.union_all(shapely.buffer(geoms, 0.0005)).buffer(-0.0005)
    parts = getattr(union, "geoms", [union])
    rings = [shapely.LineString(p.exterior.coords) for p in parts if p.geom_type == "Polygon" and p.area > 1e-4]
    return shapely.MultiLineString(rings).simplify(settings.WEB_DISTRICT_SIMPLIFY_DEG)


_DISTRICT_GEOMS: dict[tuple, tuple[list, dict]] = {}


def district_shapes(districts: gpd.GeoDataFrame) -> tuple[list[tuple[str, dict, list[float], bool]], dict]:
    """Per district (name, simplified GeoJSON geometry, label point, small?) and the city outline; memoised.

    The work (simplifying, the city outline, areas) depends only on the district geometries, so it is
    kept per geometry set: a filter change does not redo it (the app also keeps it in its disk cache
    and passes it to :func:`layer_data`).
    """
    key = (len(districts), tuple(round(float(v), 7) for v in districts.total_bounds),
           round(float(shapely.area(districts.geometry.values).sum()), 9), tuple(districts["district"]))
    hit = _DISTRICT_GEOMS.get(key)
    if hit is not None:
        return hit
    simple = districts.geometry.simplify(settings.WEB_DISTRICT_SIMPLIFY_DEG, preserve_topology=True)
    small = area_km2(gpd.GeoSeries(districts.geometry.values, crs=settings.CRS_WGS84)) < SMALL_DISTRICT_KM2
    rows = [
        (str(name), _geom(g, 1e-4), _point(full), bool(sm))
        for name, g, full, sm in zip(districts["district"], simple, districts.geometry, small, strict=False)
    ]
    out = (rows, _geom(_city_outline(districts.geometry.values), 1e-4))
    if len(_DISTRICT_GEOMS) > 8:
        _DISTRICT_GEOMS.clear()
    _DISTRICT_GEOMS[key] = out
    return out


def district_features(
    districts: gpd.GeoDataFrame, labels: Labels, focus: set[str], tiles: bool, shapes: tuple | None = None
) -> dict:
    """GeoJSON of district polygons (filled when there is no basemap), the city outline and name labels.

    ``shapes`` is :func:`district_shapes` of ``districts`` when the caller has it already.
    """
    rows, city = shapes or district_shapes(districts)
    feats, label_feats = [], []
    for name, geom, point, small in rows:
        is_focus = name in focus
        feats.append(
            {
                "type": "Feature",
                "geometry": geom,
                "properties": {
                    "district": name,
                    "_class": "pm-district",
                    "_style": {
                        "color": style.DISTRICT_EDGE,
                        "weight": 1.1 if is_focus else 0.7,
                        "opacity": 0.9 if tiles else 0.75,
                        "fillColor": style.FOCUS_DISTRICT_FILL if is_focus else style.DISTRICT_FILL,
                        "fillOpacity": 0.12 if tiles else 1.0,
                        "interactive": False,
                    },
                },
            }
        )
        label_feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": point},
                "properties": {
                    "district": name,
                    "_label": f"<span>{esc(labels.district(name))}</span>",
                    "_label_class": "pm-dlabel" + (" pm-dlabel-focus" if is_focus else "") + (" pm-dlabel-small" if small else ""),
                    "_pane": "pm-dlabels",
                },
            }
        )
    outline = {
        "type": "Feature",
        "geometry": city,
        "properties": {"_class": "pm-city", "_style": {"color": "#4a4a4a", "weight": 2.2, "opacity": 0.8, "fill": False, "interactive": False}},
    }
    return _fc(feats + [outline] + label_feats)


# --------------------------------------------------------------------------- many parks: compact columns for a canvas


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
        Parks summary (columns of :func:`geo.join.summarise_parks`) in the display datum.
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
        "fp": _fc(fp),
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
        groups = {"parks": _fc([]), "footprints": _fc([]), "logistics": _fc([])}
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


# --------------------------------------------------------------------------- folium elements

_FEATURE_JS = """
function(feature, latlng) {
    var p = feature.properties || {};
    var pane = p._pane || PANE;
    if (p._label) {
        return L.marker(latlng, {icon: L.divIcon({className: p._label_class || 'pm-label', html: p._label, iconSize: null}),
                                 interactive: false, keyboard: false, pane: pane});
    }
    if (p._icon) {
        var s = p._icon.size || 12;
        return L.marker(latlng, {icon: L.divIcon({className: p._icon.className, html: p._icon.html,
                                                  iconSize: [s, s], iconAnchor: [s / 2, s / 2]}),
                                 keyboard: false, pane: pane});
    }
    var o = Object.assign({pane: pane}, p._style || {});
    if (p._class) { o.className = p._class; }
    if (p._radius_m) { return L.circle(latlng, Object.assign(o, {radius: p._radius_m})); }
    return L.circleMarker(latlng, o);
}
"""

_EACH_JS = """
function(feature, layer) {
    var p = feature.properties || {};
    if (p._tip) {
        layer.bindTooltip(p._tip, {sticky: !!p._sticky, direction: 'top', offset: [0, -6], className: 'pm-tip', opacity: 1});
    }
    if (p._popup) { layer.bindPopup(p._popup, {maxWidth: 340, className: 'pm-popup', autoPanPadding: [20, 20]}); }
    if (p.park_id && layer.setLatLng) {  // every point layer of a park, for PM_LAYOUT (spread and labels)
        var R = (window.PM_REG = window.PM_REG || {});
        var e = R[p.park_id] || (R[p.park_id] = {layers: [], ll: null, r: 6, halo: 0});
        e.layers.push(layer);
        if (p._label) { e.label = layer; }
        else if (p._class === 'pm-halo') { e.halo = (p._style && p._style.radius) || 0; }
        else {
            e.ll = layer.getLatLng();
            e.r = (p._style && p._style.radius) || ((p._icon && p._icon.size) || 12) / 2;
        }
    }
    if (p._class && !(layer instanceof L.CircleMarker)) {
        layer.on('add', function () {
            var el = layer._path || layer._icon;
            if (el) { p._class.split(' ').forEach(function (c) { if (c) { L.DomUtil.addClass(el, c); } }); }
        });
    }
}
"""


class _Raw(Element):
    """Text put into a page as it is (branca's ``Element`` would parse it as a Jinja template once more)."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        """The text."""
        return self._text


class _DataLayer(Layer):
    """A layer whose script is added to the page as it is.

    Folium puts each element's rendered script into a new Jinja template, which costs about a second
    per 10 MB of data and would evaluate any ``{{ … }}`` in it; these layers skip that second pass.
    """

    def render(self, **kwargs) -> None:
        """Add the script (and the ``addTo`` call when shown) to the figure."""
        if self.show:
            self.add_child(
                ElementAddToElement(element_name=self.get_name(), element_parent_name=self._parent.get_name()),
                name=self.get_name() + "_add",
            )
        self.get_root().script.add_child(_Raw(self._template.module.script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class GeoJsonGroup(_DataLayer):
    """One GeoJSON layer drawn entirely from feature properties (``_style``, ``_tip``, ``_popup``, ``_label``, ``_icon``).

    Parameters
    ----------
    data : dict
        A FeatureCollection.
    name : str
        Name in the layer control.
    show : bool
        Whether the layer starts visible.
    control : bool
        Whether the layer appears in the layer control.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
        var PANE = {{ this.pane_js }};
        return L.geoJson(null, {
            pane: PANE,
            pointToLayer: """
        + _FEATURE_JS
        + """,
            style: function(feature) { return (feature.properties && feature.properties._style) || {}; },
            onEachFeature: """
        + _EACH_JS
        + """
        });
        })();
        {{ this.get_name() }}.addData({{ this.data_js }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict, name: str, pane: str = "overlayPane", show: bool = True, control: bool = True):
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "GeoJsonGroup"
        self.data = data
        self.pane_js = js_json(pane)
        self.data_js = js_json(data)

    def get_bounds(self) -> list[list[float | None]]:
        """Bounds of the features ([[s, w], [n, e]])."""
        feats = self.data.get("features", [])
        if not feats:
            return [[None, None], [None, None]]
        geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in feats])
        minx, miny, maxx, maxy = shapely.total_bounds(geoms)
        return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


#: The canvas layer of many parks (defined once per page): draws from the compact columns of
#: :func:`canvas_payload`, aggregates to grid cells when a view holds too many parks, and builds
#: tooltips and pop-ups (escaped) only for the park under the pointer.
CANVAS_JS = r"""
(function () {
if (L.PmCanvas) { return; }
var ESC = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};
function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
function num(v) { return v >= 100 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(4))); }
var TAU = 2 * Math.PI;
var FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", Arial, sans-serif';
L.PmCanvas = L.Layer.extend({
    options: {pane: 'overlayPane', aggregate: 2500, cell: 56, labelZoom: 11, maxLabels: 400},
    initialize: function (d, options) {
        L.setOptions(this, options);
        this._d = d;
        this._n = d.x.length;
    },
    latLng: function (i) { var d = this._d; return L.latLng(d.y0 + d.y[i] / d.k, d.x0 + d.x[i] / d.k); },
    onAdd: function (map) {
        var d = this._d, n = this._n, crs = map.options.crs, s0 = crs.scale(0), i, p;
        if (!this._u) {
            this._u = new Float64Array(n); this._v = new Float64Array(n);
            this._sx = new Float32Array(n); this._sy = new Float32Array(n); this._vis = new Int32Array(n);
            for (i = 0; i < n; i++) {
                p = crs.latLngToPoint(this.latLng(i), 0);
                this._u[i] = p.x / s0; this._v[i] = p.y / s0;
            }
        }
        this._canvas = L.DomUtil.create('canvas', 'pm-canvas leaflet-zoom-hide');
        this._canvas.style.pointerEvents = 'none';
        map.getPane(this.options.pane).appendChild(this._canvas);
        map.on('moveend viewreset resize', this._redraw, this);
        map.on('mousemove', this._hover, this);
        map.on('click', this._click, this);
        map.on('mouseout', this._leave, this);
        this._redraw();
    },
    onRemove: function (map) {
        this._leave();
        L.DomUtil.remove(this._canvas);
        map.off('moveend viewreset resize', this._redraw, this);
        map.off('mousemove', this._hover, this);
        map.off('click', this._click, this);
        map.off('mouseout', this._leave, this);
        this._grid = null;
    },
    radius: function (i) { var c = this._d.sc[i]; return c < 0 ? this._d.r0 : this._d.radii[Math.min(c, 4)]; },
    color: function (i) { return this._d.sectors[this._d.c[i]][1]; },
    _redraw: function () {
        var map = this._map;
        if (!map) { return; }
        var size = map.getSize(), W = size.x, H = size.y, padX = Math.round(W * 0.3), padY = Math.round(H * 0.3);
        var c = this._canvas, dpr = window.devicePixelRatio || 1, tl = map.containerPointToLayerPoint([0, 0]);
        L.DomUtil.setPosition(c, tl.subtract([padX, padY]));
        c.width = Math.round((W + 2 * padX) * dpr); c.height = Math.round((H + 2 * padY) * dpr);
        c.style.width = (W + 2 * padX) + 'px'; c.style.height = (H + 2 * padY) + 'px';
        var ctx = c.getContext('2d');
        ctx.setTransform(dpr, 0, 0, dpr, padX * dpr, padY * dpr);
        var z = map.getZoom(), s = map.options.crs.scale(z), po = map.getPixelOrigin();
        var ox = po.x + tl.x, oy = po.y + tl.y, u = this._u, v = this._v, sx = this._sx, sy = this._sy, vis = this._vis;
        var m = 30, nv = 0, inView = 0, i, x, y;
        for (i = 0; i < this._n; i++) {
            x = u[i] * s - ox; y = v[i] * s - oy;
            if (x < -padX - m || y < -padY - m || x > W + padX + m || y > H + padY + m) { continue; }
            sx[i] = x; sy[i] = y; vis[nv++] = i;
            if (x >= 0 && y >= 0 && x <= W && y <= H) { inView++; }
        }
        var items = inView > this.options.aggregate ? this._drawCells(ctx, nv) : this._drawPoints(ctx, nv, z, inView);
        var grid = {}, C = 32;
        items.forEach(function (it) {
            var key = Math.floor(it.x / C) + ':' + Math.floor(it.y / C);
            (grid[key] = grid[key] || []).push(it);
        });
        this._grid = grid;
        this._hot = null;
        window.PM_DRAWN = {n: nv, inView: inView, items: items.length, total: this._n, mode: this._mode, t: performance.now()};
        this.fire('pmdrawn', window.PM_DRAWN);
    },
    _dot: function (ctx, i, x, y) {
        var d = this._d, r = this.radius(i), col = this.color(i), hollow = d.sc[i] < 0;
        ctx.beginPath();
        if (d.g[i]) {
            var h = Math.max(10, Math.round(r * 1.6)) * 0.5;
            ctx.moveTo(x, y - h); ctx.lineTo(x + h, y); ctx.lineTo(x, y + h); ctx.lineTo(x - h, y); ctx.closePath();
        } else {
            ctx.arc(x, y, r, 0, TAU);
        }
        if (hollow) {
            ctx.globalAlpha = 0.55; ctx.fillStyle = '#ffffff'; ctx.fill();
            ctx.globalAlpha = 1; ctx.lineWidth = 2.6; ctx.strokeStyle = col; ctx.stroke();
        } else {
            ctx.globalAlpha = d.fo; ctx.fillStyle = col; ctx.fill();
            ctx.globalAlpha = 1; ctx.lineWidth = d.g[i] ? 1.5 : 1.2; ctx.strokeStyle = '#ffffff'; ctx.stroke();
        }
        return {x: x, y: y, r: r, i: i};
    },
    _drawPoints: function (ctx, nv, z, inView) {
        var d = this._d, sx = this._sx, sy = this._sy, vis = this._vis, items = [], j, i, t, tier, logi = [];
        this._mode = 'points';
        for (j = 0; j < nv; j++) {
            i = vis[j]; t = d.t[i];
            if (t < 0 || d.g[i] || !d.tiers[t][1]) { continue; }
            tier = d.tiers[t];
            ctx.beginPath(); ctx.arc(sx[i], sy[i], this.radius(i) + 3 + tier[2] / 2, 0, TAU);
            ctx.setLineDash(tier[3] ? tier[3].split(' ').map(Number) : []);
            ctx.lineWidth = tier[2]; ctx.strokeStyle = tier[1]; ctx.stroke();
        }
        ctx.setLineDash([]);
        for (j = 0; j < nv; j++) {
            i = vis[j];
            if (d.g[i]) { logi.push(i); continue; }
            items.push(this._dot(ctx, i, sx[i], sy[i]));
        }
        for (j = 0; j < logi.length; j++) { i = logi[j]; items.push(this._dot(ctx, i, sx[i], sy[i])); }
        if (z >= this.options.labelZoom && inView <= this.options.maxLabels) {
            ctx.font = '500 11px ' + FONT; ctx.textBaseline = 'middle'; ctx.lineJoin = 'round';
            for (j = 0; j < items.length; j++) {
                var it = items[j];
                ctx.lineWidth = 3; ctx.strokeStyle = '#ffffff'; ctx.strokeText(d.n[it.i], it.x + it.r + 8, it.y);
                ctx.fillStyle = '#1f2a33'; ctx.fillText(d.n[it.i], it.x + it.r + 8, it.y);
            }
        }
        return items;
    },
    _drawCells: function (ctx, nv) {
        var d = this._d, sx = this._sx, sy = this._sy, vis = this._vis, C = this.options.cell;
        var cells = new Map(), list = [], j, i, key, cl;
        this._mode = 'cells';
        for (j = 0; j < nv; j++) {
            i = vis[j];
            key = (Math.floor(sx[i] / C) + 4096) * 8192 + Math.floor(sy[i] / C) + 4096;
            cl = cells.get(key);
            if (!cl) { cl = {n: 0, x: 0, y: 0, by: new Map(), i: i, cell: true}; cells.set(key, cl); list.push(cl); }
            cl.n++; cl.x += sx[i]; cl.y += sy[i];
            cl.by.set(d.c[i], (cl.by.get(d.c[i]) || 0) + 1);
        }
        var items = [];
        list.sort(function (a, b) { return b.n - a.n; });
        ctx.font = 'bold 11px ' + FONT; ctx.textAlign = 'center'; ctx.textBaseline = 'middle'; ctx.lineJoin = 'round';
        for (j = 0; j < list.length; j++) {  // biggest first, small ones stay visible on top
            cl = list[j];
            if (cl.n === 1) { items.push(this._dot(ctx, cl.i, cl.x, cl.y)); continue; }
            cl.x /= cl.n; cl.y /= cl.n;
            var top = -1, best = -1;
            cl.by.forEach(function (cnt, c) { if (cnt > best) { best = cnt; top = c; } });
            cl.top = top;
            cl.r = Math.min(26, 9 + 2.6 * Math.log2(cl.n));
            ctx.beginPath(); ctx.arc(cl.x, cl.y, cl.r, 0, TAU);
            ctx.globalAlpha = 0.88; ctx.fillStyle = d.sectors[top][1]; ctx.fill();
            ctx.globalAlpha = 1; ctx.lineWidth = 1.5; ctx.strokeStyle = '#ffffff'; ctx.stroke();
            var label = cl.n >= 10000 ? Math.round(cl.n / 1000) + 'k' : String(cl.n);
            ctx.lineWidth = 2.5; ctx.strokeStyle = 'rgba(0,0,0,0.55)'; ctx.strokeText(label, cl.x, cl.y);
            ctx.fillStyle = '#ffffff'; ctx.fillText(label, cl.x, cl.y);
            items.push(cl);
        }
        ctx.textAlign = 'start';
        return items;
    },
    _find: function (p) {
        if (!this._grid) { return null; }
        var C = 32, gx = Math.floor(p.x / C), gy = Math.floor(p.y / C), best = null, bd = Infinity, a, b, k;
        for (a = -1; a <= 1; a++) {
            for (b = -1; b <= 1; b++) {
                var list = this._grid[(gx + a) + ':' + (gy + b)];
                if (!list) { continue; }
                for (k = 0; k < list.length; k++) {
                    var it = list[k], dx = it.x - p.x, dy = it.y - p.y, dd = dx * dx + dy * dy, rr = it.r + 3;
                    if (dd <= rr * rr && dd <= bd) { bd = dd; best = it; }
                }
            }
        }
        return best;
    },
    _hover: function (e) {
        var map = this._map, it = this._find(e.containerPoint);
        map.getContainer().style.cursor = it ? 'pointer' : '';
        if (!it) { this._leave(); return; }
        if (it === this._hot) { return; }
        this._hot = it;
        if (!this._tip) { this._tip = L.tooltip({direction: 'top', className: 'pm-tip', opacity: 1}); }
        this._tip.options.offset = L.point(0, -it.r - 2);
        this._tip.setLatLng(it.cell ? map.containerPointToLatLng([it.x, it.y]) : this.latLng(it.i));
        this._tip.setContent(it.cell ? this.cellHtml(it) : this.tipHtml(it.i));
        if (!map.hasLayer(this._tip)) { map.openTooltip(this._tip); }
    },
    _leave: function () {
        this._hot = null;
        if (this._map) { this._map.getContainer().style.cursor = ''; }
        if (this._tip && this._map && this._map.hasLayer(this._tip)) { this._map.closeTooltip(this._tip); }
    },
    _click: function (e) {
        var map = this._map, it = this._find(e.containerPoint);
        if (!it) { return; }
        if (it.cell) {
            map.setView(map.containerPointToLatLng([it.x, it.y]), Math.min(map.getZoom() + 2, map.getMaxZoom()));
            return;
        }
        var ll = this.latLng(it.i), tip = this.tipHtml(it.i);
        if (!this._popup) { this._popup = L.popup({maxWidth: 340, className: 'pm-popup', autoPanPadding: [20, 20]}); }
        this._popup.setLatLng(ll).setContent(this.popupHtml(it.i)).openOn(map);
        // st_folium reads the clicked object's tooltip text: it carries the park id
        this.fire('click', {latlng: ll, sourceTarget: {_tooltip: {_content: tip},
            getTooltip: function () { return {getContent: function () { return tip; }}; }}});
    },
    dominant: function (i) {
        var d = this._d, h = d.h[i], text = d.sectors[d.c[i]][0];
        return h >= 0 && d.chains[h] ? text + ' · ' + d.chains[h] : text;
    },
    scale: function (i) {
        var d = this._d, T = d.txt, v = d.v[i], en = d.lang === 'en', text;
        if (v === null) { return T.scale_none; }
        text = en ? 'RMB ' + num(v / 10) + ' bn' : num(v) + T.yi;  // 1 亿 = 0.1 bn, as i18n.fmt_yi
        if (d.yr[i] > 0) {
            var y = T.by_year.replace('{year}', d.yr[i]);
            text += en ? ' (' + y + ')' : '（' + y + '）';
        }
        if (d.sh[i]) { text += (en ? '; ' : '，') + T.scale_shared; }
        return text;
    },
    tipHtml: function (i) {
        var d = this._d, T = d.txt;
        return '<div class="pm-tt"><div class="pm-tt-name">' + esc(d.n[i]) + '</div>' +
            '<div class="pm-tt-row">' + esc(d.districts[d.d[i]]) + ' · ' + esc(d.kinds[d.q[i]]) + '</div>' +
            '<div class="pm-tt-row"><span class="pm-sw" style="background:' + esc(this.color(i)) + '"></span>' +
            esc(this.dominant(i)) + '</div>' +
            '<div class="pm-tt-row">' + esc(T.target_scale) + ': ' + esc(this.scale(i)) + '</div>' +
            '<div class="pm-id">' + esc(d.id[i]) + '</div></div>';
    },
    popupHtml: function (i) {
        var d = this._d, T = d.txt, meta = [d.districts[d.d[i]], d.kinds[d.q[i]]], tier = d.t[i] >= 0 ? d.tiers[d.t[i]][0] : '';
        if (tier) { meta.push(tier); }
        var secs = d.combos[d.s[i]].map(function (k) { return d.sectors[k][0]; });
        var html = '<div class="pm-pop"><div class="pm-pop-name">' + esc(d.n[i]) + '</div>' +
            (d.o[i] ? '<div class="pm-pop-sub">' + esc(d.o[i]) + '</div>' : '') +
            '<div class="pm-pop-row">' + meta.filter(Boolean).map(esc).join(' · ') + '</div>' +
            '<div class="pm-pop-row"><span class="pm-sw" style="background:' + esc(this.color(i)) + '"></span><b>' +
            esc(T.dominant_industry) + '</b>: ' + esc(this.dominant(i)) + '</div>' +
            '<div class="pm-pop-row"><b>' + esc(T.target_scale) + '</b>: ' + esc(this.scale(i)) + '</div>';
        if (secs.length) {
            html += '<div class="pm-pop-row"><b>' + esc(T.industries) + '</b>: ' + esc(secs.join(d.lang === 'en' ? ', ' : '、')) + '</div>';
        }
        return html + '<div class="pm-pop-hint">' + esc(T.details_hint) + '</div></div>';
    },
    cellHtml: function (cl) {
        var d = this._d, T = d.txt, rows = [];
        cl.by.forEach(function (cnt, c) { rows.push([cnt, c]); });
        rows.sort(function (a, b) { return b[0] - a[0]; });
        return '<div class="pm-tt"><div class="pm-tt-name">' + esc(T.cell_parks.replace('{n}', cl.n.toLocaleString('en-US'))) + '</div>' +
            rows.slice(0, 4).map(function (r) {
                return '<div class="pm-tt-row"><span class="pm-sw" style="background:' + esc(d.sectors[r[1]][1]) + '"></span>' +
                    esc(d.sectors[r[1]][0]) + ' · ' + r[0] + '</div>';
            }).join('') + '<div class="pm-id">' + esc(T.cell_hint) + '</div></div>';
    }
});
L.pmFootprints = function (pts, options) {
    var d = pts._d;
    function el(html) { var div = document.createElement('div'); div.innerHTML = html; return div; }
    var layer = L.geoJSON(d.fp, {
        pane: options.pane,
        renderer: L.canvas({pane: options.pane, padding: 0.3}),
        style: function (f) {
            var col = pts.color(f.properties.i);
            return {color: col, weight: 1.6, opacity: 0.9, dashArray: '5 4', fillColor: col, fillOpacity: 0.16};
        }
    });
    layer.bindTooltip(function (l) { return el(pts.tipHtml(l.feature.properties.i)); },
                      {sticky: true, direction: 'top', offset: [0, -6], className: 'pm-tip', opacity: 1});
    layer.bindPopup(function (l) { return el(pts.popupHtml(l.feature.properties.i)); },
                    {maxWidth: 340, className: 'pm-popup', autoPanPadding: [20, 20]});
    return layer;
};
})();
"""


class CanvasParks(_DataLayer):
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


class CanvasFootprints(_DataLayer):
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


def _swatch_circle(r: float, fill: str, stroke: str, width: float, dash: str | None = None, opacity: float = 1.0) -> str:
    """A legend circle drawn with CSS only (works in the map and in sanitised HTML, which drops SVG)."""
    d = 2 * r
    style_ = (
        f"width:{d:g}px;height:{d:g}px;border:{width:g}px {'dashed' if dash else 'solid'} {stroke};"
        f"background:{'transparent' if fill == 'none' else fill};"
    )
    inner = f'<span class="pm-circ-fill" style="opacity:{opacity:g};background:{fill}"></span>' if fill != "none" else ""
    return f'<span class="pm-circ" style="{style_}background:transparent">{inner}</span>'


def legend_html(data: dict) -> str:
    """Legend (escaped HTML): sector colours, scale classes, the hollow no-scale ring, tiers, footprints, logistics."""
    lang = data["lang"]
    rows = [f'<details class="pm-legend-box" open><summary>{esc(t("legend_title", lang))}</summary>']
    if data["sectors"]:
        rows.append(f'<div class="pm-lg-h">{esc(t("legend_colour", lang))}</div>')
        for name, color in data["sectors"]:
            rows.append(f'<div class="pm-lg-row"><span class="pm-sw" style="background:{_color(color)}"></span>{esc(name)}</div>')
    rows.append(f'<div class="pm-lg-h">{esc(t("legend_size", lang))}</div><div class="pm-lg-sizes">')
    labels = style.scale_legend(lang)
    for i, (label, r) in enumerate(labels[:-1]):
        rows.append(
            f'<div class="pm-lg-size{"" if i in data["scale_classes"] else " pm-lg-absent"}">'
            f'{_swatch_circle(r, "#8a8a8a", "#ffffff", 1.2, opacity=0.85)}<span>{esc(label)}</span></div>'
        )
    rows.append("</div>")
    rows.append(
        f'<div class="pm-lg-row">{_swatch_circle(style.NO_SCALE_RADIUS_PX, "#ffffff", "#6b6b6b", 2.4, opacity=0.55)}'
        f"<span>{esc(t('legend_no_scale', lang))}</span></div>"
    )
    if data["tiers"]:
        rows.append(f'<div class="pm-lg-h">{esc(t("legend_tier", lang))}</div><div class="pm-lg-inline">')
        for tier in data["tiers"]:
            color, width, dash = style.TIER_OUTLINE[tier]
            rows.append(
                f'<div class="pm-lg-row">{_swatch_circle(7, "none", color, width, dash, opacity=0)}'
                f"<span>{esc(i18n.tier(tier, lang))}</span></div>"
            )
        rows.append("</div>")
    extra = []
    if data["has_footprints"]:
        extra.append(
            '<div class="pm-lg-row"><span class="pm-lg-fp"></span>'
            f"<span>{esc(t('legend_footprint', lang))}</span></div>"
        )
    if data.get("has_uncertainty"):
        extra.append(
            f'<div class="pm-lg-row">{_swatch_circle(7, "none", "#6b6b6b", 1.2, uncertainty.WEB_DASH, opacity=0)}'
            f"<span>{esc(t('legend_uncertainty', lang))}</span></div>"
        )
    if data["has_logistics"]:
        extra.append(
            '<div class="pm-lg-row"><span class="pm-logi-shape pm-lg-logi" style="--c:#888888"></span>'
            f"<span>{esc(t('legend_logistics', lang))}</span></div>"
        )
    if data.get("canvas"):
        extra.append(
            '<div class="pm-lg-row"><span class="pm-lg-cell">12</span>'
            f"<span>{esc(t('legend_cells', lang))}</span></div>"
        )
    if extra:
        rows.append(f'<div class="pm-lg-h">{esc(t("legend_other", lang))}</div>')
        rows.extend(extra)
    rows.append("</details>")
    return "".join(rows)


class Legend(MacroElement):
    """The map legend as a Leaflet control (HTML built and escaped in Python)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position_js }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create('div', 'pm-legend leaflet-bar');
            div.innerHTML = {{ this.html_js }};
            // open on wide maps, folded on narrow ones, until the user opens or folds it
            var box = div.querySelector('details'), byUser = false, auto = 0;
            if (box) {
                box.addEventListener('toggle', function () { if (auto > 0) { auto--; } else { byUser = true; } });
                var fold = function () {
                    var mode = {{ this.mode_js }};
                    var want = mode === 'open' || (mode === 'auto' && map.getSize().x >= {{ this.wide_px }});
                    if (!byUser && box.open !== want) { auto++; box.open = want; }
                };
                fold();
                map.on('resize', fold);
            }
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, position: str = "bottomright", mode: str = "auto"):
        super().__init__()
        self.mode_js = js_json(mode)
        self._name = "Legend"
        self.html_js = js_json(html_text)
        self.position_js = js_json(position)
        self.wide_px = int(WIDE_MAP_PX)


LEGEND_CSS = """
.pm-sw { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px;
  vertical-align: -1px; box-shadow: inset 0 0 0 1px rgba(0,0,0,.18); }
.pm-logi { background: none; border: none; }
.pm-logi-shape { display: block; width: 70%; height: 70%; margin: 15%; transform: rotate(45deg);
  background: var(--c); border: 1.5px solid #fff; box-shadow: 0 0 0 1px rgba(0,0,0,.35); box-sizing: border-box; }
.pm-logi-shape.pm-hollow { background: rgba(255,255,255,.6); border: 2.5px solid var(--c); box-shadow: none; }
.pm-lg-logi { width: 10px; height: 10px; margin: 2px 8px 2px 3px; display: inline-block; vertical-align: -2px; }
.pm-legend { background: rgba(255,255,255,.96); padding: 6px 10px 8px; border-radius: 6px; max-width: 230px;
  max-height: calc(100vh - 150px); overflow-y: auto; color: #33414d; font-size: 11.5px; line-height: 1.35; }
.pm-legend summary { font-weight: 600; font-size: 12.5px; cursor: pointer; color: #1f2a33; }
.pm-lg-h { font-weight: 600; margin: 7px 0 3px; color: #4a5560; }
.pm-lg-row { display: flex; align-items: center; gap: 4px; margin: 2px 0; }
.pm-circ { display: inline-block; position: relative; box-sizing: content-box; border-radius: 50%; flex: none; }
.pm-circ-fill { position: absolute; inset: 0; border-radius: 50%; }
.pm-lg-row .pm-circ { margin: 1px 4px 1px 0; }
.pm-lg-size .pm-circ { margin-bottom: 2px; }
.pm-lg-fp { display: inline-block; width: 18px; height: 11px; border: 1.5px dashed #6b6b6b; background: rgba(138,138,138,.18);
  margin-right: 4px; flex: none; }
.pm-lg-sizes { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 2px 8px; }
.pm-lg-size { display: flex; flex-direction: column; align-items: center; font-size: 10.5px; }
.pm-lg-absent { opacity: .45; }
.pm-lg-cell { display: inline-block; min-width: 18px; height: 18px; line-height: 18px; border-radius: 9px; background: #8a8a8a;
  color: #fff; font-weight: 700; font-size: 10px; text-align: center; margin-right: 4px; flex: none; }
.pm-lg-inline { display: flex; flex-wrap: wrap; gap: 0 10px; }
"""

MAP_CSS = """
.leaflet-container { background: %(bg)s; font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif; font-size: 12px; }
.pm-tip { padding: 6px 8px; border-radius: 6px; border: 1px solid #d0d4d8; box-shadow: 0 2px 8px rgba(0,0,0,.15); }
.pm-tt-name { font-weight: 600; font-size: 13px; margin-bottom: 2px; color: #1f2a33; }
.pm-tt-row { color: #33414d; line-height: 1.45; }
.pm-id { color: #8a96a0; font-size: 10px; margin-top: 2px; font-family: ui-monospace, Menlo, Consolas, monospace; }
.pm-popup .leaflet-popup-content { margin: 10px 12px; line-height: 1.5; font-size: 12px; }
.pm-pop-name { font-weight: 600; font-size: 14px; color: #1f2a33; }
.pm-pop-sub { color: #6b7680; margin-bottom: 4px; }
.pm-pop-row { color: #33414d; margin-top: 2px; }
.pm-pop-hint { color: #8a96a0; font-size: 11px; margin-top: 6px; border-top: 1px solid #eceff1; padding-top: 4px; }
.pm-dlabel span, .pm-plabel span { display: inline-block; white-space: nowrap; pointer-events: none; }
.pm-dlabel span { transform: translate(-50%%, -50%%); color: #7a7f85; font-size: 11px; letter-spacing: 1px;
  text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.pm-dlabel-focus span { color: #3d4650; font-weight: 600; font-size: 12px; }
.pm-plabel span { color: #1f2a33; font-size: 11px; font-weight: 500; line-height: 14px;
  text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.pm-plabel.pm-lbl-off { visibility: hidden; }
.pm-leader { pointer-events: none; }
.pm-dlabel-small { display: none; }
.pm-z-mid .pm-dlabel-small { display: block; }
.leaflet-control-layers { border-radius: 6px; font-size: 12px; }
.leaflet-control-layers-expanded { padding: 6px 10px 6px 6px; }
.pm-halo { pointer-events: none; }
.pm-selected { pointer-events: none; animation: pm-pulse 1.6s ease-out 2; }
@keyframes pm-pulse { 0%% { stroke-width: 9; stroke-opacity: .25; } 100%% { stroke-width: 3.5; stroke-opacity: 1; } }
.pm-notiles path.pm-district { fill-opacity: 1; }
.pm-notiles .leaflet-tile-pane { visibility: hidden; }
.pm-tile-notice { background: #fff4e5; color: #7a4a00; border: 1px solid #f0c27b; border-radius: 6px; padding: 5px 9px;
  font-size: 12px; max-width: 260px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
"""


class PageStyle(MacroElement):
    """Stylesheet of the map (inline, so it works offline and inside st_folium) and the zoom class toggle."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function (map) {
            var panes = {{ this.panes_js }};
            Object.keys(panes).forEach(function (name) {
                var pane = map.getPane(name) || map.createPane(name);
                pane.style.zIndex = panes[name];
            });
            L.control.scale({imperial: false, position: 'bottomleft'}).addTo(map);
            function pmZoomClass() {
                var c = map.getContainer(), z = map.getZoom();
                if (z >= {{ this.label_zoom }}) { L.DomUtil.addClass(c, 'pm-z-hi'); } else { L.DomUtil.removeClass(c, 'pm-z-hi'); }
                if (z >= 9) { L.DomUtil.addClass(c, 'pm-z-mid'); } else { L.DomUtil.removeClass(c, 'pm-z-mid'); }
            }
            map.on('zoomend', pmZoomClass);
            map.whenReady(pmZoomClass);
            window.PM_REG = {};  // filled by this map's park layers (a new map in the same frame starts afresh)
            // parks sharing a site are spread around it (with leader lines to the site); names are placed
            // beside their marker where they hit no other name or marker, else hidden (bigger parks first)
            var leaders = L.layerGroup().addTo(map);
            function pmLayout() {
                var reg = window.PM_REG || {}, ids = Object.keys(reg).filter(function (id) { return reg[id].ll; });
                var spreadM = {{ this.spread_m }}, i, j, e;
                ids.forEach(function (id) { e = reg[id]; e.p0 = map.latLngToLayerPoint(e.ll); e.p = e.p0; e.rr = Math.max(e.r, e.halo); });
                var root = {};
                ids.forEach(function (id) { root[id] = id; });
                function find(a) { while (root[a] !== a) { root[a] = root[root[a]]; a = root[a]; } return a; }
                for (i = 0; i < ids.length; i++) {
                    for (j = i + 1; j < ids.length; j++) {
                        var a = reg[ids[i]], b = reg[ids[j]];
                        if (a.p0.distanceTo(b.p0) < a.rr + b.rr + 2 && map.distance(a.ll, b.ll) <= spreadM) {
                            root[find(ids[i])] = find(ids[j]);
                        }
                    }
                }
                var groups = {};
                ids.forEach(function (id) { (groups[find(id)] = groups[find(id)] || []).push(id); });
                leaders.clearLayers();
                Object.keys(groups).forEach(function (g) {
                    var m = groups[g].sort(), k = m.length;
                    if (k < 2) { return; }
                    var cx = 0, cy = 0, rmax = 0;
                    m.forEach(function (id) { cx += reg[id].p0.x / k; cy += reg[id].p0.y / k; rmax = Math.max(rmax, reg[id].rr); });
                    var rad = Math.max(rmax + 6, (2 * rmax + 6) / (2 * Math.sin(Math.PI / k)));
                    m.forEach(function (id, n) {
                        var ang = -Math.PI / 2 + 2 * Math.PI * n / k;
                        reg[id].p = L.point(cx + rad * Math.cos(ang), cy + rad * Math.sin(ang));
                    });
                    L.circleMarker(map.layerPointToLatLng([cx, cy]), {radius: 2.5, color: '#444', weight: 1, fillColor: '#444',
                        fillOpacity: 1, interactive: false, pane: 'pm-footprints', className: 'pm-leader'}).addTo(leaders);
                    m.forEach(function (id) {
                        L.polyline([map.layerPointToLatLng([cx, cy]), map.layerPointToLatLng(reg[id].p)], {color: '#444',
                            weight: 1, opacity: 0.8, interactive: false, pane: 'pm-footprints', className: 'pm-leader'}).addTo(leaders);
                    });
                });
                ids.forEach(function (id) {
                    e = reg[id];
                    e.pos = map.layerPointToLatLng(e.p);
                    e.layers.forEach(function (l) { l.setLatLng(e.pos); });
                });
                map.eachLayer(pmMoveRing);
                // names: bigger parks first; right, left, above, below the marker
                var taken = ids.map(function (id) { e = reg[id]; return [e.p.x - e.rr, e.p.y - e.rr, e.p.x + e.rr, e.p.y + e.rr]; });
                function free(bx) {
                    for (var q = 0; q < taken.length; q++) {
                        var t = taken[q];
                        if (bx[0] < t[2] + 1 && bx[2] > t[0] - 1 && bx[1] < t[3] + 1 && bx[3] > t[1] - 1) { return false; }
                    }
                    return true;
                }
                ids.slice().sort(function (a, b) { return (reg[b].r - reg[a].r) || (a < b ? -1 : 1); }).forEach(function (id) {
                    e = reg[id];
                    var icon = e.label && e.label._icon, span = icon && icon.firstChild;
                    if (!span) { return; }
                    var w = span.offsetWidth, h = span.offsetHeight, r = e.rr + 3, best = null;
                    [[r, -h / 2], [-r - w, -h / 2], [-w / 2, -r - h], [-w / 2, r]].some(function (o) {
                        var bx = [e.p.x + o[0], e.p.y + o[1], e.p.x + o[0] + w, e.p.y + o[1] + h];
                        if (free(bx)) { best = o; taken.push(bx); return true; }
                        return false;
                    });
                    if (best) {
                        span.style.transform = 'translate(' + Math.round(best[0]) + 'px,' + Math.round(best[1]) + 'px)';
                        L.DomUtil.removeClass(icon, 'pm-lbl-off');
                    } else {
                        L.DomUtil.addClass(icon, 'pm-lbl-off');
                    }
                });
                window.PM_LAID_OUT = (window.PM_LAID_OUT || 0) + 1;
            }
            function pmMoveRing(layer) {
                var c = layer && layer.options && layer.options.className, m = c && /pm-selected-([a-z0-9-]+)/.exec(c);
                var e = m && (window.PM_REG || {})[m[1]];
                if (e && e.pos && layer.setLatLng) { layer.setLatLng(e.pos); }
            }
            map.on('layeradd', function (ev) { pmMoveRing(ev.layer); });
            map.on('zoomend', pmLayout);
            setTimeout(pmLayout, 0);
            // fit the parks, clear of the legend on wide maps; refit when the frame is resized
            // (st_folium sizes its iframe after the map is made) until the user moves the map
            var bounds = {{ this.bounds_js }}, focus = {{ this.focus_js }}, touched = false;
            function pmFit() {
                if (touched) { return; }
                if (focus) { map.setView(focus, {{ this.focus_zoom }}); return; }  // a link to one park opens on it
                var mode = {{ this.legend_js }};
                var open = mode === 'open' || (mode === 'auto' && map.getSize().x >= {{ this.wide_px }});
                map.fitBounds(bounds, {paddingTopLeft: [20, 20], paddingBottomRight: [open ? 240 : 20, 20]});
            }
            pmFit();
            map.on('resize', pmFit);
            // tiles that cannot load (offline): fill the districts so the map looks finished, not broken
            var tilesOk = 0, tilesBad = 0;
            map.eachLayer(function (layer) {
                if (layer instanceof L.TileLayer) {
                    layer.on('tileload', function (e) {
                        // the blank stand-in of a failed tile also fires tileload: it does not count
                        if (e.tile && String(e.tile.src).indexOf('data:') === 0) { return; }
                        tilesOk++; pmTiles();
                    });
                    layer.on('tileerror', function () { tilesBad++; pmTiles(); });
                }
            });
            var notice = null;
            function pmTiles() {
                var c = map.getContainer();
                if (tilesBad > 0 && tilesOk === 0) {
                    L.DomUtil.addClass(c, 'pm-notiles');  // fall back: no basemap, filled district outlines
                    if (!notice) {
                        notice = L.control({position: 'topleft'});
                        notice.onAdd = function () {
                            var div = L.DomUtil.create('div', 'pm-tile-notice');
                            div.textContent = {{ this.tiles_notice_js }};
                            return div;
                        };
                        notice.addTo(map);
                    }
                } else {
                    L.DomUtil.removeClass(c, 'pm-notiles');
                    if (notice) { notice.remove(); notice = null; }
                }
            }
            map.on('dragstart', function () { touched = true; });
            map.getContainer().addEventListener('wheel', function () { touched = true; }, {passive: true});
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, background: str, bounds: list[list[float]], legend: str = "auto",
                 focus: tuple[float, float] | None = None, lang: str = "zh"):
        super().__init__()
        self.tiles_notice_js = js_json(t("tiles_failed", lang))
        self.focus_js = js_json(list(focus) if focus else None)
        self.focus_zoom = int(FOCUS_ZOOM)
        self.spread_m = float(SPREAD_MAX_M)
        self.legend_js = js_json(legend)
        self.bounds_js = js_json(bounds)
        self.wide_px = int(WIDE_MAP_PX)
        self._name = "PageStyle"
        self.css = MAP_CSS % {"bg": background} + LEGEND_CSS
        self.label_zoom = int(PARK_LABEL_MIN_ZOOM)
        self.panes_js = js_json(PANES)


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
        ``auto`` (open on maps at least :data:`WIDE_MAP_PX` wide, folded otherwise), ``open`` or
        ``folded`` (the app shows the legend beside the map and folds the one on it).
    focus : (lat, lon), optional
        Open centred on this point at :data:`FOCUS_ZOOM` (a link to one park) instead of fitting every park.

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


def park_point(ds: Dataset, park_id: str, datum: str = "wgs84") -> tuple[float, float] | None:
    """(lat, lon) of a park's marker in the map's datum, or ``None`` for an unknown park."""
    rows = ds.parks[ds.parks["park_id"] == park_id]
    if rows.empty or rows.geometry.iloc[0] is None or rows.geometry.iloc[0].is_empty:
        return None
    lon, lat = _point(rows.geometry.iloc[0])
    if datum != "wgs84":
        lon, lat = convert(lon, lat, "wgs84", datum)
    return float(lat), float(lon)


def selection_layer(ds: Dataset, park_id: str, datum: str = "wgs84", radius_px: float = 16.0) -> folium.FeatureGroup:
    """A ring around the selected park (``pm-selected``; empty for no or an unknown park).

    The app hands it to st_folium as a feature group, which the map swaps without being drawn again.
    """
    fg = folium.FeatureGroup(name="selected", control=False)
    at = park_point(ds, park_id, datum) if park_id else None
    if at:
        folium.CircleMarker(
            location=list(at), radius=radius_px, color="#d1495b", weight=3.5, opacity=1, fill=False,
            interactive=False, class_name=f"pm-selected pm-selected-{_slug(park_id)}", pane="pm-plabels",
        ).add_to(fg)
    return fg


_TOKEN = re.compile(r"[a-z0-9][a-z0-9-]*")


def park_at_click(out: dict | None, parks: pd.DataFrame, datum: str = "wgs84", max_deg: float = 0.05) -> str:
    """The park a map click refers to (from ``st_folium``'s return value), or ``""``.

    The park id shown in the clicked feature's tooltip wins; otherwise the park nearest to the
    clicked point (in ``datum`` coordinates) within ``max_deg`` degrees.

    Parameters
    ----------
    out : dict or None
        ``st_folium`` result with ``last_object_clicked_tooltip`` and/or ``last_object_clicked``.
    parks : geopandas.GeoDataFrame
        The parks on the map (WGS84).
    datum : str
        Datum of the map's coordinates (``gcj02`` with the Gaode basemap).
    max_deg : float
        Largest distance to the nearest park.

    Returns
    -------
    str
    """
    if not out or len(parks) == 0:
        return ""
    ids = set(parks["park_id"])
    for token in _TOKEN.findall(str(out.get("last_object_clicked_tooltip") or "")):
        if token in ids:
            return token
    ll = out.get("last_object_clicked") or {}
    if not isinstance(ll, dict) or "lat" not in ll or "lng" not in ll:
        return ""
    lon, lat = float(ll["lng"]), float(ll["lat"])
    if datum != "wgs84":
        lon, lat = convert(lon, lat, datum, "wgs84")
    pts = gpd.GeoSeries(parks.geometry, crs=settings.CRS_WGS84).representative_point()
    d2 = ((pts.x - lon) ** 2 + (pts.y - lat) ** 2).to_numpy()
    i = int(d2.argmin())
    return str(parks["park_id"].iloc[i]) if float(d2[i]) <= max_deg**2 else ""
