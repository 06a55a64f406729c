"""GeoJSON of the web map's SVG layers: park markers, tier rings, name labels, footprints, logistics parks, districts."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import settings
from geo.coords import area_km2
from geo.uncertainty import dashed_outline

from .. import i18n, style
from ..escape import esc
from ..style import safe_color
from .geojson import as_number, feature_collection, marker_point, rounded_geometry, slug
from .popups import Labels, popup_html, tooltip_html

#: Districts smaller than this (km²) get their name label only from zoom 9 (the crowded city core).
SMALL_DISTRICT_KM2 = 800.0


def _props(row: pd.Series) -> dict:
    """Plain data of a park (for later client-side filtering and scaling; not displayed raw)."""
    scale = as_number(row.get("target_scale_yi"))
    return {
        "park_id": str(row["park_id"]),
        "name_zh": str(row.get("name_zh", "")),
        "name_en": str(row.get("name_en", "")),
        "district": str(row.get("district", "")),
        "kind": str(row.get("kind", "")),
        "tier": str(row.get("tier", "") or ""),
        "sector": str(row.get("dominant_sector", "") or ""),
        "chain": str(row.get("dominant_chain", "") or ""),
        "scale_yi": scale,
        "scale_class": int(row.get("scale_class", -1)),
        "quality": str(row.get("geometry_quality", "")),
    }


def park_layer_features(styled: gpd.GeoDataFrame, labels: Labels) -> dict[str, dict]:
    """GeoJSON of the park groups: ``parks`` (tier rings, markers, name labels), ``footprints``, ``logistics``.

    Parameters
    ----------
    styled : geopandas.GeoDataFrame
        Parks summary with the columns of :func:`layers.style.style_parks`, in the display datum.
    labels : Labels

    Returns
    -------
    dict
        Group name → FeatureCollection.
    """
    halos, markers, names, footprints, logistics = [], [], [], [], []
    logistic_kinds = set(settings.LOGISTICS_KINDS)
    # big parks first, so small markers stay on top and clickable
    order = styled.assign(_r=styled["radius_px"]).sort_values(["_r", "park_id"], ascending=[False, True])
    for _, row in order.iterrows():
        geom = row.geometry
        if geom is None or geom.is_empty:
            continue
        pid = slug(row["park_id"])
        color = safe_color(row["color"])
        radius = float(row["radius_px"])
        hollow = int(row["scale_class"]) < 0
        props = _props(row)
        tip, pop = tooltip_html(row, labels), popup_html(row, labels)
        pt = {"type": "Point", "coordinates": marker_point(geom)}
        is_logistics = row.get("kind") in logistic_kinds
        if geom.geom_type in ("Polygon", "MultiPolygon"):
            footprints.append(
                {
                    "type": "Feature",
                    "geometry": rounded_geometry(geom),
                    "properties": {
                        **props,
                        "_class": f"pm-footprint pm-fp-{pid}",
                        "_style": {
                            "color": color,
                            "weight": 1.6,
                            "opacity": 0.9,
                            "dashArray": "5 4" if dashed_outline(row.get("geometry_quality")) else None,
                            "fillColor": color,
                            "fillOpacity": 0.16,
                        },
                        "_tip": tip,
                        "_popup": pop,
                        "_sticky": True,
                    },
                }
            )
        if is_logistics:
            size = max(10, round(radius * 1.6))
            logistics.append(
                {
                    "type": "Feature",
                    "geometry": pt,
                    "properties": {
                        **props,
                        "_icon": {
                            "className": f"pm-park pm-park-{pid} pm-logi",
                            "html": f'<span class="pm-logi-shape{" pm-hollow" if hollow else ""}" style="--c:{color}"></span>',
                            "size": size,
                        },
                        "_tip": tip,
                        "_popup": pop,
                    },
                }
            )
            continue
        outline = str(row.get("tier") or "") in style.TIER_OUTLINE
        if outline:
            dash = row.get("outline_dash")
            halos.append(
                {
                    "type": "Feature",
                    "geometry": pt,
                    "properties": {
                        "park_id": props["park_id"],
                        "tier": props["tier"],
                        "_class": "pm-halo",
                        "_style": {
                            "radius": radius + 3 + float(row["outline_width"]) / 2,
                            "color": str(row["outline_color"]),
                            "weight": float(row["outline_width"]),
                            "dashArray": dash if isinstance(dash, str) else None,
                            "fill": False,
                            "interactive": False,
                        },
                    },
                }
            )
        markers.append(
            {
                "type": "Feature",
                "geometry": pt,
                "properties": {
                    **props,
                    "_class": f"pm-park pm-park-{pid}" + (" pm-noscale" if hollow else ""),
                    "_style": {
                        "radius": radius,
                        "color": color if hollow else "#ffffff",
                        "weight": 2.6 if hollow else 1.2,
                        "opacity": 1,
                        "fillColor": color if not hollow else "#ffffff",
                        "fillOpacity": 0.55 if hollow else float(row["fill_opacity"]),
                    },
                    "_tip": tip,
                    "_popup": pop,
                },
            }
        )
        names.append(
            {
                "type": "Feature",
                "geometry": pt,
                "properties": {
                    "park_id": props["park_id"],
                    "_label": f'<span style="transform:translate({radius + 6:.0f}px,-50%)">{esc(i18n.park_name(row, labels.lang))}</span>',
                    "_label_class": "pm-plabel",
                    "_pane": "pm-plabels",
                },
            }
        )
    return {
        "parks": feature_collection(halos + markers + names),
        "footprints": feature_collection(footprints),
        "logistics": feature_collection(logistics),
    }


def _city_outline(geoms) -> object:
    """Outer boundary of the whole city (exterior rings only; inner slivers between districts dropped)."""
    geoms = np.asarray(geoms, dtype=object)
    union = shapely.coverage_union_all(geoms)  # districts tile the city: fast, exact union
    if abs(union.area - float(shapely.area(geoms).sum())) > 0.005 * union.area:  # not a clean tiling
        union = shapely.union_all(shapely.buffer(geoms, 0.0005)).buffer(-0.0005)
    parts = getattr(union, "geoms", [union])
    rings = [shapely.LineString(p.exterior.coords) for p in parts if p.geom_type == "Polygon" and p.area > 1e-4]
    return shapely.MultiLineString(rings).simplify(settings.WEB_DISTRICT_SIMPLIFY_DEG)


_DISTRICT_GEOMS: dict[tuple, tuple[list, dict]] = {}


def district_shapes(districts: gpd.GeoDataFrame) -> tuple[list[tuple[str, dict, list[float], bool]], dict]:
    """Per district (name, simplified GeoJSON geometry, label point, small?) and the city outline; memoised.

    The work (simplifying, the city outline, areas) depends only on the district geometries, so it is
    kept per geometry set: a filter change does not redo it (the app also keeps it in its disk cache
    and passes it to :func:`layer_data`).
    """
    key = (len(districts), tuple(round(float(v), 7) for v in districts.total_bounds),
           round(float(shapely.area(districts.geometry.values).sum()), 9), tuple(districts["district"]))
    hit = _DISTRICT_GEOMS.get(key)
    if hit is not None:
        return hit
    simple = districts.geometry.simplify(settings.WEB_DISTRICT_SIMPLIFY_DEG, preserve_topology=True)
    small = area_km2(gpd.GeoSeries(districts.geometry.values, crs=settings.CRS_WGS84)) < SMALL_DISTRICT_KM2
    rows = [
        (str(name), rounded_geometry(g, 1e-4), marker_point(full), bool(sm))
        for name, g, full, sm in zip(districts["district"], simple, districts.geometry, small, strict=False)
    ]
    out = (rows, rounded_geometry(_city_outline(districts.geometry.values), 1e-4))
    if len(_DISTRICT_GEOMS) > 8:
        _DISTRICT_GEOMS.clear()
    _DISTRICT_GEOMS[key] = out
    return out


def district_features(
    districts: gpd.GeoDataFrame, labels: Labels, focus: set[str], tiles: bool, shapes: tuple | None = None
) -> dict:
    """GeoJSON of district polygons (filled when there is no basemap), the city outline and name labels.

    ``shapes`` is :func:`district_shapes` of ``districts`` when the caller has it already.
    """
    rows, city = shapes or district_shapes(districts)
    feats, label_feats = [], []
    for name, geom, point, small in rows:
        is_focus = name in focus
        feats.append(
            {
                "type": "Feature",
                "geometry": geom,
                "properties": {
                    "district": name,
                    "_class": "pm-district",
                    "_style": {
                        "color": style.DISTRICT_EDGE,
                        "weight": 1.1 if is_focus else 0.7,
                        "opacity": 0.9 if tiles else 0.75,
                        "fillColor": style.FOCUS_DISTRICT_FILL if is_focus else style.DISTRICT_FILL,
                        "fillOpacity": 0.12 if tiles else 1.0,
                        "interactive": False,
                    },
                },
            }
        )
        label_feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": point},
                "properties": {
                    "district": name,
                    "_label": f"<span>{esc(labels.district(name))}</span>",
                    "_label_class": "pm-dlabel" + (" pm-dlabel-focus" if is_focus else "") + (" pm-dlabel-small" if small else ""),
                    "_pane": "pm-dlabels",
                },
            }
        )
    outline = {
        "type": "Feature",
        "geometry": city,
        "properties": {"_class": "pm-city", "_style": {"color": "#4a4a4a", "weight": 2.2, "opacity": 0.8, "fill": False, "interactive": False}},
    }
    return feature_collection(feats + [outline] + label_feats)
