"""Shapes drawn on the print map: polygon paths, logistics diamonds, dash patterns and haloed text."""

from __future__ import annotations

import numpy as np
from matplotlib import patheffects
from matplotlib.patches import Polygon
from matplotlib.path import Path as MplPath
from matplotlib.text import Text


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
