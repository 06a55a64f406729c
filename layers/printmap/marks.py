"""Shapes drawn on the print map: polygon paths, logistics diamonds, dash patterns and haloed text."""

from __future__ import annotations

import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.collections import EllipseCollection, PathCollection
from matplotlib.colors import to_rgba_array
from matplotlib.patches import Polygon
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import IdentityTransform


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


def halo_text(ax, x: float, y: float, s: str, halo: str, width: float, **kw) -> Text:
    """Text with a halo: the halo is a stroked copy drawn beneath, so the text itself stays real
    (selectable and searchable) text in PDF, not outlines."""
    under = {**kw, "color": halo, "zorder": kw.get("zorder", 9) - 0.01}
    ax.text(x, y, s, path_effects=[patheffects.Stroke(linewidth=width, foreground=halo)], **under)
    return ax.text(x, y, s, **kw)


def diamond(x: float, y: float, r: float, color: str, hollow: bool, k: float, transform=None) -> Polygon:
    """A diamond marker (logistics parks) of half-diagonal ``r`` around (x, y)."""
    kw = dict(transform=transform) if transform is not None else {}
    pts = [(x, y + r), (x + r, y), (x, y - r), (x - r, y)]
    if hollow:
        return Polygon(pts, closed=True, facecolor=(1, 1, 1, 0.6), edgecolor=color, linewidth=1.9 * k, zorder=6, **kw)
    return Polygon(pts, closed=True, facecolor=color, edgecolor="#333333", linewidth=0.6 * k, zorder=6, **kw)


def dash_style(pattern) -> str | tuple:
    """Matplotlib line style for an SVG-like dash pattern ``"4 3"`` (anything else → solid)."""
    if isinstance(pattern, str) and pattern.strip():
        return (0, tuple(float(v) * 0.5 for v in pattern.split()))
    return "solid"


def rgba(colors, alpha=None) -> np.ndarray:
    """Colours (names, hex) as an n × 4 RGBA array, with ``alpha`` (one value or one per colour) if given."""
    out = to_rgba_array(list(colors))
    if alpha is not None:
        out[:, 3] = alpha
    return out


def add_circles(ax, x, y, r, face, edge, linewidths, linestyles="solid", zorder: float = 5) -> EllipseCollection | None:
    """Circles of radius ``r`` (data units) around (x, y), drawn as one collection (a map may hold 10⁵ of them).

    ``face`` and ``edge`` are RGBA arrays (or ``"none"``); ``linewidths`` and ``linestyles`` one value or one each.
    """
    d = 2 * np.asarray(r, dtype=float)
    if not len(d):
        return None
    coll = EllipseCollection(d, d, np.zeros(len(d)), units="xy", offsets=np.column_stack([x, y]),
                             offset_transform=ax.transData, facecolors=face, edgecolors=edge,
                             linewidths=linewidths, linestyles=linestyles, zorder=zorder)
    ax.add_collection(coll, autolim=False)
    return coll


#: Marker shapes of radius 1 (a point's marker is scaled to its radius in page points).
CIRCLE = MplPath.unit_circle()
DIAMOND = MplPath([(0.0, 1.0), (1.0, 0.0), (0.0, -1.0), (-1.0, 0.0), (0.0, 1.0)], closed=True)


def add_marks(ax, x, y, radius_pt, shapes, face, edge, linewidths, linestyles="solid",
              zorder: float = 6) -> PathCollection | None:
    """Markers (``shapes``: one path of radius 1 each) of ``radius_pt`` page points at (x, y) in data units, drawn
    in the given order as one collection (a map may hold 10⁵ of them)."""
    radius_pt = np.asarray(radius_pt, dtype=float)
    if not len(radius_pt):
        return None
    coll = PathCollection(list(shapes), sizes=radius_pt ** 2, offsets=np.column_stack([x, y]),
                          offset_transform=ax.transData, facecolors=face, edgecolors=edge, linewidths=linewidths,
                          linestyles=linestyles, zorder=zorder)
    coll.set_transform(IdentityTransform())  # the paths are scaled to pixels; only the offsets are in data units
    ax.add_collection(coll, autolim=False)
    return coll


def draw_park_markers(ax, parks, k: float) -> None:
    """The parks' markers, in the order of ``parks`` (``anchor``, ``r_pt`` page points, and the style columns).

    A circle filled with the dominant industry's colour and a dark (or tier-coloured, dashed) edge; a park
    without a target scale is hollow: a white veil, a thick edge in its colour, the tier ring just outside it;
    logistics parks are diamonds, as on the web map. Fills go under every edge; edges and diamonds keep the
    order of ``parks`` (large first, so a small marker is never hidden under a large one).
    """
    from geo.settings import LOGISTICS_KINDS

    from ..style import TIER_OUTLINE

    if parks.empty:
        return
    n = len(parks)
    x, y = shapely.get_x(parks["anchor"].values), shapely.get_y(parks["anchor"].values)
    r = parks["r_pt"].to_numpy(dtype=float)
    hollow = (parks["scale_class"] < 0).to_numpy()
    dia = parks["kind"].isin(LOGISTICS_KINDS).to_numpy()
    has_tier = parks["tier"].isin(list(TIER_OUTLINE)).to_numpy()
    tier_w = parks["outline_width"].to_numpy(dtype=float) * 0.5 * k
    tier_ls = [dash_style(v) for v in parks["outline_dash"]]
    color, outline = rgba(parks["color"]), rgba(parks["outline_color"])
    white, dark, clear = (np.tile(to_rgba_array([c]), (n, 1)) for c in ("white", "#333333", "none"))
    c = ~dia
    veil = white.copy()
    veil[:, 3] = 0.55
    face = np.where(hollow[:, None], veil, rgba(parks["color"], parks["fill_opacity"]))
    add_marks(ax, x[c], y[c], r[c], [CIRCLE] * int(c.sum()), face[c], "none", 0.0, zorder=5)
    # per park: its edge (a hollow park's in its colour, a filled one's dark or in its tier's colour and dash) or
    # its diamond; then a hollow park's tier ring
    glass = white.copy()
    glass[:, 3] = 0.6
    face = np.where(dia[:, None], np.where(hollow[:, None], glass, color), clear)
    edge = np.where(hollow[:, None], color, np.where((has_tier & ~dia)[:, None], outline, dark))
    width = np.where(dia, np.where(hollow, 1.9 * k, 0.6 * k), np.where(hollow, 2.0 * k, np.where(has_tier, tier_w, 0.6 * k)))
    style = [ls if (t and not h and not d) else "solid" for ls, t, h, d in zip(tier_ls, has_tier, hollow, dia, strict=True)]
    size = np.where(dia, r * 0.95, r)
    ring = np.flatnonzero(c & hollow & has_tier)
    idx = np.concatenate([np.arange(n), ring])
    order = np.concatenate([np.arange(n) * 2, ring * 2 + 1]).argsort(kind="stable")
    idx, is_ring = idx[order], (np.arange(len(idx)) >= n)[order]
    add_marks(
        ax, x[idx], y[idx], np.where(is_ring, r[idx] + 1.0 * k + tier_w[idx] / 2, size[idx]),
        [DIAMOND if dia[i] and not g else CIRCLE for i, g in zip(idx.tolist(), is_ring.tolist(), strict=True)],
        np.where(is_ring[:, None], clear[idx], face[idx]), np.where(is_ring[:, None], outline[idx], edge[idx]),
        np.where(is_ring, tier_w[idx], width[idx]),
        [tier_ls[i] if g else style[i] for i, g in zip(idx.tolist(), is_ring.tolist(), strict=True)], zorder=6,
    )
