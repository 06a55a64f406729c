"""What the print map shows, before any drawing: the view's parks, districts, extent, inset, legend entries, titles."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.load import Dataset
from geo.settings import CRS_PROJECTED, LOGISTICS_KINDS
from geo.taxonomy import UNKNOWN_COLOR, sector_colors, sectors
from geo.uncertainty import dashed_outline
from geo.view import View, apply_view, plan_ids_for

from ..labels import Labels, unclassified
from ..style import TIER_OUTLINE, scale_legend, style_parks
from ..uncertainty import ring_radius_m
from .text import words

#: A whole-city map gets an enlarged inset of the parks' districts when they cover less than this share of it.
INSET_MAX_SHARE = 0.25


@dataclass
class MapContent:
    """Everything the renderer draws, computed from a dataset and a view (no drawing yet)."""

    view: View
    parks: gpd.GeoDataFrame  # styled, projected
    districts: gpd.GeoDataFrame  # projected, with ``focus``
    extent: tuple[float, float, float, float]
    plans: pd.DataFrame
    sector_entries: list[tuple[str, str]]  # (label, colour)
    scale_entries: list[tuple[str, float, bool]]  # (label, radius px, hollow)
    tier_entries: list[tuple[str, tuple]]  # (label, outline style)
    footprint_entries: list[tuple[str, str]]  # (label, quality)
    title: str
    subtitle: str
    notes: list[str] = field(default_factory=list)
    numbered: list[tuple[int, str]] = field(default_factory=list)  # parks shown by number, named in the legend
    inset: tuple[float, float, float, float] | None = None  # the parks' area, enlarged in a corner
    unlabelled: int = 0  # parks drawn without a name or number (set by the renderer)


def plan_label(row: pd.Series, lang: str) -> str:
    """A plan as cited in the footer: title, 文号 and date, e.g. ``《…》（渝府发〔2023〕1号，2023-02-01）``."""
    title = str(row.get("title", "") or "")
    if lang == "en" and str(row.get("title_en", "") or "").strip():
        title = str(row["title_en"]).strip()
    doc = str(row.get("doc_number", "") or "").strip()
    issued = str(row.get("issued", "") or "").strip()
    ref = ("，" if lang == "zh" else ", ").join(x for x in (doc, issued) if x)
    return words(lang, "plan_ref").format(title=title, ref=ref)


def _vintage_words(ds: Dataset, view: View) -> str:
    lang = view.lang
    if view.vintage in ("latest", "all"):
        return words(lang, view.vintage)
    m = ds.plans[ds.plans["plan_id"] == view.vintage]
    if m.empty:
        return words(lang, "latest")
    row = m.iloc[0]
    title = str(row.get("title_en", "") or "") if lang == "en" else ""
    return (title or str(row["title"])) + (f" ({row['issued']})" if lang == "en" else f"（{row['issued']}）")


def describe_view(ds: Dataset, view: View, n_parks: int) -> tuple[str, str]:
    """Default title and the filters in words (subtitle) for a view."""
    lang = view.lang
    names = Labels.of(ds, lang)
    sep, colon = words(lang, "sep"), words(lang, "colon")
    if view.districts:
        title = words(lang, "title_districts").format(districts=sep.join(names.districts(view.districts)))
    else:
        title = words(lang, "title_all")
    named = [names.industry(x) for x in view.sectors]
    if view.search.strip():
        q = view.search.strip()
        named.append(words(lang, "search") + (f"“{q}”" if lang == "zh" else f' "{q}"'))
    if named:  # the title names what the map was filtered to, not only where
        title += (f"（{sep.join(named)}）" if lang == "zh" else f" ({sep.join(named)})")
    parts = []
    if view.sectors:
        parts.append(words(lang, "sectors") + colon + sep.join(names.industry(s) for s in view.sectors))
    if view.tiers:
        tiers = [names.tier(x) for x in view.tiers]
        parts.append(words(lang, "tiers") + colon + sep.join(tiers))
    if view.min_scale_yi > 0:
        unit = "亿元" if lang == "zh" else " (100 m yuan)"
        parts.append(words(lang, "min_scale") + colon + f"≥ {view.min_scale_yi:g}{unit}")
    if view.search.strip():
        q = view.search.strip()
        parts.append(words(lang, "search") + colon + (f"“{q}”" if lang == "zh" else f'"{q}"'))
    parts.append(words(lang, "vintage") + colon + _vintage_words(ds, view))
    parts.append(words(lang, "n_parks").format(n=n_parks))
    return title, words(lang, "semi").join(parts)


def _extent(geoms: gpd.GeoSeries, pad: float = 0.06) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = geoms.total_bounds
    w, h = max(x1 - x0, 1000.0), max(y1 - y0, 1000.0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = w * (1 + 2 * pad), h * (1 + 2 * pad)
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _main_cluster_extent(parks: gpd.GeoDataFrame, link_m: float = 80_000.0) -> tuple[float, float, float, float]:
    """Extent (projected, padded) of the largest group of parks chained at most ``link_m`` apart."""
    pts = parks.geometry.representative_point()
    xy = np.column_stack([pts.x.to_numpy(), pts.y.to_numpy()])
    n = len(xy)
    root = list(range(n))

    def find(a: int) -> int:
        while root[a] != a:
            root[a] = root[root[a]]
            a = root[a]
        return a

    d2 = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1)
    for i, j in zip(*np.nonzero(d2 <= link_m**2), strict=True):
        root[find(int(i))] = find(int(j))
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    big = max(groups.values(), key=len)
    x0, y0 = xy[big].min(axis=0)
    x1, y1 = xy[big].max(axis=0)
    return _extent(gpd.GeoSeries([shapely.box(x0, y0, x1, y1)]), pad=0.12)


_DISTRICT_CACHE: list = []  # [(districts frame, projected copy)], newest only


def _projected_districts(ds: Dataset) -> gpd.GeoDataFrame:
    """The dataset's districts in the projected CRS (cached for the last dataset seen)."""
    if _DISTRICT_CACHE and _DISTRICT_CACHE[0][0] is ds.districts:
        return _DISTRICT_CACHE[0][1]
    out = ds.districts.to_crs(CRS_PROJECTED)
    _DISTRICT_CACHE[:] = [(ds.districts, out)]
    return out


def prepare(ds: Dataset, view: View) -> MapContent:
    """Filter, style and project the view's parks; choose the extent, legend entries and texts.

    Parameters
    ----------
    ds : Dataset
    view : View

    Returns
    -------
    MapContent
    """
    lang = view.lang
    parks = apply_view(ds, view)
    parks = style_parks(parks, ds.industries)
    parks = gpd.GeoDataFrame(parks, geometry="geometry", crs=ds.parks.crs).to_crs(CRS_PROJECTED)
    districts = _projected_districts(ds).copy()
    if view.districts:
        focus = set(view.districts)
    else:
        focus = set(parks["district"])
    if not focus:  # nothing to show: all districts that have parks in the dataset, else all of Chongqing
        focus = set(ds.parks["district"]) or set(districts["district"])
    districts["focus"] = districts["district"].isin(focus)
    focus_extent = _extent(districts.loc[districts["focus"]].geometry)
    # a map titled for the municipality shows all of it; the parks' districts get an inset when small
    extent = focus_extent if view.districts else _extent(districts.geometry, pad=0.03)
    inset = None
    if not view.districts and 0 < len(parks) <= 2000:
        ix = _main_cluster_extent(parks)
        cw, ch = extent[2] - extent[0], extent[3] - extent[1]
        if (ix[2] - ix[0]) * (ix[3] - ix[1]) < INSET_MAX_SHARE * cw * ch:
            inset = ix
    plan_ids = plan_ids_for(ds, view)
    plans = ds.plans[ds.plans["plan_id"].isin(plan_ids) & ds.plans["district"].isin(focus)]
    plans = plans.sort_values(["district", "issued"])
    # legend entries
    colors = sector_colors(ds.industries)
    present = set(parks["dominant_sector"].fillna(""))
    order = list(sectors(ds.industries)["sector"])
    names = Labels.of(ds, lang)
    sector_entries = [(names.industry(s), colors[s]) for s in order if s in present]
    if "" in present or any(s not in colors for s in present if s):
        sector_entries.append((unclassified(lang), UNKNOWN_COLOR))
    scale_entries = [(lab, r, i == len(scale_legend(lang)) - 1) for i, (lab, r) in enumerate(scale_legend(lang))]
    tiers_present = [t for t in TIER_OUTLINE if t in set(parks["tier"])]
    tier_entries = [(names.tier(t), TIER_OUTLINE[t]) for t in tiers_present]
    is_poly = parks.geometry.geom_type.isin(["Polygon", "MultiPolygon"])
    qualities = set(parks.loc[is_poly, "geometry_quality"])
    footprint_entries = [(words(lang, q), q) for q, shown in (("surveyed", any(not dashed_outline(x) for x in qualities)),
                                                          ("approximate", any(map(dashed_outline, qualities)))) if shown]
    if any(ring_radius_m(r) for _, r in parks.iterrows()):
        footprint_entries.append((words(lang, "uncertainty"), "uncertainty"))
    if parks["kind"].isin(LOGISTICS_KINDS).any():
        footprint_entries.append((words(lang, "logistics"), "logistics"))
    title, subtitle = describe_view(ds, view, len(parks))
    return MapContent(
        view=view,
        parks=parks,
        districts=districts,
        extent=extent,
        inset=inset,
        plans=plans,
        sector_entries=sector_entries,
        scale_entries=scale_entries,
        tier_entries=tier_entries,
        footprint_entries=footprint_entries,
        title=title,
        subtitle=subtitle,
    )
