"""Static print renderer: the app's current view as a report-ready PNG, PDF or SVG map (matplotlib + geopandas)."""

from __future__ import annotations

import functools
import io
import math
import os
import re
import tempfile
import textwrap
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
import shapely
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, PathPatch, Polygon, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.text import Text

from geo.load import Dataset
from geo.settings import CRS_PROJECTED, DISTRICTS_SOURCE_EN, DISTRICTS_SOURCE_ZH, LOGISTICS_KINDS
from geo.taxonomy import UNKNOWN_COLOR, sector_colors, sectors
from geo.uncertainty import dashed_outline
from geo.view import View, apply_view, plan_ids_for

from .labels import Labels, unclassified
from .style import (
    BACKGROUND,
    DISTRICT_EDGE,
    DISTRICT_FILL,
    FOCUS_DISTRICT_FILL,
    TIER_OUTLINE,
    scale_legend,
    style_parks,
)
from .uncertainty import PRINT_DASH, print_rings, ring_radius_m

#: Paper sizes (width, height) in millimetres, portrait.
PAPERS_MM: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "a3": (297.0, 420.0)}
ORIENTATIONS = ("landscape", "portrait")
FORMATS = ("png", "pdf", "svg")
#: Largest PNG resolution offered (an A3 page at 600 dpi is ~70 megapixels).
MAX_DPI = 600
MIN_DPI = 50

#: A whole-city map gets an enlarged inset of the parks' districts when they cover less than this share of it.
INSET_MAX_SHARE = 0.25

#: Marker radius on paper (points) per screen pixel of the web map's radius.
PT_PER_PX = 0.5
#: Everything on A3 is drawn this much larger than on A4.
A3_SCALE = 1.2

MM = 72.0 / 25.4  # points per millimetre
INK = "#222222"
MUTED = "#6f6f6f"
LEADER = "#7a7a7a"

_FONT_FILE_NAMES = ("NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Regular.ttf")

_TEXT = {
    "zh": {
        "title_all": "重庆市制造业园区产业布局图",
        "title_districts": "{districts}制造业园区产业布局图",
        "sep": "、",
        "semi": "；",
        "colon": "：",
        "districts": "区县",
        "sectors": "产业",
        "tiers": "园区层级",
        "vintage": "规划版本",
        "min_scale": "目标规模",
        "search": "名称含",
        "latest": "各区县最新规划",
        "all": "全部规划（含历次）",
        "all_items": "全部",
        "n_parks": "共 {n} 个园区",
        "legend_sector": "主导产业",
        "legend_scale": "目标规模（亿元）",
        "legend_tier": "园区层级",
        "legend_footprint": "其他",
        "logistics": "物流园区",
        "legend_numbered": "图中编号园区",
        "approximate": "大致范围（示意）",
        "uncertainty": "位置不确定范围（虚线圈）",
        "surveyed": "测绘范围",
        "sources": "资料来源",
        "plan_ref": "《{title}》（{ref}）",
        "boundary": DISTRICTS_SOURCE_ZH,
        "method": "园区按主导产业着色、按规划目标规模分级；位置与范围为示意。",
        "date": "制图日期",
        "no_parks": "当前筛选条件下没有园区",
        "km": "千米",
        "north": "北",
    },
    "en": {
        "title_all": "Manufacturing parks and their lead industries, Chongqing",
        "title_districts": "Manufacturing parks and their lead industries: {districts}",
        "sep": ", ",
        "semi": "; ",
        "colon": ": ",
        "districts": "Districts",
        "sectors": "Industries",
        "tiers": "Park tier",
        "vintage": "Plans",
        "min_scale": "Target scale",
        "search": "Name contains",
        "latest": "latest plan of each district",
        "all": "all plans (every vintage)",
        "all_items": "all",
        "n_parks": "{n} parks",
        "legend_sector": "Dominant industry",
        "legend_scale": "Target scale (100 m yuan)",
        "legend_tier": "Park tier (plan's words)",
        "legend_footprint": "Other",
        "logistics": "logistics park",
        "legend_numbered": "Numbered parks",
        "approximate": "approximate extent",
        "uncertainty": "location uncertainty (dashed ring)",
        "surveyed": "surveyed extent",
        "sources": "Sources",
        "plan_ref": "{title} ({ref})",
        "boundary": DISTRICTS_SOURCE_EN,
        "method": "Parks coloured by dominant industry and sized by planned target scale; sites and extents are indicative.",
        "date": "Map date",
        "no_parks": "No parks match the current filters",
        "km": "km",
        "north": "N",
    },
}

# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class PrintOptions:
    """Page and output settings of a print export.

    Parameters
    ----------
    paper : str
        ``a4`` or ``a3``.
    orientation : str
        ``landscape`` or ``portrait``.
    dpi : int
        PNG resolution (dots per inch); PDF and SVG are vector and ignore it.
    title : str
        Map title; empty = a title made from the view.
    credit : str
        Optional 审图号 / basemap credit line printed in the footer.
    export_date : datetime.date or None
        Date printed on the map (default: today).
    """

    paper: str = "a4"
    orientation: str = "landscape"
    dpi: int = 300
    title: str = ""
    credit: str = ""
    export_date: date | None = None

    def __post_init__(self) -> None:
        if self.paper not in PAPERS_MM:
            raise ValueError(f"unknown paper '{self.paper}' (use {', '.join(PAPERS_MM)})")
        if self.orientation not in ORIENTATIONS:
            raise ValueError(f"unknown orientation '{self.orientation}' (use landscape or portrait)")
        if not (MIN_DPI <= int(self.dpi) <= MAX_DPI):
            raise ValueError(f"dpi {self.dpi} is out of range ({MIN_DPI}–{MAX_DPI})")


def page_size_inches(paper: str = "a4", orientation: str = "landscape") -> tuple[float, float]:
    """Page (width, height) in inches for a paper preset and orientation."""
    w, h = PAPERS_MM[paper]
    if orientation == "landscape":
        w, h = h, w
    return w / 25.4, h / 25.4


def expected_png_size(options: PrintOptions) -> tuple[int, int]:
    """Pixel (width, height) of a PNG export with these options."""
    w, h = page_size_inches(options.paper, options.orientation)
    return int(round(w * options.dpi)), int(round(h * options.dpi))


# --------------------------------------------------------------------------- fonts


@functools.lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """Path of Noto Sans CJK SC shipped inside the ``mplfonts`` pip package.

    Raises
    ------
    RuntimeError
        If ``mplfonts`` is not installed or ships no such font.
    """
    try:
        import mplfonts
    except ImportError:
        raise RuntimeError("the CJK font package is missing: pip install mplfonts") from None
    root = Path(mplfonts.__file__).resolve().parent
    for name in _FONT_FILE_NAMES:
        hits = sorted(root.rglob(name))
        if hits:
            return hits[0]
    raise RuntimeError(f"Noto Sans CJK SC not found inside {root}; reinstall mplfonts")


@functools.lru_cache(maxsize=1)
def register_cjk_font() -> str:
    """Register the CJK font with matplotlib's font manager; return its family name."""
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return FontProperties(fname=str(path)).get_name()


@functools.lru_cache(maxsize=1)
def _font_codepoints() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(cjk_font_path()), lazy=True) as f:
        return frozenset(f["cmap"].getBestCmap())


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` the CJK font cannot draw (whitespace and controls ignored)."""
    have = _font_codepoints()
    return {ch for ch in set(text) if not ch.isspace() and ord(ch) >= 32 and ord(ch) not in have}


def _truetype_subset(chars: str, out_path: str) -> None:
    """Write a TrueType (glyf) subset of the CJK font covering ``chars``.

    The shipped font has CFF outlines; PDF Type 42 embedding needs TrueType outlines,
    so the few glyphs a map uses are converted (cubic → quadratic curves).
    """
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = True
    opts.hinting = False
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    font = subset.load_font(str(cjk_font_path()), opts)
    sub = subset.Subsetter(opts)
    sub.populate(text=chars + " ")
    sub.subset(font)
    order = font.getGlyphOrder()
    gset = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(gset)
        gset[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for name in order:
        glyf.glyphs[name].recalcBounds(glyf)
    del font["CFF "]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for attr in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    maxp.recalc(font)
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(out_path)


# --------------------------------------------------------------------------- geometry helpers


def _ring_codes(n: int) -> list[int]:
    return [MplPath.MOVETO] + [MplPath.LINETO] * (n - 2) + [MplPath.CLOSEPOLY]


def polygon_path(geom) -> MplPath | None:
    """A matplotlib path (with holes) for a Polygon or MultiPolygon; ``None`` otherwise."""
    if geom is None or geom.is_empty:
        return None
    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom] if geom.geom_type == "Polygon" else []
    verts, codes = [], []
    for p in polys:
        for ring in (p.exterior, *p.interiors):
            xy = np.asarray(ring.coords)
            if len(xy) < 4:
                continue
            verts.append(xy)
            codes.extend(_ring_codes(len(xy)))
    if not verts:
        return None
    return MplPath(np.concatenate(verts), codes)


def nice_length(target: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ not above ``target`` (at least the smallest such number)."""
    if target <= 0:
        raise ValueError("target must be positive")
    exp = math.floor(math.log10(target))
    best = 10.0**exp
    for m in (1, 2, 5, 10):
        v = m * 10.0**exp
        if v <= target * (1 + 1e-9):
            best = v
    return best


def _true_north_angle(x: float, y: float, crs: str = CRS_PROJECTED) -> float:
    """Angle (radians, counter-clockwise from grid up) of true north at a projected point."""
    from pyproj import Transformer

    to_geo = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    to_proj = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    lon, lat = to_geo.transform(x, y)
    x2, y2 = to_proj.transform(lon, lat + 0.05)
    return math.atan2(-(x2 - x), y2 - y)


# --------------------------------------------------------------------------- preparing the view


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


def _t(lang: str, key: str) -> str:
    return _TEXT["en" if lang == "en" else "zh"][key]


def _plan_label(row: pd.Series, lang: str) -> str:
    title = str(row.get("title", "") or "")
    if lang == "en" and str(row.get("title_en", "") or "").strip():
        title = str(row["title_en"]).strip()
    doc = str(row.get("doc_number", "") or "").strip()
    issued = str(row.get("issued", "") or "").strip()
    ref = ("，" if lang == "zh" else ", ").join(x for x in (doc, issued) if x)
    return _t(lang, "plan_ref").format(title=title, ref=ref)


def _vintage_words(ds: Dataset, view: View) -> str:
    lang = view.lang
    if view.vintage in ("latest", "all"):
        return _t(lang, view.vintage)
    m = ds.plans[ds.plans["plan_id"] == view.vintage]
    if m.empty:
        return _t(lang, "latest")
    row = m.iloc[0]
    title = str(row.get("title_en", "") or "") if lang == "en" else ""
    return (title or str(row["title"])) + (f" ({row['issued']})" if lang == "en" else f"（{row['issued']}）")


def describe_view(ds: Dataset, view: View, n_parks: int) -> tuple[str, str]:
    """Default title and the filters in words (subtitle) for a view."""
    lang = view.lang
    names = Labels.of(ds, lang)
    sep, colon = _t(lang, "sep"), _t(lang, "colon")
    if view.districts:
        title = _t(lang, "title_districts").format(districts=sep.join(names.districts(view.districts)))
    else:
        title = _t(lang, "title_all")
    named = [names.industry(x) for x in view.sectors]
    if view.search.strip():
        q = view.search.strip()
        named.append(_t(lang, "search") + (f"“{q}”" if lang == "zh" else f' "{q}"'))
    if named:  # the title names what the map was filtered to, not only where
        title += (f"（{sep.join(named)}）" if lang == "zh" else f" ({sep.join(named)})")
    parts = []
    if view.sectors:
        parts.append(_t(lang, "sectors") + colon + sep.join(names.industry(s) for s in view.sectors))
    if view.tiers:
        tiers = [names.tier(x) for x in view.tiers]
        parts.append(_t(lang, "tiers") + colon + sep.join(tiers))
    if view.min_scale_yi > 0:
        unit = "亿元" if lang == "zh" else " (100 m yuan)"
        parts.append(_t(lang, "min_scale") + colon + f"≥ {view.min_scale_yi:g}{unit}")
    if view.search.strip():
        q = view.search.strip()
        parts.append(_t(lang, "search") + colon + (f"“{q}”" if lang == "zh" else f'"{q}"'))
    parts.append(_t(lang, "vintage") + colon + _vintage_words(ds, view))
    parts.append(_t(lang, "n_parks").format(n=n_parks))
    return title, _t(lang, "semi").join(parts)


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
    footprint_entries = [(_t(lang, q), q) for q, shown in (("surveyed", any(not dashed_outline(x) for x in qualities)),
                                                          ("approximate", any(map(dashed_outline, qualities)))) if shown]
    if any(ring_radius_m(r) for _, r in parks.iterrows()):
        footprint_entries.append((_t(lang, "uncertainty"), "uncertainty"))
    if parks["kind"].isin(LOGISTICS_KINDS).any():
        footprint_entries.append((_t(lang, "logistics"), "logistics"))
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


# --------------------------------------------------------------------------- label placement


@dataclass
class Box:
    """An axis-aligned box in page points (x0, y0 lower-left)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """Whether the boxes intersect (with ``gap`` points of clearance)."""
        return not (
            self.x1 + gap <= other.x0 or other.x1 + gap <= self.x0 or self.y1 + gap <= other.y0 or other.y1 + gap <= self.y0
        )

    def inside(self, other: Box, margin: float = 0.0) -> bool:
        """Whether this box lies within ``other`` shrunk by ``margin``."""
        return (
            self.x0 >= other.x0 + margin
            and self.y0 >= other.y0 + margin
            and self.x1 <= other.x1 - margin
            and self.y1 <= other.y1 - margin
        )


def segment_hits_box(seg: tuple[float, float, float, float], box: Box, pad: float = 0.0) -> bool:
    """Whether a line segment passes through a box grown by ``pad`` (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-dx, x0 - (box.x0 - pad)),
        (dx, (box.x1 + pad) - x0),
        (-dy, y0 - (box.y0 - pad)),
        (dy, (box.y1 + pad) - y0),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return False
            t0 = max(t0, t)
        else:
            if t < t0:
                return False
            t1 = min(t1, t)
    # touching only at the very end (where the leader meets its own label) does not count
    return t1 - t0 > 1e-6


def _segments_cross(a, b) -> bool:
    """Whether two segments properly intersect."""
    def orient(px, py, qx, qy, rx, ry):
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)

    ax0, ay0, ax1, ay1 = a
    bx0, by0, bx1, by1 = b
    d1 = orient(bx0, by0, bx1, by1, ax0, ay0)
    d2 = orient(bx0, by0, bx1, by1, ax1, ay1)
    d3 = orient(ax0, ay0, ax1, ay1, bx0, by0)
    d4 = orient(ax0, ay0, ax1, ay1, bx1, by1)
    return d1 * d2 < 0 and d3 * d4 < 0


#: Up to this many parks on a map, a park's number searches farther rings for a free spot.
NUMBER_SEARCH_MAX_PARKS = 300


class LabelPlacer:
    """Greedy label placement: try candidate offsets around an anchor, keep the first free one.

    Parameters
    ----------
    frame : Box
        Labels must stay inside this box (the map frame, in page points).
    """

    #: Side (page points) of the grid cells that index placed labels, obstacles and leader lines.
    CELL = 24.0

    def __init__(self, frame: Box):
        self.frame = frame
        self.obstacles: list[Box] = []
        self.labels: list[Box] = []
        self.leaders: list[tuple[float, float, float, float]] = []
        # grid cell → indices into the lists above: a query looks only at what lies near it (linear overall)
        self._grid: dict[str, dict[tuple[int, int], list[int]]] = {"obstacles": {}, "labels": {}, "leaders": {}}
        self._seen = {"obstacles": 0, "labels": 0, "leaders": 0}

    def _cells(self, x0: float, y0: float, x1: float, y1: float):
        c = self.CELL
        for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                yield i, j

    def _sync(self, kind: str) -> None:
        """Index items appended since the last query (the lists stay the public record)."""
        items, grid = getattr(self, kind), self._grid[kind]
        for k in range(self._seen[kind], len(items)):
            it = items[k]
            bb = (min(it[0], it[2]), min(it[1], it[3]), max(it[0], it[2]), max(it[1], it[3])) if kind == "leaders" \
                else (it.x0, it.y0, it.x1, it.y1)
            for cell in self._cells(*bb):
                grid.setdefault(cell, []).append(k)
        self._seen[kind] = len(items)

    def _near(self, kind: str, x0: float, y0: float, x1: float, y1: float, pad: float):
        """Items of ``kind`` whose bounding boxes may come within ``pad`` of the box (each once)."""
        self._sync(kind)
        items, grid, seen = getattr(self, kind), self._grid[kind], set()
        for cell in self._cells(x0 - pad, y0 - pad, x1 + pad, y1 + pad):
            for k in grid.get(cell, ()):
                if k not in seen:
                    seen.add(k)
                    yield items[k]

    def add_obstacle(self, box: Box) -> None:
        """Reserve an area (a marker, the scale bar …)."""
        self.obstacles.append(box)

    def _free(self, box: Box, gap: float, obstacle_gap: float = 0.5) -> bool:
        if not box.inside(self.frame, 2.0):
            return False
        bb = (box.x0, box.y0, box.x1, box.y1)
        return (
            not any(box.overlaps(o, gap) for o in self._near("labels", *bb, gap + 1.0))
            and not any(box.overlaps(o, obstacle_gap) for o in self._near("obstacles", *bb, obstacle_gap + 1.0))
            and not any(segment_hits_box(seg, box, 1.0) for seg in self._near("leaders", *bb, 2.0))
        )

    @staticmethod
    def leader(x: float, y: float, r: float, box: Box) -> tuple[float, float, float, float]:
        """Leader line from the edge of a marker at (x, y), radius ``r``, to the nearest point of ``box``."""
        nx, ny = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)
        dx, dy = nx - x, ny - y
        dist = math.hypot(dx, dy) or 1.0
        return x + dx / dist * r, y + dy / dist * r, nx, ny

    def _leader_free(self, seg, own: Box | None, strict: bool = True) -> bool:
        """A leader may not cross labels; when ``strict``, not other leaders or markers either (its own excepted)."""
        bb = (min(seg[0], seg[2]), min(seg[1], seg[3]), max(seg[0], seg[2]), max(seg[1], seg[3]))
        if any(segment_hits_box(seg, b, 0.5) for b in self._near("labels", *bb, 1.5)):
            return False
        if not strict:
            return True
        if any(_segments_cross(seg, other) for other in self._near("leaders", *bb, 1.0)):
            return False
        sx, sy = seg[0], seg[1]
        return not any(
            segment_hits_box(seg, o, 0.0)
            for o in self._near("obstacles", *bb, 1.0)
            if o is not own and not (o.x0 - 0.5 <= sx <= o.x1 + 0.5 and o.y0 - 0.5 <= sy <= o.y1 + 0.5)
        )

    @staticmethod
    def candidates(x: float, y: float, w: float, h: float, r: float, rings: int = 7, step: float = 9.0):
        """Candidate label boxes around a marker at (x, y) of radius ``r`` (page points), nearest first.

        Yields (box, leader) where ``leader`` says whether a leader line is needed.
        """
        g = 2.2
        d = r + g
        near = [
            (x + d, y - h / 2),  # E
            (x - d - w, y - h / 2),  # W
            (x + d * 0.7, y + d * 0.7),  # NE
            (x + d * 0.7, y - d * 0.7 - h),  # SE
            (x - d * 0.7 - w, y + d * 0.7),  # NW
            (x - d * 0.7 - w, y - d * 0.7 - h),  # SW
            (x - w / 2, y + d),  # N
            (x - w / 2, y - d - h),  # S
        ]
        for bx, by in near:
            yield Box(bx, by, bx + w, by + h), False
        for k in range(1, rings + 1):
            dist = d + k * step
            n = 12 + 4 * k
            for i in range(n):
                # alternate right/left of the marker, starting at the horizontal
                j = (i + 1) // 2 * (1 if i % 2 else -1)
                a = j * 2 * math.pi / n
                for side in (0.0, math.pi):
                    ang = a + side
                    cx, cy = x + dist * math.cos(ang), y + dist * math.sin(ang)
                    # anchor the box on the side facing away from the marker
                    bx = cx if math.cos(ang) >= 0 else cx - w
                    by = cy - h / 2 + (h / 2) * math.sin(ang)
                    yield Box(bx, by, bx + w, by + h), True

    def place(self, x: float, y: float, w: float, h: float, r: float, own: Box | None = None,
              fallback: bool = True, rings: tuple[int, int] = (6, 6)):
        """Place a (w × h) label for a marker of radius ``r`` at (x, y).

        Returns
        -------
        tuple
            (label box, leader segment (x0, y0, x1, y1) or ``None``, collision-free). Without
            ``fallback``, a label that fits nowhere is not placed and the box is ``None``.
        """
        best = None
        # strict first (leaders cross nothing), then leaders may cross markers and other leaders, farther out
        for strict, n_rings in ((True, rings[0]), (False, rings[1])):
            for box, needs_leader in self.candidates(x, y, w, h, r, rings=n_rings):
                if not self._free(box, 1.0):
                    if best is None and box.inside(self.frame, 2.0):
                        best = (box, needs_leader)
                    continue
                seg = self.leader(x, y, r, box) if needs_leader else None
                if seg is not None and not self._leader_free(seg, own, strict):
                    continue
                self.labels.append(box)
                if seg is not None:
                    self.leaders.append(seg)
                return box, seg, True
        if not fallback:
            return None, None, False
        box, needs_leader = best or (Box(x + r, y, x + r + w, y + h), False)
        seg = self.leader(x, y, r, box) if needs_leader else None
        self.labels.append(box)
        return box, seg, False

    def place_at(self, boxes, gap: float = 2.0, obstacle_gaps: tuple[float, ...] = (0.5,)) -> Box | None:
        """Keep the first free box among ``boxes`` (for district names); ``None`` if none is free.

        ``obstacle_gaps`` are tried in turn: a wide clearance from markers first, then narrower ones.
        """
        boxes = list(boxes)
        for og in obstacle_gaps:
            for box in boxes:
                if self._free(box, gap, og):
                    self.labels.append(box)
                    return box
        return None


# --------------------------------------------------------------------------- drawing


@dataclass
class Rendered:
    """A drawn figure and what was put on it (for tests and the app's preview)."""

    figure: Figure
    content: MapContent
    label_boxes: list[Box]
    unplaced: list[str]
    texts: list[str]


def _halo_text(ax, x: float, y: float, s: str, halo: str, width: float, **kw) -> Text:
    """Text with a halo: the halo is a stroked copy drawn beneath, so the text itself stays real
    (selectable and searchable) text in PDF, not outlines."""
    under = {**kw, "color": halo, "zorder": kw.get("zorder", 9) - 0.01}
    ax.text(x, y, s, path_effects=[patheffects.Stroke(linewidth=width, foreground=halo)], **under)
    return ax.text(x, y, s, **kw)


def _diamond(x: float, y: float, r: float, color: str, hollow: bool, k: float, transform=None) -> Polygon:
    """A diamond marker (logistics parks) of half-diagonal ``r`` around (x, y)."""
    kw = dict(transform=transform) if transform is not None else {}
    pts = [(x, y + r), (x + r, y), (x, y - r), (x - r, y)]
    if hollow:
        return Polygon(pts, closed=True, facecolor=(1, 1, 1, 0.6), edgecolor=color, linewidth=1.9 * k, zorder=6, **kw)
    return Polygon(pts, closed=True, facecolor=color, edgecolor="#333333", linewidth=0.6 * k, zorder=6, **kw)


def _dash(pattern) -> str | tuple:
    """Matplotlib line style for an SVG-like dash pattern ``"4 3"`` (anything else → solid)."""
    if isinstance(pattern, str) and pattern.strip():
        return (0, tuple(float(v) * 0.5 for v in pattern.split()))
    return "solid"


def _wrap(text: str, width_pt: float, size: float) -> str:
    """Wrap mixed CJK/Latin text to about ``width_pt`` points at font ``size``."""
    lines, cur, cur_w = [], "", 0.0
    for token in re.findall(r"[A-Za-z0-9\-’'.,()&/:;]+ ?|.", text):
        tw = sum(size if ord(c) > 0x2E80 else size * 0.56 for c in token)
        if cur and cur_w + tw > width_pt:
            lines.append(cur.rstrip())
            cur, cur_w = token.lstrip(), tw
        else:
            cur += token
            cur_w += tw
    if cur.strip():
        lines.append(cur.rstrip())
    return "\n".join(lines)


_ZH_SUFFIXES = ("工业园区", "产业园", "物流园", "物流中心", "组团", "集聚区", "经开区", "高新区", "保税区", "基地", "园区", "园")


def _split_zh(name: str) -> str:
    """Break a long Chinese name into two lines at a natural point (·, a park-kind suffix, else the middle)."""
    if "·" in name:
        a, b = name.split("·", 1)
        if len(a) >= 2 and len(b) >= 2:
            return a + "·\n" + b
    for suf in _ZH_SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 3 and len(suf) >= 2 and len(name) - len(suf) <= 10:
            return name[: -len(suf)] + "\n" + suf
    half = math.ceil(len(name) / 2)
    return name[:half] + "\n" + name[half:]


#: Longest park name printed on the map (characters, by language); longer ones end in "…" (full name in the tables).
LABEL_MAX_CHARS = {"zh": 20, "en": 60}


def _ellipsis(name: str, n: int) -> str:
    return name if len(name) <= n else name[: n - 1].rstrip() + "…"


def _park_label(row: pd.Series, lang: str) -> str:
    """Map label of a park: its Chinese or English name, shortened (ellipsised past LABEL_MAX_CHARS) and wrapped."""
    if lang == "en":
        name = str(row.get("name_en", "") or row["name_zh"])
        if len(name) > 34:
            name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
        return textwrap.fill(_ellipsis(name, LABEL_MAX_CHARS["en"]), 26)
    name = str(row["name_zh"])
    if len(name) > 9:
        short = re.sub(r"[（(][^）)]*[）)]$", "", name)
        name = short if len(short) >= 3 else name
    name = _ellipsis(name, LABEL_MAX_CHARS["zh"])
    return _split_zh(name) if len(name) > 10 else name


def _layout(paper: str, orientation: str, legend_h: float = 62.0) -> dict:
    """Page regions in millimetres: map frame, legend panel, title and footer.

    ``legend_h`` is the legend's height (mm, before the A3 scale) in portrait, where it sits below the map.
    """
    w_in, h_in = page_size_inches(paper, orientation)
    W, H = w_in * 25.4, h_in * 25.4
    k = A3_SCALE if paper == "a3" else 1.0
    m = 10.0 * k
    title_h = 16.0 * k
    footer_h = 15.0 * k
    if orientation == "landscape":
        legend_w = 62.0 * k
        map_box = (m, m + footer_h, W - 2 * m - legend_w - 4 * k, H - 2 * m - footer_h - title_h)
        legend_box = (W - m - legend_w, m + footer_h, legend_w, H - 2 * m - footer_h - title_h)
        cols = 1
    else:
        lh = legend_h * k
        map_box = (m, m + footer_h + lh + 4 * k, W - 2 * m, H - 2 * m - footer_h - title_h - lh - 4 * k)
        legend_box = (m, m + footer_h, W - 2 * m, lh)
        cols = 3
    return dict(W=W, H=H, k=k, m=m, title_h=title_h, footer_h=footer_h, map=map_box, legend=legend_box, cols=cols)


def _fit_extent(extent, frame_w: float, frame_h: float):
    """Grow an extent so its aspect ratio matches the frame (equal scale in x and y)."""
    x0, y0, x1, y1 = extent
    w, h = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if w / h > frame_w / frame_h:
        h = w * frame_h / frame_w
    else:
        w = h * frame_w / frame_h
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def render(ds: Dataset, view: View, options: PrintOptions | None = None) -> Rendered:
    """Draw the view as a full page: map, legend, scale bar, north arrow, title and notes.

    Parameters
    ----------
    ds : Dataset
    view : View
        Filters and language (``view.lang``).
    options : PrintOptions, optional

    Returns
    -------
    Rendered
    """
    opts = options or PrintOptions()
    family = register_cjk_font()
    content = prepare(ds, view)
    lang = view.lang
    L = _layout(opts.paper, opts.orientation)
    if opts.orientation == "portrait":
        L = _layout(opts.paper, opts.orientation, legend_h=legend_height_mm(content, lang, opts.paper) + 2.0)
    k = L["k"]
    W, H = L["W"], L["H"]
    with matplotlib.rc_context({"font.family": [family], "axes.unicode_minus": False, "text.parse_math": False}):
        fig = Figure(figsize=(W / 25.4, H / 25.4), dpi=opts.dpi)
        FigureCanvasAgg(fig)
        fig.patch.set_facecolor("white")
        texts: list[str] = []

        def ftext(x_mm, y_mm, s, **kw) -> Text:
            texts.append(s)
            return fig.text(x_mm / W, y_mm / H, s, **kw)

        # ---- map frame
        mx, my, mw, mh = L["map"]
        ax = fig.add_axes((mx / W, my / H, mw / W, mh / H))
        ax.set_facecolor(BACKGROUND)
        ax.set_xticks([])
        ax.set_yticks([])
        for s in ax.spines.values():
            s.set_edgecolor("#444444")
            s.set_linewidth(0.8)
        x0, y0, x1, y1 = _fit_extent(content.extent, mw, mh)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        pt_per_m = mw * MM / (x1 - x0)  # page points per projected metre

        def to_pt(x: float, y: float) -> tuple[float, float]:
            return mx * MM + (x - x0) * pt_per_m, my * MM + (y - y0) * pt_per_m

        def to_data(px: float, py: float) -> tuple[float, float]:
            return x0 + (px - mx * MM) / pt_per_m, y0 + (py - my * MM) / pt_per_m

        frame = Box(mx * MM, my * MM, (mx + mw) * MM, (my + mh) * MM)
        placer = LabelPlacer(frame)

        # ---- districts
        d = content.districts
        view_box = shapely.box(x0, y0, x1, y1)
        d = d[d.intersects(view_box)]
        for focus, fill, lw, z in ((False, DISTRICT_FILL, 0.5, 1), (True, FOCUS_DISTRICT_FILL, 0.9, 2)):
            paths = [p for p in (polygon_path(g) for g in d.loc[d["focus"] == focus].geometry) if p is not None]
            if paths:
                coll = PatchCollection(
                    [PathPatch(p) for p in paths],
                    facecolor=fill,
                    edgecolor=DISTRICT_EDGE if focus else "#9a9a9a",
                    linewidth=lw * k,
                    zorder=z,
                )
                ax.add_collection(coll)

        # ---- reserved corners: scale bar (bottom left) and north arrow (top right)
        bar_m = nice_length(36 * MM * k / pt_per_m)
        sb_box = Box(frame.x0, frame.y0, frame.x0 + bar_m * pt_per_m + 15 * MM * k, frame.y0 + 10 * MM * k)
        na_box = Box(frame.x1 - 15 * MM * k, frame.y1 - 21 * MM * k, frame.x1, frame.y1)
        placer.add_obstacle(sb_box)
        placer.add_obstacle(na_box)
        inset = None
        if content.inset is not None:
            inset = _draw_inset(fig, ax, content, d, frame, (x0, y0, x1, y1), pt_per_m, (sb_box, na_box), W, H, k, lang,
                                texts)
            placer.add_obstacle(inset["box"])

        # ---- parks: footprints, then markers (large first), then labels
        parks = content.parks.copy()
        parks["anchor"] = parks.geometry.representative_point()
        for dashed, ls in ((True, (0, (3, 2))), (False, "solid")):
            sel = parks[(parks["geometry_quality"].map(dashed_outline) == dashed)
                        & parks.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
            for _, row in sel.iterrows():
                p = polygon_path(row.geometry)
                if p is None:
                    continue
                ax.add_patch(
                    PathPatch(p, facecolor=row["color"], alpha=0.22, edgecolor="none", zorder=3)
                )
                ax.add_patch(
                    PathPatch(p, facecolor="none", edgecolor=row["color"], linewidth=0.8 * k, linestyle=ls, zorder=3)
                )
        for ring in print_rings(parks, linewidth=0.6 * k):  # approximate point sites: a dashed uncertainty ring
            ax.add_patch(ring)
        parks["r_pt"] = parks["radius_px"].astype(float) * PT_PER_PX * k
        parks = parks.sort_values(["r_pt", "park_id"], ascending=[False, True])
        marker_boxes: dict[str, Box] = {}
        for _, row in parks.iterrows():
            ax_, ay_ = row["anchor"].x, row["anchor"].y
            r_data = row["r_pt"] / pt_per_m
            hollow = row["scale_class"] < 0
            tier_w = float(row["outline_width"]) * 0.5 * k
            tier_ls = _dash(row["outline_dash"])
            has_tier = row["tier"] in TIER_OUTLINE
            if row["kind"] in LOGISTICS_KINDS:  # logistics parks: a diamond, as on the web map
                ax.add_patch(_diamond(ax_, ay_, r_data * 0.95, row["color"], hollow, k))
            elif hollow:
                ax.add_patch(
                    Circle((ax_, ay_), r_data, facecolor="white", alpha=0.55, edgecolor="none", zorder=5)
                )
                ax.add_patch(
                    Circle((ax_, ay_), r_data, facecolor="none", edgecolor=row["color"], linewidth=2.0 * k, zorder=6)
                )
                if has_tier:
                    ax.add_patch(
                        Circle(
                            (ax_, ay_), r_data + (1.0 * k + tier_w / 2) / pt_per_m, facecolor="none",
                            edgecolor=row["outline_color"], linewidth=tier_w, linestyle=tier_ls, zorder=6,
                        )
                    )
            else:
                ax.add_patch(
                    Circle(
                        (ax_, ay_), r_data, facecolor=row["color"], alpha=float(row["fill_opacity"]), edgecolor="none",
                        zorder=5,
                    )
                )
                edge_w = tier_w if has_tier else 0.6 * k
                ax.add_patch(
                    Circle(
                        (ax_, ay_), r_data, facecolor="none", edgecolor=row["outline_color"] if has_tier else "#333333",
                        linewidth=edge_w, linestyle=tier_ls if has_tier else "solid", zorder=6,
                    )
                )
            px, py = to_pt(ax_, ay_)
            rr = row["r_pt"] + 1.5 * k
            marker_boxes[row["park_id"]] = Box(px - rr, py - rr, px + rr, py + rr)
            placer.add_obstacle(marker_boxes[row["park_id"]])

        # ---- district names: focus districts first (always shown), the others only where room is left
        names = Labels.of(ds, lang)
        renderer = fig.canvas.get_renderer()

        def district_labels(focus: bool) -> None:
            size, color = (10.5 * k, "#4a4a4a") if focus else (7.0 * k, "#8c8c8c")
            for _, row in d.loc[d["focus"] == focus].iterrows():
                name = names.district(row["district"])
                bb = Text(0, 0, name, fontsize=size, figure=fig).get_window_extent(renderer)
                w, h = bb.width * 72 / fig.dpi, bb.height * 72 / fig.dpi
                geom = row.geometry.intersection(view_box)
                if geom.is_empty:
                    continue
                rp = geom.representative_point()
                gx0, gy0, gx1, gy1 = geom.bounds
                grid = [
                    shapely.Point(gx0 + (gx1 - gx0) * i / 12, gy0 + (gy1 - gy0) * j / 12)
                    for i in range(1, 12)
                    for j in range(1, 12)
                ]
                pts = [rp, *sorted((p for p in grid if geom.contains(p)), key=lambda p: p.distance(rp))]
                boxes = []
                for p in pts:
                    cx, cy = to_pt(p.x, p.y)
                    boxes.append(Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
                gaps = (14.0 * k, 6.0 * k, 0.5) if focus else (0.5,)
                box = placer.place_at(boxes, gap=3.0, obstacle_gaps=gaps)
                if box is None:
                    continue
                cx, cy = to_data((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
                texts.append(name)
                _halo_text(ax, cx, cy, name, FOCUS_DISTRICT_FILL, 2.2 * k, fontsize=size, color=color, ha="center",
                           va="center", zorder=7)

        district_labels(True)

        label_size = (5.9 if lang == "en" else 6.3) * k
        unplaced: list[str] = []
        label_boxes: list[Box] = []

        def park_labels(rows: pd.DataFrame, placer: LabelPlacer, to_pt, to_data, ax, marker_boxes: dict) -> None:
            order = rows.assign(
                tier_rank=rows["tier"].map(lambda t: list(TIER_OUTLINE).index(t) if t in TIER_OUTLINE else 9),
            ).sort_values(["scale_class", "tier_rank", "park_id"], ascending=[False, True, True])
            for _, row in order.iterrows():
                s = _park_label(row, lang)
                t = Text(0, 0, s, fontsize=label_size, figure=fig, linespacing=1.05)
                bb = t.get_window_extent(renderer)
                w, h = bb.width * 72 / fig.dpi + 1.0, bb.height * 72 / fig.dpi + 0.6
                px, py = to_pt(row["anchor"].x, row["anchor"].y)
                own = marker_boxes.get(row["park_id"])
                box, leader, ok = placer.place(px, py, w, h, row["r_pt"] + 0.5 * k, own=own, fallback=False)
                if box is None:  # no room for the name: a number here, the name in the legend's list
                    content.numbered.append((len(content.numbered) + 1, s.replace("\n", " ")))
                    s = str(len(content.numbered))
                    bb = Text(0, 0, s, fontsize=label_size, figure=fig).get_window_extent(renderer)
                    w, h = bb.width * 72 / fig.dpi + 1.0, bb.height * 72 / fig.dpi + 0.6
                    # a number is small: on a map of a few hundred parks look a little farther out (a leader line
                    # joins it to its marker); beyond that the page is full anyway and the search only costs time
                    rings = (8, 16) if len(parks) <= NUMBER_SEARCH_MAX_PARKS else (6, 6)
                    box, leader, ok = placer.place(px, py, w, h, row["r_pt"] + 0.5 * k, own=own, rings=rings)
                if not ok:
                    unplaced.append(str(row["park_id"]))
                label_boxes.append(box)
                tx, ty = to_data(box.x0 + 0.5, box.y0 + 0.3)
                texts.append(s)
                _halo_text(ax, tx, ty, s, "white", 2.0 * k, fontsize=label_size, color=INK, ha="left", va="bottom",
                           linespacing=1.05, zorder=9)
                if leader is not None:
                    (lx0, ly0), (lx1, ly1) = to_data(leader[0], leader[1]), to_data(leader[2], leader[3])
                    ax.add_line(Line2D([lx0, lx1], [ly0, ly1], color=LEADER, linewidth=0.45 * k, zorder=8))

        if inset is not None:  # the parks inside the enlarged area are named there
            in_inset = parks["anchor"].within(shapely.box(*inset["extent"]))
            park_labels(parks[in_inset], inset["placer"], inset["to_pt"], inset["to_data"], inset["ax"],
                        inset["marker_boxes"])
            park_labels(parks[~in_inset], placer, to_pt, to_data, ax, marker_boxes)
        else:
            park_labels(parks, placer, to_pt, to_data, ax, marker_boxes)

        district_labels(False)

        if content.parks.empty:
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            msg = _t(lang, "no_parks")
            texts.append(msg)
            ax.text(cx, cy, msg, fontsize=12 * k, color=MUTED, ha="center", va="center", zorder=9)

        _draw_scale_bar(fig, sb_box, bar_m, pt_per_m, k, lang, texts)
        _draw_north_arrow(fig, na_box, (x0 + x1) / 2, (y0 + y1) / 2, W, H, k, lang, texts)
        _draw_legend(fig, content, L, lang, texts)

        # ---- title, subtitle, footer
        title = opts.title.strip() or content.title
        ftext(L["m"], H - L["m"] - 4.5 * k, title, fontsize=15 * k, color=INK, va="baseline")
        sub = _wrap(content.subtitle, (W - 2 * L["m"]) * MM, 7.5 * k).split("\n")[:2]
        ftext(L["m"], H - L["m"] - 7.5 * k, "\n".join(sub), fontsize=7.5 * k, color=MUTED, va="top", linespacing=1.3)
        _draw_footer(fig, content, L, lang, opts, texts)
    return Rendered(figure=fig, content=content, label_boxes=label_boxes, unplaced=unplaced, texts=texts)


def _draw_inset(fig, ax, content: MapContent, d: gpd.GeoDataFrame, frame: Box, view_xy, pt_per_m: float,
                reserved: tuple[Box, ...], W: float, H: float, k: float, lang: str, texts) -> dict:
    """The parks' area enlarged in the emptiest corner of the map frame.

    Returns its ``box`` (page points), ``extent`` (projected), axes ``ax``, a label ``placer`` holding its
    markers, ``marker_boxes`` and the ``to_pt`` / ``to_data`` conversions of the inset.
    """
    x0, y0, x1, y1 = view_xy
    ix0, iy0, ix1, iy1 = content.inset
    iw_pt = 0.38 * (frame.x1 - frame.x0)
    ih_pt = min(iw_pt * (iy1 - iy0) / (ix1 - ix0), 0.42 * (frame.y1 - frame.y0))
    city = shapely.union_all(list(d.geometry))
    pts = content.parks.geometry.representative_point()
    best, best_cost = None, None
    m = 2.0 * MM * k
    for cx_left in (True, False):
        for cy_low in (True, False):
            bx0 = frame.x0 + m if cx_left else frame.x1 - m - iw_pt
            by0 = frame.y0 + m if cy_low else frame.y1 - m - ih_pt
            box = Box(bx0, by0, bx0 + iw_pt, by0 + ih_pt)
            dx0, dy0 = x0 + (box.x0 - frame.x0) / pt_per_m, y0 + (box.y0 - frame.y0) / pt_per_m
            area = shapely.box(dx0, dy0, dx0 + iw_pt / pt_per_m, dy0 + ih_pt / pt_per_m)
            # covering part of the municipality is worse than anything but hiding parks
            cost = 100 * city.intersection(area).area / area.area + 200 * int(pts.within(area).sum())
            cost += 5 * sum(box.overlaps(r) for r in reserved)
            if best_cost is None or cost < best_cost:
                best, best_cost = box, cost
    box = best
    iax = fig.add_axes((box.x0 / MM / W, box.y0 / MM / H, (box.x1 - box.x0) / MM / W, (box.y1 - box.y0) / MM / H),
                       zorder=15)
    iax.set_facecolor(BACKGROUND)
    iax.set_xticks([])
    iax.set_yticks([])
    for sp in iax.spines.values():
        sp.set_edgecolor("#444444")
        sp.set_linewidth(0.8)
    fx0, fy0, fx1, fy1 = _fit_extent(content.inset, box.x1 - box.x0, box.y1 - box.y0)
    iax.set_xlim(fx0, fx1)
    iax.set_ylim(fy0, fy1)
    iax.set_aspect("equal", adjustable="box")
    ipt = (box.x1 - box.x0) / (fx1 - fx0)
    sub = d[d.intersects(shapely.box(fx0, fy0, fx1, fy1))]
    for focus, fill in ((False, DISTRICT_FILL), (True, FOCUS_DISTRICT_FILL)):
        paths = [p for p in (polygon_path(g) for g in sub.loc[sub["focus"] == focus].geometry) if p is not None]
        if paths:
            iax.add_collection(PatchCollection([PathPatch(p) for p in paths], facecolor=fill,
                                               edgecolor=DISTRICT_EDGE if focus else "#9a9a9a", linewidth=0.5 * k))
    for _, row in sub.loc[sub["focus"]].iterrows():
        rp = row.geometry.intersection(shapely.box(fx0, fy0, fx1, fy1)).representative_point()
        name = row["district"] if lang == "zh" else str(row.get("district_en") or row["district"])
        texts.append(name)
        iax.text(rp.x, rp.y, name, fontsize=7 * k, color="#6a6a6a", ha="center", va="center", zorder=2)
    def to_pt(x: float, y: float) -> tuple[float, float]:
        return box.x0 + (x - fx0) * ipt, box.y0 + (y - fy0) * ipt

    def to_data(px: float, py: float) -> tuple[float, float]:
        return fx0 + (px - box.x0) / ipt, fy0 + (py - box.y0) / ipt

    placer = LabelPlacer(Box(box.x0 + 1, box.y0 + 1, box.x1 - 1, box.y1 - 1))
    marker_boxes: dict[str, Box] = {}
    parks = content.parks.sort_values("radius_px", ascending=False)
    for _, row in parks.iterrows():
        a = row.geometry.representative_point()
        r = float(row["radius_px"]) * PT_PER_PX * k / ipt
        px, py = to_pt(a.x, a.y)
        rr = float(row["radius_px"]) * PT_PER_PX * k + 1.5 * k
        if box.x0 <= px <= box.x1 and box.y0 <= py <= box.y1:
            marker_boxes[row["park_id"]] = Box(px - rr, py - rr, px + rr, py + rr)
            placer.add_obstacle(marker_boxes[row["park_id"]])
        if row["kind"] in LOGISTICS_KINDS:
            iax.add_patch(_diamond(a.x, a.y, r * 0.95, row["color"], row["scale_class"] < 0, k))
        elif row["scale_class"] < 0:
            iax.add_patch(Circle((a.x, a.y), r, facecolor="white", edgecolor=row["color"], linewidth=1.6 * k, zorder=6))
        else:
            iax.add_patch(Circle((a.x, a.y), r, facecolor=row["color"], alpha=float(row["fill_opacity"]),
                                 edgecolor="#333333", linewidth=0.5 * k, zorder=5))
    label = "园区集中区域放大" if lang == "zh" else "Enlarged: the parks' area"
    texts.append(label)
    t = iax.text(0.02, 0.98, label, transform=iax.transAxes, fontsize=6.5 * k, color=INK, ha="left", va="top",
                 zorder=9, bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5})
    tb = t.get_window_extent(fig.canvas.get_renderer())
    placer.add_obstacle(Box(box.x0, box.y1 - tb.height * 72 / fig.dpi - 3, box.x0 + tb.width * 72 / fig.dpi + 4, box.y1))
    # where the inset is, on the main map
    ax.add_patch(Rectangle((fx0, fy0), fx1 - fx0, fy1 - fy0, facecolor="none", edgecolor="#444444",
                           linewidth=0.7 * k, linestyle=(0, (4, 2)), zorder=8))
    return {"box": Box(box.x0 - 1, box.y0 - 1, box.x1 + 1, box.y1 + 1), "extent": (fx0, fy0, fx1, fy1), "ax": iax,
            "placer": placer, "marker_boxes": marker_boxes, "to_pt": to_pt, "to_data": to_data}


def _draw_scale_bar(fig, box: Box, length_m: float, pt_per_m: float, k: float, lang: str, texts) -> None:
    """A two-tone km scale bar of a round length in the reserved box (bottom left of the map)."""
    W_pt, H_pt = fig.get_figwidth() * 72, fig.get_figheight() * 72
    bar_pt = length_m * pt_per_m
    lead = round(length_m / 10 ** math.floor(math.log10(length_m)))
    n = 4 if lead == 2 else 2
    seg = bar_pt / n
    left = box.x0 + 5 * MM * k
    base = box.y0 + 3.5 * MM * k
    hgt = 1.6 * MM * k
    bg = Rectangle(
        (box.x0 / W_pt, box.y0 / H_pt), (box.x1 - box.x0) / W_pt, (box.y1 - box.y0) / H_pt,
        transform=fig.transFigure, facecolor="white", alpha=0.8, edgecolor="none", zorder=20,
    )
    fig.add_artist(bg)
    for i in range(n):
        fig.add_artist(
            Rectangle(
                ((left + i * seg) / W_pt, base / H_pt), seg / W_pt, hgt / H_pt, transform=fig.transFigure,
                facecolor=INK if i % 2 == 0 else "white", edgecolor=INK, linewidth=0.5 * k, zorder=21,
            )
        )
    km = length_m / 1000.0

    def fmt(v: float) -> str:
        return f"{v:g}"

    for i, v in ((0, 0.0), (n // 2, km / 2), (n, km)):
        s = fmt(v)
        texts.append(s)
        fig.text(
            (left + i * seg) / W_pt, (base + hgt + 1.0 * k) / H_pt, s, fontsize=6.2 * k, color=INK,
            ha="center", va="bottom", zorder=22,
        )
    unit = _t(lang, "km")
    texts.append(unit)
    fig.text(
        (left + bar_pt + 1.8 * MM * k) / W_pt, (base + hgt / 2) / H_pt, unit, fontsize=6.2 * k, color=INK,
        ha="left", va="center", zorder=22,
    )


def _draw_north_arrow(fig, box: Box, cx: float, cy: float, W: float, H: float, k: float, lang: str, texts):
    """A north arrow pointing to true north at the map centre, top right of the map."""
    W_pt, H_pt = W * MM, H * MM
    ang = _true_north_angle(cx, cy)
    ox = (box.x0 + box.x1) / 2
    oy = box.y0 + 6.5 * MM * k
    length = 9.0 * MM * k
    half_w = 2.6 * MM * k
    ux, uy = -math.sin(ang), math.cos(ang)  # unit vector to north
    vx, vy = uy, -ux  # perpendicular
    tip = (ox + ux * length, oy + uy * length)
    left = (ox - vx * half_w, oy - vy * half_w)
    right = (ox + vx * half_w, oy + vy * half_w)
    notch = (ox + ux * length * 0.28, oy + uy * length * 0.28)

    def f(p):
        return p[0] / W_pt, p[1] / H_pt

    bg = Rectangle(
        (box.x0 / W_pt + 0.0, box.y0 / H_pt), (box.x1 - box.x0) / W_pt, (box.y1 - box.y0) / H_pt,
        transform=fig.transFigure, facecolor="white", alpha=0.8, edgecolor="none", zorder=20,
    )
    fig.add_artist(bg)
    fig.add_artist(Polygon([f(left), f(tip), f(notch)], closed=True, transform=fig.transFigure,
                           facecolor=INK, edgecolor=INK, linewidth=0.6 * k, zorder=21))
    fig.add_artist(Polygon([f(right), f(tip), f(notch)], closed=True, transform=fig.transFigure,
                           facecolor="white", edgecolor=INK, linewidth=0.6 * k, zorder=21))
    s = _t(lang, "north") if lang == "zh" else "N"
    texts.append(s)
    lx, ly = ox + ux * (length + 2.8 * MM * k), oy + uy * (length + 2.8 * MM * k)
    fig.text(lx / W_pt, ly / H_pt, s, fontsize=8 * k, color=INK, ha="center", va="center", zorder=22)


def _legend_columns(content: MapContent, lang: str, col_w: float, cols: int, k: float) -> list[list[tuple]]:
    """Legend rows per column: (kind, label, data, height mm); kinds header, sector, scale, tier, footprint, gap."""
    size = 6.6 * k
    text_w_pt = (col_w - 9 * k) * MM
    sections: list[tuple[str, list]] = [
        (_t(lang, "legend_sector"), [("sector", lab, c) for lab, c in content.sector_entries]),
        (_t(lang, "legend_scale"), [("scale", lab, (r, hollow)) for lab, r, hollow in content.scale_entries]),
    ]
    if content.tier_entries:
        sections.append((_t(lang, "legend_tier"), [("tier", lab, st) for lab, st in content.tier_entries]))
    if content.footprint_entries:
        sections.append((_t(lang, "legend_footprint"), [("footprint", lab, q) for lab, q in content.footprint_entries]))
    if content.numbered:
        sections.append((_t(lang, "legend_numbered"), [("number", f"{n}  {name}", None) for n, name in content.numbered]))
    groups = [sections] if cols == 1 else [sections[:1], sections[1:2], sections[2:]]
    out = []
    for group in groups:
        rows: list[tuple] = []
        for header, items in group:
            rows.append(("header", header, None, 5.6 * k))
            for kind, label, data in items:
                label = _wrap(label, text_w_pt, size)
                h = 4.3 * k + label.count("\n") * size * 1.15 / MM
                if kind == "scale":
                    h = max(h, 2 * data[0] * PT_PER_PX * k / MM + 1.2 * k)
                rows.append((kind, label, data, h))
            rows.append(("gap", "", None, 2.0 * k))
        out.append(rows)
    return out


def _draw_legend(fig, content: MapContent, L: dict, lang: str, texts) -> None:
    """Legend panel: dominant-industry colours, scale classes, tiers and extent styles."""
    W, H, k = L["W"], L["H"], L["k"]
    lx, ly, lw, lh = L["legend"]
    ax = fig.add_axes((lx / W, ly / H, lw / W, lh / H))
    ax.set_xlim(0, lw)
    ax.set_ylim(0, lh)
    ax.set_axis_off()
    cols = L["cols"]
    col_w = lw / cols
    columns = _legend_columns(content, lang, col_w, cols, k)
    need = max(sum(r[3] for r in col) for col in columns)
    f = min(1.0, lh / need) if need else 1.0  # shrink rows (not symbols) if the panel is too short
    size, head = 6.6 * k * max(f, 0.85), 7.6 * k * max(f, 0.85)
    for ci, rows in enumerate(columns):
        x = ci * col_w
        y = lh
        for kind, label, data, h in rows:
            h *= f
            y -= h / 2
            cx = x + 3.5 * k
            text_x = x + 8.0 * k
            if kind == "scale":  # the biggest circle is wider than the symbol column: move it right, not clip it
                r_mm = data[0] * PT_PER_PX * k / MM
                cx = x + max(3.5 * k, r_mm + 0.8 * k)
                text_x = max(text_x, cx + r_mm + 1.6 * k)
            if kind == "header":
                texts.append(label)
                ax.text(x, y, label, fontsize=head, color=INK, va="center", ha="left")
            elif kind == "sector":
                ax.scatter([cx], [y], s=(4.6 * k) ** 2, c=[data], edgecolors="#333333", linewidths=0.5 * k, zorder=3)
            elif kind == "scale":
                r, hollow = data
                d_pt = 2 * r * PT_PER_PX * k
                if hollow:
                    ax.scatter([cx], [y], s=d_pt**2, facecolors="none", edgecolors="#777777", linewidths=2.0 * k)
                else:
                    ax.scatter([cx], [y], s=d_pt**2, c=["#9a9a9a"], edgecolors="#333333", linewidths=0.6 * k, alpha=0.9)
            elif kind == "tier":
                color, width, dash = data
                ax.scatter([cx], [y], s=(5.5 * k) ** 2, facecolors="#dddddd", edgecolors=color,
                           linewidths=width * 0.5 * k, linestyle=_dash(dash))
            elif kind == "footprint":
                if data == "logistics":
                    ax.add_patch(_diamond(cx, y, 1.8 * k, "#888888", False, k))
                elif data == "uncertainty":
                    ax.add_patch(Circle((cx, y), 2.2 * k, facecolor="none", edgecolor="#555555", linewidth=0.6 * k,
                                        linestyle=PRINT_DASH))
                else:
                    ls = (0, (3, 2)) if data == "approximate" else "solid"
                    ax.add_patch(Rectangle((cx - 2.6 * k, y - 1.5 * k), 5.2 * k, 3.0 * k, facecolor="#c9c9c9",
                                           alpha=0.6, edgecolor="#555555", linewidth=0.8 * k, linestyle=ls))
            if kind == "number":
                texts.append(label)
                ax.text(x, y, label, fontsize=size, color=INK, va="center", ha="left", linespacing=1.15)
            elif kind not in ("header", "gap"):
                texts.append(label)
                ax.text(text_x, y, label, fontsize=size, color=INK, va="center", ha="left", linespacing=1.15)
            y -= h / 2


def legend_height_mm(content: MapContent, lang: str, paper: str = "a4", orientation: str = "portrait") -> float:
    """Height (mm, before the A3 scale) the legend needs below a portrait map."""
    L = _layout(paper, orientation)
    k = L["k"]
    cols = L["cols"]
    columns = _legend_columns(content, lang, L["legend"][2] / cols, cols, k)
    return max(sum(r[3] for r in col) for col in columns) / k


def _draw_footer(fig, content: MapContent, L: dict, lang: str, opts: PrintOptions, texts) -> None:
    """Sources (plans with 文号 and date), method note, boundary source, date and credit line."""
    W, H, k, m = L["W"], L["H"], L["k"], L["m"]
    size = 5.9 * k
    plans = [_plan_label(r, lang) for _, r in content.plans.iterrows()]
    src = _t(lang, "sources") + _t(lang, "colon") + _t(lang, "semi").join(plans) if plans else ""
    width_pt = (W - 2 * m) * MM
    day = (opts.export_date or date.today()).isoformat()
    tail = [_t(lang, "method"), _t(lang, "boundary"), f"{_t(lang, 'date')}{_t(lang, 'colon')}{day}"]
    if opts.credit.strip():
        tail.append(opts.credit.strip())
    lines = (_wrap(src, width_pt, size).split("\n") if src else []) + _wrap(
        ("　" if lang == "zh" else "  ").join(tail), width_pt, size
    ).split("\n")
    text = "\n".join(lines[:5])
    texts.append(text)
    fig.text(m / W, (m + L["footer_h"] - 2.5 * k) / H, text, fontsize=size, color=MUTED, va="top", ha="left",
             linespacing=1.35)


# --------------------------------------------------------------------------- export


def export_map(ds: Dataset, view: View, fmt: str = "png", options: PrintOptions | None = None) -> bytes:
    """Render the view and return the file's bytes.

    Parameters
    ----------
    ds : Dataset
    view : View
    fmt : str
        ``png``, ``pdf`` or ``svg``.
    options : PrintOptions, optional

    Returns
    -------
    bytes
    """
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format '{fmt}' (use {', '.join(FORMATS)})")
    opts = options or PrintOptions()
    rendered = render(ds, view, opts)
    return save_figure(rendered, fmt, opts)


def save_figure(rendered: Rendered, fmt: str, options: PrintOptions) -> bytes:
    """Write a rendered figure as PNG, PDF (TrueType fonts embedded) or SVG (text kept as text)."""
    fig = rendered.figure
    buf = io.BytesIO()
    title = options.title.strip() or rendered.content.title
    if fmt == "png":
        # whole pixels: A4 at 300 dpi is 3508 × 2480 (matplotlib would truncate 3507.87 to 3507)
        w_px, h_px = expected_png_size(options)
        size = fig.get_size_inches()
        fig.set_size_inches((w_px + 0.01) / options.dpi, (h_px + 0.01) / options.dpi)
        try:
            fig.savefig(buf, format="png", dpi=options.dpi, metadata={"Title": title, "Software": "parkmap"})
        finally:
            fig.set_size_inches(size)
        return buf.getvalue()
    if fmt == "svg":
        # text stays text (editable in Illustrator/Inkscape); the font is named, Noto Sans CJK SC
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "parkmap"}):
            fig.savefig(buf, format="svg", metadata={"Title": title, "Date": None})
        return buf.getvalue()
    # PDF: swap every text to a TrueType subset of the same font, so it embeds as Type 42 (CIDFontType2)
    chars = "".join(sorted({c for t in fig.findobj(Text) for c in t.get_text()}))
    fd, tmp = tempfile.mkstemp(suffix=".ttf", prefix="parkmap-font-")
    os.close(fd)
    try:
        _truetype_subset(chars, tmp)
        for t in fig.findobj(Text):
            t.set_fontproperties(FontProperties(fname=tmp, size=t.get_fontsize()))
        with matplotlib.rc_context({"pdf.fonttype": 42}):
            fig.savefig(buf, format="pdf", metadata={"Title": title, "Creator": "parkmap", "CreationDate": None})
    finally:
        os.unlink(tmp)
    return buf.getvalue()


def per_district_views(ds: Dataset, view: View) -> list[View]:
    """One view per district that has parks under ``view``'s other filters."""
    parks = apply_view(ds, view.with_(districts=()))
    names = [d for d in ds.districts["district"] if d in set(parks["district"])]
    if view.districts:
        names = [d for d in names if d in view.districts]
    return [view.with_(districts=(d,)) for d in names]
