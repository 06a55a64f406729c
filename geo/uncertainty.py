"""How uncertain a park's site is: the radius of the ring drawn around an approximate point, or a dashed outline.

Rules (radius in metres):

- a park's own ``uncertainty_m`` (when the data gives one) wins;
- a point at a town/street seat (``town_seat``) or a proxy point (``approximate``) gets the default radius of
  its quality, :data:`geo.settings.SITE_UNCERTAINTY_M`, and a dashed ring on the maps;
- an ``approximate`` polygon is a circle of the plan's stated area: it is drawn with a dashed outline instead of
  a ring, and its equal-area radius is stated;
- a site a planner surveyed, digitised or moved has no ring (unless it states ``uncertainty_m``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from pyproj import Geod
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from . import settings
from .coords import area_km2

_GEOD = Geod(ellps="WGS84")

#: Qualities drawn with a dashed outline when the site is a polygon (its extent is not a surveyed boundary).
DASHED_QUALITIES = ("approximate", "town_seat", "moved")


@dataclass(frozen=True)
class Uncertainty:
    """The uncertainty of one site.

    ``radius_m`` is ``None`` when the site is not uncertain; ``ring`` says whether a ring is drawn (points);
    ``basis`` is ``stated`` (the park's ``uncertainty_m``), ``town_seat``, ``approximate`` (defaults by
    quality), ``circle`` (an approximate circle: dashed outline, equal-area radius) or ``none``.
    """

    radius_m: float | None
    ring: bool
    basis: str


def _num(v: object) -> float | None:
    try:
        f = float(str(v).strip()) if v not in (None, "") else None
    except ValueError:
        return None
    return f if f is not None and math.isfinite(f) and f > 0 else None


def site_uncertainty(props: dict, geom: BaseGeometry | None) -> Uncertainty:
    """The uncertainty of a park's site from its properties and geometry (WGS84).

    Parameters
    ----------
    props : dict or pandas.Series
        The park's properties (``geometry_quality``, optional ``uncertainty_m``).
    geom : shapely geometry or None

    Returns
    -------
    Uncertainty
    """
    quality = str(props.get("geometry_quality", "") or "")
    stated = _num(props.get("uncertainty_m"))
    is_point = geom is not None and not geom.is_empty and geom.geom_type == "Point"
    if stated is not None:
        return Uncertainty(stated, is_point, "stated")
    if is_point and quality in settings.SITE_UNCERTAINTY_M:
        return Uncertainty(float(settings.SITE_UNCERTAINTY_M[quality]), True, quality)
    if geom is not None and not geom.is_empty and not is_point and quality == "approximate":
        return Uncertainty(math.sqrt(float(area_km2(geom)) / math.pi) * 1000.0, False, "circle")
    return Uncertainty(None, False, "none")


def dashed_outline(quality: str) -> bool:
    """Whether a polygon site of this quality is drawn with a dashed outline (an approximate extent)."""
    return str(quality or "") in DASHED_QUALITIES


def ring_polygon(lon: float, lat: float, radius_m: float, n: int = 72) -> Polygon:
    """A geodesic circle of ``radius_m`` around a WGS84 point, as a polygon of ``n`` vertices."""
    az = np.linspace(0.0, 360.0, n, endpoint=False)
    x, y, _ = _GEOD.fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, radius_m))
    return Polygon(np.column_stack([x, y]))
