"""In and around the print map's frame: the enlarged inset of the parks' area, the scale bar and the north arrow."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.collections import PatchCollection
from matplotlib.colors import to_rgba_array
from matplotlib.patches import PathPatch, Polygon, Rectangle

from geo.settings import CRS_PROJECTED, LOGISTICS_KINDS

from ..style import BACKGROUND, DISTRICT_EDGE, DISTRICT_FILL, FOCUS_DISTRICT_FILL
from .content import MapContent
from .marks import CIRCLE, DIAMOND, add_marks, polygon_path, rgba
from .page import INK, MM, PT_PER_PX, fit_extent
from .placement import Box, LabelPlacer
from .text import words


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


def true_north_angle(x: float, y: float, crs: str = CRS_PROJECTED) -> float:
    """Angle (radians, counter-clockwise from grid up) of true north at a projected point."""
    from pyproj import Transformer

    to_geo = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    to_proj = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    lon, lat = to_geo.transform(x, y)
    x2, y2 = to_proj.transform(lon, lat + 0.05)
    return math.atan2(-(x2 - x), y2 - y)


def draw_inset(fig, ax, content: MapContent, d: gpd.GeoDataFrame, frame: Box, view_xy, pt_per_m: float,
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
    fx0, fy0, fx1, fy1 = fit_extent(content.inset, box.x1 - box.x0, box.y1 - box.y0)
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
    anchors = shapely.point_on_surface(parks.geometry.values)
    ax_, ay_ = shapely.get_x(anchors), shapely.get_y(anchors)
    rad_pt = parks["radius_px"].to_numpy(dtype=float) * PT_PER_PX * k
    pxs, pys = to_pt(ax_, ay_)
    rrs = rad_pt + 1.5 * k
    for pid, px, py, rr in zip(parks["park_id"], pxs.tolist(), pys.tolist(), rrs.tolist(), strict=True):
        if box.x0 <= px <= box.x1 and box.y0 <= py <= box.y1:
            marker_boxes[pid] = Box(px - rr, py - rr, px + rr, py + rr)
            placer.add_obstacle(marker_boxes[pid])
    # markers (the frame clips them): those whose marker reaches into the enlarged area, large first
    r = rad_pt / ipt
    near = (ax_ + r >= fx0) & (ax_ - r <= fx1) & (ay_ + r >= fy0) & (ay_ - r <= fy1)
    sub, x, y, rad = parks[near], ax_[near], ay_[near], rad_pt[near]
    dia = sub["kind"].isin(LOGISTICS_KINDS).to_numpy()
    hollow = (sub["scale_class"] < 0).to_numpy()
    filled = ~dia & ~hollow
    fill = rgba(sub["color"][filled], sub["fill_opacity"][filled].to_numpy(dtype=float))
    edge = fill.copy()
    edge[:, :3] = to_rgba_array(["#333333"])[0, :3]
    add_marks(iax, x[filled], y[filled], rad[filled], [CIRCLE] * len(fill), fill, edge, 0.5 * k, zorder=5)
    top = ~filled
    color = rgba(sub["color"][top])
    white = np.tile(to_rgba_array(["white"]), (len(color), 1))
    glass = white.copy()
    glass[:, 3] = 0.6
    d, h = dia[top], hollow[top]
    add_marks(iax, x[top], y[top], np.where(d, rad[top] * 0.95, rad[top]), [DIAMOND if v else CIRCLE for v in d],
              np.where(d[:, None], np.where(h[:, None], glass, color), white),
              np.where((d & ~h)[:, None], to_rgba_array(["#333333"]), color),
              np.where(d, np.where(h, 1.9 * k, 0.6 * k), 1.6 * k), zorder=6)
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


def draw_scale_bar(fig, box: Box, length_m: float, pt_per_m: float, k: float, lang: str, texts) -> None:
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
    unit = words(lang, "km")
    texts.append(unit)
    fig.text(
        (left + bar_pt + 1.8 * MM * k) / W_pt, (base + hgt / 2) / H_pt, unit, fontsize=6.2 * k, color=INK,
        ha="left", va="center", zorder=22,
    )


def draw_north_arrow(fig, box: Box, cx: float, cy: float, W: float, H: float, k: float, lang: str, texts):
    """A north arrow pointing to true north at the map centre, top right of the map."""
    W_pt, H_pt = W * MM, H * MM
    ang = true_north_angle(cx, cy)
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
    s = words(lang, "north") if lang == "zh" else "N"
    texts.append(s)
    lx, ly = ox + ux * (length + 2.8 * MM * k), oy + uy * (length + 2.8 * MM * k)
    fig.text(lx / W_pt, ly / H_pt, s, fontsize=8 * k, color=INK, ha="center", va="center", zorder=22)
