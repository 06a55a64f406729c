"""Explicit geometry repair: make_valid on invalid park polygons (the ``python -m geo repair`` command is in cli/repair.py)."""

from __future__ import annotations

import json

import shapely
from shapely.geometry import mapping, shape

from . import settings
from .errors import DataValidationError, Problem
from .messages import msg


def repair_features(doc: dict, name: str = settings.PARKS_FILE) -> tuple[dict, list[str]]:
    """Repair invalid (Multi)Polygon geometries of a FeatureCollection with ``make_valid``.

    Only polygonal parts of the repaired geometry are kept, so a park stays a polygon.

    Parameters
    ----------
    doc : dict
        A parsed GeoJSON FeatureCollection.
    name : str
        File name for messages.

    Returns
    -------
    tuple
        The repaired document and one line per repaired feature.
    """
    out = json.loads(json.dumps(doc))
    notes: list[str] = []
    for i, f in enumerate(out.get("features", []), start=1):
        g = f.get("geometry")
        if not g:
            continue
        try:
            geom = shape(g)
        except Exception as exc:
            raise DataValidationError([Problem(name, msg("geometry cannot be read: {error}", error=str(exc)), i, "geometry")]) from None
        if geom.is_valid:
            continue
        reason = shapely.is_valid_reason(geom)
        fixed = shapely.make_valid(geom)
        if fixed.geom_type == "GeometryCollection":
            polys = [p for p in fixed.geoms if p.geom_type in ("Polygon", "MultiPolygon")]
            fixed = shapely.unary_union(polys) if polys else fixed
        props = f.get("properties") or {}
        rid = props.get("park_id") or props.get("district") or f"feature {i}"
        notes.append(
            f"{name} row {i} ({rid}): {reason} → {fixed.geom_type}, "
            f"area {geom.area:.6f} → {fixed.area:.6f} deg²; review the shape"
        )
        f["geometry"] = mapping(fixed)
    return out, notes
