"""Folium layers for the overlap analysis: rings and links between competing parks, districts shaded by overlaps."""

from __future__ import annotations

import json

import folium
import geopandas as gpd
import pandas as pd

from geo.overlap import distance_text
from geo.settings import CRS_WGS84

from . import offline
from .escape import html_text
from .i18n import t
from .labels import park_names

#: Colour per severity level (rings and links).
SEVERITY_COLORS = {"high": "#b2182b", "medium": "#ef8a62", "low": "#8c8c8c"}

#: Choropleth classes by number of overlapping industries: (lower bound, colour); light → dark.
COUNT_CLASSES = ((0, "#fff7ec"), (1, "#fdd49e"), (2, "#fc8d59"), (4, "#d7301f"), (7, "#7f0000"))
NO_DATA_COLOR = "#e6e6e6"


def _t(lang: str) -> dict:
    """The labels this module uses, from :mod:`layers.i18n`."""
    return dict(
        layer=t("ov_layer_links", lang),
        districts=t("ov_layer_districts", lang),
        severity=t("ov_col_severity", lang),
        km=t("ov_distance", lang),
        overlaps=t("ov_overlapping", lang),
        no_data=t("ov_no_data", lang),
        within=t("ov_kind_within_district", lang),
        cross=t("ov_kind_cross_district", lang),
        levels={lvl: t(f"ov_sev_{lvl}", lang) for lvl in ("high", "medium", "low")},
    )


def _e(value: object) -> str:
    return html_text(value)


def park_points(parks: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Park id → (lat, lon) of a point inside the park (its representative point), in WGS84."""
    p = parks[parks.geometry.notna() & ~parks.geometry.is_empty]
    if p.crs is not None and str(p.crs) != CRS_WGS84:
        p = p.to_crs(CRS_WGS84)
    pts = p.geometry.representative_point()
    return {pid: (float(pt.y), float(pt.x)) for pid, pt in zip(p["park_id"], pts, strict=True)}


def bounds_for(parks: gpd.GeoDataFrame, park_ids: list[str] | tuple[str, ...], pad_deg: float = 0.02):
    """``[[south, west], [north, east]]`` around some parks (for ``fit_bounds``), or ``None`` if none is located."""
    sub = parks[parks["park_id"].isin(list(park_ids)) & parks.geometry.notna()]
    if sub.empty:
        return None
    if sub.crs is not None and str(sub.crs) != CRS_WGS84:
        sub = sub.to_crs(CRS_WGS84)
    w, s, e, n = sub.total_bounds
    return [[float(s) - pad_deg, float(w) - pad_deg], [float(n) + pad_deg, float(e) + pad_deg]]


def _industry(row: pd.Series, lang: str) -> str:
    if lang == "en" and row.get("industry_en") and row["industry_en"] != row["industry"]:
        return f"{row['industry']} ({row['industry_en']})"
    return str(row["industry"])


def overlap_layer(
    parks: gpd.GeoDataFrame,
    overlaps: pd.DataFrame,
    lang: str = "zh",
    name: str | None = None,
    highlight: int | None = None,
) -> folium.FeatureGroup:
    """Rings around parks in the given overlaps and lines linking competing parks.

    Parameters
    ----------
    parks : geopandas.GeoDataFrame
        Parks with ``park_id``, ``name_zh``, ``name_en`` and geometry (WGS84).
    overlaps : pandas.DataFrame
        Rows of :func:`geo.overlap.find_overlaps` to draw (filter beforehand, e.g. by severity).
    lang : {"zh", "en"}
    name : str, optional
        Layer name in the layer control.
    highlight : int, optional
        Position (``iloc``) of an overlap in ``overlaps`` to draw on top, thicker.

    Returns
    -------
    folium.FeatureGroup
        One ring per park (colour = its most severe overlap, tooltip = its overlapping industries) and
        one line per pair of competing sides (their nearest parks); every tooltip is escaped.
    """
    t = _t(lang)
    fg = folium.FeatureGroup(name=name or t["layer"], show=True)
    if overlaps is None or overlaps.empty:
        return fg
    pts = park_points(parks)
    pname = dict(zip(parks["park_id"], park_names(parks, lang), strict=False))
    order = ("low", "medium", "high")
    per_park: dict[str, list[tuple[str, str, int]]] = {}
    lines = []
    for i, (_, r) in enumerate(overlaps.iterrows()):
        label = _industry(r, lang)
        for p in r["parks"]:
            per_park.setdefault(p, []).append((label, r["severity_level"], int(r["severity"])))
        pms = r.get("link_uncertainty_km") or ()
        for j, (a, b, km) in enumerate(r["links"]):
            if a in pts and b in pts:
                pm = pms[j] if j < len(pms) else 0.0
                lines.append((i == highlight, r, label, a, b, (km, pm)))
    # lines first (below the rings); the highlighted overlap last so it is on top
    for hl, r, label, a, b, (km, pm) in sorted(lines, key=lambda x: (x[0], int(x[1]["severity"]))):
        kind = t["within"] if r["kind"] == "within_district" else t["cross"]
        tip = (
            f"<b>{_e(label)}</b> · {_e(kind)}<br>{_e(pname.get(a, a))} ↔ {_e(pname.get(b, b))}<br>"
            f"{_e(t['severity'])}: {_e(t['levels'][r['severity_level']])} ({int(r['severity'])})"
            f" · {_e(t['km'])}: {_e(distance_text(km, pm, 'en' if lang == 'en' else 'zh'))}"
        )
        folium.PolyLine(
            [pts[a], pts[b]],
            color=SEVERITY_COLORS[r["severity_level"]],
            weight=(5 if hl else 1.5 + 0.4 * int(r["severity"])),
            opacity=0.95 if hl else 0.7,
            dash_array="6 6" if r["kind"] == "within_district" else None,
            tooltip=folium.Tooltip(tip, sticky=True),
        ).add_to(fg)
    for p, items in per_park.items():
        if p not in pts:
            continue
        worst = max(items, key=lambda x: (order.index(x[1]), x[2]))
        rows = "".join(f"<br>{_e(label)}: {_e(t['levels'][lvl])} ({sev})" for label, lvl, sev in dict.fromkeys(items))
        tip = f"<b>{_e(pname.get(p, p))}</b><br>{_e(t['overlaps'])}:{rows}"
        folium.CircleMarker(
            pts[p],
            radius=14 + 2 * min(len(items), 5),
            color=SEVERITY_COLORS[worst[1]],
            weight=3,
            fill=False,
            tooltip=folium.Tooltip(tip, sticky=True),
        ).add_to(fg)
    return fg


def count_color(n: int | None, has_data: bool = True) -> str:
    """Fill colour for a district with ``n`` overlapping industries (:data:`NO_DATA_COLOR` without data)."""
    if not has_data or n is None:
        return NO_DATA_COLOR
    color = COUNT_CLASSES[0][1]
    for lower, c in COUNT_CLASSES:
        if n >= lower:
            color = c
    return color


def count_legend(lang: str = "zh") -> list[tuple[str, str]]:
    """(label, colour) per choropleth class, plus the no-data entry last."""
    t = _t(lang)
    out = []
    for i, (lower, color) in enumerate(COUNT_CLASSES):
        upper = COUNT_CLASSES[i + 1][0] - 1 if i + 1 < len(COUNT_CLASSES) else None
        if upper is None:
            label = f"≥ {lower}"
        elif upper == lower:
            label = f"{lower}"
        else:
            label = f"{lower}–{upper}"
        out.append((label, color))
    out.append((t["no_data"], NO_DATA_COLOR))
    return out


def district_choropleth(
    districts: gpd.GeoDataFrame,
    counts: pd.DataFrame,
    lang: str = "zh",
    name: str | None = None,
    pane: str | None = None,
) -> folium.GeoJson:
    """District polygons shaded by how many of their industries overlap with other districts.

    Parameters
    ----------
    districts : geopandas.GeoDataFrame
        ``district``, ``district_en`` and polygons (WGS84).
    counts : pandas.DataFrame
        Output of :func:`geo.overlap.overlap_counts_by_district`.
    lang : {"zh", "en"}
    name : str, optional
        Layer name.
    pane : str, optional
        Leaflet pane to draw in (see :func:`add_panes`); default the overlay pane.

    Returns
    -------
    folium.GeoJson
        Districts without plan data are grey (unknown, not zero); tooltips are escaped.
    """
    t = _t(lang)
    c = counts.set_index("district")
    d = districts[["district", "district_en", "geometry"]].copy()
    if d.crs is not None and str(d.crs) != CRS_WGS84:
        d = d.to_crs(CRS_WGS84)
    fills, tips = [], []
    for _, r in d.iterrows():
        has = bool(c["has_data"].get(r["district"], False)) if len(c) else False
        n = int(c["n_overlaps"].get(r["district"], 0)) if len(c) else 0
        fills.append(count_color(n, has))
        label = r["district_en"] if lang == "en" else r["district"]
        if has:
            inds = str(c["industries"].get(r["district"], "") or "").replace(";", "、" if lang == "zh" else ", ")
            tip = f"<b>{_e(label)}</b><br>{_e(t['overlaps'])}: {n}" + (f"<br>{_e(inds)}" if inds else "")
        else:
            tip = f"<b>{_e(label)}</b><br>{_e(t['no_data'])}"
        tips.append(tip)
    d["fill"] = fills
    d["tip"] = tips
    # folium renders GeoJSON properties through Jinja again: no raw data text may stay in them
    d["district"] = d["district"].map(html_text)
    d["district_en"] = d["district_en"].map(html_text)
    d["has_data"] = [f != NO_DATA_COLOR for f in fills]
    data = json.loads(d.to_json(drop_id=True))
    return folium.GeoJson(
        data,
        name=name or t["districts"],
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "color": "#6b6b6b",
            "weight": 1,
            "dashArray": None if f["properties"]["has_data"] else "3 3",
            "fillOpacity": 0.65 if f["properties"]["has_data"] else 0.35,
        },
        highlight_function=lambda f: {"weight": 2.5, "color": "#333333"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
        **({"pane": pane} if pane else {}),
    )


#: Pane of the choropleth: above the web map's plain districts (350), below its labels (360) and parks (450).
CHOROPLETH_PANE = ("ov-districts", 355)


def add_panes(m: folium.Map) -> str:
    """Create the choropleth pane on a map (clickable, so its tooltips work); returns its name."""
    name, z = CHOROPLETH_PANE
    folium.map.CustomPane(name, z_index=z, pointer_events=True).add_to(m)
    return name


def add_to_map(m: folium.Map, *layers) -> folium.Map:
    """Add layers to an existing map, keeping its layer control last.

    A ``LayerControl`` added before the layers would run before their scripts define them; it is
    moved after them.
    """
    controls = [(k, c) for k, c in m._children.items() if isinstance(c, folium.LayerControl)]
    for k, _ in controls:
        del m._children[k]
    for layer in layers:
        layer.add_to(m)
    for k, c in controls:
        m.add_child(c, name=k)
    return m


def legend_html(lang: str = "zh") -> str:
    """A small, escaped HTML legend (choropleth classes and severity colours) to place next to the map."""
    t = _t(lang)
    sw = "display:inline-block;width:14px;height:14px;margin-right:4px;vertical-align:middle;border:1px solid #999"
    parts = [f"<b>{_e(t['districts'])}</b><br>"]
    for label, color in count_legend(lang):
        parts.append(f'<span style="{sw};background:{color}"></span>{_e(label)}&nbsp;&nbsp;')
    parts.append(f"<br><b>{_e(t['severity'])}</b><br>")
    for lvl in ("high", "medium", "low"):
        ring = f"display:inline-block;width:12px;height:12px;border-radius:50%;border:3px solid {SEVERITY_COLORS[lvl]}"
        parts.append(
            f'<span style="{ring};margin-right:4px;vertical-align:middle"></span>{_e(t["levels"][lvl])}&nbsp;&nbsp;'
        )
    return "".join(parts)


def overlap_map(
    parks: gpd.GeoDataFrame,
    districts: gpd.GeoDataFrame,
    overlaps: pd.DataFrame,
    counts: pd.DataFrame,
    lang: str = "zh",
    highlight: int | None = None,
    bounds=None,
) -> folium.Map:
    """A small stand-alone folium map (no basemap tiles) with the choropleth and the overlap layer."""
    offline.localize_folium()
    m = folium.Map(location=[29.8, 107.2], zoom_start=7, tiles=None, control_scale=True)
    # Leaflet only: no bootstrap / font-awesome needed by these layers
    m.default_js = [x for x in folium.Map.default_js if x[0] in ("parkmap_init", "leaflet")]
    m.default_css = [x for x in folium.Map.default_css if x[0] == "leaflet_css"]
    district_choropleth(districts, counts, lang, pane=add_panes(m)).add_to(m)
    overlap_layer(parks, overlaps, lang, highlight=highlight).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    if bounds is None:
        w, s, e, n = districts.total_bounds
        bounds = [[float(s), float(w)], [float(n), float(e)]]
    m.fit_bounds(bounds)
    return m
