"""GeoJSON pieces the web map's layers share: feature collections, rounded geometries, marker points, ids, numbers."""

from __future__ import annotations

import json
import re

import shapely

_SLUG = re.compile(r"[^a-z0-9-]+")


def slug(value: object) -> str:
    """A CSS-class-safe form of an id (lower case, ``a-z0-9-``; ``x`` when nothing is left)."""
    return _SLUG.sub("-", str(value).lower()).strip("-") or "x"


def as_number(v: object) -> float | None:
    """``v`` as a float, or ``None`` when it is missing, NaN or not a number."""
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if f != f else f


def feature_collection(features: list[dict]) -> dict:
    """A GeoJSON FeatureCollection of ``features``."""
    return {"type": "FeatureCollection", "features": features}


def rounded_geometry(g, precision: float = 1e-5) -> dict:
    """GeoJSON geometry of a shapely geometry, coordinates rounded to ``precision`` degrees."""
    return json.loads(shapely.to_geojson(shapely.set_precision(g, precision)))


def marker_point(g) -> list[float]:
    """[lon, lat] of a park's marker: the point itself, else a point inside the polygon (6 decimals)."""
    p = g if g.geom_type == "Point" else g.representative_point()
    return [round(p.x, 6), round(p.y, 6)]
