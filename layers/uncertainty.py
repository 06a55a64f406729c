"""Uncertainty rings of approximate park sites, for the web map (GeoJSON features) and the print map (patches).

Rings are drawn on maps of up to :data:`geo.settings.WEB_CANVAS_MIN_PARKS` parks; the canvas layer of larger maps
(enterprise points, whole-city views) draws none, and the detail panel still states the radius.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from geo.uncertainty import site_uncertainty

if TYPE_CHECKING:  # matplotlib is for print only: the web map does not pay for its import
    from matplotlib.patches import Circle

#: Stroke of the ring (the park's own colour is used when known).
RING_COLOR = "#555555"
#: Dash pattern of the ring on the web map (SVG) and on the print map (matplotlib on/off, points).
WEB_DASH = "4 5"
PRINT_DASH = (0, (2.5, 2.5))


def ring_radius_m(row: pd.Series | dict) -> float | None:
    """Radius (m) of the ring drawn around a point site, or ``None`` (no ring: a polygon or a certain site)."""
    geom = row.get("geometry") if hasattr(row, "get") else None
    if geom is None or geom.is_empty or geom.geom_type != "Point":
        return None
    u = site_uncertainty(row, geom)
    return u.radius_m if u.ring else None


def web_ring_features(parks: pd.DataFrame) -> list[dict]:
    """One GeoJSON point feature per uncertain point site, drawn by the map's script as a dashed ``L.circle``.

    Parameters
    ----------
    parks : geopandas.GeoDataFrame
        Styled parks (``park_id``, ``color``, ``geometry_quality``, optional ``uncertainty_m``), in the
        display datum.

    Returns
    -------
    list of dict
        Non-interactive features (``_radius_m`` and ``_style``), to go under the park markers.
    """
    out = []
    for _, row in parks.iterrows():
        r = ring_radius_m(row)
        if r is None:
            continue
        color = str(row.get("color") or RING_COLOR)
        out.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(row.geometry.x, 6), round(row.geometry.y, 6)]},
            "properties": {
                "park_id": str(row["park_id"]),
                "uncertainty_m": round(float(r)),
                "_radius_m": float(r),
                "_class": "pm-uncertainty",
                "_style": {"color": color, "weight": 1.2, "opacity": 0.8, "dashArray": WEB_DASH,
                           "fill": True, "fillColor": color, "fillOpacity": 0.05, "interactive": False},
            },
        })
    return out


def ring_sites(parks: pd.DataFrame) -> pd.DataFrame:
    """The uncertain point sites of parks in a metric CRS: ``x``, ``y``, ring radius ``r`` (m) and ``color``."""
    cols = [c for c in ("geometry_quality", "uncertainty_m", "color") if c in parks.columns]
    rows = []
    for rec, geom in zip(parks[cols].to_dict("records"), parks.geometry, strict=True):
        rec["geometry"] = geom
        r = ring_radius_m(rec)
        if r is not None:
            rows.append((geom.x, geom.y, r, str(rec.get("color") or RING_COLOR)))
    return pd.DataFrame(rows, columns=["x", "y", "r", "color"])


def print_rings(parks: pd.DataFrame, linewidth: float, zorder: float = 3) -> list[Circle]:
    """Dashed circles (patches) around uncertain point sites of parks in a metric CRS (radius in metres)."""
    from matplotlib.patches import Circle

    return [Circle((x, y), r, facecolor="none", edgecolor=color, linewidth=linewidth, linestyle=PRINT_DASH,
                   alpha=0.85, zorder=zorder) for x, y, r, color in ring_sites(parks).itertuples(index=False)]
