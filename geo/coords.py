"""Datum conversions (WGS84 ⇄ GCJ-02 ⇄ BD-09) and metric measurements via pyproj."""

from __future__ import annotations

from typing import Literal, TypeVar, Union

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Geod
from shapely.geometry.base import BaseGeometry

from .settings import CRS_PROJECTED, CRS_WGS84

__all__ = [
    "GEOGRAPHIC_CRS",
    "PROJECTED_CRS",
    "DATUMS",
    "out_of_china",
    "wgs84_to_gcj02",
    "gcj02_to_wgs84",
    "gcj02_to_bd09",
    "bd09_to_gcj02",
    "wgs84_to_bd09",
    "bd09_to_wgs84",
    "convert",
    "convert_gdf",
    "to_projected",
    "area_km2",
    "distance_km",
]

#: CRS of all stored data (lon/lat on WGS84).
GEOGRAPHIC_CRS = CRS_WGS84

#: Projected CRS used for metric work: WGS 84 / UTM zone 48N (central meridian
#: 105°E). Chongqing spans ~105.3–110.2°E; the scale error is < 0.03 % west of
#: 108°E and grows to ~0.3 % (linear; ~0.6 % in area) at the eastern tip
#: (巫山/巫溪), which is fine for buffers and display-grade lengths.
#: :func:`area_km2` and :func:`distance_km` default to exact ellipsoidal
#: (geodesic) computation and do not depend on this choice.
PROJECTED_CRS = CRS_PROJECTED

#: Datums accepted by :func:`convert` and :func:`convert_gdf`.
DATUMS = ("wgs84", "gcj02", "bd09")
Datum = Literal["wgs84", "gcj02", "bd09"]

_A = 6378245.0  # Krasovsky 1940 semi-major axis used by the GCJ-02 algorithm
_EE = 0.00669342162296594323  # its first eccentricity squared
_X_PI = np.pi * 3000.0 / 180.0  # BD-09 constant
_GEOD = Geod(ellps="WGS84")

ArrayLike = Union[float, np.ndarray, "pd.Series", list]
T = TypeVar("T", gpd.GeoDataFrame, gpd.GeoSeries)


def _arrays(lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray, bool]:
    """Return float64 arrays and whether both inputs were scalars."""
    scalar = np.ndim(lon) == 0 and np.ndim(lat) == 0
    lon_a, lat_a = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return lon_a.astype(float, copy=True), lat_a.astype(float, copy=True), scalar


def _max_abs(*arrays: np.ndarray) -> float:
    """Largest finite absolute value over arrays (0.0 if there is none)."""
    return max((float(np.abs(a).max(initial=0.0, where=np.isfinite(a))) for a in arrays), default=0.0)


def _out(lon: np.ndarray, lat: np.ndarray, scalar: bool):
    """Return floats for scalar input, arrays otherwise."""
    if scalar:
        return float(lon), float(lat)
    return lon, lat


def out_of_china(lon: ArrayLike, lat: ArrayLike) -> np.ndarray | bool:
    """Whether points lie outside the rough China bbox where GCJ-02 applies.

    Parameters
    ----------
    lon, lat : float or array-like
        Coordinates in degrees.

    Returns
    -------
    bool or numpy.ndarray of bool
        True where no GCJ-02 shift is applied (the usual 72.004–137.8347°E,
        0.8293–55.8271°N bounding box test).
    """
    lon_a, lat_a, scalar = _arrays(lon, lat)
    res = (lon_a < 72.004) | (lon_a > 137.8347) | (lat_a < 0.8293) | (lat_a > 55.8271)
    return bool(res) if scalar else res


def _delta(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 offset (dlon, dlat) in degrees at WGS84 points; zero outside China."""
    x = lon - 105.0
    y = lat - 35.0
    sqrt_abs_x = np.sqrt(np.abs(x))
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt_abs_x
    dlat += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    dlat += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt_abs_x
    dlon += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    dlon += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    rad_lat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    outside = out_of_china(lon, lat)
    dlon = np.where(outside, 0.0, dlon)
    dlat = np.where(outside, 0.0, dlat)
    return dlon, dlat


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike):
    """Convert WGS84 to GCJ-02 (China's obfuscated datum used by Gaode/Tencent).

    Parameters
    ----------
    lon, lat : float or array-like
        WGS84 coordinates in degrees.

    Returns
    -------
    tuple
        ``(lon, lat)`` in GCJ-02: floats for scalar input, arrays otherwise.
        Points outside China are returned unchanged.
    """
    lon_a, lat_a, scalar = _arrays(lon, lat)
    dlon, dlat = _delta(lon_a, lat_a)
    return _out(lon_a + dlon, lat_a + dlat, scalar)


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike, tol: float = 1e-10, max_iter: int = 30):
    """Convert GCJ-02 to WGS84 by iterative inversion of the forward transform.

    Parameters
    ----------
    lon, lat : float or array-like
        GCJ-02 coordinates in degrees.
    tol : float
        Stop when the residual ``|forward(w) - g|`` is below this (degrees;
        1e-10° ≈ 0.01 mm).
    max_iter : int
        Iteration cap (convergence typically takes 3–5 steps).

    Returns
    -------
    tuple
        ``(lon, lat)`` in WGS84: floats for scalar input, arrays otherwise.
    """
    g_lon, g_lat, scalar = _arrays(lon, lat)
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(max_iter):
        dlon, dlat = _delta(w_lon, w_lat)
        r_lon = w_lon + dlon - g_lon
        r_lat = w_lat + dlat - g_lat
        w_lon -= r_lon
        w_lat -= r_lat
        if _max_abs(r_lon, r_lat) < tol:
            break
    return _out(w_lon, w_lat, scalar)


def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike):
    """Convert GCJ-02 to BD-09 (Baidu); applied everywhere, as Baidu's formula is.

    Parameters
    ----------
    lon, lat : float or array-like
        GCJ-02 coordinates in degrees.

    Returns
    -------
    tuple
        ``(lon, lat)`` in BD-09 (≈ +0.0065°, +0.006°).
    """
    x, y, scalar = _arrays(lon, lat)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _X_PI)
    return _out(z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006, scalar)


def bd09_to_gcj02(lon: ArrayLike, lat: ArrayLike, tol: float = 1e-10, max_iter: int = 30):
    """Convert BD-09 to GCJ-02 (closed-form inverse refined by iteration).

    Parameters
    ----------
    lon, lat : float or array-like
        BD-09 coordinates in degrees.
    tol : float
        Residual tolerance in degrees.
    max_iter : int
        Iteration cap.

    Returns
    -------
    tuple
        ``(lon, lat)`` in GCJ-02.
    """
    b_lon, b_lat, scalar = _arrays(lon, lat)
    x = b_lon - 0.0065
    y = b_lat - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    g_lon, g_lat = z * np.cos(theta), z * np.sin(theta)
    for _ in range(max_iter):
        f_lon, f_lat = gcj02_to_bd09(g_lon, g_lat)
        r_lon = np.asarray(f_lon) - b_lon
        r_lat = np.asarray(f_lat) - b_lat
        g_lon = g_lon - r_lon
        g_lat = g_lat - r_lat
        if _max_abs(r_lon, r_lat) < tol:
            break
    return _out(g_lon, g_lat, scalar)


def wgs84_to_bd09(lon: ArrayLike, lat: ArrayLike):
    """Convert WGS84 to BD-09 (via GCJ-02).

    Parameters
    ----------
    lon, lat : float or array-like
        WGS84 coordinates in degrees.

    Returns
    -------
    tuple
        ``(lon, lat)`` in BD-09.
    """
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: ArrayLike, lat: ArrayLike):
    """Convert BD-09 to WGS84 (via GCJ-02).

    Parameters
    ----------
    lon, lat : float or array-like
        BD-09 coordinates in degrees.

    Returns
    -------
    tuple
        ``(lon, lat)`` in WGS84.
    """
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


_CONVERTERS = {
    ("wgs84", "gcj02"): wgs84_to_gcj02,
    ("gcj02", "wgs84"): gcj02_to_wgs84,
    ("gcj02", "bd09"): gcj02_to_bd09,
    ("bd09", "gcj02"): bd09_to_gcj02,
    ("wgs84", "bd09"): wgs84_to_bd09,
    ("bd09", "wgs84"): bd09_to_wgs84,
}


def _check_datum(name: str) -> str:
    key = str(name).lower().replace("-", "").replace("_", "")
    if key not in DATUMS:
        raise ValueError(f"unknown datum {name!r}; expected one of {DATUMS}")
    return key


def convert(lon: ArrayLike, lat: ArrayLike, src: Datum, dst: Datum):
    """Convert coordinates between datums.

    Parameters
    ----------
    lon, lat : float or array-like
        Coordinates in degrees in datum ``src``.
    src, dst : {"wgs84", "gcj02", "bd09"}
        Source and target datums.

    Returns
    -------
    tuple
        ``(lon, lat)`` in ``dst``: floats for scalar input, arrays otherwise.
    """
    s, d = _check_datum(src), _check_datum(dst)
    if s == d:
        lon_a, lat_a, scalar = _arrays(lon, lat)
        return _out(lon_a, lat_a, scalar)
    return _CONVERTERS[(s, d)](lon, lat)


def convert_gdf(gdf: T, src: Datum, dst: Datum) -> T:
    """Return a copy of a GeoDataFrame/GeoSeries with coordinates moved between datums.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or geopandas.GeoSeries
        Lon/lat data (CRS EPSG:4326 or unset; GCJ-02/BD-09 data are commonly
        labelled EPSG:4326 too, since they have no EPSG code).
    src, dst : {"wgs84", "gcj02", "bd09"}
        Source and target datums.

    Returns
    -------
    same type as ``gdf``
        Copy with converted geometries (Z values, if any, are dropped).

    Raises
    ------
    ValueError
        If ``gdf`` has a projected CRS or a datum name is unknown.
    """
    s, d = _check_datum(src), _check_datum(dst)
    if gdf.crs is not None and not CRS.from_user_input(gdf.crs).is_geographic:
        raise ValueError("convert_gdf needs lon/lat coordinates, got a projected CRS")
    out = gdf.copy()
    if s == d:
        return out

    def _tx(coords: np.ndarray) -> np.ndarray:
        lon, lat = convert(coords[:, 0], coords[:, 1], s, d)
        return np.column_stack([lon, lat])

    geoms = shapely.transform(np.asarray(gdf.geometry.values), _tx)
    if isinstance(out, gpd.GeoDataFrame):
        out[out.geometry.name] = gpd.GeoSeries(geoms, index=out.index, crs=gdf.crs)
    else:
        out = gpd.GeoSeries(geoms, index=gdf.index, crs=gdf.crs, name=gdf.name)
    return out


def to_projected(gdf: T, crs: str = PROJECTED_CRS) -> T:
    """Reproject to a metric CRS (default :data:`PROJECTED_CRS`, UTM 48N).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or geopandas.GeoSeries
        Data with a CRS set (WGS84 lon/lat for all project data).
    crs : str
        Target CRS.

    Returns
    -------
    same type as ``gdf``
        Reprojected copy; units are metres.

    Raises
    ------
    ValueError
        If ``gdf`` has no CRS.
    """
    if gdf.crs is None:
        raise ValueError("input has no CRS; set it (e.g. EPSG:4326) before projecting")
    return gdf.to_crs(crs)


def _geodesic_area_m2(geom: BaseGeometry | None) -> float:
    """Ellipsoidal area of a lon/lat geometry in m² (0 for empty/None/non-areal)."""
    if geom is None or geom.is_empty:
        return 0.0
    geom = shapely.orient_polygons(geom, exterior_cw=False)
    area, _ = _GEOD.geometry_area_perimeter(geom)
    return abs(area)


def area_km2(
    obj: BaseGeometry | gpd.GeoSeries | gpd.GeoDataFrame,
    method: Literal["geodesic", "projected"] = "geodesic",
) -> float | pd.Series:
    """Area in km².

    Parameters
    ----------
    obj : shapely geometry, GeoSeries or GeoDataFrame
        A bare geometry is taken as WGS84 lon/lat. GeoSeries/GeoDataFrames are
        reprojected from their CRS (must be set).
    method : {"geodesic", "projected"}
        ``geodesic`` (default): exact area on the WGS84 ellipsoid (pyproj.Geod).
        ``projected``: planar area in :data:`PROJECTED_CRS`.

    Returns
    -------
    float or pandas.Series
        Area of the geometry, or one value per row.
    """
    if method not in ("geodesic", "projected"):
        raise ValueError(f"unknown method {method!r}")
    if isinstance(obj, BaseGeometry):
        if method == "projected":
            obj = gpd.GeoSeries([obj], crs=GEOGRAPHIC_CRS)
            return float(to_projected(obj).area.iloc[0] / 1e6)
        return _geodesic_area_m2(obj) / 1e6
    series = obj.geometry if isinstance(obj, gpd.GeoDataFrame) else obj
    if series.crs is None:
        raise ValueError("input has no CRS; set it (e.g. EPSG:4326)")
    if method == "projected":
        return to_projected(series).area / 1e6
    lonlat = series.to_crs(GEOGRAPHIC_CRS)
    return pd.Series(
        [_geodesic_area_m2(g) / 1e6 for g in lonlat.values],
        index=series.index,
        name="area_km2",
        dtype=float,
    )


def distance_km(lon1: ArrayLike, lat1: ArrayLike, lon2: ArrayLike, lat2: ArrayLike):
    """Geodesic distance on the WGS84 ellipsoid in km.

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float or array-like
        WGS84 coordinates in degrees (broadcast together).

    Returns
    -------
    float or numpy.ndarray
        Distance(s) in kilometres.
    """
    scalar = all(np.ndim(v) == 0 for v in (lon1, lat1, lon2, lat2))
    arrs = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (lon1, lat1, lon2, lat2)))
    shape = arrs[0].shape
    flat = [a.ravel() for a in arrs]
    _, _, dist = _GEOD.inv(flat[0], flat[1], flat[2], flat[3])
    km = np.asarray(dist, dtype=float).reshape(shape) / 1000.0
    return float(km) if scalar else km
