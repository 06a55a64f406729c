"""The selected park on the web map: its marker point, the ring around it, and which park a click refers to."""

from __future__ import annotations

import re

import folium
import geopandas as gpd
import pandas as pd

from geo import settings
from geo.coords import convert
from geo.load import Dataset

from .geojson import marker_point, slug


def park_point(ds: Dataset, park_id: str, datum: str = "wgs84") -> tuple[float, float] | None:
    """(lat, lon) of a park's marker in the map's datum, or ``None`` for an unknown park."""
    rows = ds.parks[ds.parks["park_id"] == park_id]
    if rows.empty or rows.geometry.iloc[0] is None or rows.geometry.iloc[0].is_empty:
        return None
    lon, lat = marker_point(rows.geometry.iloc[0])
    if datum != "wgs84":
        lon, lat = convert(lon, lat, "wgs84", datum)
    return float(lat), float(lon)


def selection_layer(ds: Dataset, park_id: str, datum: str = "wgs84", radius_px: float = 16.0) -> folium.FeatureGroup:
    """A ring around the selected park (``pm-selected``; empty for no or an unknown park).

    The app hands it to st_folium as a feature group, which the map swaps without being drawn again.
    """
    fg = folium.FeatureGroup(name="selected", control=False)
    at = park_point(ds, park_id, datum) if park_id else None
    if at:
        folium.CircleMarker(
            location=list(at), radius=radius_px, color="#d1495b", weight=3.5, opacity=1, fill=False,
            interactive=False, class_name=f"pm-selected pm-selected-{slug(park_id)}", pane="pm-plabels",
        ).add_to(fg)
    return fg


_TOKEN = re.compile(r"[a-z0-9][a-z0-9-]*")


def park_at_click(out: dict | None, parks: pd.DataFrame, datum: str = "wgs84", max_deg: float = 0.05) -> str:
    """The park a map click refers to (from ``st_folium``'s return value), or ``""``.

    The park id shown in the clicked feature's tooltip wins; otherwise the park nearest to the
    clicked point (in ``datum`` coordinates) within ``max_deg`` degrees.

    Parameters
    ----------
    out : dict or None
        ``st_folium`` result with ``last_object_clicked_tooltip`` and/or ``last_object_clicked``.
    parks : geopandas.GeoDataFrame
        The parks on the map (WGS84).
    datum : str
        Datum of the map's coordinates (``gcj02`` with the Gaode basemap).
    max_deg : float
        Largest distance to the nearest park.

    Returns
    -------
    str
    """
    if not out or len(parks) == 0:
        return ""
    ids = set(parks["park_id"])
    for token in _TOKEN.findall(str(out.get("last_object_clicked_tooltip") or "")):
        if token in ids:
            return token
    ll = out.get("last_object_clicked") or {}
    if not isinstance(ll, dict) or "lat" not in ll or "lng" not in ll:
        return ""
    lon, lat = float(ll["lng"]), float(ll["lat"])
    if datum != "wgs84":
        lon, lat = convert(lon, lat, datum, "wgs84")
    pts = gpd.GeoSeries(parks.geometry, crs=settings.CRS_WGS84).representative_point()
    d2 = ((pts.x - lon) ** 2 + (pts.y - lat) ** 2).to_numpy()
    i = int(d2.argmin())
    return str(parks["park_id"].iloc[i]) if float(d2[i]) <= max_deg**2 else ""
