"""The interactive web map: parks, footprints, districts and logistics parks as folium layers.

Each group is one GeoJSON layer whose features carry their data and drawing style as properties
(``_style``, pre-escaped ``_tip``/``_popup`` HTML, ``_label``/``_icon`` for DivIcons), so the same
small JavaScript draws any number of features. :func:`layer_data` builds those GeoJSON dicts
(pure, cacheable); :func:`build_map` turns them into a ``folium.Map``.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import MacroElement
from folium.map import Layer
from folium.template import Template

from geo import settings
from geo.coords import area_km2, convert, convert_gdf
from geo.load import Dataset
from geo.taxonomy import UNKNOWN_COLOR, english_names, sectors
from geo.view import View, plan_ids_for

from . import basemaps, i18n, offline, style
from .i18n import t

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_SLUG = re.compile(r"[^a-z0-9-]+")

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
    """JSON safe to embed in a ``<script>`` (``<``, ``>``, ``&``, ``'`` and line separators escaped)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for a, b in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(a, b)
    return text


def _num(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if f != f else f


# --------------------------------------------------------------------------- text of tooltips and popups


class Labels:
    """Display names for one language: sectors, chains and districts (built once per map)."""

    def __init__(self, ds: Dataset, lang: str):
        self.lang = lang
        self.en = english_names(ds.industries)
        self.colors = {r["sector"]: _color(r["color"]) for _, r in sectors(ds.industries).iterrows()}
        self.sector_order = list(self.colors)
        self.district_en = dict(zip(ds.districts["district"], ds.districts["district_en"], strict=False))

    def industry(self, name: str) -> str:
        """A sector or chain name in the language."""
        if not name:
            return t("unknown_sector", self.lang)
        return self.en.get(name, name) if self.lang == "en" else name

    def district(self, name: str) -> str:
        """A district name in the language."""
        return i18n.district_name(name, self.lang, self.district_en)


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
                            "dashArray": "5 4",
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
                    "_label": f'<span style="margin-left:{radius + 8:.0f}px">{esc(i18n.park_name(row, labels.lang))}</span>',
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
    union = shapely.union_all(shapely.buffer(geoms, 0.0005)).buffer(-0.0005)
    parts = getattr(union, "geoms", [union])
    rings = [shapely.LineString(p.exterior.coords) for p in parts if p.geom_type == "Polygon" and p.area > 1e-4]
    return shapely.MultiLineString(rings).simplify(settings.WEB_DISTRICT_SIMPLIFY_DEG)


_DISTRICT_GEOMS: dict[tuple, tuple[list, dict]] = {}


def _district_geoms(districts: gpd.GeoDataFrame) -> tuple[list[tuple[str, dict, list[float], bool]], dict]:
    """Per district (name, simplified GeoJSON geometry, label point, small?) and the city outline; memoised.

    The work (simplifying, the city outline, areas) depends only on the district geometries, so it is
    kept per geometry set: a filter change does not redo it.
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


def district_features(districts: gpd.GeoDataFrame, labels: Labels, focus: set[str], tiles: bool) -> dict:
    """GeoJSON of district polygons (filled when there is no basemap), the city outline and name labels."""
    rows, city = _district_geoms(districts)
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


def layer_data(ds: Dataset, parks_summary: pd.DataFrame, view: View, scheme: str = "fixed") -> dict[str, Any]:
    """Everything the map draws, as plain data (cacheable): GeoJSON per group, bounds and legend entries.

    Parameters
    ----------
    ds : Dataset
    parks_summary : geopandas.GeoDataFrame
        Parks to draw (e.g. :func:`geo.view.apply_view`), WGS84.
    view : View
        Language and basemap are taken from it.
    scheme : str
        Scale classification (see :func:`geo.classes.classify_scale`).

    Returns
    -------
    dict
        ``groups`` (name → FeatureCollection), ``bounds`` ([[s, w], [n, e]]), ``sectors`` shown,
        ``tiers`` shown, ``has_noscale``, ``has_footprints``, ``has_logistics``, ``datum``.
    """
    lang = view.lang if view.lang in i18n.LANGS else i18n.DEFAULT_LANG
    labels = Labels(ds, lang)
    datum = basemaps.datum(view.basemap)
    parks = gpd.GeoDataFrame(parks_summary, geometry="geometry", crs=settings.CRS_WGS84)
    districts = ds.districts
    if datum != "wgs84":
        parks = convert_gdf(parks, "wgs84", datum) if len(parks) else parks
        districts = convert_gdf(districts, "wgs84", datum)
    styled = style.style_parks(parks, ds.industries, scheme=scheme) if len(parks) else parks.assign(
        color=[], scale_class=[], radius_px=[], fill_opacity=[], outline_color=[], outline_width=[], outline_dash=[]
    )
    groups = park_layer_features(styled, labels)
    focus = set(ds.plans.loc[ds.plans["plan_id"].isin(plan_ids_for(ds, view)), "district"])
    tiles = view.basemap != "none"
    groups["districts"] = district_features(districts, labels, focus, tiles)
    if len(parks):
        minx, miny, maxx, maxy = parks.total_bounds
    else:
        sel = districts[districts["district"].isin(view.districts)] if view.districts else districts
        minx, miny, maxx, maxy = (sel if len(sel) else districts).total_bounds
    pad = max(0.03, 0.06 * max(maxx - minx, maxy - miny))
    shown = [s for s in labels.sector_order if s in set(styled["dominant_sector"])] if len(styled) else []
    unknown = bool(len(styled)) and bool((~styled["dominant_sector"].isin(labels.colors)).any())
    return {
        "lang": lang,
        "groups": groups,
        "bounds": [[float(miny - pad), float(minx - pad)], [float(maxy + pad), float(maxx + pad)]],
        "sectors": [(labels.industry(s), labels.colors[s]) for s in shown]
        + ([(t("unknown_sector", lang), UNKNOWN_COLOR)] if unknown else []),
        "tiers": [tr for tr in style.TIER_OUTLINE if len(styled) and tr in set(styled["tier"])],
        "scale_classes": sorted(int(c) for c in set(styled["scale_class"])) if len(styled) else [],
        "has_footprints": bool(groups["footprints"]["features"]),
        "has_logistics": bool(groups["logistics"]["features"]),
        "datum": datum,
        "n_parks": int(len(styled)),
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
    if (p._class && !(layer instanceof L.CircleMarker)) {
        layer.on('add', function () {
            var el = layer._path || layer._icon;
            if (el) { p._class.split(' ').forEach(function (c) { if (c) { L.DomUtil.addClass(el, c); } }); }
        });
    }
}
"""


class GeoJsonGroup(Layer):
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
    if data["has_logistics"]:
        extra.append(
            '<div class="pm-lg-row"><span class="pm-logi-shape pm-lg-logi" style="--c:#888888"></span>'
            f"<span>{esc(t('legend_logistics', lang))}</span></div>"
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
.pm-plabel span { transform: translate(0, -50%%); color: #1f2a33; font-size: 11px; font-weight: 500;
  text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.pm-plabel { display: none; }
.pm-dlabel-small { display: none; }
.pm-z-mid .pm-dlabel-small { display: block; }
.pm-z-hi .pm-plabel { display: block; }
.leaflet-control-layers { border-radius: 6px; font-size: 12px; }
.leaflet-control-layers-expanded { padding: 6px 10px 6px 6px; }
.pm-halo { pointer-events: none; }
.pm-notiles path.pm-district { fill-opacity: 1; }
.pm-notiles .leaflet-tile-pane { visibility: hidden; }
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
            // fit the parks, clear of the legend on wide maps; refit when the frame is resized
            // (st_folium sizes its iframe after the map is made) until the user moves the map
            var bounds = {{ this.bounds_js }}, touched = false;
            function pmFit() {
                if (touched) { return; }
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
            function pmTiles() {
                var c = map.getContainer();
                if (tilesBad > 0 && tilesOk === 0) { L.DomUtil.addClass(c, 'pm-notiles'); }
                else { L.DomUtil.removeClass(c, 'pm-notiles'); }
            }
            map.on('dragstart', function () { touched = true; });
            map.getContainer().addEventListener('wheel', function () { touched = true; }, {passive: true});
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, background: str, bounds: list[list[float]], legend: str = "auto"):
        super().__init__()
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
    PageStyle(style.BACKGROUND, data["bounds"], legend).add_to(m)
    names = dict(GROUPS)
    for key, _ in GROUPS:
        fc = data["groups"][key]
        if key == "logistics" and not fc["features"]:
            continue
        if key == "footprints" and not fc["features"]:
            continue
        GeoJsonGroup(fc, name=t(names[key], lang), pane=GROUP_PANE[key]).add_to(m)
    folium.LayerControl(position="topright", collapsed=False).add_to(m)
    Legend(legend_html(data), mode=legend).add_to(m)
    return m


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
